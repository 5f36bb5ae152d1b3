import { resolve } from 'node:path';
import type { LiveTable } from './liveTables.js';
import { loadDataset } from '../data/loadDataset.js';
import { loadLibrary } from '../data/loadLibrary.js';
import { diffTable, markRevised } from '../data/tableDiff.js';
import type { Dataset } from '../data/types.js';
import { type ChangeNote, presentChange } from '../present/presentRefresh.js';
import type { Checker } from './refresh.js';

/** What a live table's new copy is checked against and with: the library it joins. */
export interface CopyToCheck {
	table: LiveTable;
	/** Where the new copy was written. */
	incoming: string;
	fetchedAt: string;
}

/**
 * The library as it would be with the new copy in place, loaded by the loader every file goes
 * through (format, every cell, duplicates, the figure cap: a DatasetError where it fails), and the
 * note of what the copy changes against the one served now.
 */
export function loadWithCopy(
	libraryDir: string,
	maxFigures: number | undefined,
	{ table, incoming, fetchedAt }: CopyToCheck,
): { datasets: Dataset[]; note: ChangeNote } {
	const served = resolve(table.dir, table.file);
	const datasets = loadLibrary(libraryDir, maxFigures, {
		overlay: new Map([[served, resolve(incoming)]]),
		fetchedAt: new Map([[served, fetchedAt]]),
	});
	const after = datasets.find((d) => d.id === table.datasetId);
	if (!after) throw new Error(`the dataset ${table.datasetId} is no longer in the library`);
	// The copy served now, read again to diff against (none readable: every figure is new).
	let before: Dataset;
	try {
		before = loadDataset(table.dir, { revisions: false });
	} catch {
		before = { ...after, figures: [] };
	}
	const change = diffTable(before, after, table.file);
	// What this refresh revises is what answers from the new copy say was revised.
	markRevised(change, fetchedAt.slice(0, 10));
	return { datasets, note: presentChange(after, change, { url: table.url, fetchedAt }) };
}

/** Checks in this thread (the terminal's `npm run data:refresh`, tests): the bot checks in a data worker. */
export function inProcessChecker(libraryDir: string, maxFigures?: number): Checker {
	return {
		check: async (table, incoming, fetchedAt, swap) => {
			const { note } = loadWithCopy(libraryDir, maxFigures, { table, incoming, fetchedAt });
			await swap(note);
			return note;
		},
	};
}
