import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { parseDataset } from '../../src/data/parseDataset.js';
import type { Figure } from '../../src/data/types.js';
import type { Answer } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, gazetteer } from '../support/engine.js';

// Two tables of the shapes crowd-written questions ask about: rows that are a dimension's values
// (a medal table), and rows that are periods (a career by season).
const medalFiles: Record<string, string> = {
	'dataset.json': JSON.stringify({
		id: 'medals',
		title: 'Medal table of the Games',
		description: 'Medals by nation, for tests.',
		metrics: [
			{ id: 'gold', label: 'Gold medals', unit: 'medals', aliases: ['gold', 'golds'] },
			{ id: 'silver', label: 'Silver medals', unit: 'medals', aliases: ['silver'] },
		],
		dimensions: [{ id: 'nation', label: 'Nation', aliases: ['country', 'team'] }],
		attributes: [
			{ id: 'founded', label: 'Founded', aliases: ['founded', 'established'], type: 'date' },
			{ id: 'zone', label: 'Zone', aliases: ['zones'] },
		],
		tables: [
			{
				file: 'tables/medals.csv',
				source: 'wiki',
				asOf: '2005',
				dimensions: { nation: 'Nation' },
				attributes: { founded: 'Founded', zone: 'Zone' },
				metrics: { Gold: 'gold', Silver: 'silver' },
			},
		],
	}),
	'sources.json': JSON.stringify([
		{
			id: 'wiki',
			outlet: 'Wikipedia',
			originator: 'Wikipedia contributors',
			published: null,
			licence: 'CC BY-SA 4.0',
		},
	]),
	'tables/medals.csv': [
		'Nation,Founded,Zone,Gold,Silver',
		'Italy,1861,West,12,3',
		'Spain,1479,West,7,9',
		'France,1792,West,7,2',
		'Greece,1822,East,0,4',
		'Malta,1964,East,1,0',
	].join('\n'),
};
const careerFiles: Record<string, string> = {
	'dataset.json': JSON.stringify({
		id: 'career',
		title: 'A driver by season',
		description: 'One driver, one row a season, for tests.',
		metrics: [
			{ id: 'wins', label: 'Wins', unit: 'wins', aliases: ['win', 'victories'] },
			{ id: 'points', label: 'Points', unit: 'points', aliases: [] },
		],
		dimensions: [{ id: 'driver', label: 'Driver', aliases: [] }],
		tables: [
			{
				file: 'tables/career.csv',
				source: 'wiki',
				period: 'Year',
				dimensions: { driver: 'Driver' },
				metrics: { Wins: 'wins', Points: 'points' },
			},
		],
	}),
	'sources.json': medalFiles['sources.json']!,
	'tables/career.csv': [
		'Driver,Year,Wins,Points',
		'Ann Lee,1901,0,10',
		'Ann Lee,1902,2,40',
		'Ann Lee,1903,1,55',
		'Ann Lee,1904,0,30',
		'Ann Lee,1905,3,55',
	].join('\n'),
};
const medals = parseDataset((name) => medalFiles[name], 'data/medals');
const career = parseDataset((name) => careerFiles[name], 'data/career');
const askMedals = (q: string) => createEngine(medals, gazetteer).ask(q, NOW);
const askCareer = (q: string) => createEngine(career, gazetteer).ask(q, NOW);

/** What an answer computed, and the rows (or periods) it used. */
function read(answer: Answer): unknown {
	const body = answer.body;
	if (body?.kind === 'aggregate')
		return [
			body.aggregate.operation,
			body.aggregate.result.value,
			body.aggregate.rows.map((f) => f.dims.nation ?? f.period.key),
		];
	if (body?.kind === 'figures')
		return body.groups.map((g) => [g.primary.dims.nation ?? g.primary.period.key, g.primary.value]);
	return answer.status;
}

