import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, gazetteer } from '../support/engine.js';
import { measuresTable } from '../support/tables.js';

/** One driver's seasons, with a measure whose name holds a number ("top 5 finishes"). */
const career = measuresTable({
	id: 'career',
	title: 'Ann Lee: Nationwide Series career by year',
	metrics: [
		{ id: 'starts', label: 'starts', unit: 'races', aliases: ['races', 'races started'] },
		{ id: 'wins', label: 'wins', unit: 'races', aliases: ['win', 'won', 'victories'] },
		{ id: 'top5', label: 'top-5 finishes', unit: 'races', aliases: ['top 5', 'top 5 finish', 'top 5 finishes'] },
		{ id: 'winnings', label: 'winnings', unit: 'USD', aliases: ['earnings'] },
	],
	dimension: { id: 'driver', label: 'Driver' },
	period: 'Year',
	columns: { Starts: 'starts', Wins: 'wins', 'Top 5': 'top5', Winnings: 'winnings' },
	csv: [
		'Driver,Year,Starts,Wins,Top 5,Winnings',
		'Ann Lee,1986,2,0,0,535',
		'Ann Lee,1987,2,0,0,975',
		'Ann Lee,1988,29,0,2,45391',
		'Ann Lee,1989,30,1,4,90000',
		'Ann Lee,1990,25,0,1,70000',
	].join('\n'),
});
const engine = createEngine(career, gazetteer);
const ask = (question: string) => engine.ask(question, NOW);
const shown = (answer: Answer) =>
	answer.body?.kind === 'figures'
		? answer.body.groups.map(({ primary: f }) => [f.metric.id, f.period.key, f.value])
		: answer.status;

describe('a measure named with a number: "top 5 finishes"', () => {
	it('GIVEN "top 5 finishes in 1988" THEN that measure, not a ranking of five', () => {
		const answer = ask('ann lee top 5 finishes in 1988');
		expect(answer.status).toBe('answered');
		expect(answer.query).toMatchObject({ metrics: [{ id: 'top5' }], periods: ['1988'] });
		expect(shown(answer)).toEqual([['top5', '1988', '2']]);
	});

	it('GIVEN "top 5" alone, the data\'s own name of the measure THEN that measure, not a ranking with nothing to rank', () => {
		const answer = ask('ann lee top 5 in 1988');
		expect(answer.query).toMatchObject({ metrics: [{ id: 'top5' }], direction: null, n: null });
		expect(shown(answer)).toEqual([['top5', '1988', '2']]);
	});
});

describe('"had a …": at least one of a counted measure', () => {
	it('GIVEN "the first year Ann Lee had a top 5 finish" THEN the first period with at least 1', () => {
		const answer = ask('what is the first year ann lee had a top 5 finish?');
		expect(answer.query).toMatchObject({
			operation: 'first',
			over: { kind: 'periods' },
			conditions: [{ comparator: 'ge', value: '1', metric: { id: 'top5' } }],
		});
		expect(shown(answer)).toEqual([['top5', '1988', '2']]);
		expect(presentText(answer, career)).toMatch(/^Read as: the first period with top-5 finishes at least 1/m);
	});

	it('GIVEN "how many years did she have a win" THEN the periods with at least one win are counted', () => {
		const answer = ask('how many years did she have a win');
		expect(answer.query).toMatchObject({ operation: 'count', conditions: [{ comparator: 'ge', value: '1' }] });
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe('1');
	});

	it('GIVEN "had a" before a measure that counts nothing (money) THEN no condition is made of it', () => {
		expect(ask('the first year she had a winnings').query?.conditions ?? []).toEqual([]);
	});
});

describe('a period named by its place: "her first season", "the last year"', () => {
	it('GIVEN "wins in her first season" THEN the data\'s first period, said so', () => {
		const answer = ask('ann lee winnings in her first season');
		expect(shown(answer)).toEqual([['winnings', '1986', '535']]);
		expect(presentText(answer, career)).toContain('"first season" read as 1986');
	});

	it('GIVEN "in her last season" THEN the data\'s last period', () => {
		expect(shown(ask('ann lee winnings in her last season'))).toEqual([['winnings', '1990', '70000']]);
	});

	it('GIVEN "what was the first year she had wins" with nothing that picks the year THEN not answered with some year\'s figure', () => {
		const answer = ask('what was the first year ann lee had wins');
		expect(answer.status).toBe('not_found');
		expect(presentText(answer, career)).toContain('what makes a period the first one');
	});
});

