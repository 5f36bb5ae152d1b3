import { describeFsError, loadDataset } from '../data/loadDataset.js';
import { datasetFolders } from '../data/loadLibrary.js';
import { DatasetError } from '../data/parseDataset.js';

/**
 * `npm run data:check -- [DIR]`: validates every dataset in DIR (default data/) exactly as the bot
 * loads it. Prints each problem as `file:line: message` and exits 1, or prints what each dataset
 * holds and exits 0.
 */
function main(argv: string[]): number {
	const dir = argv.find((a) => !a.startsWith('-')) ?? 'data';
	let folders: string[];
	try {
		folders = datasetFolders(dir);
	} catch (error) {
		console.error(`${dir}: cannot be read: ${describeFsError(error)}`);
		return 1;
	}
	if (folders.length === 0) {
		console.error(`${dir}: no dataset.json here or in its subfolders`);
		return 1;
	}
	let failed = false;
	const totals = { figures: 0, statements: 0, sources: 0 };
	for (const folder of folders) {
		try {
			const dataset = loadDataset(folder);
			totals.figures += dataset.figures.length;
			totals.statements += dataset.statements.length;
			totals.sources += dataset.sources.length;
			const sources = dataset.sources
				.map((s) => `${s.id} (${s.outlet}${s.published ? `, ${s.published}` : ', date not stated'})`)
				.join('; ');
			console.log(
				`${dataset.id}: ${dataset.figures.length} figures, ${dataset.statements.length} statements, ${dataset.sources.length} sources: ${sources}`,
			);
		} catch (error) {
			if (!(error instanceof DatasetError)) throw error;
			failed = true;
			console.error(error.message);
		}
	}
	if (failed) return 1;
	console.log(
		`ok: ${folders.length} dataset${folders.length === 1 ? '' : 's'}, ${totals.figures} figures, ${totals.statements} statements, ${totals.sources} sources`,
	);
	return 0;
}

process.exitCode = main(process.argv.slice(2));
