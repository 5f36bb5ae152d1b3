import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/parseDataset.js';
import type { Answer } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, engine as shipped, gazetteer } from '../support/engine.js';
import { measuresTable } from '../support/tables.js';

// Two measures are added up only where the data shows they are separate parts of one whole: in every
// row, gold, silver and bronze add up to the total. Measures that may overlap are never added.

const medals = (csv: string) => {
	const files: Record<string, string> = {
		'dataset.json': JSON.stringify({
			id: 'games',
			title: 'Games medal table',
			description: 'For tests.',
			metrics: ['gold', 'silver', 'bronze', 'total'].map((id) => ({
				id,
				label: `${id} medals`,
				unit: 'medals',
				aliases: [id],
			})),
			dimensions: [{ id: 'nation', label: 'Nation' }],
			tables: [
				{
					file: 'tables/medals.csv',
					source: 'wiki',
					asOf: '2012',
					dimensions: { nation: 'Nation' },
					metrics: { Gold: 'gold', Silver: 'silver', Bronze: 'bronze', Total: 'total' },
				},
			],
		}),
		'sources.json': JSON.stringify([{ id: 'wiki', outlet: 'Wikipedia', originator: 'Wikipedia', published: null }]),
		'tables/medals.csv': csv,
	};
	return createEngine(
		parseDataset((name) => files[name], 'data/games'),
		gazetteer,
	);
};
const ADDS_UP = [
	'Nation,Gold,Silver,Bronze,Total',
	'Germany,18,26,22,66',
	'France,8,19,18,45',
	'Brazil,21,14,8,43',
].join('\n');
const sum = (answer: Answer) =>
	answer.body?.kind === 'sum'
		? [answer.body.sum.total.value, answer.body.sum.parts.map((g) => g.primary.metric.id)]
		: (answer.body?.kind ?? answer.status);

describe('measures that are parts of one whole, added up', () => {
	it('GIVEN gold, silver and bronze that add up to the total in every row THEN "how many gold and silver medals" is their sum, each part shown', () => {
		const answer = medals(ADDS_UP).ask('how many gold and silver medals did germany win?', NOW);
		expect(sum(answer)).toEqual(['44', ['gold', 'silver']]);
		expect(answer.notes.join(' ')).toMatch(/separate parts of total medals/);
		expect(sum(medals(ADDS_UP).ask('how many silver and bronze medals did brazil win', NOW))).toEqual([
			'22',
			['silver', 'bronze'],
		]);
	});

	it('GIVEN one row whose parts do not add up to its total THEN the measures are not known to be separate: side by side, never added', () => {
		const overlapping = `${ADDS_UP}\nItaly,9,8,10,20`;
		expect(sum(medals(overlapping).ask('how many gold and silver medals did germany win?', NOW))).toBe('figures');
	});

	it('GIVEN the figures asked for, not a count THEN side by side', () => {
		expect(sum(medals(ADDS_UP).ask('gold and silver medals of germany', NOW))).toBe('figures');
	});

	it('GIVEN measures that may overlap (tourists are some of the visitors) THEN never added', () => {
		expect(sum(shipped.ask('how many tourists and visitors in 2025', NOW))).not.toEqual(
			expect.arrayContaining(['sum']),
		);
		expect(shipped.ask('how many tourists and visitors in 2025', NOW).body?.kind).not.toBe('sum');
	});
});

