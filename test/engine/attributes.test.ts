import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/parseDataset.js';
import type { Answer } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, gazetteer } from '../support/engine.js';

// A world table with a descriptive column: each country's region is a property of its row, not a
// dimension the figures are crossed by (no region has a total row).
const files: Record<string, string> = {
	'dataset.json': JSON.stringify({
		id: 'life',
		title: 'Life expectancy',
		description: 'Life expectancy at birth by country, for tests.',
		metrics: [{ id: 'life', label: 'life expectancy', unit: 'years', aliases: ['life expectancy at birth'] }],
		dimensions: [{ id: 'country', label: 'Country', aliases: ['nation'] }],
		attributes: [
			{
				id: 'region',
				label: 'Region',
				aliases: ['continent'],
				values: [{ id: 'asia', label: 'Asia', aliases: ['asian'] }],
			},
			{
				id: 'joined',
				label: 'UN member since',
				aliases: ['joined the un', 'join the un', 'un member'],
				type: 'date',
			},
		],
		tables: [
			{
				file: 'tables/life.csv',
				source: 'who',
				period: 'year',
				dimensions: { country: 'country' },
				attributes: { region: 'region', joined: 'joined' },
				totals: { country: 'World' },
				metrics: { life: 'life' },
			},
		],
	}),
	'sources.json': JSON.stringify([
		{ id: 'who', outlet: 'WHO', originator: 'World Health Organization', published: null, licence: 'CC BY 4.0' },
	]),
	'tables/life.csv': [
		'country,region,joined,year,life',
		'Japan,Asia,1956-12-18,2005,82.0',
		'Japan,Asia,1956-12-18,2010,82.9',
		'Chile,Americas,1945-10-24,2005,77.9',
		'Peru,Americas,1945-10-31,2005,73.7',
		'World,Everywhere,,2005,68.4',
	].join('\n'),
};
const dataset = parseDataset((name) => files[name], 'data/life');
const engine = createEngine(dataset, gazetteer);
const values = (answer: Answer) =>
	answer.body?.kind === 'figures'
		? answer.body.groups.map((g) => [g.primary.dims.country ?? 'world', g.primary.value])
		: answer.body?.kind === 'breakdown'
			? answer.body.breakdown.parts.map((p) => [p.group.primary.dims.country, p.group.primary.value])
			: answer.status;