describe('conditions on values: each comparator, on rows that are values of a dimension', () => {
	it.each([
		['how many nations won more than 7 gold medals', ['count', '1', ['italy']]],
		['how many nations won over 6 golds', ['count', '3', ['italy', 'spain', 'france']]],
		['in how many nations did gold medals exceed 6', ['count', '3', ['italy', 'spain', 'france']]],
		['how many nations surpassed 7 gold medals', ['count', '1', ['italy']]],
		['how many nations won at least 7 gold medals', ['count', '3', ['italy', 'spain', 'france']]],
		['how many nations won 7 or more gold medals', ['count', '3', ['italy', 'spain', 'france']]],
		['how many nations won fewer than 7 gold medals', ['count', '2', ['greece', 'malta']]],
		['how many nations won at most 1 gold', ['count', '2', ['greece', 'malta']]],
		['how many nations won between 1 and 7 golds', ['count', '3', ['spain', 'france', 'malta']]],
		['how many nations won no gold medals', ['count', '1', ['greece']]],
		['how many nations won 7 gold medals', ['count', '2', ['spain', 'france']]],
		['how many nations have seven golds', ['count', '2', ['spain', 'france']]],
	])('GIVEN "%s" THEN %j', (question, expected) => {
		expect(read(askMedals(question))).toEqual(expected);
	});

	it('GIVEN "not" before a condition THEN it is turned around; a "not" that turns nothing read is not answered', () => {
		expect(read(askMedals('how many nations did not win more than 7 gold medals'))).toEqual([
			'count',
			'4',
			['spain', 'france', 'greece', 'malta'],
		]);
		expect(read(askMedals("how many nations didn't win at least 7 gold medals"))).toEqual([
			'count',
			'2',
			['greece', 'malta'],
		]);
		expect(askMedals('how many nations did not win more than 7 gold medals').query?.conditions[0]).toMatchObject({
			comparator: 'le',
			text: 'not more than 7',
		});
		// "Did not win any" is zero, as before.
		expect(read(askMedals('how many nations did not win any gold medals'))).toEqual(['count', '1', ['greece']]);
		for (const question of [
			'which nation that is not italy won the most gold',
			'how many nations are not in the top 3',
		])
			expect(askMedals(question)).toMatchObject({ status: 'not_found', reason: expect.stringMatching(/"not"/) });
	});

	it('GIVEN an exclusion the reader cannot apply ("other than Italy", "only silver") THEN not answered, never answered without it', () => {
		for (const [question, word] of [
			['which nation other than italy won the most gold', 'other'],
			['apart from italy, which nation won the most gold', 'apart'],
			['how many nations won only silver medals', 'only'],
		])
			expect(askMedals(question!)).toMatchObject({
				status: 'not_found',
				reason: expect.stringContaining(`"${word}"`),
			});
		// "Only" before a number is a plain condition.
		expect(read(askMedals('how many nations won only 1 gold medal'))).toEqual(['count', '1', ['malta']]);
	});

	it('GIVEN "how many times was her average points above 40" where no measure is an average THEN not answered, never a count of her points above 40', () => {
		const answer = askCareer('how many times was her average points above 40');
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toMatch(/not by an average worked out of them/);
		expect(read(askCareer('how many times were her points above 40'))).toEqual(['count', '2', ['1903', '1905']]);
	});

	it('GIVEN "how many seasons did the teams score above 40" THEN a column named with no value is who the rows are: periods counted', () => {
		const files = {
			...careerFiles,
			'dataset.json': careerFiles['dataset.json']!.replace(
				'"tables":[{',
				'"attributes":[{"id":"team","label":"Team","aliases":[],"values":[]}],"tables":[{"attributes":{"team":"Team"},',
			),
			'tables/career.csv': careerFiles['tables/career.csv']!.replace(
				'Driver,Year,Wins,Points',
				'Driver,Year,Wins,Points,Team',
			)
				.split('\n')
				.map((line, i) => (i === 0 ? line : `${line},${i < 3 ? 'Reds' : 'Blues'}`))
				.join('\n'),
		};
		const teams = createEngine(
			parseDataset((name) => files[name as keyof typeof files], 'data/career'),
			gazetteer,
		);
		expect(read(teams.ask('how many seasons did the teams score above 40 points', NOW))).toEqual([
			'count',
			'2',
			['1903', '1905'],
		]);
		// Without a condition, the column is what is asked ("which teams").
		expect(teams.ask('which teams are listed', NOW).query?.columns).toEqual([{ id: 'team', label: 'Team' }]);
	});

	it('GIVEN a condition on one measure and a count THEN the rows are judged on that measure', () => {
		// Silver over 3: Spain (9), Greece (4); their golds are not what is judged.
		expect(read(askMedals('how many nations won more than 3 silver medals'))).toEqual([
			'count',
			'2',
			['spain', 'greece'],
		]);
	});

	it('GIVEN a condition and nothing to do with the rows THEN the rows meeting it are listed', () => {
		expect(read(askMedals('nations with more than 5 gold medals'))).toEqual([
			['italy', '12'],
			['spain', '7'],
			['france', '7'],
		]);
	});
});

