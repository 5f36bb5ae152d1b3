import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { parseDataset } from '../../src/data/parseDataset.js';
import type { Answer } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, gazetteer } from '../support/engine.js';
import { harvests, oneTableDataset } from '../support/tables.js';

const disasters = loadDataset('data/natural-disasters');
const engine = createEngine(disasters, gazetteer);

const ranked = (answer: Answer) =>
	answer.body?.kind === 'ranking'
		? answer.body.ranking.items.map(({ group, rank }) => [rank, group.primary.dims.disaster, group.primary.value])
		: [];

/** A small table with two kinds tied in 2021. */
function tied() {
	const crops = harvests(
		'year,crop,tonnes\n2021,Wheat,50\n2021,Barley,70\n2021,Oats,50\n2021,Rye,10\n2020,Wheat,5\n2020,Rye,1\n',
	);
	return createEngine(crops, gazetteer);
}

describe('rankings: "highest / lowest … in 2005", "top 3"', () => {
	it('GIVEN "which disaster killed the most people in 2010" THEN every kind with a figure that year, highest first, each cited by its row', () => {
		const answer = engine.ask('which disaster killed the most people in 2010', NOW);
		expect(answer.status).toBe('answered');
		const rows = ranked(answer);
		expect(rows[0]).toEqual([1, 'earthquake', '226733']);
		const values = rows.map(([, , v]) => Number(v));
		expect(values).toEqual([...values].sort((a, b) => b - a));
		expect(rows.map(([rank]) => rank)).toEqual(rows.map((_, i) => i + 1));
		const text = presentText(answer, disasters);
		expect(text).toMatch(/^Kind of disaster by deaths, highest first, 2010/);
		expect(text).toContain('1. Earthquake: 226,733 deaths [1]');
		expect(text).toContain('tables/deaths-by-disaster.csv, line 261');
		// The "All natural disasters" row is the total, never an item of the ranking.
		expect(rows.some(([, kind]) => kind === undefined)).toBe(false);
	});

	it('GIVEN "least" THEN lowest first; GIVEN "top 3" THEN three items and how many there are', () => {
		const lowest = ranked(engine.ask('least deaths by disaster 2017', NOW));
		expect(Number(lowest[0]![2])).toBeLessThanOrEqual(Number(lowest[1]![2]));
		const top = engine.ask('top 3 disasters by deaths in 2004', NOW);
		expect(ranked(top)).toHaveLength(3);
		expect(top.body?.kind === 'ranking' ? top.body.ranking.of : 0).toBeGreaterThan(3);
		expect(presentText(top, disasters)).toMatch(/The 3 highest of \d+ kind of disaster values/);
	});

	it('GIVEN no year THEN the latest year with figures, and a note saying so', () => {
		const answer = engine.ask('deadliest kind of disaster', NOW);
		expect(answer.body?.kind).toBe('ranking');
		expect(answer.body?.kind === 'ranking' ? answer.body.ranking.items[0]?.group.primary.period.key : null).toBe(
			'2017',
		);
		expect(answer.notes.join(' ')).toMatch(/Ranked for the latest period with figures, 2017/);
	});

	it('GIVEN equal values THEN they share a rank, and the next rank skips', () => {
		const answer = tied().ask('which crop had the biggest harvest in 2021', NOW);
		expect(
			answer.body?.kind === 'ranking'
				? answer.body.ranking.items.map((i) => [i.rank, i.group.primary.value])
				: [],
		).toEqual([
			[1, '70'],
			[2, '50'],
			[2, '50'],
			[4, '10'],
		]);
	});

	it('GIVEN "most" with nothing to rank THEN a plain lookup, not a ranking', () => {
		const answer = engine.ask('flood deaths 1931 the most', NOW);
		expect(answer.body?.kind).toBe('figures');
	});

	it('GIVEN a top 5 of a breakdown with fewer values THEN all of them, and a note with the count', () => {
		const answer = tied().ask('top 5 crops by harvest in 2020', NOW);
		expect(answer.body?.kind === 'ranking' ? answer.body.ranking.items : []).toHaveLength(2);
		expect(answer.notes.join(' ')).toContain('figures for 2 crop values here, not 5');
	});
});

