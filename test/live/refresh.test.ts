import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousCopyPath, readCopies } from '../../src/data/copies.js';
import { type LiveTable, liveTables } from '../../src/live/liveTables.js';
import { loadLibrary } from '../../src/data/loadLibrary.js';
import { inProcessChecker } from '../../src/live/checkCopy.js';
import { type RefreshOutcome, incomingPath, refreshTable } from '../../src/live/refresh.js';
import { FileServer, csvFile, htmlPage } from '../support/fileServer.js';
import { HEADER, LIVE_FILE, monthRows, writeLiveLibrary } from '../support/liveData.js';

const JANUARY = monthRows('2026-01', { mining: '4.1', retail: '5.0', finance: '2.2' });
const FEBRUARY = monthRows('2026-02', { mining: '4.4', retail: '5.1', finance: '2.0' });
const at = (iso: string) => () => new Date(iso);
const local = { allowPrivate: true, timeoutMs: 5000 };

let server: FileServer;
beforeAll(async () => {
	server = await FileServer.start();
});
afterAll(() => server.close());

let n = 0;
/** A library served from `HEADER + JANUARY`, its table published at a path of its own. */
function setup(maxFigures?: number) {
	const path = `/rates-${n++}.csv`;
	const { library, dir } = writeLiveLibrary(server.url(path), HEADER + JANUARY);
	const [table] = liveTables(library) as [LiveTable];
	const refresh = (now = at('2026-03-14T06:00:00Z')) =>
		refreshTable(table, inProcessChecker(library, maxFigures), now, local);
	const served = () => readFileSync(join(dir, LIVE_FILE), 'utf8');
	const rates = () =>
		Object.fromEntries(
			loadLibrary(library)[0]!.figures.map((f) => [`${f.dims.industry} ${f.period.key}`, f.value]),
		);
	return { path, library, dir, table, refresh, served, rates };
}

const noteText = (outcome: RefreshOutcome) => (outcome.kind === 'updated' ? outcome.note.text : `(${outcome.kind})`);

describe('refreshTable: a new copy is checked, diffed and swapped in whole', () => {
	it('reads the table from dataset.json: where it is published and when', () => {
		const { table, dir } = setup();
		expect(table).toMatchObject({
			datasetId: 'jobs',
			file: LIVE_FILE,
			dir,
			refresh: null,
			timezone: 'UTC',
			notify: null,
		});
		expect(table.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rates-\d+\.csv$/);
	});

	it('a new period: served at once, the note names it with its rows', async () => {
		const { path, dir, refresh, served, rates } = setup();
		server.route(path, csvFile(HEADER + JANUARY + FEBRUARY));
		const outcome = await refresh();
		expect(outcome.kind).toBe('updated');
		expect(noteText(outcome)).toContain('February 2026 added: 3 industries');
		expect(outcome.kind === 'updated' && outcome.note.unchanged).toBe(false);
		expect(served()).toBe(HEADER + JANUARY + FEBRUARY);
		expect(rates()['mining 2026-02']).toBe('4.4');
		// The copy before is kept to diff against; the state says where the served one came from.
		expect(readFileSync(previousCopyPath(dir, LIVE_FILE), 'utf8')).toBe(HEADER + JANUARY);
		expect(readCopies(dir).tables[LIVE_FILE]).toMatchObject({
			fetchedAt: '2026-03-14T06:00:00.000Z',
			previousFetchedAt: null,
		});
		expect(existsSync(`${join(dir, LIVE_FILE)}.incoming`)).toBe(false);
	});

	it('revisions: old → new with the change in %, largest first', async () => {
		const { path, refresh } = setup();
		const revisedJanuary = monthRows('2026-01', { mining: '4.3', retail: '5.0', finance: '1.1' });
		server.route(path, csvFile(HEADER + revisedJanuary));
		const text = noteText(await refresh());
		expect(text).toContain('2 figures revised (largest change first)');
		const finance = text.indexOf('2.2 → 1.1 (−50.0%)');
		const mining = text.indexOf('4.1 → 4.3 (+4.9%)');
		expect(finance).toBeGreaterThan(0);
		expect(mining).toBeGreaterThan(finance);
		expect(text).not.toContain('Retail');
	});

	it('more revisions than a note lists: ten named, the rest counted', async () => {
		const { path, refresh } = setup();
		const many = (rate: number) =>
			monthRows(
				'2026-01',
				Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`industry${i}`, `${rate + i}`])),
			);
		server.route(path, csvFile(HEADER + many(10)));
		await refresh();
		server.route(path, csvFile(HEADER + many(20)));
		const text = noteText(await refresh(at('2026-04-14T06:00:00Z')));
		expect(text).toContain('13 figures revised');
		expect(text).toContain('…and 3 more revised');
		expect(text.match(/ → /g)).toHaveLength(10);
		// The largest change first: industry0, 10 → 20 (+100.0%).
		expect(text.indexOf('10 → 20')).toBeLessThan(text.indexOf('11 → 21'));
	});

	it('answers say which figures the last refresh revised, and cite the copy they come from', async () => {
		const { path, library, refresh } = setup();
		server.route(path, csvFile(HEADER + monthRows('2026-01', { mining: '4.3', retail: '5.0', finance: '2.2' })));
		await refresh();
		const figures = () => loadLibrary(library)[0]!.figures;
		const mining = () => figures().find((f) => f.dims.industry === 'mining')!;
		expect(mining().revised).toEqual({ value: '4.1', qualifier: 'exact', display: null, on: '2026-03-14' });
		expect(figures().filter((f) => f.revised)).toHaveLength(1);
		expect(mining().quote).toMatch(/^tables\/rates\.csv \(as of the 2026-03-14 refresh\), line 2: /);
		// The next refresh adds a month and revises nothing: no figure is "revised" any more.
		server.route(
			path,
			csvFile(HEADER + monthRows('2026-01', { mining: '4.3', retail: '5.0', finance: '2.2' }) + FEBRUARY),
		);
		await refresh(at('2026-04-14T06:00:00Z'));
		expect(figures().filter((f) => f.revised)).toHaveLength(0);
		expect(mining().quote).toContain('(as of the 2026-04-14 refresh)');
	});

	it('rows removed are named, and a period gone is said', async () => {
		const { path, refresh } = setup();
		server.route(path, csvFile(HEADER + FEBRUARY));
		const text = noteText(await refresh());
		expect(text).toContain('3 figures removed');
		expect(text).toContain('No longer in the table: January 2026');
		expect(text).toContain('February 2026 added: 3 industries');
	});

	it('no change: a 304, then the same bytes again from a server with no validators', async () => {
		const { path, refresh, served } = setup();
		server.route(path, csvFile(HEADER + JANUARY + FEBRUARY));
		expect((await refresh()).kind).toBe('updated');
		expect(await refresh()).toEqual({ kind: 'unchanged', why: 'not-modified' });
		expect(server.requestsTo(path).at(-1)!.headers['if-none-match']).toBeTruthy();
		server.route(path, (_req, res) =>
			res.writeHead(200, { 'content-type': 'text/csv' }).end(HEADER + JANUARY + FEBRUARY),
		);
		expect(await refresh(at('2026-03-15T06:00:00Z'))).toEqual({ kind: 'unchanged', why: 'same-file' });
		expect(served()).toBe(HEADER + JANUARY + FEBRUARY);
	});

	it('new bytes, the same figures (a reordered file): served, nothing to tell', async () => {
		const { path, refresh, served } = setup();
		const reordered = HEADER + JANUARY.split('\n').filter(Boolean).reverse().join('\n') + '\n';
		server.route(path, csvFile(reordered));
		const outcome = await refresh();
		expect(outcome.kind === 'updated' && outcome.note.unchanged).toBe(true);
		expect(served()).toBe(reordered);
	});
});

