import { readFileSync } from 'node:fs';
import { loadGazetteer } from '../data/gazetteer.js';
import { loadLibrary } from '../data/loadLibrary.js';
import { createLibrary } from '../library/createLibrary.js';
import { claimCasesSchema, scoreClaims } from '../library/claimScore.js';

const USAGE = `usage: npm run claims:check -- [--data DIR] [--now ISO-DATE] [--verbose] [FILE]
       Checks each message of FILE (default test/claims/held-out.json) as /check does and scores
       each claim's verdict against those the file accepts; exit 1 on any false "matches".`;

/** `npm run claims:check`: the claim check measured on a file of claims with their expected verdicts. */
function main(argv: string[]): number {
	let data = 'data';
	let now = new Date();
	let verbose = false;
	const files: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--help') {
			console.log(USAGE);
			return 0;
		}
		if (arg === '--verbose') verbose = true;
		else if (arg === '--data' || arg === '--now') {
			const value = argv[++i];
			if (value === undefined) {
				console.error(`claims:check: ${arg} needs a value\n${USAGE}`);
				return 2;
			}
			if (arg === '--data') data = value;
			else now = new Date(value);
		} else files.push(arg);
	}
	if (files.length > 1 || Number.isNaN(now.getTime())) {
		console.error(USAGE);
		return 2;
	}
	const file = files[0] ?? 'test/claims/held-out.json';
	const parsed = claimCasesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
	if (!parsed.success) {
		console.error(`claims:check: ${file} is not a claims file: ${parsed.error.issues[0]?.message ?? ''}`);
		return 2;
	}
	const library = createLibrary(loadLibrary(data), loadGazetteer());
	const score = scoreClaims(library, parsed.data, now);
	for (const r of score.results) {
		if (r.score === 'correct' && !verbose) continue;
		const label =
			r.score === 'correct' ? 'PASS' : r.score === 'false_match' ? 'FALSE MATCH' : r.score.toUpperCase();
		console.log(
			`${label}: "${r.message}" claim ${r.at + 1}${r.claim ? ` ("${r.claim}")` : ''}: ${r.got}, expected ${r.accepted.join(' or ')}`,
		);
	}
	const n = score.results.length;
	console.log(
		`claims: ${score.correct}/${n} judged as expected (${((100 * score.correct) / n).toFixed(1)}%), ${score.falseMatches} judged "matches" where the data says otherwise, ${score.other} other verdicts, ${score.unread} unread`,
	);
	return score.falseMatches > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