describe('operations over rows', () => {
	it('GIVEN "total … of all" THEN every row is added up, the total shown with its rows', () => {
		const answer = askMedals('total gold medals won by all nations');
		expect(read(answer)).toEqual(['sum', '27', ['italy', 'spain', 'france', 'greece', 'malta']]);
		expect(presentText(answer, medals)).toMatch(
			/^Total: 27 medals \(computed from 5 rows of tables\/medals\.csv\) \[1\]$/m,
		);
	});

	it('GIVEN values named "combined" THEN those rows are added up, not compared', () => {
		expect(read(askMedals('gold medals of italy, spain and malta combined'))).toEqual([
			'sum',
			'20',
			['italy', 'spain', 'malta'],
		]);
		expect(read(askMedals('how many gold medals do italy and france have in total'))).toEqual([
			'sum',
			'19',
			['italy', 'france'],
		]);
	});

	it('GIVEN an average or a median THEN it is computed over the rows, exact', () => {
		expect(read(askMedals('average number of gold medals per nation'))).toEqual([
			'average',
			'5.4',
			['italy', 'spain', 'france', 'greece', 'malta'],
		]);
		expect(read(askMedals('median gold medals'))).toEqual([
			'median',
			'7',
			['italy', 'spain', 'france', 'greece', 'malta'],
		]);
		// Three rows of 12, 7 and 7: 8.666…, shown rounded and said so.
		const answer = askMedals('average gold medals of nations with more than 5 golds');
		expect(read(answer)).toEqual(['average', '8.666666666666', ['italy', 'spain', 'france']]);
		expect(presentText(answer, medals)).toMatch(/≈ 8\.6667/);
		expect(presentText(answer, medals)).toMatch(/Rounded to 4 decimal places from 8\.666666666666/);
	});

	it('GIVEN "how many gold medals" of a table with no total row THEN its rows added up, said as a total', () => {
		const answer = askMedals('how many gold medals were won?');
		expect(read(answer)).toEqual(['sum', '27', ['italy', 'spain', 'france', 'greece', 'malta']]);
		expect(presentText(answer, medals)).toMatch(/^Read as: total gold medals$/m);
		// A row named is its own figure; a series by year stays a series.
		expect(read(askMedals('how many gold medals did italy win?'))).toEqual([['italy', '12']]);
		expect(read(askCareer('how many wins did ann lee have?'))).toHaveLength(5);
	});

	it('GIVEN an average of one figure named THEN nothing is averaged', () => {
		expect(askMedals('average gold medals of italy').status).toBe('not_found');
	});
});

describe('rows that are periods', () => {
	it('GIVEN "how many seasons/years/times" with a condition THEN the periods meeting it are counted', () => {
		expect(read(askCareer('how many seasons did ann lee have at least one win'))).toEqual([
			'count',
			'3',
			['1902', '1903', '1905'],
		]);
		expect(read(askCareer('in how many years did she score over 40 points'))).toEqual([
			'count',
			'2',
			['1903', '1905'],
		]);
	});

	it('GIVEN "which year … the most" THEN the periods are ranked and ties named', () => {
		expect(read(askCareer('which year had the most wins'))).toEqual([['1905', '3']]);
		const tie = askCareer('which year had the most points');
		expect(read(tie)).toEqual([
			['1903', '55'],
			['1905', '55'],
		]);
		expect(tie.notes.join(' ')).toMatch(/2 share it/);
		expect(read(askCareer('what year had the fewest points'))).toEqual([['1901', '10']]);
	});

	it('GIVEN "the first/last year" with a condition THEN the earliest or latest period meeting it', () => {
		expect(read(askCareer('what was the first year with at least one win'))).toEqual([['1902', '2']]);
		expect(read(askCareer('what is the last year ann lee had more than 40 points'))).toEqual([['1905', '55']]);
	});

	it('GIVEN "the difference between the greatest and the least" THEN the highest row less the lowest, both cited, ties named', () => {
		const range = (answer: Answer) =>
			answer.body?.kind === 'comparison'
				? [
						answer.body.comparison.a.primary.period.key,
						answer.body.comparison.b.primary.period.key,
						answer.body.comparison.difference.value,
					]
				: answer.status;
		const points = askCareer('what is the difference between her greatest points and her least?');
		expect(range(points)).toEqual([expect.stringMatching(/^190[35]$/), '1901', '45']);
		expect(points.query?.operation).toBe('range');
		expect(points.notes.join(' ')).toMatch(
			/highest and the lowest of 5 periods \(1901–1905\); 2 share the highest/,
		);
		expect(points.query?.over).toEqual({ kind: 'periods' });
		expect(presentText(points, career)).toMatch(/^Read as: points, the highest less the lowest of the periods$/m);
		const golds = askMedals('difference between the most and the fewest gold medals');
		expect(golds.query?.over).toEqual({ kind: 'dimension', dimension: { id: 'nation', label: 'Nation' } });
		expect(presentText(golds, medals)).toMatch(
			/^Read as: gold medals?, the highest less the lowest of the nations$/m,
		);
		expect(
			golds.body?.kind === 'comparison' && [
				golds.body.comparison.a.primary.dims.nation,
				golds.body.comparison.b.primary.dims.nation,
				golds.body.comparison.difference.value,
			],
		).toEqual(['italy', 'greece', '12']);
	});

	it('GIVEN a sum over a range of years THEN exactly those years are added up', () => {
		expect(read(askCareer('total points from 1902 through 1904, all seasons'))).toEqual([
			'sum',
			'125',
			['1902', '1903', '1904'],
		]);
		expect(read(askCareer('total points of all seasons before 1903'))).toEqual(['sum', '50', ['1901', '1902']]);
		expect(read(askCareer('total points of all seasons after 1903'))).toEqual(['sum', '85', ['1904', '1905']]);
	});
});

