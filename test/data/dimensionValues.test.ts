import { describe, expect, it } from 'vitest';
import { dimensionValue, valuePosition } from '../../src/data/dimensionValues.js';
import { parseDataset } from '../../src/data/parseDataset.js';
import type { Dimension } from '../../src/data/types.js';

describe("a dimension's values by id", () => {
	it('GIVEN values added after a look-up (a table bringing its own) THEN they are found too, at their place in the list', () => {
		const dimension = { id: 'district', label: 'District', role: null, values: [] } as unknown as Dimension;
		const add = (id: string) =>
			(dimension.values as unknown as unknown[]).push({ id, label: id.toUpperCase(), country: null, aliases: [] });
		add('a');
		expect(dimensionValue(dimension, 'a')?.label).toBe('A');
		expect(dimensionValue(dimension, 'b')).toBeUndefined();
		add('b');
		add('c');
		expect(dimensionValue(dimension, 'b')?.label).toBe('B');
		expect([valuePosition(dimension, 'c'), valuePosition(dimension, 'a'), valuePosition(dimension, 'zz')]).toEqual([2, 0, -1]);
		expect(dimensionValue(dimension, undefined)).toBeUndefined();
	});

	it('GIVEN table cells whose ids would collide ("Saint-Denis", "Saint Denis", "saint_denis") THEN each gets its own id, in the order met', () => {
		const files: Record<string, string> = {
			'dataset.json': JSON.stringify({
				id: 'towns',
				title: 'Towns',
				description: 'Residents by town.',
				metrics: [{ id: 'residents', label: 'residents', unit: 'people' }],
				dimensions: [{ id: 'town', label: 'Town' }],
				tables: [{ file: 'tables/towns.csv', source: 'office', period: 'year', dimensions: { town: 'town' }, metrics: { residents: 'residents' } }],
			}),
			'sources.json': JSON.stringify([{ id: 'office', outlet: 'Office', originator: 'Office', published: null, licence: 'CC BY 4.0' }]),
			'tables/towns.csv': 'town,year,residents\nSaint-Denis,2025,1\nSaint Denis,2025,2\nSaint.Denis,2025,3\n',
		};
		const dataset = parseDataset((name) => files[name], 'data/towns');
		expect(dataset.dimensions[0]!.values.map((v) => [v.id, v.label])).toEqual([
			['saint-denis', 'Saint-Denis'],
			['saint-denis-2', 'Saint Denis'],
			['saint-denis-3', 'Saint.Denis'],
		]);
	});
});
