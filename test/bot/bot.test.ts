import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SlashCommandBuilder } from 'discord.js';
import { commands } from '../../commands/index.js';
import { type SlashCommand, UserFacingError } from '../../src/bot/command.js';
import { PICK_ID, POST_ID } from '../../src/bot/replies.js';
import { type Harness, TOKEN, callbackOf, startHarness } from '../support/bot.js';
import { BOT_USER, CHANNEL_ID, FakeDiscord, HUMAN, messageObject } from '../support/fakeDiscord.js';

interface Callback {
	type: number;
	data: {
		embeds?: { title: string; description: string; fields: { name: string; value: string }[] }[];
		components?: { components: { custom_id: string; options: { label: string; value: string }[] }[] }[];
		choices?: { name: string; value: string }[];
		allowed_mentions?: { parse: string[]; replied_user?: boolean };
		flags?: number;
		content?: string;
	};
}

const EPHEMERAL = 64;

const failing: SlashCommand[] = [
	{
		data: new SlashCommandBuilder().setName('boom').setDescription('fails').toJSON(),
		async execute() {
			throw new Error('database on fire: secret internal detail');
		},
	},
	{
		data: new SlashCommandBuilder().setName('refuse').setDescription('refuses').toJSON(),
		async execute() {
			throw new UserFacingError('That figure is not in the data.');
		},
	},
];

let h: Harness;
beforeAll(async () => {
	h = await startHarness(failing);
});
afterAll(async () => {
	await h?.stop();
});
afterEach(() => {
	// Every body the bot sent must be one Discord accepts (the fake answers 400 as Discord would).
	expect(h.server.rejected.map((r) => ({ path: r.path, errors: r.errors }))).toEqual([]);
});

async function callback(token: string): Promise<Callback> {
	return (await h.server.waitForRequest(callbackOf(token))).body as Callback;
}

