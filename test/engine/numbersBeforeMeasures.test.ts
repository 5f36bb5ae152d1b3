import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/parseDataset.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { NOW, gazetteer } from '../support/engine.js';
import { measuresTable, oneTableDataset } from '../support/tables.js';

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

describe('a count of values with a measure named and no number: "how many countries have won the PGA"', () => {
	const majors = createEngine(
		measuresTable({
			id: 'majors',
			title: 'Major golf championships by country',
			metrics: [
				{ id: 'masters', label: 'Masters wins', unit: 'wins', aliases: ['masters'] },
				{ id: 'pga', label: 'PGA Championship wins', unit: 'wins', aliases: ['pga championship', 'pga'] },
			],
			dimension: { id: 'country', label: 'Country', aliases: ['countries'] },
			columns: { Masters: 'masters', PGA: 'pga' },
			csv: ['Country,Masters,PGA', 'United States,57,79', 'Scotland,1,0', 'Fiji,1,3', 'Wales,1,0'].join('\n'),
		}),
		gazetteer,
	);
	const count = (q: string) => {
		const a = majors.ask(q, NOW);
		return a.body?.kind === 'aggregate'
			? a.body.aggregate.result.value
			: a.body?.kind === 'count'
				? a.body.count.count
				: a.status;
	};

	it('GIVEN "have won the PGA Championship" THEN the countries with at least one, said in the reading', () => {
		const answer = majors.ask('how many countries have won the pga championship?', NOW);
		expect(answer.query?.conditions).toMatchObject([{ comparator: 'ge', value: '1', metric: { id: 'pga' } }]);
		expect(count('how many countries have won the pga championship?')).toBe('2');
	});

	it('GIVEN no measure named THEN every country; a number written is the condition, not "at least 1"', () => {
		expect(count('how many countries are there?')).toBe(4);
		expect(
			majors.ask('how many countries have won more than 2 pga championship', NOW).query?.conditions,
		).toMatchObject([{ comparator: 'gt', value: '2' }]);
	});
});

describe('"how many counties did McCain win" where every county has figures for each candidate', () => {
	const counties = createEngine(
		oneTableDataset({
			id: 'votes',
			title: 'Votes by county and candidate',
			metric: { id: 'votes', label: 'votes', unit: 'votes' },
			dimensions: [
				{ id: 'county', label: 'County', aliases: ['counties'] },
				{ id: 'candidate', label: 'Candidate' },
			],
			period: 'year',
			valueColumn: 'votes',
			csv: 'year,county,candidate,votes\n2008,Adair,Obama,5000\n2008,Adair,McCain,6000\n2008,Boone,Obama,9000\n2008,Boone,McCain,4000\n',
		}),
		gazetteer,
	);

	it('GIVEN "win" and a name every county has THEN not answered, never every county counted', () => {
		const answer = counties.ask('how many counties did mccain win?', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toMatch(/Every county has figures for McCain/);
	});

	it('GIVEN a condition instead of an outcome THEN the counties meeting it are counted', () => {
		const answer = counties.ask('how many counties had more than 5000 votes for mccain', NOW);
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe('1');
	});
});
