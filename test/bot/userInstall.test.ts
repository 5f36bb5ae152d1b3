import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POST_ID } from '../../src/bot/replies.js';
import { type Harness, type SentMessage, callbackTo, startHarness } from '../support/bot.js';
import {
	CHANNEL_ID,
	DM_CHANNEL_ID,
	GUILD_ID,
	HUMAN,
	OTHER_CHANNEL_ID,
	OTHER_GUILD_ID,
	forwardedMessage,
	messageObject,
	userInstalled,
} from '../support/fakeDiscord.js';

// The app installed to a reporter's own account: used in a server without the bot, in a DM and in a
// group DM, as Discord sends those interactions (authorizing_integration_owners, context, no
// guild_id or member in a DM). The commands are registered first, as deploy-commands does, and the
// loopback Discord refuses what Discord would never send.

const EPHEMERAL = 64;
let h: Harness;
beforeAll(async () => {
	h = await startHarness([], { register: true });
});
afterEach(() => {
	expect(h.server.rejected.map((r) => ({ path: r.path, errors: r.errors }))).toEqual([]);
});
afterAll(async () => {
	await h?.stop();
});

const callback = (token: string) => callbackTo(h.server, token);
const buttons = (body: SentMessage) => (body.components ?? []).flatMap((row) => row.components);
const fact = (query: string, where: Record<string, unknown>) =>
	h.server.interaction(
		2,
		{ id: '1', name: 'fact', type: 1, options: [{ name: 'query', type: 3, value: query }] },
		where,
	);
/** Clicks a button of the message an interaction's reply made, where that interaction came from. */
const click = (token: string, customId: string, where: Record<string, unknown>) =>
	h.server.interaction(
		3,
		{ custom_id: customId, component_type: 2 },
		{ ...where, message: h.server.original(token) },
	);

describe('registration: where each command may be used', () => {
	it("offers the reporters' commands to user installs everywhere, and keeps the server's own to servers that installed the bot", () => {
		const { registered } = h.server;
		for (const name of ['fact', 'chart', 'check', 'compare', 'calc', 'sources', 'help', 'Check numbers'])
			expect(registered.get(name), name).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
		for (const name of ['digest', 'reload', 'gaps', 'data'])
			expect(registered.get(name), name).toMatchObject({ integration_types: [0], contexts: [0] });
	});

	it('refuses what Discord refuses: a server-only command through a user install, or in a DM', () => {
		const digest = { id: '1', name: 'digest', type: 1, options: [{ type: 1, name: 'list', options: [] }] };
		expect(() => h.server.interaction(2, digest, userInstalled('server'))).toThrow(
			/would not send \/digest through install 1/,
		);
		expect(() => h.server.interaction(2, digest, userInstalled('dm'))).toThrow(
			/would not send \/digest in context 2/,
		);
	});
});

describe('a user-installed /fact', () => {
	it.each([
		['in a server without the bot', 'server'],
		['in a DM', 'dm'],
		['in a group DM', 'group'],
	] as const)('%s: the answer only the reporter sees, with Cite and Post to channel', async (_name, where) => {
		const { token } = fact('tourists 2025', userInstalled(where));
		const { type, data } = await callback(token);
		expect(type).toBe(4);
		expect(data.flags).toBe(EPHEMERAL);
		expect(data.embeds?.[0]?.description).toContain('5,075');
		const ids = buttons(data).map((b) => b.custom_id);
		expect(ids).toContain('cite:nk-travel/ru-nk-2025-tourists');
		expect(ids.find((id) => id?.startsWith(POST_ID))).toMatch(new RegExp(`^${POST_ID}:[\\w-]{22}$`));
	});

	it('in a server channel where the app may not post: only the reporter sees it, and no Post button', async () => {
		const { data } = await callback(fact('tourists 2025', userInstalled('server-readonly')).token);
		expect(data.flags).toBe(EPHEMERAL);
		expect(buttons(data).some((b) => b.custom_id?.startsWith(POST_ID))).toBe(false);
		// Nor under a check there.
		const check = h.server.interaction(
			2,
			{
				id: '1',
				name: 'check',
				type: 1,
				options: [{ name: 'text', type: 3, value: '9,985 Russians visited North Korea in 2025' }],
			},
			userInstalled('server-readonly'),
		);
		const checked = await callback(check.token);
		expect(checked.data.flags).toBe(EPHEMERAL);
		expect(checked.data.embeds?.[0]?.description).toMatch(/matches/);
		expect(buttons(checked.data).some((b) => b.custom_id?.startsWith(POST_ID))).toBe(false);
	});

	it('where the newsroom installed the bot: answered for everyone, as before', async () => {
		const { data } = await callback(fact('tourists 2025', {}).token);
		expect(data.flags ?? 0).toBe(0);
		expect(buttons(data).some((b) => b.custom_id?.startsWith(POST_ID))).toBe(false);
	});

	it('Post to channel: posted once for everyone, saying who asked, with its Cite button, pinging nobody', async () => {
		const where = userInstalled('server');
		const { token } = fact('tourists 2025', where);
		const { data } = await callback(token);
		const post = buttons(data).find((b) => b.custom_id?.startsWith(POST_ID))!.custom_id!;
		const clicked = click(token, post, where);
		const update = await callback(clicked.token);
		expect(update.type).toBe(7);
		expect(buttons(update.data).map((b) => b.custom_id)).toEqual(['cite:nk-travel/ru-nk-2025-tourists']);
		const followUp = await h.server.waitForRequest(
			(r) => r.method === 'POST' && r.path.endsWith(`/${clicked.token}`),
		);
		const posted = followUp.body as SentMessage & { allowed_mentions?: { parse: unknown[] } };
		expect(posted.content).toBe(`Asked for by <@${HUMAN.id}>:`);
		expect(posted.flags ?? 0).toBe(0);
		expect(posted.allowed_mentions?.parse).toEqual([]);
		expect(posted.embeds?.[0]?.description).toContain('5,075');
		expect(buttons(posted).map((b) => b.custom_id)).toEqual(['cite:nk-travel/ru-nk-2025-tourists']);
		// A second click (a replay) posts nothing more.
		const again = await callback(click(token, post, where).token);
		expect(again.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/already been posted/) });
	});
});

