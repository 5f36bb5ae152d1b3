import { existsSync } from 'node:fs';
import { envSchema } from '../config/env.js';
import { DigestStore } from '../digest/store.js';
import { gapLines } from '../present/presentGaps.js';

/**
 * `npm run gaps [-- --limit N]`: the questions the data could not answer in the last 90 days, most
 * asked first, from the store (DIGEST_DB): what the data editor should add.
 */
async function main(argv: string[]): Promise<number> {
	const at = argv.indexOf('--limit');
	const limit = at >= 0 ? Number(argv[at + 1]) : 50;
	if (argv.includes('--help') || !Number.isInteger(limit) || limit < 1) {
		console.error('usage: npm run gaps [-- --limit N]   (the most asked questions the data could not answer)');
		return argv.includes('--help') ? 0 : 2;
	}
	const { config } = await import('dotenv');
	config({ quiet: true });
	const path = envSchema.shape.DIGEST_DB.parse(process.env.DIGEST_DB);
	if (!existsSync(path)) {
		console.error(`gaps: there is no store at ${path} (DIGEST_DB); the bot creates it when it first starts`);
		return 1;
	}
	const store = new DigestStore(path);
	try {
		const gaps = store.gaps(Date.now(), limit);
		console.log(
			gaps.length > 0
				? gapLines(gaps, false).join('\n')
				: 'No gaps: every question asked in the last 90 days was answered.',
		);
	} finally {
		store.close();
	}
	return 0;
}

process.exitCode = await main(process.argv.slice(2));
