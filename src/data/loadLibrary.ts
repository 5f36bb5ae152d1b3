import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadOptions, describeFsError, figureBound, loadDataset } from './loadDataset.js';
import { DatasetError, type DatasetIssue } from './parseDataset.js';
import type { Dataset } from './types.js';

/** A library may hold at most this many figures in all; a larger one is refused, keeping the old data. */
export const MAX_LIBRARY_FIGURES = 1_000_000;

/** The dataset folders in `dir`: itself when it holds a dataset.json, else each subfolder that does, by name. */
export function datasetFolders(dir: string): string[] {
	if (existsSync(join(dir, 'dataset.json'))) return [dir];
	return readdirSync(dir)
		.map((name) => join(dir, name))
		.filter((path) => statSync(path).isDirectory() && existsSync(join(path, 'dataset.json')))
		.sort();
}

/**
 * Every dataset of a library folder (or the one dataset of a dataset folder). Throws one DatasetError
 * listing the problems of every dataset, so nothing half-loaded is ever served.
 */
export function loadLibrary(dir: string, maxFigures = MAX_LIBRARY_FIGURES, options: LoadOptions = {}): Dataset[] {
	const { datasets, issues } = readLibrary(dir, maxFigures, options);
	if (issues.length > 0) throw new DatasetError(issues);
	return datasets;
}

/**
 * The datasets of a library that load, and every problem found in it (in its folders, in each
 * dataset, and across them: two datasets with one id, too many figures). `data:check` reports both.
 */
export function readLibrary(dir: string, maxFigures = MAX_LIBRARY_FIGURES, options: LoadOptions = {}): { datasets: Dataset[]; issues: DatasetIssue[] } {
	const fail = (message: string) => ({ datasets: [], issues: [{ file: dir, line: null, field: null, message }] });
	let folders: string[];
	try {
		if (!statSync(dir).isDirectory()) return fail('is not a folder (FACTDESK_DATA and --data name a library or a dataset folder)');
		folders = datasetFolders(dir);
	} catch (error) {
		return fail(`cannot be read: ${describeFsError(error)}`);
	}
	if (folders.length === 0) return fail('no dataset.json here or in its subfolders');
	// Counted before anything is parsed: a library over the limit is refused in the time it takes to
	// read its files, not after building a million figures (and the memory they take).
	const bound = folders.reduce((n, folder) => n + figureBound(folder, options.overlay), 0);
	if (bound > maxFigures)
		return fail(
			`holds up to ${bound} figures (each row of figures.csv, and each table row times its value columns); a library may hold at most ${maxFigures}: serve fewer datasets, or split the library`,
		);
	const datasets: Dataset[] = [];
	const issues: DatasetIssue[] = [];
	const seen = new Map<string, string>();
	for (const folder of folders) {
		try {
			const dataset = loadDataset(folder, options);
			const other = seen.get(dataset.id);
			if (other) issues.push({ file: join(folder, 'dataset.json'), line: null, field: 'id', message: `"${dataset.id}" is also the id of ${other}; each dataset needs its own` });
			seen.set(dataset.id, folder);
			datasets.push(dataset);
		} catch (error) {
			if (!(error instanceof DatasetError)) throw error;
			issues.push(...error.issues);
		}
	}
	const total = datasets.reduce((n, d) => n + d.figures.length, 0);
	if (total > maxFigures) issues.push({ file: dir, line: null, field: null, message: `holds ${total} figures; a library may hold at most ${maxFigures}` });
	return { datasets, issues };
}
