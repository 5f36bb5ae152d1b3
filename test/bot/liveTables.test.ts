import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LiveTable } from '../../src/live/liveTables.js';
import type { RefreshNote } from '../../src/digest/store.js';
import { recentBotMessages } from '../../src/bot/channelHistory.js';
import { restSender } from '../../src/bot/postMessage.js';
import { DigestStore } from '../../src/digest/store.js';
import { Refresher, serviceChecker } from '../../src/live/refresher.js';
import type { RefreshOutcome } from '../../src/live/refresh.js';
import { createLogger } from '../../src/logger.js';
import { type Harness, LogCapture, type SentMessage, callbackTo, startHarness } from '../support/bot.js';
import { tempDb } from '../support/digests.js';
import { CHANNEL_ID, FakeDiscord } from '../support/fakeDiscord.js';
import { FileServer, csvFile, htmlPage } from '../support/fileServer.js';
import { HEADER, monthRows, writeLiveLibrary } from '../support/liveData.js';

const JANUARY = monthRows('2026-01', { mining: '4.1', retail: '5.0', finance: '2.2' });
const REVISED = monthRows('2026-01', { mining: '4.3', retail: '5.0', finance: '2.2' });
const FEBRUARY = monthRows('2026-02', { mining: '4.4', retail: '5.1', finance: '2.0' });

let files: FileServer;
let h: Harness;
let library: string;
let storePath: string;
/** Each refresh's outcome and each note posted, in order: the tests wait on these events. */
const refreshed: RefreshOutcome[] = [];
const posted: { note: RefreshNote; messageId: string }[] = [];
let waiters: (() => void)[] = [];
const settle = () => {
	for (const w of waiters) w();
	waiters = [];
};
/** Resolves once `test` holds (checked after each refresh and note). */
const until = (test: () => boolean) =>
	new Promise<void>((resolve) => {
		const check = () => (test() ? resolve() : waiters.push(check));
		check();
	});

beforeAll(async () => {
	files = await FileServer.start();
	files.route('/rates.csv', csvFile(HEADER + JANUARY));
	({ library } = writeLiveLibrary(files.url('/rates.csv'), HEADER + JANUARY, {
		notify: CHANNEL_ID,
		refresh: '0 6 * * *',
	}));
	storePath = tempDb();
	h = await startHarness([], {
		data: library,
		live: {
			store: storePath,
			fetch: { allowPrivate: true, timeoutMs: 5000 },
			onRefresh: (_t, outcome) => {
				refreshed.push(outcome);
				settle();
			},
			onNote: (note, messageId) => {
				posted.push({ note, messageId });
				settle();
			},
		},
	});
});
afterEach(() => {
	expect(h.server.rejected.map((r) => ({ path: r.path, errors: r.errors }))).toEqual([]);
});
afterAll(async () => {
	await h?.stop();
	await files?.close();
});

