import { describe, expect, it } from 'vitest';
import { comparePeriods, parsePeriodKey, periodLabel } from '../../src/data/period.js';
import type { Dataset } from '../../src/data/types.js';
import type { Answer } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { tokenize } from '../../src/question/normalize.js';
import { type PeriodQuery, clockOf, extractPeriods } from '../../src/question/periods.js';
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

	it.each(['2025-13', '2025-00', '2025-02-29', '2025-04-31', '2025-Q5', 'Q5 2025', '25', '2025-3', 'March 2025'])(
		'GIVEN %s THEN it is not a period',
		(key) => expect(parsePeriodKey(key)).toBeNull(),
	);

	it.each([
		['2012/13', 'season', '2012/13', '2012–13'],
		['2012/2013', 'season', '2012/13', '2012–13'],
		['2012–13', 'season', '2012/13', '2012–13'],
		['1999/00', 'season', '1999/00', '1999–00'],
		['FY2024', 'fiscal', 'FY2024', 'FY2024'],
		['fy 2024', 'fiscal', 'FY2024', 'FY2024'],
		['2006–2011', 'span', '2006–2011', '2006–2011'],
		['2006-2011', 'span', '2006–2011', '2006–2011'],
		['2012–2013', 'span', '2012–2013', '2012–2013'],
		['Q3 2025', 'quarter', '2025-Q3', 'Q3 2025'],
		['2025 q3', 'quarter', '2025-Q3', 'Q3 2025'],
	])('GIVEN %s THEN a %s keyed %s, labelled %s', (written, grain, key, label) => {
		const period = parsePeriodKey(written);
		expect([period?.grain, period?.key, periodLabel(period!)]).toEqual([grain, key, label]);
	});

	it('GIVEN "2012-13" THEN a season only where the table says its seasons are written so', () => {
		expect(parsePeriodKey('2012-13')).toBeNull();
		expect(parsePeriodKey('2012-13', 'season')).toMatchObject({
			grain: 'season',
			key: '2012/13',
			year: 2012,
			endYear: 2013,
		});
		expect(parsePeriodKey('2010-11', 'season')?.grain).toBe('season');
		expect(parsePeriodKey('2010-11')?.grain).toBe('month');
	});

	it.each(['2012/14', '2012–14', '2013/12', '2011–2006', '2012/2012', 'FY24'])(
		'GIVEN %s THEN it is not a period',
		(key) => expect(parsePeriodKey(key)).toBeNull(),
	);

	it('GIVEN seasons, fiscal years and spans among years THEN they sort by when they end', () => {
		const sorted = ['2013', '2012/13', '2012', 'FY2013', '2006–2013', '2013-Q1']
			.map((k) => parsePeriodKey(k)!)
			.sort(comparePeriods)
			.map((p) => p.key);
		expect(sorted).toEqual(['2012', '2013-Q1', '2012/13', '2013', 'FY2013', '2006–2013']);
	});

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
		// A span of years where the data has no spans is every year of it.
		['rain 2023-2025', ['year:2023-*-*', 'year:2024-*-*', 'year:2025-*-*']],
		['rain 2023 through 2025', ['year:2023-*-*', 'year:2024-*-*', 'year:2025-*-*']],
		['rain in the 1990s', [1990, 1991, 1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999].map((y) => `year:${y}-*-*`)],
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

describe('seasons, fiscal years and spans in tables and questions', () => {
	const table = (period: string, rows: string[], more: Partial<Parameters<typeof oneTableDataset>[0]> = {}) =>
		createEngine(
			oneTableDataset({
				id: 'league',
				title: 'League table',
				metric: { id: 'points', label: 'points', unit: 'points', aliases: ['pts'] },
				dimensions: [{ id: 'club', label: 'Club' }],
				period: 'season',
				valueColumn: 'points',
				csv: ['season,club,points', ...rows.map((r) => r.replace('$', period))].join('\n'),
				...more,
			}),
			gazetteer,
		);
	const seasons = table('', ['2012–13,Parma,49', '2013/14,Parma,58', '2014/2015,Parma,19']);
	const keyOf = (answer: Answer) =>
		answer.body?.kind === 'figures' ? answer.body.groups.map((g) => g.primary.period.key) : answer.status;

	it.each([
		['parma points 2012/13', ['2012/13']],
		['parma points in the 2012–13 season', ['2012/13']],
		['parma points 2013-14', ['2013/14']],
		['parma points 2014/2015', ['2014/15']],
		['parma points in 2015', ['2014/15']],
		['parma points the 2015 season', ['2014/15']],
	])('GIVEN "%s" THEN %j', (question, expected) => {
		expect(keyOf(seasons.ask(question, NOW))).toEqual(expected);
	});

	it('GIVEN a year two seasons overlap THEN it is asked back, naming both seasons', () => {
		const answer = seasons.ask('parma points the 2013 season', NOW);
		expect(answer.status).toBe('ambiguous');
		expect(answer.notes[0]).toBe('2013 falls in 2 seasons, 2012–13 and 2013–14: which one?');
		expect(answer.candidates.map((c) => c.label)).toEqual([
			expect.stringContaining('2012–13'),
			expect.stringContaining('2013–14'),
		]);
	});

	it('GIVEN a year that falls in one season THEN the answer says which season it read', () => {
		expect(seasons.ask('parma points in 2015', NOW).notes).toContain('Read 2015 as the 2014–15 season.');
	});

	it('GIVEN "2012-13" in a table THEN refused unless the table says its seasons are written so', () => {
		expect(() => table('', ['2012-13,Parma,49'])).toThrow(
			/league\.csv:2: season: "2012-13" is not a period .*"periodForm": "season"/,
		);
	});

	it('GIVEN fiscal years and spans THEN each is asked as written, and a year inside a span is not the span', () => {
		const fiscal = table('', ['FY2023,Parma,40', 'FY2024,Parma,45']);
		expect(keyOf(fiscal.ask('parma points FY2024', NOW))).toEqual(['FY2024']);
		expect(keyOf(fiscal.ask('parma points fy 2023', NOW))).toEqual(['FY2023']);
		const spans = table('', ['2006–2011,Parma,52', '2012–2017,Parma,47']);
		expect(keyOf(spans.ask('parma points 2006-2011', NOW))).toEqual(['2006–2011']);
		const inside = spans.ask('parma points 2008', NOW);
		expect(inside.status).toBe('not_found');
		expect(inside.reason).toMatch(/no figure for 2008 .*covers: .*2006–2011/);
	});

	it('GIVEN "between 2006 and 2011" where the data gives that span and not its years THEN the span; with its years, the years', () => {
		const spans = table('', ['2006–2011,Parma,52', '2012–2017,Parma,47']);
		for (const question of ['parma points between 2006 and 2011', 'parma points from 2006 to 2011']) {
			const answer = spans.ask(question, NOW);
			expect(keyOf(answer)).toEqual(['2006–2011']);
			expect(answer.query?.periods).toEqual(['2006–2011']);
		}
		// A range no span of the data matches stays its years: none has a figure.
		expect(spans.ask('parma points between 2006 and 2012', NOW).status).toBe('not_found');
		const both = table('', ['2006–2011,Parma,52', '2006,Parma,8', '2011,Parma,9']);
		expect(keyOf(both.ask('parma points between 2006 and 2011', NOW))).not.toEqual(['2006–2011']);
	});
});