describe('words a reading would leave unused', () => {
	it('GIVEN "which driver … the least" where the data has one driver THEN there is nothing to rank: said so, never her figures', () => {
		const alone = askCareer('what driver earned the least points?');
		expect(alone.status).toBe('not_found');
		expect(alone.reason).toBe('The data has one driver for this (Ann Lee), so there is none to rank it against.');
		// With two drivers it is a ranking.
		expect(askMedals('which nation won the fewest gold medals').body?.kind).toBe('ranking');
	});

	it('GIVEN "the largest percentage" where no measure is a percentage THEN rows are not picked by a share worked out of them', () => {
		const share = askCareer('in which year did she have the largest percentage of points?');
		expect(share.status).toBe('not_found');
		expect(share.reason).toMatch(/share of a total, but not yet count, add, average or pick rows by shares/);
		// Without the word, the period is picked.
		expect(read(askCareer('in which year did she have the most points?'))).toEqual([
			['1903', '55'],
			['1905', '55'],
		]);
	});
});

describe('conditions that name a row, a column or a number of times', () => {
	it('GIVEN "more … than <a row>" in a count THEN rows are compared with that row\'s figure, which is no filter', () => {
		// Silver: Spain 9, Greece 4, Italy 3, France 2, Malta 0; more than France (2): 3 nations.
		const answer = askMedals('how many nations won more silver medals than france');
		expect(read(answer)).toEqual(['count', '3', ['italy', 'spain', 'greece']]);
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.conditions[0]?.text).toBe(
			'more than France (2)',
		);
		expect(read(askMedals('how many nations won fewer gold medals than spain'))).toEqual([
			'count',
			'2',
			['greece', 'malta'],
		]);
	});

	it('GIVEN years beside a column of dates THEN the years are a condition on that column', () => {
		expect(read(askMedals('how many nations were founded after 1800'))).toEqual([
			'count',
			'3',
			['italy', 'greece', 'malta'],
		]);
		expect(read(askMedals('how many nations were established before 1800'))).toEqual([
			'count',
			'2',
			['spain', 'france'],
		]);
	});

	it('GIVEN "how many <column>" THEN the distinct values of that column are counted', () => {
		const answer = askMedals('how many zones are there');
		expect(
			answer.body?.kind === 'aggregate' && [
				answer.body.aggregate.result.value,
				answer.body.aggregate.distinct?.id,
			],
		).toEqual(['2', 'zone']);
	});

	it('GIVEN "how many times" with a condition THEN periods are counted, never a ratio', () => {
		expect(read(askCareer('how many times did ann lee score at least 40 points'))).toEqual([
			'count',
			'3',
			['1902', '1903', '1905'],
		]);
	});

	it('GIVEN a per cent condition beside a measure not in per cent THEN it is not judged against that measure', () => {
		expect(askCareer('how many seasons had points above 50%').status).toBe('not_found');
	});

	it('GIVEN "total" where the table has no total row THEN its rows are added up', () => {
		expect(read(askMedals('what is the total number of gold medals'))).toEqual([
			'sum',
			'27',
			['italy', 'spain', 'france', 'greece', 'malta'],
		]);
		// "the difference in total …" compares.
		expect(askMedals('what is the difference in total gold medals between italy and spain').body?.kind).toBe(
			'comparison',
		);
	});
});

