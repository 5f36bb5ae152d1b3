// One refresh of one live table: fetched politely, checked exactly as a file on disk is (by loading
// the library with the new copy in its place), diffed against the copy served now, and only then
// swapped in whole. A copy that fails is removed and the last good one keeps serving.
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type LiveTable, isSameCopy, previousCopyPath, readCopies, writeCopies } from '../data/copies.js';
import { DatasetError } from '../data/parseDataset.js';
import type { ChangeNote } from '../present/presentRefresh.js';
import { FetchError, type FetchOptions, fetchTable } from './fetchTable.js';

/** A new copy that passed every check, its note written, waiting to be served. */
export interface CheckedCopy {
	note: ChangeNote;
	/** Serves the checked data (called once the new copy is in place on disk). */
	commit(): Promise<void>;
	/** Drops it (the copy could not be put in place). */
	discard(): Promise<void>;
}

/** Checks a new copy: loads the library with `incoming` read in place of the table. Throws DatasetError. */
export interface Checker {
	check(table: LiveTable, incoming: string, fetchedAt: string): Promise<CheckedCopy>;
}

export type RefreshOutcome =
	/** The source publishes the copy served: a 304, or the same bytes again. */
	| { kind: 'unchanged'; why: 'not-modified' | 'same-file' }
	/** A new copy is served (`note.unchanged`: its bytes differ, its figures do not; nothing to post). */
	| { kind: 'updated'; note: ChangeNote }
	/** A copy was fetched and failed the checks: the reason, in the loader's words. */
	| { kind: 'refused'; reason: string }
	/** No copy could be fetched. */
	| { kind: 'failed'; reason: string };

/** Where a table's new copy is written while it is checked: beside it, so it is renamed into place. */
export const incomingPath = (table: LiveTable): string => `${resolve(table.dir, table.file)}.incoming`;

/** The most of a refusal's reason kept and shown (the loader lists every problem of a file). */
const MAX_REASON = 1500;

/** Fetches, checks and swaps in one table's new copy (see the file's comment). Never throws for the source's faults. */
export async function refreshTable(
	table: LiveTable,
	checker: Checker,
	now: () => Date,
	fetchOptions: FetchOptions = {},
): Promise<RefreshOutcome> {
	const served = resolve(table.dir, table.file);
	const incoming = incomingPath(table);
	const state = readCopies(table.dir);
	const copy = state.tables[table.file];
	// Validators hold only for the copy they came with: a file replaced by hand is fetched whole.
	const current = copy && copy.url === table.url && isSameCopy(served, copy) ? copy : undefined;
	let fetched;
	try {
		fetched = await fetchTable(
			table.url,
			incoming,
			{ etag: current?.etag ?? null, lastModified: current?.lastModified ?? null },
			fetchOptions,
		);
	} catch (error) {
		// A copy that came and is not a table (a page, too big, cut short) is refused; no copy, failed.
		const refused = error instanceof FetchError && ['html', 'too-large', 'cut-short'].includes(error.code);
		return { kind: refused ? 'refused' : 'failed', reason: (error as Error).message };
	}
	const checkedAt = now().toISOString();
	if (fetched.kind === 'not-modified' || (current && fetched.sha256 === current.sha256)) {
		await rm(incoming, { force: true });
		if (current) writeCopies(table.dir, { tables: { ...state.tables, [table.file]: { ...current, checkedAt } } });
		return { kind: 'unchanged', why: fetched.kind === 'not-modified' ? 'not-modified' : 'same-file' };
	}
	let checked: CheckedCopy;
	try {
		checked = await checker.check(table, incoming, checkedAt);
	} catch (error) {
		await rm(incoming, { force: true });
		if (error instanceof DatasetError) return { kind: 'refused', reason: refusal(error, incoming, table.file) };
		return { kind: 'failed', reason: `the new copy could not be checked: ${(error as Error).message}` };
	}
	try {
		// The copy served until now is kept to diff against, then the new one renamed over it.
		const previous = previousCopyPath(table.dir, table.file);
		await mkdir(dirname(previous), { recursive: true });
		await copyFile(served, previous);
		await rename(incoming, served);
		const { size, mtimeMs } = await stat(served);
		writeCopies(table.dir, {
			tables: {
				...readCopies(table.dir).tables,
				[table.file]: {
					url: table.url,
					...fetched.validators,
					sha256: fetched.sha256,
					size,
					mtimeMs,
					fetchedAt: checkedAt,
					checkedAt,
					previousFetchedAt: copy?.fetchedAt ?? null,
				},
			},
		});
	} catch (error) {
		await rm(incoming, { force: true });
		await checked.discard();
		return { kind: 'failed', reason: `the new copy could not be put in place: ${(error as Error).message}` };
	}
	await checked.commit();
	return { kind: 'updated', note: checked.note };
}

/** The loader's problems with the new copy, named by the table's own path (not the incoming file's). */
function refusal(error: DatasetError, incoming: string, file: string): string {
	const text = error.message.replaceAll(incoming, file);
	return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}… (${error.issues.length} problems in all)` : text;
}
