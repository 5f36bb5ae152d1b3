import { describe, expect, it } from 'vitest';
import { comparePeriods, parsePeriodKey, periodLabel } from '../../src/data/period.js';
import type { Dataset } from '../../src/data/types.js';
import type { Answer } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { tokenize } from '../../src/engine/normalize.js';
import { type PeriodQuery, clockOf, extractPeriods } from '../../src/engine/periods.js';
import { engine as travel, gazetteer } from '../support/engine.js';
import { oneTableDataset } from '../support/tables.js';

/** A monthly table: rainfall at two stations, January 2024 to March 2025, one day figure, one gap. */
function monthlyDataset(): Dataset {
	const rows = ['station,month,rain_mm'];
	for (const station of ['Oslo', 'Bergen'])
		for (let i = 0; i < 15; i++) {
			const [year, month] = [2024 + Math.floor(i / 12), (i % 12) + 1];
			if (station === 'Bergen' && year === 2024 && month === 7) continue; // a month the data lacks
			rows.push(`${station},${year}-${String(month).padStart(2, '0')},${(station === 'Oslo' ? 50 : 200) + i}`);
		}
	rows.push('Oslo,2025-03-14,12');
	return oneTableDataset({
		id: 'rain',
		title: 'Monthly rainfall',
		metric: { id: 'rain', label: 'rainfall', unit: 'mm', aliases: ['rain'] },
		dimensions: [{ id: 'station', label: 'Station' }],
		period: 'month',
		valueColumn: 'rain_mm',
		csv: rows.join('\n'),
	});
}

const rain = createEngine(monthlyDataset(), gazetteer);
const NOW = new Date('2025-04-10T12:00:00Z');
const periodsOf = (answer: Answer) =>
	answer.body?.kind === 'figures' ? answer.body.groups.map((g) => g.primary.period.key) : [];
const valuesOf = (answer: Answer) =>
	answer.body?.kind === 'figures' ? answer.body.groups.map((g) => g.primary.value) : [];

function periods(question: string, options = { bareMonths: true }, now = NOW): PeriodQuery[] {
	const tokens = tokenize(question);
	return extractPeriods(
		tokens,
		clockOf(now),
		tokens.map(() => false),
		options,
	);
}
const keys = (qs: PeriodQuery[]) =>
	qs.map((q) => `${q.grain}:${q.year ?? '*'}-${q.quarter ?? q.month ?? '*'}-${q.day ?? '*'}`);

describe('period keys: years, quarters, months and days', () => {
	it.each([
		['2005', 'year', '2005'],
		['2025-Q3', 'quarter', 'Q3 2025'],
		['2025-03', 'month', 'March 2025'],
		['2024-02-29', 'day', '29 February 2024'],
	])('GIVEN %s THEN a %s labelled %s', (key, grain, label) => {
		const period = parsePeriodKey(key);
		expect(period?.grain).toBe(grain);
		expect(periodLabel(period!)).toBe(label);
	});

	it.each(['2025-13', '2025-00', '2025-02-29', '2025-04-31', '2025-Q5', '25', '2025-3', 'March 2025'])(
		'GIVEN %s THEN it is not a period',
		(key) => expect(parsePeriodKey(key)).toBeNull(),
	);

	it('GIVEN periods of every grain THEN they sort by when they end, the finer first on a tie', () => {
		const sorted = ['2025', '2024', '2024-Q4', '2024-12', '2024-12-31', '2025-01', '2024-Q1']
			.map((k) => parsePeriodKey(k)!)
			.sort(comparePeriods)
			.map((p) => p.key);
		expect(sorted).toEqual(['2024-Q1', '2024-12-31', '2024-12', '2024-Q4', '2024', '2025-01', '2025']);
	});
});

