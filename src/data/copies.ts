// The copies of a dataset's live tables: which copy of each table is served, where it came from and
// when, and the copy before it (kept to diff against). Kept in the dataset's folder, beside the
// data, in `.refresh/`: the folder says by itself what it serves, whichever process wrote it.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

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