describe('the bot, with the real discord.js client against a local Discord-compatible server', () => {
	it('GIVEN /fact THEN the reply embeds the figure, cites its source and pings nobody', async () => {
		const { token } = h.server.command('fact', { query: 'How many Russians visited North Korea in 2025?' });
		const { type, data } = await callback(token);
		expect(type).toBe(4);
		const [embed] = data.embeds ?? [];
		expect(embed?.description).toContain('9,985');
		expect(embed?.fields[0]?.name).toContain('NK News and Verstka');
		expect(embed?.fields[0]?.value).toContain('Russian Federal Security Service (FSB)');
		expect(embed?.fields[0]?.value).toContain('9,985 Russians traveled to North Korea in 2025');
		expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
		await expect
			.poll(() => h.logs.lines.find((l) => l.msg === 'interaction' && l.command === 'fact'))
			.toMatchObject({ outcome: 'ok', ms: expect.any(Number), interactionId: expect.any(String) });
	});

	it('GIVEN a chosen autocomplete value THEN /fact answers that exact figure', async () => {
		const { token } = h.server.command('fact', { query: 'figure:ru-nk-2025-rail' });
		expect((await callback(token)).data.embeds?.[0]?.description).toContain('3,453');
	});

	it('GIVEN typing in /fact THEN autocomplete offers at most 25 choices of at most 100 characters', async () => {
		const { token } = h.server.autocomplete('fact', 'query', 'tourists');
		const { type, data } = await callback(token);
		expect(type).toBe(8);
		expect(data.choices?.length).toBeGreaterThan(0);
		expect(data.choices!.length).toBeLessThanOrEqual(25);
		for (const choice of data.choices!) {
			expect(choice.name.length).toBeLessThanOrEqual(100);
			expect(choice.value.length).toBeLessThanOrEqual(100);
		}
		expect(data.choices!.map((c) => c.value)).toContain('figure:ru-nk-2025-tourists');
	});

	it('GIVEN /compare THEN the reply computes difference, change and ratio citing both inputs', async () => {
		const { token } = h.server.command('compare', {
			a: 'figure:ru-nk-2025-tourists',
			b: 'figure:ru-nk-2024-tourists',
		});
		const { data } = await callback(token);
		const embed = data.embeds?.[0];
		expect(embed?.description).toContain('+3,118');
		expect(embed?.description).toContain('+159.3%');
		expect(embed?.description).toContain('2.59 times');
		expect(embed?.fields.map((f) => f.value).join('\n')).toMatch(/5,075 people[\s\S]*1,957 Russian tourists/);
	});

	it('GIVEN /compare of something that is not one figure THEN it refuses, ephemerally, with the reason', async () => {
		const { token } = h.server.command('compare', { a: 'visitors', b: 'tourists 2024' });
		const { data } = await callback(token);
		expect(data.flags).toBe(EPHEMERAL);
		expect(data.embeds?.[0]?.description).toMatch(/matches \d+ periods/);
	});

	it('GIVEN /sources THEN it lists the sources; with a source THEN its figures with their quotes', async () => {
		const all = await callback(h.server.command('sources', {}).token);
		expect(all.data.embeds?.[0]?.description).toContain('Alexander Kozlov');
		const one = await callback(h.server.command('sources', { source: 'source:kozlov-tourism-projects' }).token);
		expect(one.data.embeds?.[0]?.description).toContain('an estimated 7,000');
		expect(one.data.embeds?.[0]?.fields.map((f) => f.value).join('\n')).toContain(
			'With about 4,000 Russian visitors in 2024',
		);
		const typed = await callback(h.server.command('sources', { source: 'kozlov' }).token);
		expect(typed.data.embeds?.[0]?.title).toContain('Alexander Kozlov');
	});

	it('GIVEN /help THEN it explains what the bot knows, ephemerally', async () => {
		const { data } = await callback(h.server.command('help', {}).token);
		expect(data.flags).toBe(EPHEMERAL);
		expect(data.embeds?.[0]?.description).toMatch(/Periods covered: 2023/);
	});

	it.each(['russia north korea', 'russia to egypt', 'russia turkey', 'russia south korea'])(
		'GIVEN the everyday question "%s" THEN the reply is one Discord accepts: answered, or a menu of distinct readings',
		async (query) => {
			const { data } = await callback(h.server.command('fact', { query }).token);
			const options = data.components?.[0]?.components[0]?.options ?? [];
			expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
			if (options.length === 0) expect(data.embeds?.[0]?.description).toMatch(/\d/);
			else expect(options.length).toBeGreaterThan(1);
		},
	);

	it("GIVEN a body Discord would refuse THEN the local server answers 400 with Discord's error shape", async () => {
		const menu = {
			type: 3,
			custom_id: 'x',
			options: [
				{ label: 'a', value: 'same' },
				{ label: 'b', value: 'same' },
			],
		};
		const error = await h.bot.client.rest
			.post(`/channels/${CHANNEL_ID}/messages`, {
				body: { content: 'x'.repeat(2001), components: [{ type: 1, components: [menu] }] },
			})
			.catch((e: unknown) => e);
		expect(error).toMatchObject({ status: 400, code: 50035 });
		const rejected = h.server.rejected.splice(0);
		expect(rejected).toHaveLength(1);
		expect(rejected[0]!.errors.map((e) => e.code).sort()).toEqual([
			'BASE_TYPE_BAD_LENGTH',
			'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
		]);
		expect((error as { rawError: { errors: unknown } }).rawError.errors).toMatchObject({
			components: {
				0: {
					components: {
						0: {
							options: {
								1: { value: { _errors: [{ code: 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED' }] } },
							},
						},
					},
				},
			},
		});
	});

	it('GIVEN an ambiguous question THEN a menu offers the readings, and choosing one answers it', async () => {
		const { token } = h.server.command('fact', { query: 'korea 2025' });
		const { data } = await callback(token);
		const menu = data.components?.[0]?.components[0];
		expect(menu?.custom_id).toMatch(new RegExp(`^${PICK_ID}:[0-9a-f]{12}$`));
		expect(menu?.options.map((o) => o.value)).toContain('figure:ru-kr-2025-total');

		const pick = h.server.interaction(
			3,
			{ custom_id: PICK_ID, component_type: 3, values: ['figure:ru-kr-2025-total'] },
			{ message: messageObject(CHANNEL_ID, BOT_USER) },
		);
		const update = await callback(pick.token);
		expect(update.type).toBe(7);
		expect(update.data.embeds?.[0]?.description).toContain('33,110');
		// The menu is gone; the answer now offers to cite the figure it gives.
		expect(update.data.components?.map((row) => row.components.map((c) => c.custom_id))).toEqual([
			['cite:nk-travel/ru-kr-2025-total'],
		]);
	});

	it('GIVEN Cite under an answer THEN a copy-ready line for a draft: the figure, what it counts, who says so, when, where', async () => {
		const { data } = await callback(h.server.command('fact', { query: 'tourists 2025' }).token);
		const cite = data.components?.[0]?.components[0];
		expect(cite?.custom_id).toBe('cite:nk-travel/ru-nk-2025-tourists');
		const clicked = h.server.interaction(
			3,
			{ custom_id: cite!.custom_id, component_type: 2 },
			{ message: messageObject(CHANNEL_ID, BOT_USER, { embeds: data.embeds }) },
		);
		const reply = await callback(clicked.token);
		expect(reply.type).toBe(4);
		expect(reply.data.flags).toBe(EPHEMERAL);
		expect(reply.data.content).toMatch(
			// The source gives no address, so none is invented.
			/^5,075 visitors: Russians → North Korea, tourists, 2025 \(Russian Federal Security Service \(FSB\) border data via NK News and Verstka, date not stated\)$/,
		);
		expect(reply.data.allowed_mentions).toMatchObject({ parse: [] });
		const gone = h.server.interaction(
			3,
			{ custom_id: 'cite:nk-travel/no-such-figure', component_type: 2 },
			{ message: messageObject(CHANNEL_ID, BOT_USER) },
		);
		expect((await callback(gone.token)).data.content).toMatch(/no longer in the data/);
	});

	it('GIVEN /check THEN each claim is judged, seen only by the person who asked, with a button that posts it to the channel', async () => {
		const { token } = h.server.command('check', {
			text: 'is it true that 7000 russians visited north korea in 2025? And 40,000 visited South Korea.',
		});
		const { type, data } = await callback(token);
		expect(type).toBe(4);
		expect(data.flags).toBe(EPHEMERAL);
		const embed = data.embeds?.[0];
		expect(embed?.title).toBe('Checked 2 claims');
		expect(embed?.description).toMatch(/disputed[\s\S]*follows Alexander Kozlov[\s\S]*differs from the data/);
		expect(embed?.fields.some((f) => f.value.includes('9,985 Russians'))).toBe(true);
		expect(data.allowed_mentions).toMatchObject({ parse: [] });
		const button = data.components?.[0]?.components[0];
		expect(button?.custom_id).toMatch(new RegExp(`^${POST_ID}:[\\w-]{22}$`));

		// Discord hands the bot its own ephemeral message back with the click.
		const check = messageObject(CHANNEL_ID, BOT_USER, { embeds: data.embeds, flags: EPHEMERAL });
		const click = () =>
			h.server.interaction(3, { custom_id: button!.custom_id, component_type: 2 }, { message: check });
		const posted = click();
		// The button goes from the check (an update), and the check comes to the channel as a follow-up.
		const update = await callback(posted.token);
		expect(update).toMatchObject({ type: 7, data: { components: [] } });
		const post = (await h.server.waitForRequest((r) => r.method === 'POST' && r.path.endsWith(`/${posted.token}`)))
			.body as Callback['data'];
		expect(post.flags ?? 0).toBe(0);
		expect(post.embeds?.[0]?.description).toBe(embed?.description);
		expect(post.content).toBe(`Check asked for by <@${HUMAN.id}>:`);
		expect(post.allowed_mentions).toMatchObject({ parse: [] });
		// A replayed click posts nothing more.
		const again = await callback(click().token);
		expect(again.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/already been posted/) });
	});

	it('GIVEN a post button forged onto another message THEN nothing is posted: not a public answer, not another check', async () => {
		const { data } = await callback(
			h.server.command('check', { text: '9,985 Russians visited North Korea in 2025' }).token,
		);
		const id = data.components?.[0]?.components[0]?.custom_id as string;
		const answer = await callback(h.server.command('fact', { query: 'tourists 2025' }).token);
		const onAnswer = h.server.interaction(
			3,
			{ custom_id: id, component_type: 2 },
			{ message: messageObject(CHANNEL_ID, BOT_USER, { embeds: answer.data.embeds }) },
		);
		expect((await callback(onAnswer.token)).data.content).toMatch(
			/Only a reply by Factdesk that only you can see can be posted/,
		);
		const other = await callback(
			h.server.command('check', { text: '12,000 Russians visited North Korea in 2025' }).token,
		);
		const onOther = h.server.interaction(
			3,
			{ custom_id: id, component_type: 2 },
			{ message: messageObject(CHANNEL_ID, BOT_USER, { embeds: other.data.embeds, flags: EPHEMERAL }) },
		);
		expect((await callback(onOther.token)).data.content).toMatch(/does not belong to this reply/);
	});

	it('GIVEN a link in the text checked THEN the check quotes the claim without it, and judges the claim', async () => {
		const { data } = await callback(
			h.server.command('check', { text: 'per https://evil.example/x 9,985 Russians visited North Korea in 2025' })
				.token,
		);
		// A link is where a claim comes from, not part of it: it is left out of the claim quoted.
		const description = data.embeds?.[0]?.description ?? '';
		expect(description).toMatch(/matches the data/);
		expect(description).not.toMatch(/https|evil\.example/);
	});

	it('GIVEN /fact with "is it true that …" THEN the verdict first, in the channel, not keyword matches', async () => {
		const { type, data } = await callback(
			h.server.command('fact', { query: 'is it true that 7000 russians visited north korea in 2025?' }).token,
		);
		expect(type).toBe(4);
		expect(data.flags ?? 0).toBe(0);
		expect(data.embeds?.[0]?.title).toBe('Checked 1 claim');
		expect(data.embeds?.[0]?.description).toMatch(/disputed[\s\S]*follows Alexander Kozlov/);
		expect(data.components ?? []).toEqual([]);
	});

	it('GIVEN clicks with per-question and forged custom ids THEN /metrics labels them from a fixed set, never the id itself', async () => {
		const forged = [
			`${PICK_ID}:0123456789ab`,
			`${PICK_ID}:fedcba987654`,
			'cite:nk-travel/ru-nk-2025-total',
			'cite:x\ny',
			'evil"\n} 1\nfake_metric',
			'zzz',
		];
		for (const custom_id of forged) {
			const click = h.server.interaction(
				3,
				{
					custom_id,
					component_type: custom_id.startsWith(PICK_ID) ? 3 : 2,
					values: ['figure:ru-kr-2025-total'],
				},
				{ message: messageObject(CHANNEL_ID, BOT_USER) },
			);
			await callback(click.token).catch(() => undefined);
		}
		await expect
			.poll(
				async () =>
					(await h.metrics.registry.metrics()).match(
						/^factdesk_interactions_total\{command="(?:menu:pick|button:cite|other)"/gm,
					)?.length,
			)
			.toBe(3);
		const labels = [...(await h.metrics.registry.metrics()).matchAll(/^factdesk_\w+\{command="([^"]*)"/gm)].map(
			(m) => m[1],
		);
		const allowed = [...commands, ...failing]
			.map((c) => c.data.name)
			.concat('button:post', 'button:cite', 'menu:pick', 'other');
		for (const label of labels) expect(allowed).toContain(label);
		expect(await h.metrics.registry.metrics()).not.toContain('fake_metric');
	});

	it('GIVEN "Post to channel" on a message that is not the bot\'s THEN it refuses, ephemerally', async () => {
		const posted = h.server.interaction(
			3,
			{ custom_id: POST_ID, component_type: 2 },
			{ message: messageObject(CHANNEL_ID, HUMAN, { content: '@everyone fake check' }) },
		);
		const reply = await callback(posted.token);
		expect(reply.data).toMatchObject({
			flags: EPHEMERAL,
			content: expect.stringMatching(/Only a reply by Factdesk/),
		});
	});

	it('GIVEN "Check numbers" on a colleague\'s message THEN the message\'s own text is checked, ephemerally', async () => {
		const target = messageObject(CHANNEL_ID, HUMAN, {
			content: 'Russian tourism to North Korea tripled in 2025, per the FSB.',
		});
		const { token } = h.server.messageCommand('Check numbers', target);
		const deferred = await callback(token);
		expect(deferred).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
		const edit = await h.server.waitForRequest(
			(r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`),
		);
		const body = edit.body as Callback['data'];
		expect(body.embeds?.[0]?.description).toMatch(/differs from the data[\s\S]*> “Russian tourism[\s\S]*×2\.59/);
		expect(body.components?.[0]?.components[0]?.custom_id).toMatch(new RegExp(`^${POST_ID}:[\\w-]{22}$`));
	});

	it('GIVEN a question the data cannot answer THEN it says so and offers what it has', async () => {
		const { token } = h.server.command('fact', { query: 'How many Germans visited North Korea?' });
		const { data } = await callback(token);
		expect(data.embeds?.[0]?.title).toBe('Not in the data');
		expect(data.components?.[0]?.components[0]?.options.length).toBeGreaterThan(0);
	});

	it('GIVEN a message that mentions the bot with @everyone and a role THEN it replies to it, pinging nobody', async () => {
		const messageId = h.server.message(
			`<@${BOT_USER.id}> @everyone <@&777777777777777777> how many tourists in 2025?`,
			[BOT_USER],
		);
		const reply = await h.server.waitForRequest(
			(r) =>
				r.method === 'POST' &&
				r.path === `/channels/${CHANNEL_ID}/messages` &&
				(r.body as { message_reference?: { message_id: string } }).message_reference?.message_id === messageId,
		);
		const body = reply.body as {
			embeds: { description: string }[];
			allowed_mentions: { parse: string[]; replied_user: boolean };
		};
		expect(body.embeds[0]?.description).toContain('5,075');
		expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
	});

	it('GIVEN a message that does not mention the bot THEN it stays silent', async () => {
		const before = h.server.requests.length;
		h.server.message('how many tourists in 2025?');
		const marker = h.server.command('fact', { query: 'air arrivals' });
		await callback(marker.token);
		expect(h.server.requests.slice(before).filter((r) => r.path.startsWith('/channels/'))).toHaveLength(0);
	});

	it('GIVEN a command that throws THEN the user gets a generic ephemeral reply, the error is logged with context, and the bot keeps answering', async () => {
		const { id, token } = h.server.command('boom', {});
		const { data } = await callback(token);
		expect(data.flags).toBe(EPHEMERAL);
		expect(data.content).not.toContain('secret internal detail');
		expect(data.allowed_mentions?.parse).toEqual([]);
		const logged = h.logs.lines.find((l) => l.msg === 'interaction failed' && l.interactionId === id);
		expect(logged).toMatchObject({ command: 'boom', userId: expect.any(String), guildId: expect.any(String) });
		const next = h.server.command('fact', { query: 'air arrivals' });
		expect((await callback(next.token)).data.embeds?.[0]?.description).toContain('6,371');
	});

	it('GIVEN an expected refusal THEN its message is shown ephemerally', async () => {
		const { token } = h.server.command('refuse', {});
		const { data } = await callback(token);
		expect(data).toMatchObject({ content: 'That figure is not in the data.', flags: EPHEMERAL });
	});

	it('GIVEN the gateway closes with 4000 mid-session THEN the client resumes and still answers', async () => {
		const identifies = h.server.identifies;
		h.server.closeGateway(4000);
		await expect.poll(() => h.server.resumes, { timeout: 15_000 }).toBeGreaterThan(0);
		const { token } = h.server.command('fact', { query: 'third quarter 2025' });
		expect((await callback(token)).data.embeds?.[0]?.description).toContain('3,460');
		expect(h.server.identifies).toBe(identifies);
	});

	it('GIVEN a 429 with Retry-After on the reply THEN discord.js waits and the reply still arrives', async () => {
		h.server.fail('POST', /\/callback$/, 429, { retryAfter: 1 });
		const started = Date.now();
		const { token } = h.server.command('fact', { query: 'sea arrivals' });
		const { data } = await callback(token);
		expect(data.embeds?.[0]?.description).toContain('161');
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	it('GIVEN /calc over named figures THEN the result, the expression with values and each source', async () => {
		const { data } = await callback(
			h.server.command('calc', { expression: 'ru_nk_2025_tourists - ru_nk_2024_tourists' }).token,
		);
		const embed = data.embeds?.[0];
		expect(embed?.description).toContain('**3,118**');
		expect(embed?.description).toContain('= `5075 - 1957`');
		expect(embed?.fields.map((f) => f.value).join('\n')).toContain('5,075 people');
		expect(data.allowed_mentions?.parse).toEqual([]);
	});

	it('GIVEN hostile /calc expressions THEN each is refused ephemerally and the next command is answered', async () => {
		for (const expression of [
			'cos.constructor("return process")()',
			'import({}, {override: true})',
			'ones(1000,1000)',
			'2^100000',
			'f(x) = x',
			'1e-100000000',
			'1e-600000000',
			'1 % 0',
		]) {
			const { data } = await callback(h.server.command('calc', { expression }).token);
			expect(data.flags).toBe(EPHEMERAL);
			expect(data.embeds?.[0]?.title).toBe('Cannot calculate that');
		}
		const { data } = await callback(h.server.command('calc', { expression: '0.1 + 0.2' }).token);
		expect(data.embeds?.[0]?.description).toContain('**0.3**');
	});

	it('GIVEN typing a figure name in /calc THEN autocomplete completes it and keeps what came before', async () => {
		const { data } = await callback(
			h.server.autocomplete('calc', 'expression', 'ru_nk_2025_total - ru_nk_2025_to').token,
		);
		const values = data.choices?.map((c) => c.value) ?? [];
		expect(values).toContain('ru_nk_2025_total - ru_nk_2025_tourists');
		expect(data.choices?.find((c) => c.value.endsWith('tourists'))?.name).toBe('ru_nk_2025_tourists = 5,075');
	});

	it('GIVEN /reload THEN only Manage Server may run it, and it reports what it loaded', async () => {
		const denied = await callback(
			h.server.interaction(
				2,
				{ id: '1', name: 'reload', type: 1, options: [] },
				{ member: FakeDiscord.member('0') },
			).token,
		);
		expect(denied.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringMatching(/Manage Server/) });
		const { token } = h.server.interaction(
			2,
			{ id: '1', name: 'reload', type: 1, options: [] },
			{ member: FakeDiscord.member('32') },
		);
		// Loading takes time at scale: the reply is deferred (ephemeral), then edited with the outcome.
		const deferred = await callback(token);
		expect(deferred).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
		const edit = await h.server.waitForRequest(
			(r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`),
		);
		expect((edit.body as { content: string }).content).toMatch(
			/^Reloaded: 24 figures, 14 statements, 2 sources\.$/,
		);
	});

	it('never writes the token to the log', () => {
		expect(h.logs.lines.length).toBeGreaterThan(0);
		expect(h.logs.raw).not.toContain(TOKEN);
		expect(h.logs.raw).not.toContain(TOKEN.split('.')[2]);
	});

	it('sends the token only in the Authorization header of bot REST calls, never on interaction callbacks', () => {
		const callbacks = h.server.requests.filter((r) => r.path.endsWith('/callback'));
		expect(callbacks.length).toBeGreaterThan(0);
		for (const r of callbacks) expect(r.headers.authorization).toBeUndefined();
		const gateway = h.server.requests.find((r) => r.path === '/gateway/bot');
		expect(gateway?.headers.authorization).toBe(`Bot ${TOKEN}`);
	});
});

describe('the bot when the data is slow to answer', () => {
	let slow: Harness;
	beforeAll(async () => {
		slow = await startHarness([], { dataDelayMs: 1_800 });
	});
	afterAll(async () => {
		await slow?.stop();
	});

	it('GIVEN an answer later than Discord allows for a first reply THEN the bot defers, then edits in the answer', async () => {
		const { token } = slow.server.command('fact', { query: 'tourists 2025' });
		const deferred = (await slow.server.waitForRequest(callbackOf(token))).body as Callback;
		expect(deferred.type).toBe(5);
		expect(deferred.data?.flags ?? 0).toBe(0);
		const edit = await slow.server.waitForRequest(
			(r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`),
		);
		expect((edit.body as Callback['data']).embeds?.[0]?.description).toContain('5,075');
		expect(slow.server.rejected).toEqual([]);
	});

	it('GIVEN a late refusal, which is only for the person who asked THEN the public placeholder goes and the refusal comes ephemerally', async () => {
		const { token } = slow.server.command('compare', { a: 'visitors', b: 'tourists 2024' });
		expect(((await slow.server.waitForRequest(callbackOf(token))).body as Callback).type).toBe(5);
		await slow.server.waitForRequest(
			(r) => r.method === 'DELETE' && r.path.includes(`/${token}/messages/@original`),
		);
		const followUp = await slow.server.waitForRequest((r) => r.method === 'POST' && r.path.endsWith(`/${token}`));
		expect(followUp.body).toMatchObject({ flags: EPHEMERAL });
	});
});

describe('the bot when the data worker gets stuck on a request', () => {
	let stuck: Harness;
	beforeAll(async () => {
		stuck = await startHarness([], {
			dataWorker: { url: new URL('../support/stallingWorker.mjs', import.meta.url), stallMs: 2_500 },
		});
	});
	afterAll(async () => {
		await stuck?.stop();
	});

	it('GIVEN a deferred /check that never comes THEN its public placeholder is edited to say what happened', async () => {
		const { token } = stuck.server.command('check', { text: 'hang' });
		expect(((await stuck.server.waitForRequest(callbackOf(token))).body as Callback).type).toBe(5);
		const edit = await stuck.server.waitForRequest(
			(r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`),
			20_000,
		);
		expect((edit.body as Callback['data']).content).toMatch(/took too long and was stopped; please try again/);
		expect((edit.body as Callback['data']).allowed_mentions).toMatchObject({ parse: [] });
		expect(stuck.server.requests.some((r) => r.method === 'POST' && r.path.endsWith(`/${token}`))).toBe(false);
	});
});

describe('the bot serving a library of datasets', () => {
	let library: Harness;
	beforeAll(async () => {
		library = await startHarness([], { data: 'data' });
	});
	afterAll(async () => {
		await library?.stop();
	});
	const reply = async (token: string) => (await library.server.waitForRequest(callbackOf(token))).body as Callback;

	it('GIVEN /fact about either dataset THEN each is answered from its own, cited by row or by quote', async () => {
		const deaths = await reply(library.server.command('fact', { query: 'deaths from earthquakes in 2010' }).token);
		expect(deaths.data.embeds?.[0]?.description).toContain('226,733');
		// Markdown-escaped as Discord shows it ("\\-" renders as "-").
		expect(deaths.data.embeds?.[0]?.fields[0]?.value.replaceAll('\\', '')).toContain(
			'tables/deaths-by-disaster.csv, line 261',
		);
		expect(deaths.data.embeds?.[0]?.fields[0]?.value).toContain('CC BY 4.0');
		const visits = await reply(library.server.command('fact', { query: 'tourists 2024' }).token);
		expect(visits.data.embeds?.[0]?.description).toContain('1,957');
	});

	it('GIVEN /sources THEN every dataset is listed with its sources, dates and licences; /help gives an overview of each', async () => {
		const sources = await reply(library.server.command('sources', {}).token);
		const listing = sources.data.embeds?.[0]?.description.replaceAll('\\', '') ?? '';
		expect(sources.data.embeds?.[0]?.title).toBe('Sources of 2 datasets');
		expect(listing).toMatch(/\*\*Deaths from natural disasters\*\* — 803 figures[\s\S]*CC BY 4\.0/);
		expect(listing).toMatch(/\*\*Russian travel to North Korea\*\* — 24 figures[\s\S]*Alexander Kozlov/);
		const one = await reply(
			library.server.command('sources', { source: 'source:natural-disasters/owid-emdat-disasters' }).token,
		);
		expect(one.data.embeds?.[0]?.title).toContain('EM-DAT');
		const help = await reply(library.server.command('help', {}).token);
		expect(help.data.embeds).toHaveLength(2);
		expect(help.data.flags).toBe(EPHEMERAL);
	});

	it('GIVEN typing THEN autocomplete offers figures of both datasets, references qualified by dataset', async () => {
		const typed = await reply(library.server.autocomplete('fact', 'query', '2017').token);
		expect(typed.data.choices?.some((c) => c.value.startsWith('figure:natural-disasters/'))).toBe(true);
		const picked = await reply(library.server.command('fact', { query: typed.data.choices![0]!.value }).token);
		expect(picked.data.embeds?.[0]?.description).toMatch(/2017/);
		expect(library.server.rejected).toEqual([]);
	});

	it('GIVEN /compare of figures from two datasets in one unit THEN the difference, both cited, in the channel', async () => {
		const answer = await reply(
			library.server.command('compare', { a: 'earthquake deaths 2010', b: 'Russians to North Korea 2025' }).token,
		);
		expect(answer.data.flags).toBeUndefined();
		const embed = answer.data.embeds?.[0];
		expect(embed?.description).toMatch(/Difference: \*\*\+?216,748/);
		const cited = embed?.fields.map((f) => f.value.replaceAll('\\', '')).join('\n') ?? '';
		expect(cited).toContain('tables/deaths-by-disaster.csv, line 261');
		expect(cited).toContain('NK News');
	});

	it('GIVEN /calc with a figure of each dataset THEN it computes, naming each figure; its autocomplete offers names of both', async () => {
		const typed = await reply(library.server.autocomplete('calc', 'expression', 'ru_nk_2025_tot').token);
		expect(typed.data.choices?.map((c) => c.value)).toContain('ru_nk_2025_total');
		const quake = await reply(
			library.server.autocomplete('calc', 'expression', 'ru_nk_2025_total / earthquake_2010').token,
		);
		const choice = quake.data.choices?.find((c) => c.name.endsWith('= 226,733'));
		expect(choice?.value).toMatch(/^ru_nk_2025_total \/ deaths_by_disaster_\d+_deaths$/);
		const name = choice!.value.split(' / ')[1]!;
		const result = await reply(library.server.command('calc', { expression: `${name} - ru_nk_2025_total` }).token);
		expect(result.data.embeds?.[0]?.description).toContain('216,748');
		expect(result.data.embeds?.[0]?.description).toContain('Deaths, Earthquake, 2010');
		expect(library.server.rejected).toEqual([]);
	});
});