describe('months and days in questions', () => {
	it.each([
		['rain in March 2008', ['month:2008-3-*']],
		['rain 2008-03', ['month:2008-3-*']],
		['rain on 14 March 2025', ['day:2025-3-14']],
		['rain on march 14th 2025', ['day:2025-3-14']],
		['rain 2025-03-14', ['day:2025-3-14']],
		['rain last month', ['month:2025-3-*']],
		['rain this month', ['month:2025-4-*']],
		['rain in May', ['month:*-5-*']],
		['rain last december', ['month:2024-12-*']],
		['rain in the last quarter of 2024', ['quarter:2024-4-*']],
		['rain last quarter', ['quarter:2025-1-*']],
		['rain 2023-2025', ['year:2023-*-*', 'year:2025-*-*']],
		// A name every object inherits is no ordinal: only the year is read.
		['rain constructor quarter 2025', ['year:2025-*-*']],
		['rain valueOf quarter 2025', ['year:2025-*-*']],
	])('GIVEN "%s" THEN %j', (question, expected) => {
		expect(keys(periods(question))).toEqual(expected);
	});

	it('GIVEN "may" where the data has no months THEN it stays a word; with a year it is a month anywhere', () => {
		expect(periods('may I ask about 2025', { bareMonths: false }).map((p) => p.grain)).toEqual(['year']);
		expect(periods('in may', { bareMonths: false })).toEqual([]);
		expect(periods('may i ask', { bareMonths: true })).toEqual([]);
		expect(keys(periods('May 2025', { bareMonths: false }))).toEqual(['month:2025-5-*']);
	});

	it('GIVEN January at the clock THEN "last month" is December of the year before', () => {
		expect(keys(periods('last month', { bareMonths: true }, new Date('2026-01-05T00:00:00Z')))).toEqual([
			'month:2025-12-*',
		]);
	});

	it('GIVEN a month THEN the figure for that month, cited by its row', () => {
		const answer = rain.ask('rain in oslo in march 2024', NOW);
		expect(answer.status).toBe('answered');
		expect(periodsOf(answer)).toEqual(['2024-03']);
		expect(valuesOf(answer)).toEqual(['52']);
		const figure = answer.body?.kind === 'figures' ? answer.body.groups[0]!.primary : null;
		expect(figure?.row).toMatchObject({ file: 'tables/rain.csv', line: 4 });
	});

	it('GIVEN an ISO month, a day, and "last month" against the clock THEN each answers its own period', () => {
		expect(periodsOf(rain.ask('oslo rain 2025-02', NOW))).toEqual(['2025-02']);
		expect(valuesOf(rain.ask('oslo rain on 14 March 2025', NOW))).toEqual(['12']);
		expect(periodsOf(rain.ask('bergen rain last month', NOW))).toEqual(['2025-03']);
	});

	it('GIVEN a bare month name where the data has months THEN every year of that month, newest first', () => {
		expect(periodsOf(rain.ask('oslo rain in february', NOW))).toEqual(['2025-02', '2024-02']);
	});

	it('GIVEN a month the data lacks THEN not found, naming it and what the data covers as ranges', () => {
		const answer = rain.ask('bergen rain july 2024', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toContain('no figure for July 2024');
		expect(answer.reason).toContain('August 2024–March 2025, January 2024–June 2024');
		expect(answer.suggestions[0]?.label).toMatch(/June 2024|August 2024/);
	});

	it('GIVEN a month in a dataset of years THEN not found for that month, never the year', () => {
		const answer = travel.ask('russian tourists to north korea in March 2025', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toContain('March 2025');
	});

	it('GIVEN growth in a month THEN it is compared with the month before, not with a year', () => {
		const answer = rain.ask('oslo rain growth in march 2025', NOW);
		expect(answer.body?.kind).toBe('comparison');
		if (answer.body?.kind !== 'comparison') return;
		expect([answer.body.comparison.a.primary.period.key, answer.body.comparison.b.primary.period.key]).toEqual([
			'2025-03',
			'2025-02',
		]);
	});

	it('GIVEN three periods THEN each is answered, never a silent pick of two', () => {
		const answer = rain.ask('oslo rain january 2024, february 2024 and march 2024', NOW);
		expect(answer.status).toBe('answered');
		expect(periodsOf(answer)).toEqual(['2024-03', '2024-02', '2024-01']);
	});

	it('GIVEN three periods of which one is missing THEN the others are answered and the missing one is named', () => {
		const answer = rain.ask('bergen rain june 2024, july 2024 and august 2024', NOW);
		expect(periodsOf(answer)).toEqual(['2024-08', '2024-06']);
		expect(answer.notes.join(' ')).toContain('no figure for July 2024');
	});
});
