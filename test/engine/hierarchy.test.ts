import { describe, expect, it } from 'vitest';
import { DatasetError, parseDataset } from '../../src/data/parseDataset.js';
import type { Answer } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, gazetteer } from '../support/engine.js';

// Immigrants by origin, where an origin may be part of another: countries in regions, and a region
// ("Oceania") that the table gives no row of its own.
const values = [
	{ id: 'africa', label: 'Africa' },
	{ id: 'algeria', label: 'Algeria', parent: 'africa' },
	{ id: 'morocco', label: 'Morocco', parent: 'africa' },
	{ id: 'oceania', label: 'Oceania' },
	{ id: 'australia', label: 'Australia', parent: 'oceania' },
	{ id: 'fiji', label: 'Fiji', parent: 'oceania' },
];
const files = (origins: unknown[] = values, csv?: string): Record<string, string> => ({
	'dataset.json': JSON.stringify({
		id: 'aliyah',
		title: 'Immigrants by origin',
		description: 'For tests.',
		metrics: [{ id: 'immigrants', label: 'immigrants', unit: 'people' }],
		dimensions: [{ id: 'origin', label: 'Origin', aliases: ['country', 'region'], values: origins }],
		tables: [
			{
				file: 'tables/aliyah.csv',
				source: 'cbs',
				asOf: '2001',
				dimensions: { origin: 'Origin' },
				totals: { origin: 'Total' },
				metrics: { Immigrants: 'immigrants' },
			},
		],
	}),
	'sources.json': JSON.stringify([
		{ id: 'cbs', outlet: 'CBS', originator: 'Central Bureau of Statistics', published: null },
	]),
	'tables/aliyah.csv':
		csv ??
		[
			'Origin,Immigrants',
			'Total,1000',
			'Africa,600',
			'Algeria,350',
			'Morocco,200',
			'Australia,300',
			'Fiji,20',
		].join('\n'),
});
const load = (f = files()) => parseDataset((name) => f[name], 'data/aliyah');
const dataset = load();
const engine = createEngine(dataset, gazetteer);
const parts = (answer: Answer) =>
	answer.body?.kind === 'breakdown'
		? [
				answer.body.breakdown.total?.primary.value ?? null,
				answer.body.breakdown.parts.map((p) => p.group.primary.dims.origin),
			]
		: answer.status;