describe('the reading is shown and typed', () => {
	it('GIVEN a sum of named rows THEN the query names the operation, the measure and the rows, and the reply says so first', () => {
		const answer = askMedals('total gold medals of italy and spain');
		expect(answer.query).toMatchObject({
			operation: 'sum',
			metrics: [{ id: 'gold' }],
			rows: [{ dimension: { id: 'nation' }, values: [{ id: 'italy' }, { id: 'spain' }] }],
			conditions: [],
		});
		expect(presentText(answer, medals).split('\n')).toContain('Read as: total gold medals, Italy + Spain');
	});

	it('GIVEN a count under a condition THEN the query holds the condition on its measure, and what is counted', () => {
		const answer = askMedals('how many nations won more than 5 gold medals');
		expect(answer.query).toMatchObject({
			operation: 'count',
			over: { kind: 'dimension', dimension: { id: 'nation' } },
			conditions: [{ comparator: 'gt', value: '5', metric: { id: 'gold' } }],
		});
		expect(presentText(answer, medals)).toMatch(/^Read as: number of nations with gold medals more than 5$/m);
	});

	it('GIVEN "which year … most" THEN the query is a "which" over periods', () => {
		expect(askCareer('which year had the most wins').query).toMatchObject({
			operation: 'which',
			over: { kind: 'periods' },
			direction: 'highest',
			metrics: [{ id: 'wins' }],
		});
		expect(askCareer('total points of all seasons before 1903').query?.periods).toEqual(['before 1903']);
	});

	it('property: an answered question with a word it does not know inserted is not answered', () => {
		const asked: [typeof askMedals, string][] = [
			[askMedals, 'how many nations won more than 5 gold medals'],
			[askMedals, 'total gold medals of italy and spain'],
			[askMedals, 'average gold medals per nation'],
			[askMedals, 'gold medals of italy'],
			[askCareer, 'which year had the most wins'],
			[askCareer, 'how many seasons did ann lee have at least one win'],
		];
		for (const [ask, question] of asked) expect(ask(question).status, question).toBe('answered');
		fc.assert(
			fc.property(
				fc.constantFrom(...asked),
				fc.stringMatching(/^[bcdfghjklmnpqrstvwxz]{7,10}$/),
				fc.nat(),
				([ask, question], word, at) => {
					const words = question.split(' ');
					words.splice(at % (words.length + 1), 0, word);
					expect(ask(words.join(' ')).status).not.toBe('answered');
				},
			),
			{ numRuns: 150 },
		);
	});
});

describe('a column rows share, ranked ("which zone …"), and words naming the data itself', () => {
	it('GIVEN "which <column> … the most <amount>" THEN its values ranked by the sum of their rows, each sum shown with its rows', () => {
		const answer = askMedals('which zone won the most gold medals');
		const body = answer.body;
		expect(body?.kind === 'grouped' && body.grouped.groups.map((g) => [g.value, g.sum?.value])).toEqual([
			['West', '26'],
			['East', '1'],
		]);
		const text = presentText(answer, medals);
		expect(text).toMatch(
			/^1\. West: 26 medals \[\d+\] — the sum of: Italy 12 \[\d+\], Spain 7 \[\d+\], France 7 \[\d+\]$/m,
		);
		expect(text).toMatch(/^Read as: total gold medals by zone, highest first$/m);
	});

	it('GIVEN "which <column> had the most" and no measure THEN its values ranked by how many rows they have', () => {
		const answer = askMedals('which zone has the most nations');
		expect(
			answer.body?.kind === 'grouped' && answer.body.grouped.groups.map((g) => [g.value, g.sum?.value]),
		).toEqual([
			['West', '3'],
			['East', '2'],
		]);
	});

	it("GIVEN a word of the data's title used to refer to it THEN it is understood; used alone, it is not", () => {
		// The title is "Medal table of the Games": "at these games" names the data, and adds no condition.
		expect(read(askMedals('how many nations won more than 5 gold medals at these games'))).toEqual([
			'count',
			'3',
			['italy', 'spain', 'france'],
		]);
		expect(askMedals('how many nations won more than 5 gold medals games').status).not.toBe('answered');
	});
});

describe('rows measured again each period (a census) and rows each of their own period (a career)', () => {
	const census = parseDataset(
		(name) =>
			({
				'dataset.json': JSON.stringify({
					id: 'census',
					title: 'Towns by census',
					description: 'Towns at two censuses, for tests.',
					metrics: [{ id: 'pop', label: 'population', unit: 'people', aliases: ['people'] }],
					dimensions: [{ id: 'town', label: 'Town', aliases: [] }],
					tables: [
						{
							file: 'tables/t.csv',
							source: 'wiki',
							period: 'Year',
							dimensions: { town: 'Town' },
							metrics: { Pop: 'pop' },
						},
					],
				}),
				'sources.json': medalFiles['sources.json']!,
				'tables/t.csv': [
					'Town,Year,Pop',
					'Ada,2001,90',
					'Ada,2011,120',
					'Bel,2001,150',
					'Bel,2011,140',
					'Cor,2001,50',
					'Cor,2011,60',
				].join('\n'),
			})[name],
		'data/census',
	);
	const ask = (q: string) => createEngine(census, gazetteer).ask(q, NOW);
	const towns = (answer: Answer) =>
		answer.body?.kind === 'aggregate'
			? [
					answer.body.aggregate.operation,
					answer.body.aggregate.result.value,
					answer.body.aggregate.rows.map((f) => f.dims.town),
				]
			: answer.status;

	it('GIVEN a census table and no year THEN the rows of the latest census, and it says so', () => {
		const answer = ask('how many towns had a population over 100');
		expect(towns(answer)).toEqual(['count', '2', ['ada', 'bel']]);
		expect(answer.notes.join(' ')).toMatch(/latest period with figures, 2011/);
		expect(towns(ask('how many towns had a population over 100 in 2001'))).toEqual(['count', '1', ['bel']]);
	});

	it('GIVEN "how many years are listed" THEN the periods are counted, each once however many rows it has', () => {
		expect(towns(ask('how many years are listed?'))?.slice(0, 2)).toEqual(['count', '2']);
		expect(towns(ask('in how many years did a town have a population over 100'))?.slice(0, 2)).toEqual([
			'count',
			'2',
		]);
		expect(towns(ask('in how many years did a town have a population over 140'))?.slice(0, 2)).toEqual([
			'count',
			'1',
		]);
	});
});

