import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	generateDataset,
	writeAttributeTable,
	writeDailySeries,
	writeDataset,
	writeDistinctValues,
	writeTableDataset,
	writeWideTable,
} from '../bench/writeDataset.js';
import { loadDataset } from '../src/data/loadDataset.js';
import { gazetteer } from './support/engine.js';

// `npm run bench` is not run by CI (it takes minutes); the data it writes is, at a small size, so
// that a rule the loader gains never leaves the bench unable to load its own data.
describe("the bench's generated data loads as a user's data does", () => {
	const folder = () => join(mkdtempSync(join(tmpdir(), 'factdesk-benchdata-')), 'generated');
	it.each([
		['article figures', (dir: string) => writeDataset(dir, 600), 600],
		['a long table', (dir: string) => writeTableDataset(generateDataset(gazetteer, 2, 3, 2, 2), dir), 24],
		['a daily series', (dir: string) => writeDailySeries(dir, 400), 400],
		['distinct values', (dir: string) => writeDistinctValues(dir, 500), 500],
		['a wide table', (dir: string) => writeWideTable(dir, 500), 500],
		['a long table with attributes', (dir: string) => writeAttributeTable(dir, 500), 500],
	] as const)('GIVEN %s THEN it loads, every figure', (_, write, figures) => {
		const dir = folder();
		write(dir);
		expect(loadDataset(dir).figures).toHaveLength(figures);
	});
});
