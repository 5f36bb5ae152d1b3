import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, linkSync, lstatSync, openSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { envSchema } from '../config/env.js';

const USAGE =
	'usage: npm run backup -- FILE [--allow-empty]   (copies the digest store DIGEST_DB to FILE; FILE must not exist)';

/** How many live subscriptions a store holds (0 for a store the bot never wrote to). */
function subscriptionsIn(db: Database.Database): number {
	const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'subscriptions'").get();
	if (!table) return 0;
	return (db.prepare('SELECT COUNT(*) AS n FROM subscriptions WHERE deleted_at IS NULL').get() as { n: number }).n;
}

/**
 * `npm run backup -- FILE`: a consistent copy of the digest store (DIGEST_DB) while the bot runs,
 * through SQLite's online backup API. A plain file copy of a database in WAL mode can miss the
 * writes still in its -wal file, or catch a page half-written.
 *
 * The copy is one self-contained file (journal mode DELETE: no -wal or -shm beside it), written to
 * a new file of its own in FILE's folder and then linked to FILE, which fails if anything is there:
 * an existing file, a symlink (dangling or not) is never written through or overwritten. A store
 * with no subscriptions is refused unless --allow-empty: it is most often the wrong store (DIGEST_DB
 * not set to the one the bot runs on).
 */
async function main(argv: string[]): Promise<number> {
	const target = argv.find((a) => !a.startsWith('-'));
	if (!target || argv.includes('--help')) {
		console.error(USAGE);
		return 2;
	}
	const { config } = await import('dotenv');
	config({ quiet: true });
	// Only DIGEST_DB matters here: a backup needs no Discord token.
	const source = resolve(envSchema.shape.DIGEST_DB.parse(process.env.DIGEST_DB));
	const taken = (() => {
		try {
			return lstatSync(target).isSymbolicLink() ? 'is a symbolic link' : 'already exists';
		} catch {
			return null;
		}
	})();
	if (taken) {
		console.error(`backup: ${target} ${taken}; choose a new file (a backup never overwrites or follows links)`);
		return 1;
	}
	if (!existsSync(source)) {
		console.error(`backup: there is no digest store at ${source} (DIGEST_DB)`);
		return 1;
	}
	const partial = join(dirname(resolve(target)), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
	try {
		const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5_000 });
		try {
			const held = subscriptionsIn(db);
			if (held === 0 && !argv.includes('--allow-empty')) {
				console.error(
					`backup: the store at ${source} holds no subscriptions: is DIGEST_DB the store the bot runs on? (the unit and the container use /var/lib/factdesk/factdesk.db) Add --allow-empty to copy it anyway.`,
				);
				return 1;
			}
			// A file of our own, created here and now (O_EXCL): the backup writes nowhere else.
			closeSync(openSync(partial, 'wx', 0o600));
			await db.backup(partial);
		} finally {
			db.close();
		}
		const copy = new Database(partial, { fileMustExist: true });
		let held: number;
		try {
			// One file: out of WAL mode, so no -wal or -shm is needed (or left) beside it.
			copy.pragma('journal_mode = DELETE');
			const integrity = copy.pragma('integrity_check', { simple: true });
			if (integrity !== 'ok') throw new Error(`the copy failed its integrity check: ${String(integrity)}`);
			held = subscriptionsIn(copy);
		} finally {
			copy.close();
		}
		// Linking fails if anything has appeared at FILE meanwhile: nothing is overwritten.
		linkSync(partial, target);
		console.log(
			`backup: copied the store ${source} to ${resolve(target)} (${held} subscription${held === 1 ? '' : 's'}, integrity ok, one self-contained file)`,
		);
		return 0;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		console.error(
			`backup: ${code === 'EEXIST' ? `${target} appeared while copying; nothing was overwritten` : (error as Error).message.split('\n')[0]}`,
		);
		return 1;
	} finally {
		for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`])
			rmSync(leftover, { force: true });
	}
}

process.exitCode = await main(process.argv.slice(2));