describe('a number that says how many rows there are', () => {
	it('GIVEN "all 5 nations" THEN the number is checked against the rows: a different count is other data, not answered', () => {
		const right = askMedals('total gold medals of all 5 nations');
		expect(read(right)).toEqual(['sum', '27', ['italy', 'spain', 'france', 'greece', 'malta']]);
		expect(right.notes.join(' ')).not.toMatch(/The question says/);
		expect(read(askMedals('how many gold medals were won between all 5 nations?'))).toEqual([
			'sum',
			'27',
			['italy', 'spain', 'france', 'greece', 'malta'],
		]);
		const wrong = askMedals('total gold medals of all 7 nations');
		expect(wrong.status).toBe('not_found');
		expect(wrong.reason).toMatch(/The question says 7; the data has 5 rows here/);
	});

	it('GIVEN "how many times" over data of one period and many rows THEN not found: there are no periods to count', () => {
		expect(askMedals('how many times did a nation win more than 5 gold medals').status).toBe('not_found');
	});
});

describe("words of a measure's unit", () => {
	it('GIVEN a condition written with its unit or a short form of it THEN the unit is understood', () => {
		expect(read(askMedals('how many nations won more than 5 gold medals'))).toEqual(
			read(askMedals('how many nations won more than 5 medals of gold')),
		);
		expect(read(askCareer('how many seasons had over 40 points'))).toEqual(['count', '2', ['1903', '1905']]);
		// A unit the data does not have is a word it does not know.
		expect(askCareer('how many seasons had over 40 km').status).not.toBe('answered');
	});
});

describe('the shipped statistics table: questions over its rows, computed independently from its figures', () => {
	const deaths = loadDataset('data/natural-disasters');
	const ask = (q: string) => createEngine(deaths, gazetteer).ask(q, NOW);
	const kindOf = (f: Figure) => f.dims[deaths.dimensions[0]!.id];
	const earthquakes = deaths.figures.filter((f) => kindOf(f) === 'earthquake');

	it('GIVEN "total … before 1910" THEN every year before 1910 is added up', () => {
		const expected = earthquakes.filter((f) => f.period.year < 1910).reduce((sum, f) => sum + Number(f.value), 0);
		const answer = ask('total deaths from earthquakes before 1910');
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe(String(expected));
		expect(answer.query?.periods).toEqual(['before 1910']);
	});

	it('GIVEN "in how many years … at least" THEN the years meeting it are counted', () => {
		const expected = earthquakes.filter((f) => Number(f.value) >= 100000).length;
		const answer = ask('in how many years did earthquakes kill at least 100000 people');
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe(String(expected));
	});

	it('GIVEN "how many kinds of … in 2010" THEN the kinds meeting it that year are counted, never the total row', () => {
		const expected = deaths.figures.filter(
			(f) => f.period.year === 2010 && kindOf(f) !== undefined && Number(f.value) > 1000,
		).length;
		const answer = ask('how many kinds of disaster killed more than 1000 people in 2010');
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe(String(expected));
		expect(presentText(answer, deaths)).toMatch(
			/^Read as: number of kinds of disaster with deaths more than 1000, 2010$/m,
		);
	});

	it('GIVEN "how many years are listed" with nothing else named THEN the periods with figures are counted', () => {
		const expected = new Set(deaths.figures.map((f) => f.period.key)).size;
		const answer = ask('how many years are listed?');
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe(String(expected));
		expect(answer.query?.over).toEqual({ kind: 'periods' });
	});

	it('GIVEN "which year had the most" THEN the year of the highest figure', () => {
		const top = earthquakes.reduce((a, b) => (Number(b.value) > Number(a.value) ? b : a));
		const answer = ask('which year had the most earthquake deaths');
		expect(answer.body?.kind === 'figures' && answer.body.groups.map((g) => g.primary.period.key)).toEqual([
			top.period.key,
		]);
	});
});