describe('hierarchies: a value may be part of another value of its dimension', () => {
	it('GIVEN a parent with a row of its own THEN it is answered from its row; its children are its breakdown', () => {
		const africa = engine.ask('immigrants from africa 2001', NOW);
		expect(africa.body?.kind === 'figures' && africa.body.groups.map((g) => g.primary.value)).toEqual(['600']);
		expect(parts(engine.ask('breakdown of immigrants from africa 2001', NOW))).toEqual([
			'600',
			['algeria', 'morocco'],
		]);
	});

	it('GIVEN the total broken down THEN by the top-level values only, never a region and its countries together', () => {
		expect(parts(engine.ask('immigrants by origin 2001', NOW))).toEqual(['1000', ['africa']]);
	});

	it('GIVEN a parent with no row of its own THEN its parts, and their sum labelled as the sum of the parts listed, never as its figure', () => {
		const answer = engine.ask('immigrants from oceania 2001', NOW);
		expect(parts(answer)).toEqual([null, ['australia', 'fiji']]);
		expect(answer.notes[0]).toBe(
			'The data has no figure for Oceania itself; its parts are listed. Their sum, 320, is the sum of the parts listed, not a figure for Oceania.',
		);
		expect(presentText(answer, dataset)).not.toMatch(/Oceania[^\n]*: 320/);
	});

	it('GIVEN a ranking THEN values of one level: the countries, not their regions', () => {
		const answer = engine.ask('which country had the most immigrants in 2001', NOW);
		expect(
			answer.body?.kind === 'ranking' && answer.body.ranking.items.map((i) => i.group.primary.dims.origin),
		).toEqual(['algeria', 'australia', 'morocco', 'fiji']);
	});

	it('GIVEN a part given under a country ("thereof") THEN the ranking stays at the countries: the country, never its part in its place', () => {
		const deeper = load(
			files(
				[...values, { id: 'oran', label: 'Oran', parent: 'algeria' }],
				[
					'Origin,Immigrants',
					'Total,1000',
					'Africa,600',
					'Algeria,350',
					'Oran,250',
					'Morocco,200',
					'Australia,300',
					'Fiji,20',
				].join('\n'),
			),
		);
		const answer = createEngine(deeper, gazetteer).ask('which country had the most immigrants in 2001', NOW);
		expect(
			answer.body?.kind === 'ranking' && answer.body.ranking.items.map((i) => i.group.primary.dims.origin),
		).toEqual(['algeria', 'australia', 'morocco', 'fiji']);
		expect(answer.notes.join(' ')).toMatch(/parts given under these \(such as Oran\) are not ranked with them/);
	});

	it('GIVEN a ranking within a parent named THEN its children are ranked', () => {
		const answer = engine.ask('which country in africa had the most immigrants in 2001', NOW);
		expect(
			answer.body?.kind === 'ranking' && answer.body.ranking.items.map((i) => i.group.primary.dims.origin),
		).toEqual(['algeria', 'morocco']);
		const oceania = engine.ask('which country in oceania had the fewest immigrants in 2001', NOW);
		expect(
			oceania.body?.kind === 'ranking' && oceania.body.ranking.items.map((i) => i.group.primary.dims.origin),
		).toEqual(['fiji', 'australia']);
	});

	it('GIVEN a group named where rows are counted or listed THEN its parts are, never its own row', () => {
		const aggregate = (q: string) => {
			const a = engine.ask(q, NOW);
			return a.body?.kind === 'aggregate'
				? [
						a.body.aggregate.operation,
						a.body.aggregate.result.value,
						a.body.aggregate.rows.map((f) => f.dims.origin),
					]
				: a.status;
		};
		// Africa's own row (600) is over 300; of its parts, only Algeria is.
		expect(aggregate('how many africa had more than 300 immigrants')).toEqual(['count', '1', ['algeria']]);
		expect(aggregate('what number of oceania had fewer than 100 immigrants')).toEqual(['count', '1', ['fiji']]);
		const listed = engine.ask('africa with more than 100 immigrants', NOW);
		expect(listed.body?.kind === 'figures' && listed.body.groups.map((g) => g.primary.dims.origin)).toEqual([
			'algeria',
			'morocco',
		]);
		// An average of a group is not a mean of its parts: not answered from them.
		expect(aggregate('average immigrants in africa')).not.toEqual(expect.arrayContaining(['average']));
	});

	it('GIVEN rows counted or added up with no group named THEN one level of them, never a group with its own parts', () => {
		const aggregate = (q: string) => {
			const a = engine.ask(q, NOW);
			return a.body?.kind === 'aggregate' ? [a.body.aggregate.result.value, a.body.aggregate.of] : a.status;
		};
		// Africa (600) is Algeria and Morocco; counted or added beside them it would count twice.
		expect(aggregate('how many origins had more than 100 immigrants')).toEqual(['3', 3]);
		expect(aggregate('total immigrants of all origins')).toEqual(['870', 4]);
	});

	it('GIVEN words for the levels THEN "which region" ranks regions, "how many countries" counts countries', () => {
		const levelled = files();
		const meta = JSON.parse(levelled['dataset.json']!);
		meta.dimensions[0] = { ...meta.dimensions[0], aliases: ['origin'], levels: ['region', 'country'] };
		levelled['dataset.json'] = JSON.stringify(meta);
		levelled['tables/aliyah.csv'] += '\nOceania,320';
		const byLevel = createEngine(load(levelled), gazetteer);
		const ranked = (q: string) => {
			const a = byLevel.ask(q, NOW);
			return a.body?.kind === 'ranking' ? a.body.ranking.items.map((i) => i.group.primary.dims.origin) : a.status;
		};
		expect(ranked('which region had the most immigrants in 2001')).toEqual(['africa', 'oceania']);
		expect(ranked('which country had the fewest immigrants in 2001')).toEqual([
			'fiji',
			'morocco',
			'australia',
			'algeria',
		]);
		const count = (q: string) => {
			const a = byLevel.ask(q, NOW);
			return a.body?.kind === 'count' ? a.body.count.count : a.status;
		};
		expect([count('how many countries in 2001'), count('how many regions in 2001')]).toEqual([4, 2]);
		expect(parts(byLevel.ask('immigrants by country 2001', NOW))).toEqual([
			'1000',
			['algeria', 'morocco', 'australia', 'fiji'],
		]);
		expect(parts(byLevel.ask('immigrants by region 2001', NOW))).toEqual(['1000', ['africa', 'oceania']]);
	});

	it('GIVEN a parent that is no value of the dimension, or a line of parents that loops THEN a load error', () => {
		const error = (origins: unknown[]) => {
			try {
				load(files(origins));
			} catch (e) {
				expect(e).toBeInstanceOf(DatasetError);
				return (e as Error).message;
			}
			throw new Error('accepted');
		};
		expect(error([...values, { id: 'peru', label: 'Peru', parent: 'americas' }])).toMatch(
			/values\[6\]\.parent: "americas" is not a value of this dimension/,
		);
		expect(
			error([
				{ id: 'africa', label: 'Africa', parent: 'algeria' },
				{ id: 'algeria', label: 'Algeria', parent: 'africa' },
			]),
		).toMatch(/"africa" is its own parent, through algeria/);
	});

	it('GIVEN a parent whose children add up to more than it THEN no load error: a source may group them differently; the gap is shown', () => {
		const csv = ['Origin,Immigrants', 'Africa,500', 'Algeria,350', 'Morocco,200'].join('\n');
		const d = load(files(values, csv));
		expect(d.breakdowns.find((b) => b.total.dims.origin === 'africa')).toMatchObject({
			partsSum: '550',
			gap: '-50',
		});
	});
});