describe('words for a dimension itself', () => {
	it('GIVEN a dimension with aliases THEN "which nation …" ranks over it', () => {
		const medals = oneTableDataset({
			id: 'medals',
			title: 'Medal table',
			metric: { id: 'gold', label: 'gold medals', unit: 'medals', aliases: ['gold'] },
			dimensions: [{ id: 'country', label: 'Country', aliases: ['nation', 'nations'] }],
			period: 'year',
			valueColumn: 'gold',
			csv: 'year,country,gold\n2012,Norway,3\n2012,Chile,5\n2012,Peru,1\n',
		});
		const answer = createEngine(medals, gazetteer).ask('which nation won the most gold in 2012', NOW);
		expect(
			answer.body?.kind === 'ranking' && answer.body.ranking.items.map((i) => i.group.primary.dims.country),
		).toEqual(['chile', 'norway', 'peru']);
	});
});

describe('rankings of rows that have several measures', () => {
	const files: Record<string, string> = {
		'dataset.json': JSON.stringify({
			id: 'towns',
			title: 'Towns of a province',
			description: 'For tests.',
			metrics: [
				{ id: 'population', label: 'population', unit: 'people', aliases: [] },
				{ id: 'area', label: 'land area', unit: 'km²', aliases: [] },
				{ id: 'change', label: 'population change', unit: '%', aliases: ['change in population'] },
			],
			dimensions: [{ id: 'town', label: 'Town', aliases: [] }],
			tables: [
				{
					file: 'tables/towns.csv',
					source: 'stats',
					dimensions: { town: 'Town' },
					metrics: {
						'Population 2011': { metric: 'population', period: '2011' },
						'Population 2006': { metric: 'population', period: '2006' },
						'Area 2011': { metric: 'area', period: '2011' },
						'Change 2006–2011': { metric: 'change', period: '2006–2011' },
					},
				},
			],
		}),
		'sources.json': JSON.stringify([{ id: 'stats', outlet: 'Stats', originator: 'Stats', published: null }]),
		'tables/towns.csv': [
			'Town,Population 2011,Population 2006,Area 2011,Change 2006–2011',
			'Alba,1000,800,90,25',
			'Brio,3000,2900,20,3.4',
			'Cora,2000,2100,40,-4.8',
		].join('\n'),
	};
	const towns = createEngine(
		parseDataset((name) => files[name], 'data/towns'),
		gazetteer,
	);

	it('GIVEN no measure named THEN asked back, one ranking per measure, never one of them ranked as if asked', () => {
		const answer = towns.ask('which town is the largest', NOW);
		expect(answer.status).toBe('ambiguous');
		expect(answer.candidates.map((c) => c.label)).toEqual([
			'Town by population, highest first',
			'Town by land area, highest first',
			'Town by population change, highest first',
		]);
		// Each choice, asked, is that ranking.
		const picked = towns.ask(answer.candidates[1]!.query, NOW);
		expect(
			picked.body?.kind === 'ranking' && picked.body.ranking.items.map((i) => i.group.primary.dims.town),
		).toEqual(['alba', 'cora', 'brio']);
	});

	it('GIVEN "(%)" or "percentage" beside a measure in per cent THEN the unit of that measure, not a share to work out', () => {
		for (const question of [
			'between 2006-2011, which town had the largest change in population? (%)',
			'which town had the largest percentage change in population 2006-2011',
		]) {
			const answer = towns.ask(question, NOW);
			expect(answer.query).toMatchObject({ operation: 'rank', metrics: [{ id: 'change' }] });
			expect(answer.body?.kind === 'ranking' && answer.body.ranking.items[0]!.group.primary.dims.town).toBe(
				'alba',
			);
		}
	});
});