describe('never one measure picked, never a list for a count', () => {
	it('GIVEN a comparison that names no measure where the rows have several THEN asked back which', () => {
		const answer = askMedals('what is the difference between italy and spain');
		expect(answer.status).toBe('ambiguous');
		expect(answer.notes.join(' ')).toMatch(/Which measure\? The rows have Gold medals, Silver medals/);
		expect(askMedals('what is the difference in gold medals between italy and spain').body?.kind).toBe(
			'comparison',
		);
	});

	it('GIVEN "how many different <dimension>" THEN its values are counted, never listed', () => {
		const answer = askMedals('how many different nations are there');
		expect(answer.body?.kind === 'count' && [answer.body.count.count, answer.body.count.shown.length]).toEqual([
			5, 5,
		]);
		expect(presentText(answer, medals)).toMatch(/^Number of nations, 2005: 5 \[1\]$/m);
	});
});

describe('a place in an order: "the second highest"', () => {
	it('GIVEN "which nation won the second most gold medals" THEN the rows at that place, ties together', () => {
		// Gold: Italy 12, Spain 7, France 7, Malta 1, Greece 0 — Spain and France share second place.
		const answer = askMedals('which nation won the second most gold medals');
		expect(read(answer)).toEqual([
			['spain', '7'],
			['france', '7'],
		]);
		expect(answer.notes.join(' ')).toMatch(/second highest of 5 nation values; 2 share that place/);
		// After two tied for second, there is no third place.
		expect(askMedals('which nation won the third most gold medals').status).toBe('not_found');
		expect(read(askMedals('which nation won the 2nd fewest gold medals'))).toEqual([['malta', '1']]);
	});

	it('GIVEN "which year had the second most" THEN the period at that place', () => {
		// Wins by year: 1901 0, 1902 2, 1903 1, 1904 0, 1905 3.
		expect(read(askCareer('which year had the second most wins'))).toEqual([['1902', '2']]);
	});
});

describe('"the last N years": the data\'s own latest periods', () => {
	it('GIVEN "the last 3 years" THEN the latest three periods the data has, named, and operations over them', () => {
		// Points by year: 1901 10, 1902 40, 1903 55, 1904 30, 1905 55.
		const series = askCareer('ann lee points in the last 3 years');
		expect(series.body?.kind === 'figures' && series.body.groups.map((g) => g.primary.period.key).sort()).toEqual([
			'1903',
			'1904',
			'1905',
		]);
		expect(series.query?.periods).toEqual(['the last 3 periods (1903–1905)']);
		expect(read(askCareer('total points in the last 3 years'))).toEqual(['sum', '140', ['1903', '1904', '1905']]);
		expect(read(askCareer('average points over the past 2 seasons'))).toEqual([
			'average',
			'42.5',
			['1904', '1905'],
		]);
	});
});

describe('rows that give no figures: listed, so counted', () => {
	const parks = parseDataset(
		(name) =>
			({
				'dataset.json': JSON.stringify({
					id: 'parks',
					title: 'National parks',
					description: 'Parks, for tests.',
					metrics: [
						{ id: 'area', label: 'Land area', unit: 'km2', aliases: ['area'] },
						{ id: 'visits', label: 'Visits', unit: 'visits', aliases: ['visitors'] },
					],
					dimensions: [{ id: 'park', label: 'National park', aliases: ['park', 'parks'] }],
					attributes: [
						{ id: 'established', label: 'Established', aliases: ['established'], type: 'date' },
						{ id: 'region', label: 'Region', aliases: [] },
					],
					tables: [
						{
							file: 'tables/parks.csv',
							source: 'wiki',
							dimensions: { park: 'Park' },
							attributes: { established: 'Established', region: 'Region' },
							metrics: { Area: 'area', Visits: { metric: 'visits', period: '2009' } },
						},
					],
				}),
				'sources.json': medalFiles['sources.json']!,
				'tables/parks.csv': [
					'Park,Region,Established,Area,Visits',
					'Alder,North,1956,30,1000',
					'Birch,South,1995,12,',
					'Cedar,,2011,,',
					'Dune,North,1999,8,500',
					',,,,',
				].join('\n'),
			})[name],
		'data/parks',
	);
	const ask = (q: string) => createEngine(parks, gazetteer).ask(q, NOW);
	const count = (answer: Answer) =>
		answer.body?.kind === 'aggregate'
			? answer.body.aggregate.result.value
			: answer.body?.kind === 'count'
				? String(answer.body.count.count)
				: answer.status;

	it('GIVEN a row with its columns and no figure THEN it is kept as a row, not a figure', () => {
		expect(parks.bareRows.map((r) => [r.dims.park, r.attrs.established, r.row.line])).toEqual([
			['cedar', '2011', 4],
		]);
		expect(parks.figures.some((f) => f.dims.park === 'cedar')).toBe(false);
	});

	it('GIVEN "how many parks" THEN every park listed, one with no figures too, and a figure-less row is named', () => {
		const answer = ask('how many national parks are there?');
		expect(count(answer)).toBe('4');
		expect(answer.notes.join(' ')).toMatch(/Cedar \(tables\/parks\.csv, line 4\)/);
	});

	it('GIVEN a condition on its own column THEN it is judged by it; one on a measure cannot be, and is said', () => {
		const after = ask('how many parks were established after 1990');
		expect(count(after)).toBe('3');
		expect(presentText(after, parks)).toMatch(/^• Cedar: no figures given \[\d+\]$/m);
		expect(count(ask('how many parks were established after 2000'))).toBe('1');
		const big = ask('how many parks have an area over 10');
		expect(count(big)).toBe('2');
		expect(big.notes.join(' ')).toMatch(/1 row has no figure to judge the condition on/);
	});
});

