import { closeSync, existsSync, fstatSync, openSync, readFileSync, realpathSync, statSync, constants } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type TableCopy, isSameCopy, previousCopyPath, readCopies } from './copies.js';
import { DatasetError, parseDataset } from './parseDataset.js';
import { diffTable, markRevised } from './tableDiff.js';
import type { Dataset } from './types.js';

/** Data files above this size are refused rather than read into memory. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/**
 * Reads a dataset folder from disk. Throws DatasetError (file:line messages) when it is invalid or
 * cannot be read: only regular files inside the folder are read (a symlink that leads outside it, a
 * FIFO, a directory or an unreadable file is an error naming the file, never a hang or a crash).
 */
export function loadDataset(dir: string, options: LoadOptions = {}): Dataset {
	const overlay = options.overlay ?? NO_OVERLAY;
	const { read, shown } = datasetReader(dir, overlay);
	const root = resolve(dir);
	// Live tables: each row cites the day its copy was fetched, where the file served is that copy.
	const asOf = new Map<string, string>();
	const served: [string, TableCopy][] = [];
	for (const [file, copy] of Object.entries(readCopies(root).tables)) {
		const path = resolve(root, file);
		if (overlay.has(path) || !isSameCopy(path, copy)) continue;
		asOf.set(file, copy.fetchedAt.slice(0, 10));
		served.push([file, copy]);
	}
	for (const [path, at] of options.fetchedAt ?? []) {
		const file = relative(root, path).split(sep).join('/');
		if (!file.startsWith('..')) asOf.set(file, at.slice(0, 10));
	}
	const dataset = parseDataset(read, shown, asOf);
	if (options.revisions !== false) for (const [file, copy] of served) markRevisions(dataset, root, file, copy, overlay);
	return dataset;
}

/** How a dataset is loaded besides from its own files as they are. */
export interface LoadOptions {
	/** Files read from elsewhere (see Overlay). */
	overlay?: Overlay;
	/** A live table's new copy (its absolute path) → when it was fetched, to cite with its rows. */
	fetchedAt?: ReadonlyMap<string, string>;
	/** Figures the last refresh of their table changed marked with what they were (default true). */
	revisions?: boolean;
}

/**
 * Marks each figure of a live table that its last refresh changed with what the copy before gave
 * (kept in `.refresh/previous/`), read again through the same loader. A previous copy that no
 * longer loads (the dataset's description changed since) marks nothing.
 */
function markRevisions(dataset: Dataset, root: string, file: string, copy: TableCopy, overlay: Overlay): void {
	const previous = previousCopyPath(root, file);
	if (!existsSync(previous)) return;
	try {
		const { read, shown } = datasetReader(root, new Map([...overlay, [resolve(root, file), previous]]));
		const before = parseDataset(read, shown);
		markRevised(diffTable(before, dataset, file), copy.fetchedAt.slice(0, 10));
	} catch {
		// Nothing to tell: the answers stand without the note.
	}
}

/**
 * How many figures a dataset folder can hold at most, read from its files without parsing them:
 * each data row of figures.csv, and each data row of a table times its value columns (an empty cell
 * makes no figure, so this is an upper bound). 0 when the folder cannot be read: loading says why.
 */
export function figureBound(dir: string, overlay: Overlay = NO_OVERLAY): number {
	try {
		const { read } = datasetReader(dir, overlay);
		const rows = (name: string) => Math.max(0, lines(read(name) ?? '') - 1);
		let bound = rows('figures.csv');
		const meta = JSON.parse(read('dataset.json') ?? '{}') as { tables?: unknown };
		for (const table of Array.isArray(meta.tables) ? meta.tables : []) {
			const { file, metrics } = (table ?? {}) as { file?: unknown; metrics?: unknown };
			if (typeof file !== 'string' || typeof metrics !== 'object' || metrics === null) continue;
			bound += rows(file) * Object.keys(metrics).length;
		}
		return bound;
	} catch {
		return 0;
	}
}

/** Lines holding anything, without splitting the text (a 100 MB file is not copied). */
function lines(text: string): number {
	let count = 0;
	for (let start = 0; start < text.length; ) {
		let end = text.indexOf('\n', start);
		if (end < 0) end = text.length;
		if (end - start > 2 || text.slice(start, end).trim() !== '') count++;
		start = end + 1;
	}
	return count;
}

/**
 * Files read from elsewhere than where the dataset names them: the absolute path a dataset names →
 * the absolute path of the copy to read instead (a table just fetched, checked before it replaces
 * the last good copy). Problems are still reported under the name the dataset gives the file.
 */
export type Overlay = ReadonlyMap<string, string>;
const NO_OVERLAY: Overlay = new Map();

/** The folder's safe file reader (see loadDataset) and the name its problems are reported under. */
function datasetReader(dir: string, overlay: Overlay = NO_OVERLAY): { read: (relativePath: string) => string | undefined; shown: string } {
	const root = resolve(dir);
	const label = relative(process.cwd(), root) || '.';
	const shown = label.startsWith('..') ? root : label;
	/** One problem with one file (or the folder), as the loader reports every other. */
	const fileError = (file: string, message: string) => new DatasetError([{ file, line: null, field: null, message }]);
	let realRoot: string;
	try {
		realRoot = realpathSync(root);
	} catch (error) {
		throw fileError(shown, `cannot be read: ${describeFsError(error)}`);
	}
	if (!statSync(realRoot).isDirectory()) throw fileError(shown, 'is not a folder (FACTDESK_DATA and --data name a dataset folder)');
	const read = (relativePath: string): string | undefined => {
		const path = resolve(join(root, relativePath));
		if (isAbsolute(relativePath) || !path.startsWith(root + sep)) return undefined;
		const fail = (message: string) => fileError(`${shown}/${relativePath}`, message);
		const instead = overlay.get(path);
		let real: string;
		try {
			real = instead === undefined ? realpathSync(path) : realpathSync(instead);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			throw fail(`cannot be read: ${describeFsError(error)}`);
		}
		if (instead === undefined && !real.startsWith(realRoot + sep)) throw fail('leads outside the dataset folder (a symlink?); only files inside it are read');
		// Opened without blocking, then checked on the open descriptor: a FIFO can neither hang the
		// read nor be swapped for another file between the check and the read.
		let fd: number;
		try {
			fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
		} catch (error) {
			throw fail(`cannot be read: ${describeFsError(error)}`);
		}
		try {
			const stat = fstatSync(fd);
			if (!stat.isFile()) throw fail('is not a regular file');
			if (stat.size > MAX_FILE_BYTES) throw fail(`is ${Math.round(stat.size / 1024 / 1024)} MB; data files may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`);
			return readFileSync(fd, 'utf8');
		} catch (error) {
			if (error instanceof DatasetError) throw error;
			throw fail(`cannot be read: ${describeFsError(error)}`);
		} finally {
			closeSync(fd);
		}
	};
	return { read, shown };
}

/** "permission denied (EACCES)" rather than a stack trace. */
export function describeFsError(error: unknown): string {
	const { code, message } = error as NodeJS.ErrnoException;
	const words: Record<string, string> = { EACCES: 'permission denied', EPERM: 'not permitted', EISDIR: 'is a folder', ENOTDIR: 'a part of the path is not a folder', ENOENT: 'not found', ELOOP: 'too many symlinks', EMFILE: 'too many open files' };
	return code ? `${words[code] ?? message.split('\n')[0]} (${code})` : String(message ?? error).split('\n')[0]!;
}