describe('attributes: a question may filter by a descriptive column, or ask for it', () => {
	it('GIVEN a lookup that does not name the attribute THEN it is answered without any total row for it', () => {
		expect(values(engine.ask('life expectancy in Japan 2005', NOW))).toEqual([['japan', '82.0']]);
		expect(values(engine.ask('life expectancy in Chile 2005', NOW))).toEqual([['chile', '77.9']]);
	});

	it('GIVEN a value of the attribute THEN only rows that have it: a filter, never ignored', () => {
		expect(values(engine.ask('life expectancy by country in the americas 2005', NOW))).toEqual([
			['chile', '77.9'],
			['peru', '73.7'],
		]);
		expect(values(engine.ask('asian life expectancy 2010', NOW))).toEqual([['japan', '82.9']]);
		const none = engine.ask('life expectancy of Chile in asia 2005', NOW);
		expect(none.status).toBe('not_found');
		expect(none.reason).toMatch(/chile, Asia together/i);
	});

	it("GIVEN the attribute asked for THEN each named row's value, cited by its row", () => {
		const answer = engine.ask('which region is Peru in', NOW);
		expect(answer.body?.kind === 'attributes' && answer.body.attributes.items.map((i) => i.values)).toEqual([
			['Americas'],
		]);
		const text = presentText(answer, dataset);
		expect(text).toContain('Peru, 2005: Region: Americas');
		expect(text).toContain('tables/life.csv, line 5: country: Peru · region: Americas');
		const date = engine.ask('when did Japan join the UN', NOW);
		expect(date.body?.kind === 'attributes' && date.body.attributes.items.map((i) => i.values)).toEqual([
			['1956-12-18'],
			['1956-12-18'],
		]);
	});

	it('GIVEN "the oldest", "the newest" of rows with one column of dates THEN the row first or last by it', () => {
		const named = (answer: Answer) =>
			answer.body?.kind === 'attributes'
				? answer.body.attributes.items.map((i) => i.figure.dims.country)
				: answer.status;
		const oldest = engine.ask('which country is the oldest un member?', NOW);
		expect(oldest.query).toMatchObject({ operation: 'first', columns: [{ id: 'joined' }] });
		expect(named(oldest)).toEqual(['chile']);
		// (Japan's rows of each year share its date.)
		expect(named(engine.ask('which is the newest country?', NOW))).toEqual(['japan', 'japan']);
	});

	it('GIVEN a total row THEN its attribute cells are ignored: the world has no region', () => {
		expect(dataset.figures.find((f) => f.dims.country === undefined)!.attrs).toEqual({});
		expect(dataset.attributes[0]!.values.map((v) => v.label)).toEqual(['Asia', 'Americas']);
	});

	it('GIVEN a measure that is not a count grouped by the attribute THEN each group lists its rows, never added up', () => {
		const answer = engine.ask('life expectancy by region 2005', NOW);
		expect(
			answer.body?.kind === 'grouped' &&
				answer.body.grouped.groups.map((g) => [g.value, g.sum, g.shown.map((f) => f.dims.country)]),
		).toEqual([
			['Asia', null, ['japan']],
			['Americas', null, ['chile', 'peru']],
		]);
		expect(answer.notes).toContain(
			'life expectancy is not a count, so the rows of each group are listed, not added up.',
		);
	});

	it("GIVEN a count grouped by the attribute THEN each group's sum, labelled as the sum of its rows, with its inputs shown", () => {
		const votes: Record<string, string> = {
			'dataset.json': JSON.stringify({
				id: 'seats',
				title: 'Winners by seat',
				description: 'For tests.',
				metrics: [{ id: 'votes', label: "winner's votes", unit: 'votes', aliases: ['votes'] }],
				dimensions: [{ id: 'seat', label: 'Seat' }],
				attributes: [{ id: 'party', label: 'Party', aliases: ['parties'] }],
				tables: [
					{
						file: 'tables/seats.csv',
						source: 'who',
						asOf: '2012',
						dimensions: { seat: 'Seat' },
						attributes: { party: 'Party' },
						metrics: { Votes: 'votes' },
					},
				],
			}),
			'sources.json': files['sources.json']!,
			'tables/seats.csv': [
				'Seat,Party,Votes',
				'Abdasa,INC,"60,704"',
				'Bhuj,BJP,"69,174"',
				'Anjar,BJP,"64,789"',
			].join('\n'),
		};
		const seats = parseDataset((name) => votes[name], 'data/seats');
		const answer = createEngine(seats, gazetteer).ask('votes by party', NOW);
		expect(
			answer.body?.kind === 'grouped' && answer.body.grouped.groups.map((g) => [g.value, g.sum?.value, g.of]),
		).toEqual([
			['INC', '60704', 1],
			['BJP', '133963', 2],
		]);
		expect(presentText(answer, seats)).toContain(
			'BJP: 133,963 — the sum of 2 rows: Bhuj 69,174 [2], Anjar 64,789 [3]',
		);
	});

	it('GIVEN a ranking of rows named by a column nearly every row has its own value of THEN the rows ranked, each shown with it', () => {
		const named: Record<string, string> = {
			'dataset.json': JSON.stringify({
				id: 'winners',
				title: 'Winners by seat',
				description: 'For tests.',
				metrics: [{ id: 'margin', label: 'winning margin', unit: 'votes', aliases: ['margin'] }],
				dimensions: [{ id: 'seat', label: 'Seat' }],
				attributes: [
					{ id: 'winner', label: 'Winner', aliases: ['winners'] },
					{ id: 'party', label: 'Party', values: [{ id: 'inc', label: 'INC', aliases: ['congress'] }] },
				],
				tables: [
					{
						file: 'tables/w.csv',
						source: 'who',
						asOf: '2012',
						dimensions: { seat: 'Seat' },
						attributes: { winner: 'Winner', party: 'Party' },
						metrics: { Margin: 'margin' },
					},
				],
			}),
			'sources.json': files['sources.json']!,
			'tables/w.csv': [
				'Seat,Winner,Party,Margin',
				'Abdasa,C. Patel,INC,"7,613"',
				'Sojitra,P. Parmar,INC,162',
				'Bhuj,N. Acharya,BJP,"8,973"',
			].join('\n'),
		};
		const d = parseDataset((name) => named[name], 'data/winners');
		const answer = createEngine(d, gazetteer).ask('which congress winner had the lowest margin', NOW);
		expect(
			answer.body?.kind === 'ranking' && answer.body.ranking.items.map((i) => i.group.primary.dims.seat),
		).toEqual(['sojitra', 'abdasa']);
		// Asked for by the winner: named by the winner first, then by its row.
		expect(presentText(answer, d)).toContain('1. P. Parmar, Sojitra: 162 winning margin');
		expect(presentText(answer, d)).toMatch(/^Read as: seats by winning margin, lowest first, with party INC$/m);
	});

	it('GIVEN "how many <dimension>" within an attribute\'s value THEN the count of values with rows, each listed one cited', () => {
		const answer = engine.ask('how many countries in the americas in 2005', NOW);
		expect(
			answer.body?.kind === 'aggregate' && [
				answer.body.aggregate.operation,
				answer.body.aggregate.result.value,
				answer.body.aggregate.rows.map((f) => f.dims.country),
			],
		).toEqual(['count', '2', ['chile', 'peru']]);
		expect(presentText(answer, dataset)).toMatch(
			/^Number of countries, 2005\n[\s\S]*^Number of countries, 2005: 2 \[1\]$/m,
		);
		// "how many" before a measure asks for a figure, not a count.
		expect(engine.ask('how many years of life expectancy in Japan 2005', NOW).body?.kind).toBe('figures');
	});

	it('GIVEN figures ranked or compared by the attribute THEN it says it cannot yet, never answering without it', () => {
		const answer = engine.ask('which region has the highest life expectancy in 2005', NOW);
		expect(answer.status).toBe('not_found');
		// A rate is never added up across a group's rows to rank the groups.
		expect(answer.reason).toMatch(/life expectancy is not a count or an amount, so region values are not ranked/);
	});
});