describe('a word of the data written in two ("nation wide" for Nationwide)', () => {
	it('GIVEN "in the nation wide series" THEN read as the data\'s own word', () => {
		const answer = ask('what is the first year ann lee had a top 5 finish in the nation wide series?');
		expect(shown(answer)).toEqual([['top5', '1988', '2']]);
	});

	it('GIVEN two words that joined are no word of the data THEN still not understood', () => {
		const answer = ask('what is the first year ann lee had a top 5 finish in the nation wide cup?');
		expect(answer.status).toBe('not_found');
		expect(presentText(answer, career)).toContain('"cup"');
	});
});

describe('a verb that is also a measure\'s name ("won" of wins) beside another measure', () => {
	it('GIVEN "the number of top 5 finishes that Ann Lee has won in her career" THEN the top-5 finishes added up, not wins', () => {
		const answer = ask('what is the number of top 5 finishes that ann lee has won in her career?');
		expect(answer.query).toMatchObject({ operation: 'sum', metrics: [{ id: 'top5' }] });
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe('7');
	});

	it('GIVEN "won" alone THEN it names the wins', () => {
		expect(ask('what has ann lee won in 1989').query?.metrics.map((m) => m.id)).toEqual(['wins']);
	});

	it('GIVEN "races won" where both starts and wins are counted in races THEN never read as the starts alone', () => {
		const answer = ask('how many races has ann lee won in her career');
		expect(answer.query?.metrics.map((m) => m.id) ?? []).not.toEqual(['starts']);
	});
});

describe('"total" with no period: every period added up, for counts of what happens in each', () => {
	it('GIVEN "total wins of Ann Lee" THEN her wins over all the periods, and the reading says which', () => {
		const answer = ask('total wins of ann lee');
		expect(answer.query).toMatchObject({ operation: 'sum', periods: ['all 5 periods (1986–1990)'] });
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe('1');
	});

	it.each(['how many wins did ann lee have in all years', 'ann lee wins over all the seasons combined'])(
		'GIVEN "%s" THEN every period, added up',
		(question) => {
			const answer = ask(question);
			expect(answer.query?.periods).toEqual(['all 5 periods (1986–1990)']);
			expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe('1');
		},
	);

	it('GIVEN "total population" of a town counted in several censuses THEN never the censuses added up', () => {
		const towns = measuresTable({
			id: 'towns',
			title: 'Town population by census',
			metrics: [{ id: 'population', label: 'population', unit: 'people' }],
			dimension: { id: 'town', label: 'Town' },
			period: 'Year',
			columns: { Population: 'population' },
			csv: ['Town,Year,Population', 'Alba,2002,1000', 'Alba,2011,1200'].join('\n'),
		});
		const answer = createEngine(towns, gazetteer).ask('total population of alba', NOW);
		expect(answer.query?.operation).not.toBe('sum');
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).not.toBe('2200');
	});
});

describe('"the highest …" of one series: its highest figure over the periods', () => {
	it('GIVEN "what were ann lee\'s highest winnings" THEN the period with the highest, never the series with "highest" dropped', () => {
		const answer = ask("what were ann lee's highest winnings");
		expect(answer.query).toMatchObject({ operation: 'which', over: { kind: 'periods' }, direction: 'highest' });
		expect(shown(answer)).toEqual([['winnings', '1989', '90000']]);
		expect(shown(ask('the lowest top 5 finishes of ann lee'))).toEqual([
			['top5', '1986', '0'],
			['top5', '1987', '0'],
		]);
	});

	it('GIVEN "the most recent" THEN the latest figure, not the highest', () => {
		expect(shown(ask('the most recent winnings of ann lee'))).toEqual([['winnings', '1990', '70000']]);
	});

	it('GIVEN "the highest" with several measures and none named THEN asked which, never one picked', () => {
		expect(ask('what was the highest for ann lee').status).toBe('not_found');
	});
});

describe('"percentage change", "percent increase": a comparison, never a share', () => {
	it.each([
		'what was the percentage change in ann lee winnings from 1988 to 1989?',
		'percent increase in ann lee winnings between 1988 and 1989',
	])('GIVEN "%s" THEN the two years compared, the change in per cent shown', (question) => {
		const answer = ask(question);
		expect(answer.body?.kind).toBe('comparison');
		expect(presentText(answer, career)).toContain('Change: +98.3%');
	});
});
