import { liveTables } from '../live/liveTables.js';
import { inProcessChecker } from '../live/checkCopy.js';
import { refreshTable } from '../live/refresh.js';

/**
 * `npm run data:refresh -- [DATASET] [--data DIR]`: fetches each live table now (those of DATASET,
 * or every one in the library), with the checks the bot makes, swaps in what passes, and prints
 * what changed. Exits 1 when a copy was refused or could not be fetched (the last good one stays).
 */
async function main(argv: string[]): Promise<number> {
	const at = argv.indexOf('--data');
	const dir = at >= 0 ? argv[at + 1] : process.env.FACTDESK_DATA?.trim() || 'data';
	if (!dir || dir.startsWith('-')) {
		console.error('usage: npm run data:refresh -- [DATASET] [--data DIR]');
		return 2;
	}
	const wanted = argv.filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--data')[0];
	const all = liveTables(dir);
	const tables = wanted ? all.filter((t) => t.datasetId === wanted) : all;
	if (tables.length === 0) {
		const ids = [...new Set(all.map((t) => t.datasetId))];
		console.error(
			wanted
				? `no dataset "${wanted}" with a table to fetch in ${dir}${ids.length > 0 ? ` (datasets with one: ${ids.join(', ')})` : ''}`
				: `no table in ${dir} names a "url" to fetch it from (dataset.json → tables[].url)`,
		);
		return wanted ? 1 : 0;
	}
	const allowPrivate = process.env.FACTDESK_FETCH_ALLOW_PRIVATE?.trim() === 'true';
	let failed = 0;
	for (const table of tables) {
		const where = `${table.datasetId} ${table.file}`;
		const outcome = await refreshTable(table, inProcessChecker(dir), () => new Date(), { allowPrivate });
		switch (outcome.kind) {
			case 'unchanged':
				console.log(
					`${where}: unchanged (${outcome.why === 'not-modified' ? 'the source says not modified' : 'the same file'})`,
				);
				break;
			case 'updated':
				console.log(`${where}: ${outcome.note.unchanged ? 'new copy, the same figures' : 'updated'}`);
				if (!outcome.note.unchanged) console.log(`\n${outcome.note.text}\n`);
				break;
			default:
				failed++;
				console.error(`${where}: ${outcome.kind}, still serving the last good copy:\n${outcome.reason}`);
		}
	}
	return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
