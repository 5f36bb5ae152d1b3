import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { envSchema } from '../config/env.js';

/**
 * `npm run backup -- FILE`: a consistent copy of the digest store (DIGEST_DB) while the bot runs,
 * through SQLite's online backup API. A plain file copy of a database in WAL mode can miss the
 * writes still in its -wal file, or catch a page half-written.
 */
async function main(argv: string[]): Promise<number> {
	const target = argv.find((a) => !a.startsWith('-'));
	if (!target || argv.includes('--help')) {
		console.error(
			'usage: npm run backup -- FILE   (copies the digest store DIGEST_DB to FILE; FILE must not exist)',
		);
		return 2;
	}
	const { config } = await import('dotenv');
	config({ quiet: true });
	// Only DIGEST_DB matters here: a backup needs no Discord token.
	const source = envSchema.shape.DIGEST_DB.parse(process.env.DIGEST_DB);
	if (existsSync(target)) {
		console.error(`backup: ${target} already exists; choose a new file (a backup never overwrites)`);
		return 1;
	}
	if (!existsSync(source)) {
		console.error(`backup: there is no digest store at ${source} (DIGEST_DB)`);
		return 1;
	}
	try {
		const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5_000 });
		try {
			await db.backup(target);
		} finally {
			db.close();
		}
		const copy = new Database(target, { readonly: true, fileMustExist: true });
		try {
			const integrity = copy.pragma('integrity_check', { simple: true });
			if (integrity !== 'ok') throw new Error(`the copy failed its integrity check: ${String(integrity)}`);
			const { n } = copy.prepare('SELECT COUNT(*) AS n FROM subscriptions WHERE deleted_at IS NULL').get() as {
				n: number;
			};
			console.log(
				`backup: copied ${source} to ${resolve(target)} (${n} subscription${n === 1 ? '' : 's'}, integrity ok)`,
			);
		} finally {
			copy.close();
		}
		return 0;
	} catch (error) {
		console.error(`backup: ${(error as Error).message.split('\n')[0]}`);
		return 1;
	}
}

process.exitCode = await main(process.argv.slice(2));
