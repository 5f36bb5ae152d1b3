// One refresh of one live table: fetched politely, checked exactly as a file on disk is (by loading
// the library with the new copy in its place), diffed against the copy served now, and only then
// swapped in whole. A copy that fails is removed and the last good one keeps serving.
import { createHash } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access, copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { dirname, resolve } from 'node:path';
import { type TableCopy, isSameCopy, previousCopyPath, readCopies, writeCopies } from '../data/copies.js';
import { DatasetError } from '../data/parseDataset.js';
import type { ChangeNote } from '../present/presentRefresh.js';
import type { LiveTable } from './liveTables.js';
import { FetchError, type FetchOptions, type Validators, fetchTable } from './fetchTable.js';

/** A copy the checks refused, with the reason (the loader's file:line problems) in its message. */
export class CopyRefused extends Error {
	override name = 'CopyRefused';
}

/**
 * Checks a new copy: loads the library with `incoming` read in place of the table, as every load
 * checks it (throws DatasetError or CopyRefused where it fails), and writes the note of what it
 * changes. Then `swap` puts the copy in place on disk, and only once it has returned is the new data
 * served (a swap that throws leaves the old data serving, and is thrown again).
 */
export interface Checker {
	check(
		table: LiveTable,
		incoming: string,
		fetchedAt: string,
		swap: (note: ChangeNote) => Promise<void>,
	): Promise<ChangeNote>;
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
	/** Called with the note once the copy passed, before it is put in place (to record it first). */
	onChecked?: (note: ChangeNote) => void,
): Promise<RefreshOutcome> {
	const served = resolve(table.dir, table.file);
	const incoming = incomingPath(table);
	// A copy is written beside the one served: a read-only data folder (a container's image) cannot take one.
	try {
		await access(dirname(served), constants.W_OK);
	} catch (error) {
		return {
			kind: 'failed',
			reason: `the bot cannot write to ${dirname(table.file) === '.' ? 'the dataset folder' : dirname(table.file)} (${(error as NodeJS.ErrnoException).code ?? 'error'}): a live table's folder must be writable (see the README, "Live tables")`,
		};
	}
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
	// The first fetch (or one after the file was replaced by hand) of the very file served: nothing to
	// load again; its validators are kept for the next request.
	if (!current && fetched.sha256 === (await sha256Of(served))) {
		await rm(incoming, { force: true });
		await recordCopy(table, served, fetched, checkedAt, copy);
		return { kind: 'unchanged', why: 'same-file' };
	}
	let swapped = false;
	try {
		const note = await checker.check(table, incoming, checkedAt, async (checked) => {
			onChecked?.(checked);
			await swapIn(table, served, incoming);
			await recordCopy(table, served, fetched, checkedAt, copy);
			swapped = true;
		});
		return { kind: 'updated', note };
	} catch (error) {
		await rm(incoming, { force: true });
		if (error instanceof DatasetError || error instanceof CopyRefused)
			return { kind: 'refused', reason: refusal(error.message, incoming, table.file) };
		return {
			kind: 'failed',
			reason: swapped
				? `the new copy is in place but could not be served: ${(error as Error).message}`
				: `the new copy could not be checked or put in place: ${(error as Error).message}`,
		};
	}
}

/**
 * Puts a checked copy in place: the served one kept as the previous copy (to diff against), the new
 * one renamed over it (whole, never half-written).
 */
async function swapIn(table: LiveTable, served: string, incoming: string): Promise<void> {
	const previous = previousCopyPath(table.dir, table.file);
	await mkdir(dirname(previous), { recursive: true });
	await copyFile(served, previous);
	await rename(incoming, served);
}

/** Records where the served copy came from and when, and what it was served with (for the next request). */
async function recordCopy(
	table: LiveTable,
	served: string,
	fetched: { validators: Validators; sha256: string },
	fetchedAt: string,
	before: TableCopy | undefined,
): Promise<void> {
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
				fetchedAt,
				checkedAt: fetchedAt,
				previousFetchedAt: before?.fetchedAt ?? null,
			},
		},
	});
}

/** A file's SHA-256, read as a stream (a 100 MB table does not hold the event loop); null when unreadable. */
async function sha256Of(path: string): Promise<string | null> {
	try {
		const hash = createHash('sha256');
		await pipeline(createReadStream(path), hash);
		return hash.digest('hex');
	} catch {
		return null;
	}
}

/** The loader's problems with the new copy, named by the table's own path (not the incoming file's). */
function refusal(message: string, incoming: string, file: string): string {
	const text = message.replaceAll(incoming, file);
	return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}… (and more)` : text;
}
