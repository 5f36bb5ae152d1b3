import { formatIssue } from '../data/parseDataset.js';
import { readLibrary } from '../data/loadLibrary.js';
/**
 * `npm run data:check -- [DIR]`: validates every dataset in DIR (default data/) exactly as the bot
 * loads it. Prints each problem as `file:line: message` and exits 1, or prints what each dataset
 * holds and exits 0.
 */
function main(argv: string[]): number {
	const dir = argv.find((a) => !a.startsWith('-')) ?? 'data';
	const { datasets, issues } = readLibrary(dir);
	for (const dataset of datasets) {
		const sources = dataset.sources
			.map((s) => `${s.id} (${s.outlet}${s.published ? `, ${s.published}` : ', date not stated'})`)
			.join('; ');
		console.log(
			`${dataset.id}: ${dataset.figures.length} figures, ${dataset.statements.length} statements, ${dataset.sources.length} sources: ${sources}`,
		);
	}
	if (issues.length > 0) {
		console.error(issues.map(formatIssue).join('\n'));
		return 1;
	}
	const count = (of: (d: (typeof datasets)[number]) => number) => datasets.reduce((n, d) => n + of(d), 0);
	console.log(
		`ok: ${datasets.length} dataset${datasets.length === 1 ? '' : 's'}, ${count((d) => d.figures.length)} figures, ${count((d) => d.statements.length)} statements, ${count((d) => d.sources.length)} sources`,
	);
	return 0;
}

process.exitCode = main(process.argv.slice(2));
