import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadGazetteer } from '../src/data/gazetteer.js';
import { loadLibrary } from '../src/data/loadLibrary.js';
import { createLibrary } from '../src/library/createLibrary.js';
import { generateDataset, writeTableDataset } from './writeDataset.js';
const gazetteer = loadGazetteer();
const dir = join(mkdtempSync(join(tmpdir(), 'm-')), 'generated');
writeTableDataset(generateDataset(gazetteer, 10, 100, 10, 10), dir);
for (let i = 0; i < 3; i++) {
	let t = performance.now();
	const ds = loadLibrary(dir);
	const load = performance.now() - t;
	t = performance.now();
	const lib = createLibrary(ds, gazetteer);
	const create = performance.now() - t;
	t = performance.now();
	lib.suggest('', { limit: 1 });
	const ready = performance.now() - t;
	t = performance.now();
	lib.ask('visitors 2025', new Date());
	const ask = performance.now() - t;
	t = performance.now();
	const clone = structuredClone(ds);
	const cl = performance.now() - t;
	console.log({ load, create, ready, ask, cl, n: clone[0]!.figures.length });
}