describe('a rate of a group and of the whole', () => {
	// Council areas in two groups, each group with its own row, and the whole's own row.
	const areaFiles: Record<string, string> = {
		'dataset.json': JSON.stringify({
			id: 'areas',
			title: 'Council areas of Scotland: density',
			description: 'For tests.',
			metrics: [{ id: 'density', label: 'population density', unit: 'people per km2', aliases: ['density'] }],
			dimensions: [
				{
					id: 'area',
					label: 'Council area',
					aliases: ['council areas'],
					values: [
						{ id: 'mainland', label: 'Total mainland', aliases: ['mainland', 'mainland scotland'] },
						{ id: 'islands', label: 'Total islands', aliases: ['islands'] },
						{ id: 'angus', label: 'Angus', parent: 'mainland' },
						{ id: 'fife', label: 'Fife', parent: 'mainland' },
						{ id: 'orkney', label: 'Orkney', parent: 'islands' },
					],
				},
			],
			tables: [
				{
					file: 'tables/areas.csv',
					source: 'cbs',
					asOf: '2011',
					dimensions: { area: 'Area' },
					totals: { area: 'TOTAL SCOTLAND' },
					metrics: { Density: 'density' },
				},
			],
		}),
		'sources.json': files()['sources.json']!,
		'tables/areas.csv': [
			'Area,Density',
			'Angus,53',
			'Fife,273',
			'TOTAL MAINLAND,71',
			'Orkney,21',
			'TOTAL ISLANDS,13',
			'TOTAL SCOTLAND,67',
		].join('\n'),
	};
	const areas = parseDataset((name) => areaFiles[name], 'data/areas');
	const ask = (q: string) => createEngine(areas, gazetteer).ask(q, NOW);
	const value = (a: Answer) => (a.body?.kind === 'figures' ? a.body.groups.map((g) => g.primary.value) : a.status);

	it('GIVEN the average of a rate over a group with its own row THEN that row, said so, never a mean of its parts', () => {
		const answer = ask('what is the average population density in the mainland?');
		expect(value(answer)).toEqual(['71']);
		expect(presentText(answer, areas)).toContain('is its own figure');
	});

	it('GIVEN the word the table writes for the whole ("Scotland") THEN the whole, never a group whose name holds it', () => {
		expect(value(ask('population density of scotland'))).toEqual(['67']);
	});
});
