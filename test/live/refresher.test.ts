import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCopies } from '../../src/data/copies.js';
import type { LiveTable } from '../../src/live/liveTables.js';
import type { SendMessage } from '../../src/digest/runner.js';
import { DigestStore } from '../../src/digest/store.js';
import { inProcessChecker } from '../../src/live/checkCopy.js';
import { Refresher } from '../../src/live/refresher.js';
import { createLogger } from '../../src/logger.js';
import { tempDb } from '../support/digests.js';
import { FileServer, csvFile } from '../support/fileServer.js';
import { HEADER, monthRows, writeLiveLibrary } from '../support/liveData.js';

// The schedule and the bookkeeping of live tables, on a clock the test sets: when a table is due,
// how failures back off, and notes left staged by a stop. (Posting to Discord is tested with the
// real client in test/bot/liveTables.test.ts.)

const JANUARY = monthRows('2026-01', { mining: '4.1', retail: '5.0' });
const FEBRUARY = monthRows('2026-02', { mining: '4.4', retail: '5.1' });
const quiet = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
const T0 = Date.parse('2026-03-14T05:00:00Z');
const at = (iso: string) => new Date(iso);

let server: FileServer;
beforeAll(async () => {
	server = await FileServer.start();
});
afterAll(() => server.close());

let n = 0;
function setup(refresh = '0 6 * * *') {
	const path = `/r${n++}.csv`;
	server.route(path, csvFile(HEADER + JANUARY));
	const { library, dir } = writeLiveLibrary(server.url(path), HEADER + JANUARY, {
		refresh,
		notify: '123456789012345678',
	});
	const store = new DigestStore(tempDb());
	const sent: unknown[] = [];
	const send: SendMessage = (_channel, body) => {
		sent.push(body);
		return Promise.resolve({ id: String(sent.length) });
	};
	const refresher = new Refresher(
		{ dir: library, store, checker: inProcessChecker(library), send, logger: quiet, fetch: { allowPrivate: true } },
		T0,
	);
	const [table] = refresher.tables() as [LiveTable];
	return { path, dir, store, sent, refresher, table };
}

describe('Refresher: when a live table is fetched', () => {
	it('first at its first run after the bot started, then at each run after its last attempt', async () => {
		const { refresher, table, store, path } = setup();
		expect(refresher.nextRun(table, null)).toBe(Date.parse('2026-03-14T06:00:00Z'));
		await refresher.tick(at('2026-03-14T05:59:00Z'));
		expect(server.requestsTo(path)).toHaveLength(0);
		await refresher.tick(at('2026-03-14T06:00:30Z'));
		expect(server.requestsTo(path)).toHaveLength(1);
		const status = store.refreshStatus(table.datasetId, table.file);
		expect(status).toMatchObject({ lastOutcome: 'unchanged', failures: 0 });
		expect(refresher.nextRun(table, status)).toBe(Date.parse('2026-03-15T06:00:00Z'));
		await refresher.tick(at('2026-03-14T12:00:00Z'));
		expect(server.requestsTo(path)).toHaveLength(1);
	});

	it('a table with no schedule is fetched only when asked', async () => {
		const { refresher, table, path } = setup('0 6 * * *');
		const onDemand = { ...table, refresh: null };
		expect(refresher.nextRun(onDemand, null)).toBeNull();
		expect(server.requestsTo(path)).toHaveLength(0);
	});

	it('backs off after failures in a row (a minute, five, fifteen, an hour, six hours), and forgets them after a success', async () => {
		const { refresher, table, store, path } = setup('* * * * *');
		server.route(path, (_req, res) => res.writeHead(503, 'Service Unavailable').end());
		const times: string[] = [];
		let now = Date.parse('2026-03-14T06:00:00Z');
		for (let i = 0; i < 6; i++) {
			await refresher.refresh(table, () => new Date(now));
			const next = refresher.nextRun(table, store.refreshStatus(table.datasetId, table.file))!;
			times.push(`${(next - now) / 60_000} min`);
			now = next;
		}
		expect(times).toEqual(['1 min', '5 min', '15 min', '60 min', '360 min', '360 min']);
		server.route(path, csvFile(HEADER + JANUARY));
		await refresher.refresh(table, () => new Date(now));
		const status = store.refreshStatus(table.datasetId, table.file)!;
		expect(status.failures).toBe(0);
		expect(refresher.nextRun(table, status)! - now).toBe(60_000);
	});

	it('the same refusal is told once; another reason, or the same after a success, is told again', async () => {
		const { refresher, table, store, path } = setup();
		const refusals = () => store.unsentRefreshNotes().filter((note) => note.kind === 'refusal').length;
		server.route(path, (_req, res) => res.writeHead(404, 'Not Found').end());
		await refresher.refresh(table, () => at('2026-03-14T06:00:00Z'));
		await refresher.refresh(table, () => at('2026-03-15T06:00:00Z'));
		expect(refusals()).toBe(1);
		server.route(path, (_req, res) => res.writeHead(410, 'Gone').end());
		await refresher.refresh(table, () => at('2026-03-16T06:00:00Z'));
		expect(refusals()).toBe(2);
		server.route(path, csvFile(HEADER + JANUARY));
		await refresher.refresh(table, () => at('2026-03-17T06:00:00Z'));
		server.route(path, (_req, res) => res.writeHead(410, 'Gone').end());
		await refresher.refresh(table, () => at('2026-03-18T06:00:00Z'));
		expect(refusals()).toBe(3);
	});
});

describe('Refresher: notes left by a stop between a copy’s check and its swap', () => {
	it('are posted when the copy went in place, and dropped when it did not', async () => {
		const { refresher, table, store, dir, path, sent } = setup();
		server.route(path, csvFile(HEADER + JANUARY + FEBRUARY));
		await refresher.refresh(table, () => at('2026-03-14T06:00:00Z'));
		const fetchedAt = readCopies(dir).tables[table.file]!.fetchedAt;
		// As a stop would leave them: one staged for the copy in place, one for a copy never put there.
		const base = {
			datasetId: table.datasetId,
			file: table.file,
			channelId: '123456789012345678',
			kind: 'change' as const,
			body: '{"title":"t"}',
			status: 'staged' as const,
			createdAt: T0,
		};
		const inPlace = store.addRefreshNote({ ...base, fetchedAt });
		const never = store.addRefreshNote({ ...base, fetchedAt: '2026-03-14T07:00:00.000Z' });
		refresher.recover();
		expect(store.refreshNote(inPlace)?.status).toBe('pending');
		expect(store.refreshNote(never)).toBeNull();
		await refresher.postNotes(at('2026-03-14T06:01:00Z'));
		// The refresh's own note and the recovered one.
		expect(sent).toHaveLength(2);
		expect(store.unsentRefreshNotes()).toHaveLength(0);
	});
});