const admin = FakeDiscord.member('32');
const reply = (token: string) => callbackTo(h.server, token);
const edited = async (token: string) =>
	(await h.server.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`)))
		.body as SentMessage;
const dataCommand = (sub: 'status' | 'refresh', member = admin) =>
	h.server.interaction(
		2,
		{ id: '1', name: 'data', type: 1, options: [{ type: 1, name: sub, options: [] }] },
		{ member },
	);
/** /data refresh, as an admin types it: the deferred reply's text once the refresh is done. */
async function refreshNow(): Promise<string> {
	const { token } = dataCommand('refresh');
	expect((await reply(token)).type).toBe(5);
	return (await edited(token)).content ?? '';
}
/** A /fact answer's text (as a reader sees it: Discord's markdown escapes taken out). */
async function fact(query: string): Promise<string> {
	const answer = await reply(h.server.command('fact', { query }).token);
	const embed = answer.data.embeds?.[0];
	return [embed?.description, ...(embed?.fields ?? []).map((f) => f.value)].join('\n').replace(/\\(.)/g, '$1');
}
/** The first table's field in /data status. */
async function statusLine(): Promise<string> {
	const status = await reply(dataCommand('status').token);
	return status.data.embeds?.[0]?.fields?.[0]?.value ?? '';
}
const notesIn = () => h.server.messagesIn(CHANNEL_ID) as { embeds?: SentMessage['embeds'] }[];

describe('live tables in the bot: refreshed, checked, swapped whole, and told once', () => {
	it('serves the last good copy, then a refreshed one, and posts what changed to the dataset channel once', async () => {
		expect(await fact('mining unemployment rate January 2026')).toContain('4.1');
		files.route('/rates.csv', csvFile(HEADER + REVISED + FEBRUARY));
		expect(await refreshNow()).toMatch(/a new copy, now served/);
		await until(() => posted.length === 1);
		const [note] = notesIn();
		const text = JSON.stringify(note);
		expect(text).toContain('February 2026 added: 3 industries');
		expect(text).toContain('4.1 → **4.3** (+4.9%)');
		expect(note?.embeds?.[0]?.footer?.text).toMatch(/refresh ref fr\w+$/);
		expect(await fact('mining unemployment rate February 2026')).toContain('4.4');
		// A revised figure says so, and every figure cites the copy it came from.
		const revised = await fact('mining unemployment rate January 2026');
		expect(revised).toContain('**4.3 unemployment rate** (revised from 4.1 on 15 March 2026)');
		expect(revised).toContain('tables/rates.csv (as of the 2026-03-15 refresh), line 2: industry: mining');
		// So it does after a restart of the data worker, read from the folder.
		expect((await h.data.reload()).ok).toBe(true);
		expect(await fact('mining unemployment rate January 2026')).toContain('(revised from 4.1 on 15 March 2026)');
		expect(await statusLine()).toMatch(/Last attempt: <t:\d+:f> \(<t:\d+:R>\), new copy served/);
		// No change (a 304): nothing posted.
		expect(await refreshNow()).toMatch(/unchanged/);
		expect(refreshed.at(-1)).toEqual({ kind: 'unchanged', why: 'not-modified' });
		expect(notesIn()).toHaveLength(1);
		expect(await statusLine()).toMatch(/, unchanged\n/);
	});

	it('a refused copy: the old data keeps answering, the channel is told once per reason, /data status says why', async () => {
		files.route('/rates.csv', htmlPage());
		expect(await refreshNow()).toMatch(/the new copy was refused; the last good copy stays/);
		await until(() => posted.length === 2);
		expect(JSON.stringify(notesIn()[1])).toMatch(/not refreshed.*HTML page/);
		expect(await fact('mining unemployment rate February 2026')).toContain('4.4');
		// The same refusal again: not told again.
		await refreshNow();
		await h.refresher!.postNotes(new Date());
		expect(notesIn()).toHaveLength(2);
		files.route('/rates.csv', csvFile(`industry,month,rate_pct\n${FEBRUARY}`));
		expect(await refreshNow()).toMatch(/refused/);
		await until(() => posted.length === 3);
		expect(JSON.stringify(notesIn()[2])).toMatch(/rate/);

		const { token } = dataCommand('status');
		const status = await reply(token);
		expect(status.data.flags).toBe(64);
		const field = status.data.embeds?.[0]?.fields?.[0];
		expect(field?.name).toBe('Unemployment by industry · tables/rates.csv');
		expect(field?.value).toContain(`Source: <${files.url('/rates.csv')}>`);
		expect(field?.value).toContain('Schedule: `0 6 * * *` (UTC)');
		expect(field?.value).toMatch(/Last attempt: <t:\d+:f> \(<t:\d+:R>\), copy refused/);
		expect(field?.value).toMatch(/Last success: <t:\d+:f>/);
		expect(field?.value).toMatch(/Serving: the copy fetched <t:\d+:f>/);
		expect(field?.value).toMatch(/Next refresh: <t:\d+:f> .*after 3 failures in a row, backing off/);
		expect(field?.value).toMatch(/Last refusal \(<t:\d+:f>.*\): .*rate/);
	});

	it('a source that cannot be reached: /data status says so, and the channel is told', async () => {
		files.route('/rates.csv', (_req, res) => res.writeHead(404, 'Not Found').end());
		expect(await refreshNow()).toMatch(/could not be fetched; the last good copy stays\.\n> HTTP 404 Not Found/);
		await until(() => posted.length === 4);
		expect(JSON.stringify(notesIn()[3])).toContain('Could not fetch it: HTTP 404 Not Found');
		expect(await statusLine()).toMatch(/, could not fetch\n[^]*Last refusal \(<t:\d+:f>.*\): HTTP 404 Not Found/);
		expect(await fact('mining unemployment rate February 2026')).toContain('4.4');
	});

	it('only Manage Server runs /data', async () => {
		const denied = await reply(dataCommand('status', FakeDiscord.member('0')).token);
		expect(denied.data).toMatchObject({ flags: 64, content: expect.stringMatching(/Manage Server/) });
	});

	it.each([
		['within Discord’s nonce window (the nonce returns the message)', '2026-03', false],
		['past it (the channel is read for the note’s reference)', '2026-04', true],
	])(
		'a note posted but not recorded (a stop after Discord took it) is not posted twice after a restart: %s',
		async (_name, month, pastWindow) => {
			files.route(
				'/rates.csv',
				csvFile(
					HEADER +
						REVISED +
						FEBRUARY +
						monthRows('2026-03', { mining: '4.0' }) +
						monthRows(month, { retail: '4.9' }),
				),
			);
			h.server.nonceWindowMs = pastWindow ? 0 : 5 * 60_000;
			// This process posts, then dies before recording it: Discord has the message, the store does not.
			const logs = new LogCapture();
			const post = restSender(h.bot.client.rest);
			let sentOnce = 0;
			const store = new DigestStore(storePath);
			const options = {
				dir: library,
				store,
				checker: serviceChecker(h.data),
				logger: createLogger('info', logs),
			};
			const before = new Refresher(
				{
					...options,
					fetch: { allowPrivate: true },
					send: async (channel, body, attached) => {
						const sent = await post(channel, body, attached);
						sentOnce++;
						throw new Error(`stopped after posting ${sent.id}`);
					},
				},
				Date.now(),
			);
			const [table] = before.tables() as [LiveTable];
			expect((await before.refresh(table, () => new Date())).kind).toBe('updated');
			await before.postNotes(new Date());
			expect(sentOnce).toBe(1);
			const count = notesIn().length;
			// After the restart, within Discord's nonce window: the same nonce returns the same message.
			const after = new Refresher(
				{
					...options,
					send: post,
					nonceWindowMs: pastWindow ? 0 : 5 * 60_000,
					recent: (channel) => recentBotMessages(h.bot.client.rest, channel, h.bot.client.user?.id),
				},
				Date.now(),
			);
			after.recover();
			await after.postNotes(new Date(Date.now() + 10_000));
			expect(notesIn()).toHaveLength(count);
			expect(store.unsentRefreshNotes()).toHaveLength(0);
			store.close();
			h.server.nonceWindowMs = 5 * 60_000;
		},
	);
});