describe('a column of dates: months, days and years as conditions on it', () => {
	const episodes = parseDataset(
		(name) =>
			({
				'dataset.json': JSON.stringify({
					id: 'show',
					title: 'A show by episode',
					description: 'Episodes, for tests.',
					metrics: [{ id: 'viewers', label: 'Viewers', unit: 'million viewers', aliases: [] }],
					dimensions: [{ id: 'episode', label: 'Episode', aliases: ['episodes'] }],
					attributes: [{ id: 'aired', label: 'Air date', aliases: ['aired', 'broadcast'], type: 'date' }],
					tables: [
						{
							file: 'tables/show.csv',
							source: 'wiki',
							asOf: '2012',
							dimensions: { episode: 'Episode' },
							attributes: { aired: 'Aired' },
							metrics: { Viewers: 'viewers' },
						},
					],
				}),
				'sources.json': medalFiles['sources.json']!,
				'tables/show.csv': [
					'Episode,Aired,Viewers',
					'One,2012-04-29,1.1',
					'Two,2012-05-06,0.9',
					'Three,2012-05-13,0.8',
					'Four,2013-05-05,0.7',
					'Five,2013-06-02,0.6',
				].join('\n'),
			})[name],
		'data/show',
	);
	const ask = (q: string) => createEngine(episodes, gazetteer).ask(q, NOW);
	const counted = (answer: Answer) =>
		answer.body?.kind === 'aggregate'
			? [answer.body.aggregate.result.value, answer.body.aggregate.rows.map((f) => f.dims.episode)]
			: answer.status;

	it('GIVEN "in May" THEN the rows whose date is in May, of any year', () => {
		const answer = ask('how many aired in may?');
		expect(counted(answer)).toEqual(['3', ['two', 'three', 'four']]);
		expect(presentText(answer, episodes)).toMatch(/^Read as: number of episodes with air date May$/m);
	});

	it('GIVEN a month of a year, or a day THEN the whole date is compared', () => {
		expect(counted(ask('how many episodes aired in may 2012?'))).toEqual(['2', ['two', 'three']]);
		expect(counted(ask('how many episodes were broadcast on 13 May 2012?'))).toEqual(['1', ['three']]);
		expect(counted(ask('how many episodes aired in 2013?'))).toEqual(['2', ['four', 'five']]);
	});

	it('GIVEN "when was the last episode aired" THEN the row last by the column of dates, with that date', () => {
		const dated = (answer: Answer) =>
			answer.body?.kind === 'attributes'
				? answer.body.attributes.items.map((i) => [i.figure.dims.episode, i.values[0]])
				: answer.status;
		const last = ask('when was the last episode aired?');
		expect(dated(last)).toEqual([['five', '2013-06-02']]);
		expect(last.query?.operation).toBe('last');
		expect(presentText(last, episodes)).toMatch(/^Read as: the last row by air date$/m);
		// The row picked by its date is named with it, the date in words.
		expect(presentText(last, episodes)).toMatch(/^• Five, 2 June 2013: Air date: 2 June 2013 \[1\]$/m);
		expect(dated(ask('what was the air date of the first episode?'))).toEqual([['one', '2012-04-29']]);
	});

	it('GIVEN "may" that is no month THEN it is not read as one', () => {
		expect(ask('how many episodes may have aired?').query?.conditions ?? []).toEqual([]);
	});
});
