// A live table of 100,000 figures refreshed while users type and ask: fetched from a local web
// server, checked by loading the library with the new copy in a data worker beside the one
// serving, diffed, and swapped in. What users wait meanwhile (target: no wait over 50 ms), how long
// the bot's own event loop is held, each phase's time, and the diff's time on its own.
import { resolve } from 'node:path';
import { previousCopyPath } from '../src/data/copies.js';
import { loadDataset } from '../src/data/loadDataset.js';
import { diffTable } from '../src/data/tableDiff.js';
import { liveTables } from '../src/live/liveTables.js';
import { refreshTable } from '../src/live/refresh.js';
import { serviceChecker } from '../src/live/refresher.js';
import { createLogger } from '../src/logger.js';
import { DataService } from '../src/service/dataService.js';
import { FileServer, csvFile } from '../test/support/fileServer.js';
import { HEADER, LIVE_FILE, writeLiveLibrary } from '../test/support/liveData.js';
import { percentile, whileUsersAsk } from './meanwhile.js';

const INDUSTRIES = 2_000;
const MONTHS = 50;

const month = (m: number) => `${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

/** The table: 2,000 industries × `months` months of rates; `revised` of every 100 rows changed by 0.1. */
function table(months: number, revised = false): string {
	let csv = HEADER;
	for (let i = 0; i < INDUSTRIES; i++)
		for (let m = 0; m < months; m++) {
			const rate = (((i * 7 + m * 13) % 150) + 10) / 10;
			const changed = revised && (i * MONTHS + m) % 100 === 0 ? rate + 0.1 : rate;
			csv += `industry-${i},${month(m)},${changed.toFixed(1)}\n`;
		}
	return csv;
}

export async function measureRefresh(workerUrl: URL): Promise<void> {
	const server = await FileServer.start();
	// Served now: 49 months. Published: a 50th month, and 1 % of the figures revised.
	const { dir } = writeLiveLibrary(server.url('/rates.csv'), table(MONTHS - 1));
	server.route('/rates.csv', csvFile(table(MONTHS, true)));

	const data = await DataService.start({ dir, workerUrl, logger: createLogger('silent') });
	const [live] = liveTables(dir);
	const typed = ['u', 'un', 'unem', 'unemployment', 'unemployment industry-12', 'unemployment industry-12 2023'];
	const phases: Record<string, number> = {};
	let mark = performance.now();
	const checker = serviceChecker(data);
	const started = performance.now();
	// (The process's memory: the bot, the serving worker, the one checking the new copy.)
	const { result: outcome, meanwhile } = await whileUsersAsk(data, typed, Date.parse('2026-03-15'), () =>
		refreshTable(
			live!,
			{
				check: (table, incoming, fetchedAt, swap) => {
					phases.fetch = performance.now() - mark;
					mark = performance.now();
					return checker.check(table, incoming, fetchedAt, async (note) => {
						phases['check and diff (in the worker)'] = performance.now() - mark;
						mark = performance.now();
						await swap(note);
						phases.swap = performance.now() - mark;
					});
				},
			},
			() => new Date(),
			{ allowPrivate: true },
		),
	);
	const totalMs = performance.now() - started;
	await data.close();
	await server.close();

	// The diff alone, on the two copies as the loader reads them.
	const before = loadDataset(dir, {
		revisions: false,
		overlay: new Map([[resolve(dir, LIVE_FILE), previousCopyPath(dir, LIVE_FILE)]]),
	});
	const after = loadDataset(dir, { revisions: false });
	const diffStart = performance.now();
	const change = diffTable(before, after, LIVE_FILE);
	const diffMs = performance.now() - diffStart;

	const { waits, lagMaxMs, steadyRss, peakRss } = meanwhile;
	const what =
		outcome.kind === 'updated'
			? `${after.figures.length.toLocaleString('en-US')} figures; ${change.addedPeriods.map((p) => `${p.rows} rows of ${p.period.key}`).join(', ')} added, ${change.revised.length} revised`
			: `${outcome.kind}${'reason' in outcome ? `: ${outcome.reason}` : ''}`;
	console.log(
		`refresh of a live table (${what}): ${totalMs.toFixed(0)} ms in all (${Object.entries(phases)
			.map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
			.join(
				', ',
			)}); the diff alone ${diffMs.toFixed(0)} ms; meanwhile ${waits.length} interactions waited p50=${percentile(waits, 50).toFixed(2)} ms p99=${percentile(waits, 99).toFixed(2)} ms max=${waits.at(-1)!.toFixed(2)} ms (target ≤ 50 ms); bot event loop delay max=${lagMaxMs.toFixed(1)} ms; process RSS ${(steadyRss / 1e6).toFixed(0)} MB steady, ${(peakRss / 1e6).toFixed(0)} MB at most during the refresh`,
	);
}
