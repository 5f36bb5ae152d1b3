import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseDataset } from './parseDataset.js';
import type { Dataset } from './types.js';

/** Reads a dataset folder from disk. Throws DatasetError (file:line messages) when it is invalid. */
export function loadDataset(dir: string): Dataset {
	const root = resolve(dir);
	const label = relative(process.cwd(), root) || '.';
	return parseDataset((relativePath) => {
		const path = resolve(join(root, relativePath));
		if (isAbsolute(relativePath) || !path.startsWith(root)) return undefined;
		try {
			return readFileSync(path, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
			throw error;
		}
	}, label.startsWith('..') ? root : label);
}
