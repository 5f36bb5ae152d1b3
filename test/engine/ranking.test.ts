import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import type { Answer } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, gazetteer } from '../support/engine.js';
import { harvests, measuresTable, oneTableDataset } from '../support/tables.js';

const disasters = loadDataset('data/natural-disasters');
const engine = createEngine(disasters, gazetteer);

const ranked = (answer: Answer) =>
	answer.body?.kind === 'ranking'
		? answer.body.ranking.items.map(({ group, rank }) => [rank, group.primary.dims.disaster, group.primary.value])
		: [];

/** The shipped table's rows, read here on their own (not through the loader): kind, year, deaths. */
const DISASTER_ROWS = readFileSync('data/natural-disasters/tables/deaths-by-disaster.csv', 'utf8')
	.trim()
	.split('\n')
	.slice(1)
	.map((line) => line.split(','))
	.map(([kind, year, deaths]) => ({ kind: kind!, year: Number(year), deaths: Number(deaths) }));
/** A kind's value id as the dataset gives it: "Mass movement (dry)" → "mass-movement-dry". */
const idOf = (kind: string) =>
	kind
		.toLowerCase()
		.replace(/[^a-z]+/g, '-')
		.replace(/-$/, '');

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
	const towns = createEngine(
		measuresTable({
			id: 'towns',
			title: 'Towns of a province',
			metrics: [
				{ id: 'population', label: 'population', unit: 'people' },
				{ id: 'area', label: 'land area', unit: 'km²' },
				{ id: 'change', label: 'population change', unit: '%', aliases: ['change in population'] },
			],
			dimension: { id: 'town', label: 'Town' },
			columns: {
				'Population 2011': { metric: 'population', period: '2011' },
				'Population 2006': { metric: 'population', period: '2006' },
				'Area 2011': { metric: 'area', period: '2011' },
				'Change 2006–2011': { metric: 'change', period: '2006–2011' },
			},
			csv: [
				'Town,Population 2011,Population 2006,Area 2011,Change 2006–2011',
				'Alba,1000,800,90,25',
				'Brio,3000,2900,20,3.4',
				'Cora,2000,2100,40,-4.8',
			].join('\n'),
		}),
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

describe('rankings by change: "rose the most", "the biggest drop", "which year … rose the most"', () => {
	// The shipped table, read here on its own: deaths by kind and year.
	const rows = DISASTER_ROWS;
	const deaths = (kind: string, year: number) => rows.find((r) => r.kind === kind && r.year === year)?.deaths;
	const kinds = [...new Set(rows.map((r) => r.kind))].filter((k) => k !== 'All natural disasters');
	const changes = (from: number, to: number) =>
		kinds
			.filter((k) => deaths(k, from) !== undefined && deaths(k, to) !== undefined)
			.map((k) => ({ kind: k, difference: deaths(k, to)! - deaths(k, from)!, from: deaths(k, from)! }));
	const items = (answer: Answer) =>
		answer.body?.kind === 'changes'
			? answer.body.changes.items.map((i) => [i.a.primary.dims.disaster, i.difference.value])
			: answer.status;

	it('GIVEN two years and "the biggest increase" THEN every kind ranked by its change between them, both figures cited', () => {
		const answer = engine.ask('which kind of disaster saw the biggest increase in deaths from 2009 to 2010', NOW);
		const expected = changes(2009, 2010).sort((a, b) => b.difference - a.difference);
		expect(items(answer)).toEqual(expected.slice(0, 10).map((c) => [idOf(c.kind), String(c.difference)]));
		expect(answer.query).toMatchObject({
			operation: 'rank',
			change: 'difference',
			direction: 'highest',
			periods: ['2009 → 2010'],
		});
		const text = presentText(answer, disasters);
		expect(text).toMatch(/^Read as: kinds of disaster by change in deaths, highest first, 2009 → 2010$/m);
		expect(text).toContain(`1. Earthquake: +224,840, +11,877.4% (1,893 deaths [1] → 226,733 deaths [2])`);
	});

	it('GIVEN one year and "fell the most" THEN the change from the year before it, most negative first', () => {
		const answer = engine.ask('which disaster fell the most in 2010', NOW);
		const expected = changes(2009, 2010).sort((a, b) => a.difference - b.difference);
		expect(items(answer)).toEqual(expected.slice(0, 10).map((c) => [idOf(c.kind), String(c.difference)]));
		expect(answer.notes).toContain('The change from 2009, the period before it in the data, to 2010.');
	});

	it('GIVEN "the largest percentage increase" THEN ranked by the change in per cent of the earlier figure', () => {
		const answer = engine.ask('which disaster had the largest percentage increase in deaths in 2010', NOW);
		const expected = changes(2009, 2010)
			.filter((c) => c.from > 0)
			.sort((a, b) => b.difference / b.from - a.difference / a.from);
		expect(
			answer.body?.kind === 'changes' && answer.body.changes.items.map((i) => i.a.primary.dims.disaster),
		).toEqual(expected.slice(0, 10).map((c) => idOf(c.kind)));
		expect(answer.query?.change).toBe('percent');
	});

	it('GIVEN a year the data does not have THEN not found, naming it', () => {
		const answer = engine.ask("which disaster's deaths rose the most between 1899 and 2010", NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toMatch(/no figures for 1899, so there is no change to rank/);
	});

	it('GIVEN "which year … rose the most" of one series THEN the step from one year to the next with the largest change', () => {
		const quakes = rows.filter((r) => r.kind === 'Earthquake').sort((a, b) => a.year - b.year);
		const steps = quakes
			.slice(1)
			.flatMap((r, i) =>
				r.year === quakes[i]!.year + 1 ? [{ year: r.year, difference: r.deaths - quakes[i]!.deaths }] : [],
			);
		const up = steps.reduce((best, s) => (s.difference > best.difference ? s : best));
		const down = steps.reduce((best, s) => (s.difference < best.difference ? s : best));
		const years = (answer: Answer) =>
			answer.body?.kind === 'comparison'
				? [
						answer.body.comparison.b.primary.period.year,
						answer.body.comparison.a.primary.period.year,
						answer.body.comparison.difference.value,
					]
				: answer.status;
		const rose = engine.ask('which year did earthquake deaths rise the most', NOW);
		expect(years(rose)).toEqual([up.year - 1, up.year, String(up.difference)]);
		expect(rose.query).toMatchObject({ operation: 'which', over: { kind: 'periods' }, change: 'difference' });
		expect(presentText(rose, disasters)).toMatch(
			/^Read as: the period with the highest change in deaths from the one before, Earthquake$/m,
		);
		expect(years(engine.ask('in what year did earthquake deaths fall the most', NOW))).toEqual([
			down.year - 1,
			down.year,
			String(down.difference),
		]);
	});

	it('GIVEN a year missing from a series THEN no step spans it; GIVEN several series open and no total THEN asked to name one', () => {
		const crops = createEngine(
			harvests('year,crop,tonnes\n2019,Wheat,10\n2020,Wheat,50\n2022,Wheat,500\n2019,Rye,1\n2020,Rye,2\n'),
			gazetteer,
		);
		const wheat = crops.ask('which year did the wheat harvest rise the most', NOW);
		expect(wheat.body?.kind === 'comparison' && wheat.body.comparison.a.primary.period.year).toBe(2020);
		const open = crops.ask('which year did the harvest rise the most', NOW);
		expect(open.status).toBe('not_found');
		expect(open.reason).toMatch(/leaves 2 open\. Name one/);
	});
});

describe('rankings over several periods: "the most in the 2000s", "in total", "on average"', () => {
	const rows = DISASTER_ROWS.filter((r) => r.kind !== 'All natural disasters');
	const totals = (from: number, to: number) => {
		const byKind = new Map<string, number[]>();
		for (const r of rows)
			if (r.year >= from && r.year <= to) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.deaths]);
		return [...byKind].map(([kind, values]) => ({
			id: idOf(kind),
			sum: values.reduce((a, b) => a + b, 0),
			mean: values.reduce((a, b) => a + b, 0) / values.length,
		}));
	};
	const items = (answer: Answer) =>
		answer.body?.kind === 'totals' ? answer.body.totals.items.map((i) => [i.value, i.result.value]) : answer.status;

	it.each([
		['which disaster killed the most people in the 2000s', 2000, 2009],
		['which disaster killed the most since 2000', 2000, 2017],
		['which disaster killed the most in total', 1900, 2017],
	])('GIVEN "%s" THEN each kind ranked by its deaths added up over those years', (question, from, to) => {
		const answer = engine.ask(question, NOW);
		const expected = totals(from, to).sort((a, b) => b.sum - a.sum);
		expect(items(answer)).toEqual(expected.slice(0, 10).map((k) => [k.id, String(k.sum)]));
		expect(answer.query).toMatchObject({ operation: 'rank', total: 'sum', direction: 'highest' });
		expect(presentText(answer, disasters)).toMatch(/^Read as: kinds of disaster by total deaths, highest first, /m);
	});

	it('GIVEN "the fewest … between 2000 and 2009" THEN lowest first; GIVEN "on average" THEN each kind\'s mean over the years it has', () => {
		const fewest = engine.ask('which disaster killed the fewest people between 2000 and 2009', NOW);
		expect(items(fewest)).toEqual(
			totals(2000, 2009)
				.sort((a, b) => a.sum - b.sum)
				.slice(0, 10)
				.map((k) => [k.id, String(k.sum)]),
		);
		const average = engine.ask('which disaster killed the most on average', NOW);
		const means = totals(1900, 2017).sort((a, b) => b.mean - a.mean);
		expect(average.body?.kind === 'totals' && average.body.totals.items.map((i) => i.value)).toEqual(
			means.slice(0, 10).map((k) => k.id),
		);
		expect(average.body?.kind === 'totals' && Number(average.body.totals.items[0]!.result.value)).toBeCloseTo(
			means[0]!.mean,
			6,
		);
		expect(average.notes.join(' ')).toMatch(/averaged over the periods it has/);
		// One year asked is the ranking of that year.
		expect(engine.ask('which disaster killed the most in 2010', NOW).body?.kind).toBe('ranking');
	});

	it('GIVEN "most" beside "compared to 2009" THEN neither a ranking nor a comparison is guessed', () => {
		const answer = engine.ask('which disaster killed the most compared to 2009', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toMatch(/not both in one question \("compared" beside "most"\)/);
	});
});

describe('words of a ranking that must not be dropped', () => {
	const rows = DISASTER_ROWS;
	const of = (kind: string) => rows.filter((r) => r.kind === kind);
	const year = (answer: Answer) =>
		answer.body?.kind === 'figures' && answer.body.groups.length === 1
			? answer.body.groups[0]!.primary.period.year
			: answer.status;

	it.each([
		['what was the deadliest year for floods', 'Flood', 'highest'],
		['what was the year with the most flood deaths', 'Flood', 'highest'],
		['least deadly year for earthquakes', 'Earthquake', 'lowest'],
	])('GIVEN "%s" THEN the period picked, never the series', (question, kind, end) => {
		const series = of(kind).sort((a, b) => (end === 'highest' ? b.deaths - a.deaths : a.deaths - b.deaths));
		const answer = engine.ask(question, NOW);
		expect(year(answer)).toBe(series[0]!.year);
		expect(answer.query).toMatchObject({ operation: 'which', over: { kind: 'periods' }, direction: end });
	});

	it('GIVEN "second deadliest" THEN the second place of the ranking', () => {
		const in2010 = rows
			.filter((r) => r.year === 2010 && r.kind !== 'All natural disasters')
			.sort((a, b) => b.deaths - a.deaths);
		const answer = engine.ask('second deadliest disaster in 2010', NOW);
		expect(answer.body?.kind === 'figures' && answer.body.groups[0]!.primary.value).toBe(String(in2010[1]!.deaths));
	});

	it('GIVEN "how many disasters killed more than 1000" (a word of the measure) THEN the rows counted, never listed', () => {
		const expected = rows.filter((r) => r.year === 2010 && r.kind !== 'All natural disasters' && r.deaths > 1000);
		const answer = engine.ask('how many disasters killed more than 1000 people in 2010', NOW);
		expect(answer.query?.operation).toBe('count');
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe(String(expected.length));
	});
});

describe('a change asked over a range of periods', () => {
	it('GIVEN "how did earthquake deaths change from 2000 to 2010" THEN the first and last years of the range compared, never the series', () => {
		const value = (year: number) => DISASTER_ROWS.find((r) => r.kind === 'Earthquake' && r.year === year)!.deaths;
		for (const question of [
			'how did earthquake deaths change from 2000 to 2010',
			'how much did earthquake deaths grow between 2000 and 2010',
		]) {
			const answer = engine.ask(question, NOW);
			expect(answer.query?.operation).toBe('compare');
			expect(answer.body?.kind === 'comparison' && answer.body.comparison.difference.value).toBe(
				String(value(2010) - value(2000)),
			);
			expect(answer.notes).toContain(
				`Compared the first and last periods with figures in ${question.endsWith('2010') && question.includes('from') ? 'from 2000 to 2010' : 'between 2000 and 2010'}.`,
			);
		}
		// Without a word of change, the range is the series.
		expect(engine.ask('earthquake deaths from 2000 to 2010', NOW).query?.operation).toBe('series');
	});
});

describe('superlatives that name their measure: "the fastest", "the longest", "the most populous"', () => {
	const lifts = createEngine(
		measuresTable({
			id: 'lifts',
			title: 'Ski lifts',
			metrics: [
				{ id: 'speed', label: 'speed', unit: 'ft/min' },
				{ id: 'length', label: 'length', unit: 'ft' },
				{ id: 'rise', label: 'vertical rise', unit: 'ft' },
			],
			dimension: { id: 'lift', label: 'Lift' },
			columns: { Speed: 'speed', Length: 'length', Rise: 'rise' },
			csv: ['Lift,Speed,Length,Rise', 'Bruno,300,368,45', 'Molly,1000,5244,845', 'Palmer,900,6000,1530'].join(
				'\n',
			),
		}),
		gazetteer,
	);
	const first = (answer: Answer) =>
		answer.body?.kind === 'ranking'
			? [
					answer.body.ranking.items[0]!.group.primary.dims.lift,
					answer.body.ranking.items[0]!.group.primary.metric.id,
				]
			: answer.status;

	it.each([
		['which lift is the fastest?', ['molly', 'speed']],
		['which lift is the slowest', ['bruno', 'speed']],
		['which lift is the longest?', ['palmer', 'length']],
		['the shortest lift', ['bruno', 'length']],
	])('GIVEN "%s" THEN %j', (question, expected) => {
		expect(first(lifts.ask(question, NOW))).toEqual(expected);
	});

	it('GIVEN a superlative whose measure the data lacks THEN a word not understood', () => {
		expect(lifts.ask('which lift is the busiest?', NOW)).toMatchObject({
			status: 'not_found',
			reason: expect.stringMatching(/"busiest"/),
		});
	});
});
