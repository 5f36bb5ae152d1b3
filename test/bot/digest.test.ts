import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, callbackOf, startHarness } from '../support/bot.js';
import { CHANNEL_ID, FakeDiscord, GUILD_ID } from '../support/fakeDiscord.js';

let h: Harness;
beforeAll(async () => {
	h = await startHarness([], { digests: true });
});
afterEach(() => {
	expect(h.server.rejected.map((r) => ({ path: r.path, errors: r.errors }))).toEqual([]);
});
afterAll(async () => {
	await h?.stop();
});

const MANAGE_GUILD = '32';
const admin = { member: FakeDiscord.member(MANAGE_GUILD) };
const resolved = {
	channels: {
		[CHANNEL_ID]: {
			id: CHANNEL_ID,
			type: 0,
			name: 'newsroom',
			permissions: '2251799813685247',
			guild_id: GUILD_ID,
		},
	},
};
const sub = (name: string, options: unknown[] = []) => [{ name, type: 1, options }];
const digestPosts = () =>
	h.server.requests.filter(
		(r) =>
			r.method === 'POST' &&
			r.path === `/channels/${CHANNEL_ID}/messages` &&
			typeof (r.body as { nonce?: string }).nonce === 'string',
	);

type Reply = { type: number; data: { content?: string; flags?: number; embeds?: { description?: string }[] } };

/** The reply the user sees: the callback, or for a deferred one (type 5) the edit that follows it. */
async function reply(token: string): Promise<Reply> {
	const callback = (await h.server.waitForRequest(callbackOf(token))).body as Reply;
	if (callback.type !== 5) return callback;
	const edit = await h.server.waitForRequest(
		(r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`),
	);
	return { type: 5, data: { ...(edit.body as Reply['data']), flags: callback.data.flags } };
}

/** `/digest subscribe` as an admin; resolves with the reply the admin sees. */
function subscribe(
	schedule: string,
	{
		channel = CHANNEL_ID,
		timezone,
		channels = resolved,
	}: { channel?: string; timezone?: string; channels?: object } = {},
): Promise<Reply> {
	const options = [
		{ name: 'channel', type: 7, value: channel },
		{ name: 'schedule', type: 3, value: schedule },
		...(timezone ? [{ name: 'timezone', type: 3, value: timezone }] : []),
	];
	return reply(h.server.rawCommand('digest', sub('subscribe', options), admin, channels).token);
}

describe('/digest, end to end with a real schedule', () => {
	it('GIVEN a member without Manage Server THEN /digest is refused at run time', async () => {
		const { token } = h.server.rawCommand('digest', sub('list'), { member: FakeDiscord.member('0') });
		expect((await reply(token)).data).toMatchObject({
			content: 'Managing digests needs the Manage Server permission.',
			flags: 64,
		});
	});

	it('GIVEN a bad schedule or time zone THEN subscribe explains, ephemerally', async () => {
		const bad = await subscribe('every tuesday-ish');
		expect(bad.data.flags).toBe(64);
		expect(bad.data.content).toMatch(/preset such as "weekdays 08:00"/);
		const zone = await subscribe('daily 08:00', { timezone: 'Moon/Base' });
		expect(zone.data.content).toMatch(/not a time zone this server knows/);
	});

	it('GIVEN a subscription every 2 seconds THEN the real scheduler posts one digest per slot, each with its own nonce', async () => {
		const created = await subscribe('*/2 * * * * *', { timezone: 'Asia/Seoul' });
		expect(created.data.content).toMatch(/Digest #1 will post to <#\d+>/);
		await expect.poll(() => digestPosts().length, { timeout: 15_000, interval: 100 }).toBeGreaterThanOrEqual(2);
		const nonces = digestPosts().map((r) => (r.body as { nonce: string }).nonce);
		expect(new Set(nonces).size).toBe(nonces.length);
		const [first] = digestPosts();
		expect((first!.body as { embeds: { description: string }[] }).embeds[0]?.description).toContain('9,985');
		// Every message the channel got is recorded as sent: the store is written once Discord has
		// answered, so it may trail the channel by a moment.
		await expect.poll(() => h.store!.sent(1).length >= h.server.messagesIn(CHANNEL_ID).length).toBe(true);
	});

	it('lists, previews, sends now and unsubscribes', async () => {
		const list = await reply(h.server.rawCommand('digest', sub('list'), admin).token);
		expect(list.data.content).toMatch(/#1\*\* <#\d+> · `\*\/2 \* \* \* \* \*` \(Asia\/Seoul\)\n {2}next: /);
		const preview = await reply(
			h.server.rawCommand('digest', sub('preview', [{ name: 'id', type: 4, value: 1 }]), admin).token,
		);
		expect(preview.data.flags).toBe(64);

		const before = h.server.messagesIn(CHANNEL_ID).length;
		const now = await reply(
			h.server.rawCommand('digest', sub('send-now', [{ name: 'id', type: 4, value: 1 }]), admin).token,
		);
		expect(now.data.content).toMatch(/Digest #1 posted to <#\d+>/);
		expect(h.server.messagesIn(CHANNEL_ID).length).toBeGreaterThan(before);

		const gone = await reply(
			h.server.rawCommand('digest', sub('unsubscribe', [{ name: 'id', type: 4, value: 1 }]), admin).token,
		);
		expect(gone.data.content).toBe('Digest #1 stopped.');
		const count = digestPosts().length;
		await new Promise((resolve) => setTimeout(resolve, 2_500));
		expect(digestPosts().length).toBe(count);
		const missing = await reply(
			h.server.rawCommand('digest', sub('send-now', [{ name: 'id', type: 4, value: 1 }]), admin).token,
		);
		expect(missing.data.content).toMatch(/There is no digest #1 in this server/);
	});

	it('GIVEN a schedule more often than every 5 minutes, or one that never runs, THEN subscribe refuses it with the reason', async () => {
		const tooOften = await subscribe('* * * * * *');
		expect(tooOften.data.content).toMatch(/would post more than once every 2 seconds/);
		const never = await subscribe('0 0 31 2 *');
		expect(never.data.content).toMatch(/no run in the next year/);
	});

	it('GIVEN a channel of another server THEN subscribe refuses it', async () => {
		const foreign = '777777777777777777';
		h.server.channelGuilds.set(foreign, '888888888888888888');
		const other = {
			channels: {
				[foreign]: {
					id: foreign,
					type: 0,
					name: 'elsewhere',
					permissions: '2251799813685247',
					guild_id: '888888888888888888',
				},
			},
		};
		const refused = await subscribe('daily 08:00', { channel: foreign, channels: other });
		expect(refused.data.content).toMatch(/not in this server/);
		expect(h.store!.subscriptions().some((s) => s.channelId === foreign)).toBe(false);
	});

	it('GIVEN 25 digests in a server THEN a 26th is refused', async () => {
		const added = Array.from({ length: 25 - h.store!.countSubscriptions(GUILD_ID) }, () =>
			h.store!.addSubscription({
				guildId: GUILD_ID,
				channelId: CHANNEL_ID,
				cron: '0 8 * * *',
				scheduleText: 'daily 08:00',
				timezone: 'UTC',
				createdAt: Date.now(),
				createdBy: 'test',
			}),
		);
		const refused = await subscribe('daily 09:00');
		expect(refused.data.content).toMatch(/already has 25 digests/);
		for (const s of added) h.store!.removeSubscription(s.id, GUILD_ID, Date.now());
	});
});