describe('refreshTable: a copy that fails is refused; the last good copy keeps serving', () => {
	const cases: [string, (path: string, s: FileServer) => void, RefreshOutcome['kind'], RegExp][] = [
		['a 404', (p, s) => s.route(p, (_q, r) => r.writeHead(404, 'Not Found').end()), 'failed', /HTTP 404/],
		['an HTML page', (p, s) => s.route(p, htmlPage()), 'refused', /HTML page/],
		[
			'a file truncated mid-row',
			(p, s) => s.route(p, csvFile(`${HEADER}${JANUARY}${FEBRUARY.slice(0, FEBRUARY.length - 9)}`)),
			'refused',
			/rates\.csv/,
		],
		[
			'a changed header',
			(p, s) => s.route(p, csvFile(`industry,month,rate_pct\n${JANUARY}${FEBRUARY}`)),
			'refused',
			/rate/,
		],
		['a column gone', (p, s) => s.route(p, csvFile(`industry,month\nmining,2026-01\n`)), 'refused', /rate/],
		[
			'a cell that is not a number',
			(p, s) => s.route(p, csvFile(`${HEADER}mining,2026-01,4,1\n`)),
			'refused',
			/rates\.csv/,
		],
		[
			'two rows for one cell',
			(p, s) => s.route(p, csvFile(`${HEADER}${JANUARY}mining,2026-01,9.9\n`)),
			'refused',
			/rates\.csv/,
		],
	];
	it.each(cases)('%s', async (_name, serve, kind, reason) => {
		const { path, dir, table, refresh, served, rates } = setup();
		const before = rates();
		serve(path, server);
		const outcome = await refresh();
		expect(outcome.kind).toBe(kind);
		expect(outcome.kind !== 'updated' && outcome.kind !== 'unchanged' && outcome.reason).toMatch(reason);
		expect(served()).toBe(HEADER + JANUARY);
		expect(rates()).toEqual(before);
		expect(existsSync(incomingPath(table))).toBe(false);
		expect(readCopies(dir).tables[LIVE_FILE]).toBeUndefined();
	});

	it('a copy that would take the library over its figure cap', async () => {
		const { path, refresh, served } = setup(5);
		server.route(path, csvFile(HEADER + JANUARY + FEBRUARY));
		const outcome = await refresh();
		expect(outcome.kind).toBe('refused');
		expect(outcome.kind === 'refused' && outcome.reason).toMatch(/at most 5/);
		expect(served()).toBe(HEADER + JANUARY);
	});
});

describe('refreshTable: a folder the bot cannot write to', () => {
	it('is reported as failed, saying why, before anything is fetched', async () => {
		const { chmodSync } = await import('node:fs');
		const { path, dir, refresh, served } = setup();
		server.route(path, csvFile(HEADER + JANUARY + FEBRUARY));
		chmodSync(join(dir, 'tables'), 0o555);
		try {
			const outcome = await refresh();
			// (Running as root, as some CI containers do, the folder stays writable: then it is served.)
			if (process.getuid?.() === 0) return expect(outcome.kind).toBe('updated');
			expect(outcome.kind).toBe('failed');
			expect(outcome.kind === 'failed' && outcome.reason).toMatch(/cannot write to tables .*must be writable/);
			expect(served()).toBe(HEADER + JANUARY);
			expect(server.requestsTo(path)).toHaveLength(0);
		} finally {
			chmodSync(join(dir, 'tables'), 0o755);
		}
	});
});