describe('a table without a period', () => {
	const medals: Record<string, string> = {
		'dataset.json': JSON.stringify({
			id: 'medals',
			title: 'Biathlon medals, all Games',
			description: 'Medals by nation over every Games, for tests.',
			metrics: [{ id: 'gold', label: 'gold medals', unit: 'medals', aliases: ['gold', 'golds'] }],
			dimensions: [{ id: 'nation', label: 'Nation', aliases: ['country'] }],
			tables: [
				{
					file: 'tables/medals.csv',
					source: 'who',
					dimensions: { nation: 'Nation' },
					metrics: { Gold: 'gold' },
				},
			],
		}),
		'sources.json': files['sources.json']!,
		'tables/medals.csv': ['Nation,Gold', 'Norway,12', 'Chile,3'].join('\n'),
	};
	const allTime = parseDataset((name) => medals[name], 'data/medals');
	const games = createEngine(allTime, gazetteer);

	it('GIVEN neither a period column nor "asOf" THEN figures with no period, and answers say the source gives none', () => {
		expect(allTime.figures.map((f) => [f.period.grain, f.value])).toEqual([
			['none', '12'],
			['none', '3'],
		]);
		const answer = games.ask('gold medals norway', NOW);
		expect(
			answer.body?.kind === 'figures' && answer.body.groups.map((g) => [g.primary.dims.nation, g.primary.value]),
		).toEqual([['norway', '12']]);
		expect(answer.notes).toContain('The source gives no period for these figures.');
		expect(presentText(answer, allTime)).toMatch(/Norway, no period given/);
	});

	it('GIVEN a year asked of figures with no period THEN not found: a figure with no period is no figure for that year', () => {
		const answer = games.ask('gold medals norway 2012', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toMatch(/no figure for 2012 .*covers: no period given/);
	});
});

describe('conditions on values: rows picked by a number the question writes', () => {
	const aggregate = (answer: Answer) =>
		answer.body?.kind === 'aggregate'
			? [
					answer.body.aggregate.operation,
					answer.body.aggregate.result.value,
					answer.body.aggregate.rows.map((f) => f.dims.country),
				]
			: answer.status;

	it('GIVEN a count under a threshold THEN only the rows meeting it are counted, never a total row', () => {
		expect(aggregate(engine.ask('how many countries had life expectancy of at least 75 in 2005', NOW))).toEqual([
			'count',
			'2',
			['japan', 'chile'],
		]);
		expect(aggregate(engine.ask('how many countries had a life expectancy below 75 in 2005', NOW))).toEqual([
			'count',
			'1',
			['peru'],
		]);
		expect(
			aggregate(engine.ask('how many countries had a life expectancy between 70 and 78 in 2005', NOW)),
		).toEqual(['count', '2', ['chile', 'peru']]);
	});

	it('GIVEN "out of the 3 listed" with a value of a column THEN the number states every row, and the rows of that value are counted', () => {
		const ask = (q: string) => aggregate(engine.ask(q, NOW));
		expect(
			ask('how many countries out of the 3 listed in the americas had a life expectancy over 70 in 2005'),
		).toEqual(['count', '2', ['chile', 'peru']]);
		// A number that is neither every row nor the rows picked: other data, not answered.
		expect(
			ask('how many countries out of the 4 listed in the americas had a life expectancy over 70 in 2005'),
		).toBe('not_found');
	});

	it('GIVEN a condition and no operation THEN the rows meeting it are listed', () => {
		expect(values(engine.ask('life expectancy above 80 in 2005', NOW))).toEqual([['japan', '82.0']]);
	});

	it('GIVEN a number the question does not tie to anything THEN it is not answered without it', () => {
		const answer = engine.ask('life expectancy in japan 2005 42', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toMatch(/what the number "42" stands for/);
		const rows = engine.ask('which region has a life expectancy over 80 in 2005', NOW);
		expect(rows.status).toBe('not_found');
	});
});

describe('a column of when each row is of, after "during": what the figures cover, not a column asked', () => {
	const productionFiles: Record<string, string> = {
		'dataset.json': JSON.stringify({
			id: 'models',
			title: 'Revolver production by model',
			description: 'For tests.',
			metrics: [{ id: 'production', label: 'production', unit: 'revolvers', aliases: ['produced'] }],
			dimensions: [{ id: 'model', label: 'Model', aliases: ['models'] }],
			attributes: [
				{ id: 'years', label: 'Years manufactured', aliases: ['years of manufacture'] },
				{ id: 'frame', label: 'Frame', aliases: ['frame size'] },
			],
			tables: [
				{
					file: 'tables/models.csv',
					source: 'who',
					dimensions: { model: 'Model' },
					attributes: { years: 'Years', frame: 'Frame' },
					metrics: { Production: 'production' },
				},
			],
		}),
		'sources.json': files['sources.json']!,
		'tables/models.csv': [
			'Model,Years,Frame,Production',
			'Army,1861-1862,Large,1900',
			'Navy,1861-1862,Medium,14500',
			'New Army,1863-1875,Large,122000',
		].join('\n'),
	};
	const models = createEngine(
		parseDataset((name) => productionFiles[name], 'data/models'),
		gazetteer,
	);
	const ranked = (answer: Answer) =>
		answer.body?.kind === 'ranking'
			? answer.body.ranking.items.map((i) => i.group.primary.dims.model)
			: answer.status;

	it('GIVEN "which model had the most production during the years of manufacture" THEN the models ranked by production', () => {
		expect(ranked(models.ask('which model had the most production during the years of manufacture?', NOW))).toEqual(
			['new-army', 'navy', 'army'],
		);
	});

	it('GIVEN a column that says nothing of time after "during" THEN it is still a column asked, not dropped', () => {
		expect(models.ask('which model had the most production during the frame size', NOW).status).not.toBe(
			'answered',
		);
	});
});

describe('a word naming the rows that is also one value of a column ("municipality")', () => {
	const placeFiles: Record<string, string> = {
		'dataset.json': JSON.stringify({
			id: 'places',
			title: 'Largest municipalities',
			description: 'For tests.',
			metrics: [{ id: 'population', label: 'population', unit: 'people', aliases: ['people'] }],
			dimensions: [{ id: 'place', label: 'Census subdivision', aliases: ['municipality', 'municipalities'] }],
			attributes: [{ id: 'type', label: 'Type' }],
			tables: [
				{
					file: 'tables/places.csv',
					source: 'who',
					asOf: '2011',
					dimensions: { place: 'Place' },
					attributes: { type: 'Type' },
					metrics: { Population: 'population' },
				},
			],
		}),
		'sources.json': files['sources.json']!,
		'tables/places.csv': ['Place,Type,Population', 'Toronto,city,2615060', 'Clarington,municipality,84548'].join(
			'\n',
		),
	};
	const places = createEngine(
		parseDataset((name) => placeFiles[name], 'data/places'),
		gazetteer,
	);

	it('GIVEN "which municipality" THEN every row ranked, never only those of type municipality', () => {
		const answer = places.ask('which municipality has the most people?', NOW);
		expect(answer.body?.kind === 'ranking' && answer.body.ranking.items[0]!.group.primary.dims.place).toBe(
			'toronto',
		);
	});

	it('GIVEN the value named as a value ("of the type municipality") THEN the filter', () => {
		const answer = places.ask('how many municipalities have the type municipality?', NOW);
		expect(
			answer.body?.kind === 'count'
				? String(answer.body.count.count)
				: answer.body?.kind === 'aggregate'
					? answer.body.aggregate.result.value
					: answer.status,
		).toBe('1');
	});
});