describe("the other reporters' commands, user-installed in a DM", () => {
	const slash = (name: string, options: Record<string, string>) =>
		h.server.interaction(
			2,
			{
				id: '1',
				name,
				type: 1,
				options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })),
			},
			userInstalled('dm'),
		);
	it.each([
		['compare', { a: 'figure:ru-nk-2025-tourists', b: 'figure:ru-nk-2024-tourists' }],
		['calc', { expression: 'ru_nk_2025_total - ru_nk_2024_total' }],
		['sources', {}],
		['help', {}],
	])('/%s: only the reporter sees it, with Post to channel', async (name, options) => {
		const { data } = await callback(slash(name, options).token);
		expect(data.flags).toBe(EPHEMERAL);
		if (name === 'compare') expect(data.embeds?.[0]?.description).toContain('+3,118');
		expect(buttons(data).some((b) => b.custom_id?.startsWith(`${POST_ID}:`))).toBe(true);
	});
});

describe('a user-installed /chart', () => {
	it('comes with its image, Cite and Post; posting it posts the chart too', async () => {
		const where = userInstalled('server');
		const { token } = h.server.interaction(
			2,
			{
				id: '1',
				name: 'chart',
				type: 1,
				options: [{ name: 'query', type: 3, value: 'russians to north korea by year' }],
			},
			where,
		);
		const first = await callback(token);
		expect(first.data.flags).toBe(EPHEMERAL);
		const edit = await h.server.waitForRequest(
			(r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`) && r.files.length > 0,
		);
		expect(edit.files[0]).toMatchObject({ filename: 'chart.png', contentType: 'image/png' });
		const shown = h.server.original(token) as SentMessage & { attachments: { url: string }[] };
		expect(shown.flags).toBe(EPHEMERAL);
		expect(shown.embeds?.[0]?.image?.url).toBe(shown.attachments[0]?.url);
		const post = buttons(shown).find((b) => b.custom_id?.startsWith(POST_ID))!.custom_id!;
		expect(buttons(shown).some((b) => b.custom_id?.startsWith('cite:'))).toBe(true);
		const clicked = click(token, post, where);
		const followUp = await h.server.waitForRequest(
			(r) => r.method === 'POST' && r.path.endsWith(`/${clicked.token}`),
		);
		expect(followUp.files).toHaveLength(1);
		expect(followUp.files[0]!.data.equals(edit.files[0]!.data)).toBe(true);
		expect((followUp.body as SentMessage).embeds?.[0]?.image?.url).toBe('attachment://chart.png');
	});
});

describe('forwarded messages', () => {
	const claim = 'Russian tourism to North Korea tripled in 2025, per the FSB.';
	const from = { guild_id: OTHER_GUILD_ID, channel_id: OTHER_CHANNEL_ID, message_id: '999999999999999991' };

	it('"Check numbers" on a forward (user-installed, in a DM) checks the forwarded text and says where it came from', async () => {
		const target = forwardedMessage(DM_CHANNEL_ID, { content: claim }, from);
		const { token } = h.server.messageCommand('Check numbers', target, userInstalled('dm'));
		expect((await callback(token)).data.flags).toBe(EPHEMERAL);
		const edit = await h.server.waitForRequest(
			(r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`),
		);
		const embed = (edit.body as SentMessage).embeds?.[0];
		expect(embed?.description).toMatch(/differs from the data[\s\S]*> “Russian tourism[\s\S]*×2\.59/);
		expect(embed?.fields?.[0]).toEqual({
			name: 'Forwarded message',
			value: `Checked the text forwarded from [the original message](https://discord.com/channels/${OTHER_GUILD_ID}/${OTHER_CHANNEL_ID}/${from.message_id}).`,
		});
	});

	it('/check given a link to a forwarded message checks the forwarded text; a message the bot cannot see is said so', async () => {
		const forward = forwardedMessage(CHANNEL_ID, { content: claim }, from);
		h.server.addMessage(CHANNEL_ID, forward);
		const link = `https://discord.com/channels/${GUILD_ID}/${CHANNEL_ID}/${forward.id as string}`;
		const { data } = await callback(h.server.command('check', { text: link }).token);
		expect(data.embeds?.[0]?.description).toMatch(/differs from the data[\s\S]*×2\.59/);
		expect(data.embeds?.[0]?.fields?.[0]?.name).toBe('Forwarded message');
		const hidden = `https://discord.com/channels/${OTHER_GUILD_ID}/${OTHER_CHANNEL_ID}/${from.message_id}`;
		const refused = await callback(h.server.command('check', { text: hidden }).token);
		expect(refused.data).toMatchObject({
			flags: EPHEMERAL,
			content: expect.stringMatching(/cannot read that message.*Check numbers/),
		});
	});

	it('a message of its own is checked as ever, with no forward note', async () => {
		const target = messageObject(CHANNEL_ID, HUMAN, { content: claim });
		const { token } = h.server.messageCommand('Check numbers', target);
		await callback(token);
		const edit = await h.server.waitForRequest(
			(r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`),
		);
		expect(JSON.stringify(edit.body)).not.toContain('Forwarded');
	});
});
