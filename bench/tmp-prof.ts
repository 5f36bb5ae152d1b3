import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadGazetteer } from '../src/data/gazetteer.js';
import { loadDataset } from '../src/data/loadDataset.js';
import { createLibrary } from '../src/library/createLibrary.js';
import { generateDataset, writeTableDataset } from './writeDataset.js';
const gazetteer = loadGazetteer();
const dir = join(mkdtempSync(join(tmpdir(), 'm-')), 'generated');
writeTableDataset(generateDataset(gazetteer, 10, 100, 10, 10), dir);
for (let i = 0; i < 2; i++) {
	let t = performance.now();
	const ds = loadDataset(dir);
	const load = performance.now() - t;
	t = performance.now();
	const lib = createLibrary([ds], gazetteer);
	const create = performance.now() - t;
	t = performance.now();
	lib.suggest('', { limit: 1 });
	const suggest = performance.now() - t;
	console.log({ load, create, suggest });
}
