// The copies of a dataset's live tables: which copy of each table is served, where it came from and
// when, and the copy before it (kept to diff against). Kept in the dataset's folder, beside the
// data, in `.refresh/`: the folder says by itself what it serves, whichever process wrote it.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { datasetFolders } from './loadLibrary.js';
import { datasetMetaSchema } from './schema.js';

export const COPIES_DIR = '.refresh';
const STATE_FILE = 'state.json';

const copySchema = z.object({
	url: z.string(),
	etag: z.string().nullable(),
	lastModified: z.string().nullable(),
	sha256: z.string(),
	/** The served file's size and modification time when it was put there: changed by hand, its validators no longer hold. */
	size: z.number(),
	mtimeMs: z.number(),
	/** When this copy was fetched (ISO instant). */
	fetchedAt: z.string(),
	/** When the source was last seen to still publish this copy (a 304, or the same file again). */
	checkedAt: z.string(),
	/** When the previous copy, kept in `.refresh/previous/`, was fetched; null for none. */
	previousFetchedAt: z.string().nullable(),
});
export type TableCopy = z.infer<typeof copySchema>;

const stateSchema = z.object({ tables: z.record(z.string(), copySchema) });
export type CopiesState = z.infer<typeof stateSchema>;

/** The copies state of a dataset folder; empty where there is none (or it cannot be read: it is rebuilt). */
export function readCopies(datasetDir: string): CopiesState {
	try {
		const parsed = stateSchema.safeParse(JSON.parse(readFileSync(join(datasetDir, COPIES_DIR, STATE_FILE), 'utf8')));
		return parsed.success ? parsed.data : { tables: {} };
	} catch {
		return { tables: {} };
	}
}

/** Writes the state whole: to a file beside it, then renamed over it. */
export function writeCopies(datasetDir: string, state: CopiesState): void {
	const path = join(datasetDir, COPIES_DIR, STATE_FILE);
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, '\t')}\n`);
	renameSync(`${path}.tmp`, path);
}

/** Where the copy before the served one of `file` is kept. */
export const previousCopyPath = (datasetDir: string, file: string): string =>
	join(datasetDir, COPIES_DIR, 'previous', file);

/** Whether the served file is still the copy the state describes (not replaced by hand since). */
export function isSameCopy(path: string, copy: TableCopy | undefined): boolean {
	if (!copy || !existsSync(path)) return false;
	const stat = statSync(path);
	return stat.size === copy.size && stat.mtimeMs === copy.mtimeMs;
}

/** A table published elsewhere and fetched again on its schedule (dataset.json → tables[].url). */
export interface LiveTable {
	datasetId: string;
	datasetTitle: string;
	/** The dataset's folder. */
	dir: string;
	/** The channel told of changes and refusals; null for none. */
	notify: string | null;
	/** The table's path in the folder. */
	file: string;
	url: string;
	/** Its cron expression; null: fetched only when asked (`/data refresh`, `npm run data:refresh`). */
	refresh: string | null;
	timezone: string;
}

/**
 * The live tables of a library (or of one dataset folder), read from each dataset.json. A dataset
 * whose dataset.json is invalid has none here: the loader reports why.
 */
export function liveTables(libraryDir: string): LiveTable[] {
	let folders: string[];
	try {
		folders = datasetFolders(libraryDir);
	} catch {
		return [];
	}
	return folders.flatMap((dir) => {
		try {
			const meta = datasetMetaSchema.safeParse(JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8')));
			if (!meta.success) return [];
			return meta.data.tables.flatMap((t) =>
				t.url === undefined
					? []
					: [
							{
								datasetId: meta.data.id,
								datasetTitle: meta.data.title,
								dir,
								notify: meta.data.notify,
								file: t.file,
								url: t.url,
								refresh: t.refresh ?? null,
								timezone: t.timezone,
							},
						],
			);
		} catch {
			return [];
		}
	});
}
