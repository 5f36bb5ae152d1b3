import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/parseDataset.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { NOW, gazetteer } from '../support/engine.js';

// A race's results: a column of numbers that names rows (car number) beside measures.
const files: Record<string, string> = {
	'dataset.json': JSON.stringify({
		id: 'results',
		title: 'A race: results',
		description: 'For tests.',
		metrics: [
			{ id: 'bonus', label: 'bonus points', unit: 'points', aliases: ['bonus'] },
			{ id: 'winnings', label: 'winnings', unit: 'USD', aliases: ['earned', 'money'] },
		],
		dimensions: [{ id: 'driver', label: 'Driver', aliases: ['drivers'] }],
		attributes: [{ id: 'car', label: 'Car number', aliases: ['car', 'car #'] }],
		tables: [
			{
				file: 'tables/results.csv',
				source: 'wiki',
				asOf: '2007',
				dimensions: { driver: 'Driver' },
				attributes: { car: 'Car #' },
				metrics: { Bonus: 'bonus', Winnings: 'winnings' },
			},
		],
	}),
	'sources.json': JSON.stringify([{ id: 'wiki', outlet: 'Wikipedia', originator: 'Wikipedia', published: null }]),
	'tables/results.csv': [
		'Driver,Car #,Bonus,Winnings',
		'Ann Lee,24,10,355511',
		'Bob Ray,5,5,251736',
		'Cy Dee,48,5,212483',
		'Di Fox,2,0,182689',
	].join('\n'),
};
const results = parseDataset((name) => files[name], 'data/results');
const ask = (q: string) => createEngine(results, gazetteer).ask(q, NOW);

describe('a number right before a measure: how many of it', () => {
	it.each(['how many drivers got 5 bonus points', 'how many drivers earned 5 bonus points'])(
		'GIVEN "%s" where car 5 is a row THEN a condition on the bonus points, never car 5',
		(question) => {
			const answer = ask(question);
			expect(answer.query).toMatchObject({
				operation: 'count',
				conditions: [{ comparator: 'eq', value: '5', metric: { id: 'bonus' } }],
			});
			expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe('2');
		},
	);

	it('GIVEN the column named before the number ("car 5") THEN the row of that car', () => {
		const answer = ask('bonus points of car 5');
		expect(answer.body?.kind === 'figures' && answer.body.groups.map((g) => g.primary.dims.driver)).toEqual([
			'bob-ray',
		]);
	});
});
