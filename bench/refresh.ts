// A live table of 100,000 figures refreshed while users type and ask: fetched from a local web
// server, checked by loading the library with the new copy in a data worker beside the one
// serving, diffed, and swapped in. What users wait meanwhile (target: no wait over 50 ms), how long
// the bot's own event loop is held, each phase's time, and the diff's time on its own.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadDataset } from '../src/data/loadDataset.js';
import { diffTable } from '../src/data/tableDiff.js';
import { liveTables } from '../src/live/liveTables.js';
import { refreshTable } from '../src/live/refresh.js';
import { serviceChecker } from '../src/live/refresher.js';
import { createLogger } from '../src/logger.js';
import { DataService } from '../src/service/dataService.js';
import { FileServer, csvFile } from '../test/support/fileServer.js';

const INDUSTRIES = 2_000;
const MONTHS = 50;

const month = (m: number) => `${2020 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

/** The table: 2,000 industries × `months` months of rates; `revised` of every 100 rows changed by 0.1. */
function table(months: number, revised = false): string {
	let csv = 'industry,month,rate\n';
	for (let i = 0; i < INDUSTRIES; i++)
		for (let m = 0; m < months; m++) {
			const rate = (((i * 7 + m * 13) % 150) + 10) / 10;
			const changed = revised && (i * MONTHS + m) % 100 === 0 ? rate + 0.1 : rate;
			csv += `industry-${i},${month(m)},${changed.toFixed(1)}\n`;
		}
	return csv;
}

function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function measureRefresh(workerUrl: URL): Promise<void> {
	const server = await FileServer.start();
	const dir = join(mkdtempSync(join(tmpdir(), 'factdesk-refresh-')), 'jobs');
	mkdirSync(join(dir, 'tables'), { recursive: true });
	const url = server.url('/rates.csv');
	writeFileSync(
		join(dir, 'dataset.json'),
		JSON.stringify({
			id: 'jobs',
			title: 'Unemployment by industry',
			description: 'Generated: 2,000 industries by month.',
			metrics: [{ id: 'rate', label: 'unemployment rate', unit: '%' }],
			dimensions: [{ id: 'industry', label: 'Industry' }],
			tables: [
				{
					file: 'tables/rates.csv',
					source: 'office',
					url,
					period: 'month',
					dimensions: { industry: 'industry' },
					metrics: { rate: 'rate' },
				},
			],
		}),
	);
	writeFileSync(
		join(dir, 'sources.json'),
		JSON.stringify([
			{ id: 'office', outlet: 'Statistics office', originator: 'Statistics office', published: null },
		]),
	);
	// Served now: 49 months. Published: a 50th month, and 1 % of the figures revised.
	writeFileSync(join(dir, 'tables', 'rates.csv'), table(MONTHS - 1));
	server.route('/rates.csv', csvFile(table(MONTHS, true)));

	const logger = createLogger('silent');
	const data = await DataService.start({ dir, workerUrl, logger });
	const [live] = liveTables(dir);
	const lag = monitorEventLoopDelay({ resolution: 1 });
	const waits: number[] = [];
	let refreshing = true;
	const typed = ['u', 'un', 'unem', 'unemployment', 'unemployment industry-12', 'unemployment industry-12 2023'];
	const users = (async () => {
		for (let i = 0; refreshing; i++) {
			const begin = performance.now();
			if (i % 3 === 2)
				await data.request('ask', { question: typed[i % typed.length]!, now: Date.parse('2026-03-15') });
			else await data.request('suggest', { text: typed[i % typed.length]!, figuresOnly: false });
			waits.push(performance.now() - begin);
			await new Promise((r) => setTimeout(r, 5));
		}
	})();
	// The process's memory (the bot, the serving worker, the one checking the new copy): steady, and at most.
	const steadyRss = process.memoryUsage().rss;
	let peakRss = steadyRss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
	const phases: Record<string, number> = {};
	let mark = performance.now();
	const checker = serviceChecker(data);
	lag.enable();
	const started = performance.now();
	const outcome = await refreshTable(
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
	);
	const totalMs = performance.now() - started;
	clearInterval(sampler);
	refreshing = false;
	await users;
	lag.disable();
	await data.close();
	await server.close();

	// The diff alone, on the two copies as the loader reads them.
	const before = loadDataset(dir, {
		revisions: false,
		overlay: new Map([[resolve(dir, 'tables/rates.csv'), resolve(dir, '.refresh/previous/tables/rates.csv')]]),
	});
	const after = loadDataset(dir, { revisions: false });
	const diffStart = performance.now();
	const change = diffTable(before, after, 'tables/rates.csv');
	const diffMs = performance.now() - diffStart;

	waits.sort((a, b) => a - b);
	const what =
		outcome.kind === 'updated'
			? `${after.figures.length.toLocaleString('en-US')} figures; ${change.addedPeriods.map((p) => `${p.rows} rows of ${p.period.key}`).join(', ')} added, ${change.revised.length} revised`
			: `${outcome.kind}${'reason' in outcome ? `: ${outcome.reason}` : ''}`;
	console.log(
		`refresh of a live table (${what}): ${totalMs.toFixed(0)} ms in all (${Object.entries(phases)
			.map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
			.join(
				', ',
			)}); the diff alone ${diffMs.toFixed(0)} ms; meanwhile ${waits.length} interactions waited p50=${percentile(waits, 50).toFixed(2)} ms p99=${percentile(waits, 99).toFixed(2)} ms max=${waits.at(-1)!.toFixed(2)} ms (target ≤ 50 ms); bot event loop delay max=${(lag.max / 1e6).toFixed(1)} ms; process RSS ${(steadyRss / 1e6).toFixed(0)} MB steady, ${(peakRss / 1e6).toFixed(0)} MB at most during the refresh`,
	);
}