describe('"top 3 positions": a condition on a measure of place, not a ranking', () => {
	const league = () => {
		const files: Record<string, string> = {
			'dataset.json': JSON.stringify({
				id: 'league',
				title: 'League final table',
				description: 'For tests.',
				metrics: [
					{ id: 'position', label: 'final position', unit: 'place', aliases: ['position', 'positions'] },
					{ id: 'wins', label: 'wins', unit: 'games', aliases: ['win'] },
					{ id: 'points', label: 'points', unit: 'points' },
				],
				dimensions: [{ id: 'club', label: 'Club', aliases: ['clubs', 'team', 'teams'] }],
				tables: [
					{
						file: 'tables/league.csv',
						source: 'wiki',
						asOf: '1999',
						dimensions: { club: 'Club' },
						metrics: { Position: 'position', Wins: 'wins', Points: 'points' },
					},
				],
			}),
			'sources.json': JSON.stringify([
				{ id: 'wiki', outlet: 'Wikipedia', originator: 'Wikipedia', published: null },
			]),
			// Wins do not follow the places: the top 3 by wins are not the top 3 places.
			'tables/league.csv': [
				'Position,Club,Wins,Points',
				'1,Malaga,22,79',
				'2,Atletico B,19,74',
				'3,Numancia,18,70',
				'4,Alaves,21,69',
				'5,Eibar,12,50',
			].join('\n'),
		};
		return createEngine(
			parseDataset((name) => files[name], 'data/league'),
			gazetteer,
		);
	};

	it('GIVEN a place measure named after "top 3" THEN the rows placed 1 to 3, and the other measure added up', () => {
		const answer = league().ask('what is the combined wins of the clubs in the top 3 positions?', NOW);
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe('59');
		expect(answer.query?.conditions.map((c) => c.text)).toEqual(['in the top 3']);
		expect(answer.query?.metrics.map((m) => m.id)).toEqual(['wins']);
	});

	it('GIVEN "in the top 3" with no place measure named THEN a condition on the data\'s one measure of place', () => {
		const answer = league().ask('how many clubs in the top 3 had more than 18 wins?', NOW);
		expect(answer.query?.conditions.map((c) => [c.text, c.metric?.id])).toEqual([
			['more than 18', 'wins'],
			['in the top 3', 'position'],
		]);
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe('2');
	});

	it('GIVEN "in the top 3" where the data has two measures of place, or none THEN asked which, never dropped', () => {
		const twoPlaces = measuresTable({
			id: 'race',
			title: 'A race',
			metrics: [
				{ id: 'finish', label: 'finishing position', unit: 'position' },
				{ id: 'start', label: 'starting position', unit: 'position' },
			],
			dimension: { id: 'driver', label: 'Driver', aliases: ['drivers'] },
			columns: { Fin: 'finish', St: 'start' },
			csv: ['Driver,Fin,St', 'Ann,1,3', 'Bob,2,1'].join('\n'),
		});
		const answer = createEngine(twoPlaces, gazetteer).ask('how many drivers were in the top 1', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toContain('finishing position, starting position');
	});

	it('GIVEN a measure named only in a condition THEN the other measure is the one added or ranked', () => {
		const total = league().ask('total points of clubs with more than 20 wins', NOW);
		expect(total.body?.kind === 'aggregate' && total.body.aggregate.result.value).toBe('148');
		expect(total.query?.metrics.map((m) => m.id)).toEqual(['points']);
		const best = league().ask('which club with more than 20 wins had the most points', NOW);
		expect(best.body?.kind === 'figures' && best.body.groups.map((g) => g.primary.dims.club)).toEqual(['malaga']);
		expect(league().ask('total wins of the clubs in the top 3', NOW).body).toMatchObject({
			kind: 'aggregate',
			aggregate: { operation: 'sum', result: { value: '59' } },
		});
	});

	it('GIVEN two measures to add ("total wins and points of …") THEN asked which, never one of them alone', () => {
		const answer = league().ask('total wins and points of clubs with more than 20 wins', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toContain('wins or points');
		// Listed, both are shown for each row.
		const listed = league().ask('wins and points of clubs with more than 20 wins', NOW);
		expect(
			listed.body?.kind === 'figures' &&
				listed.body.groups.map((g) => [g.primary.dims.club, g.primary.metric.id]),
		).toEqual([
			['malaga', 'wins'],
			['malaga', 'points'],
			['alaves', 'wins'],
			['alaves', 'points'],
		]);
	});

	it('GIVEN "the top team" of a table with one measure of place THEN the team placed first, never the one with most of the measure', () => {
		const table = measuresTable({
			id: 'division',
			title: 'A division',
			metrics: [
				{ id: 'position', label: 'final position', unit: 'place' },
				{ id: 'goals', label: 'goals for', unit: 'goals', aliases: ['goals'] },
			],
			dimension: { id: 'team', label: 'Team', aliases: ['teams'] },
			columns: { Pos: 'position', Goals: 'goals' },
			csv: ['Team,Pos,Goals', 'Malaga,1,72', 'Atletico B,2,73', 'Alaves,3,60'].join('\n'),
		});
		const engine = createEngine(table, gazetteer);
		const answer = engine.ask('how many goals did the top team score?', NOW);
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe('72');
		expect(presentText(answer, table)).toMatch(/^Read as: total goals for with final position first \(the top\)$/m);
		// "By goals" is a ranking by them.
		const ranked = engine.ask('top team by goals', NOW);
		expect(ranked.body?.kind === 'ranking' && ranked.body.ranking.items[0]!.group.primary.dims.team).toBe(
			'atletico-b',
		);
	});

	it('GIVEN "finished second", "came in third place", "finished last" THEN a place in the order of the data\'s measure of place', () => {
		const clubOf = (a: Answer) =>
			a.body?.kind === 'figures'
				? a.body.groups.map((g) => [g.primary.dims.club, g.primary.metric.id])
				: a.status;
		expect(clubOf(league().ask('which club finished second?', NOW))).toEqual([['atletico-b', 'position']]);

		const wins = league().ask('how many wins did the club that came in third place have', NOW);
		expect(wins.body?.kind === 'aggregate' && wins.body.aggregate.result.value).toBe('18');
		const last = league().ask('which club finished last?', NOW);
		expect(last.query).toMatchObject({ operation: 'which', direction: 'highest', metrics: [{ id: 'position' }] });
		expect(clubOf(last)).toEqual([['eibar', 'position']]);
	});

	it('GIVEN "finished first" where the data has two measures of place THEN the one the verb names', () => {
		const race = measuresTable({
			id: 'race',
			title: 'A race',
			metrics: [
				{ id: 'finish', label: 'finishing position', unit: 'position' },
				{ id: 'start', label: 'starting position', unit: 'position' },
				{ id: 'money', label: 'winnings', unit: 'USD' },
			],
			dimension: { id: 'driver', label: 'Driver', aliases: ['drivers'] },
			columns: { Fin: 'finish', St: 'start', Money: 'money' },
			csv: ['Driver,Fin,St,Money', 'Ann,1,3,300', 'Bob,2,1,200', 'Cy,3,2,100'].join('\n'),
		});
		const answer = createEngine(race, gazetteer).ask('how much money did the driver who finished first win?', NOW);
		expect(
			answer.body?.kind === 'figures' && answer.body.groups.map((g) => [g.primary.dims.driver, g.primary.value]),
		).toEqual([['ann', '300']]);
	});

	it('GIVEN "listed first", "the last listed" THEN that row of the table, cited by its line, with the measures named', () => {
		const last = league().ask('which club is listed last?', NOW);
		expect(last.query).toMatchObject({ operation: 'last', over: { kind: 'table', file: 'tables/league.csv' } });
		expect(last.body?.kind === 'figures' && [...new Set(last.body.groups.map((g) => g.primary.dims.club))]).toEqual(
			['eibar'],
		);
		const wins = league().ask('how many wins did the first listed club have', NOW);
		expect(
			wins.body?.kind === 'figures' && wins.body.groups.map((g) => [g.primary.dims.club, g.primary.value]),
		).toEqual([['malaga', '22']]);
		expect(wins.notes.join(' ')).toContain('The row listed first in tables/league.csv (line 2)');
	});

	it('GIVEN "listed after", "listed before" a row named THEN the next row of the table; none past its end', () => {
		const after = league().ask('which club is listed after numancia?', NOW);
		expect(after.query).toMatchObject({
			over: { kind: 'table', file: 'tables/league.csv', next: { direction: 'after', of: 'Numancia' } },
			rows: [],
		});
		expect(
			after.body?.kind === 'figures' && [...new Set(after.body.groups.map((g) => g.primary.dims.club))],
		).toEqual(['alaves']);
		const wins = league().ask('how many wins did the club listed before numancia have', NOW);
		expect(
			wins.body?.kind === 'figures' && wins.body.groups.map((g) => [g.primary.dims.club, g.primary.value]),
		).toEqual([['atletico-b', '19']]);
		expect(league().ask('which club is listed after eibar?', NOW).status).toBe('not_found');
	});

	it('GIVEN "top 3" with no place measure named THEN a ranking by the measure asked', () => {
		const answer = league().ask('which clubs had the most wins, top 3', NOW);
		expect(
			answer.body?.kind === 'ranking' && answer.body.ranking.items.map((i) => i.group.primary.dims.club),
		).toEqual(['malaga', 'alaves', 'atletico-b']);
	});
});

describe('a whole named with one of its parts after "in" or "at"', () => {
	const golf = (csv: string) =>
		createEngine(
			measuresTable({
				id: 'golf',
				title: 'Major championships by country',
				metrics: [
					{ id: 'masters', label: 'Masters wins', unit: 'championships', aliases: ['masters'] },
					{ id: 'open', label: 'Open wins', unit: 'championships', aliases: ['the open'] },
					{
						id: 'majors',
						label: 'major championships',
						unit: 'championships',
						aliases: ['majors', 'winning golfers'],
					},
				],
				dimension: { id: 'country', label: 'Country' },
				columns: { Masters: 'masters', Open: 'open', Total: 'majors' },
				csv,
			}),
			gazetteer,
		);
	const PARTS = ['Country,Masters,Open,Total', 'England,3,22,25', 'Wales,1,0,1', 'Scotland,1,41,42'].join('\n');

	it('GIVEN parts that add up to the whole in every row THEN "winning golfers … in the Masters" is the Masters measure', () => {
		const answer = golf(PARTS).ask(
			'combined, how many winning golfers do england and wales have in the masters?',
			NOW,
		);
		expect(answer.query?.metrics.map((m) => m.id)).toEqual(['masters']);
		expect(
			answer.body?.kind === 'aggregate' && [answer.body.aggregate.operation, answer.body.aggregate.result.value],
		).toEqual(['sum', '4']);
		const open = golf(PARTS).ask('how many majors did scotland win at the open?', NOW);
		expect(
			open.body?.kind === 'figures' && open.body.groups.map((g) => [g.primary.metric.id, g.primary.value]),
		).toEqual([['open', '41']]);
	});

	it('GIVEN the whole and a part side by side, or measures that do not add up THEN both stay asked', () => {
		const both = golf(PARTS).ask('how many majors and masters wins does england have?', NOW);
		expect(both.query?.metrics.map((m) => m.id).sort()).toEqual(['majors', 'masters']);
		// Scotland's parts make 42 but the total says 40: the measures may overlap, so none is read as a part.
		const overlapping = ['Country,Masters,Open,Total', 'England,3,22,25', 'Scotland,1,41,40'].join('\n');
		const loose = golf(overlapping).ask('how many majors did scotland win at the open?', NOW);
		expect(loose.query?.metrics.map((m) => m.id).sort()).toEqual(['majors', 'open']);
	});
});
