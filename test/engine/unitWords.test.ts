import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, gazetteer } from '../support/engine.js';
import { measuresTable } from '../support/tables.js';

describe('"#" and "%" beside a name: the measure the data calls so', () => {
	const votes = measuresTable({
		id: 'county-votes',
		title: 'Votes in Benton County',
		metrics: [
			{ id: 'votes', label: 'votes', unit: 'votes', aliases: ['#', 'number of votes'] },
			{ id: 'share', label: 'share of the vote', unit: 'percent', aliases: ['%', 'share'] },
		],
		dimension: { id: 'candidate', label: 'Candidate' },
		columns: { Votes: 'votes', Share: 'share' },
		csv: ['Candidate,Votes,Share', 'Ann Lee,3629,38.7', 'Bob Ray,5759,61.3'].join('\n'),
	});
	const engine = createEngine(votes, gazetteer);

	it.each([
		['ann lee#', 'votes', '3629'],
		['ann lee%', 'share', '38.7'],
		['bob ray # please', 'votes', '5759'],
	])('GIVEN "%s" THEN the %s', (question, metric, value) => {
		const answer = engine.ask(question, NOW);
		expect(answer.query?.metrics.map((m) => m.id)).toEqual([metric]);
		expect(answer.body?.kind === 'figures' && answer.body.groups[0]!.primary.value).toBe(value);
	});

	it('GIVEN no sign THEN both measures of the row, the sign being what picks one', () => {
		const answer = engine.ask('ann lee', NOW);
		expect(answer.body?.kind === 'figures' && answer.body.groups.map((g) => g.primary.metric.id)).toEqual([
			'votes',
			'share',
		]);
	});
});

describe('words for people counted: "15,000 audience members" of a measure in spectators', () => {
	const clubs = (unit: string) =>
		createEngine(
			measuresTable({
				id: 'clubs',
				title: 'League clubs',
				metrics: [
					{
						id: 'attendance',
						label: 'average attendance',
						unit,
						aliases: ['attendance', 'average', 'audience', 'attendees', 'crowd'],
					},
				],
				dimension: { id: 'club', label: 'Club', aliases: ['clubs', 'teams'] },
				columns: { Attendance: 'attendance' },
				csv: ['Club,Attendance', 'Alba,33342', 'Brio,10067', 'Cora,18630'].join('\n'),
			}),
			gazetteer,
		);

	it('GIVEN a measure in spectators THEN "members" is a word of its unit and the clubs are counted', () => {
		const answer = clubs('spectators per match').ask(
			'how many teams had an average of over 15,000 audience members attend?',
			NOW,
		);
		expect(answer.query).toMatchObject({
			operation: 'count',
			conditions: [{ comparator: 'gt', value: '15000', metric: { id: 'attendance' } }],
		});
		expect(answer.body?.kind === 'aggregate' && answer.body.aggregate.result.value).toBe('2');
	});

	it('GIVEN a measure that counts no people THEN "members" is a word the data does not know', () => {
		const answer = clubs('tickets').ask(
			'how many teams had an average of over 15,000 audience members attend?',
			NOW,
		);
		expect(answer.status).toBe('not_found');
	});
});

describe('a measure\'s longer name split by the question: "how many seats did the party win" of "seats won"', () => {
	const elections = createEngine(
		measuresTable({
			id: 'elections',
			title: 'A party: results of elections',
			metrics: [
				{ id: 'elected', label: 'candidates elected', unit: 'seats', aliases: ['seats won', 'elected'] },
				{ id: 'available', label: 'seats available', unit: 'seats', aliases: ['seats', 'available'] },
				{ id: 'played', label: 'games played', unit: 'games', aliases: ['games'] },
				{ id: 'lost', label: 'games lost', unit: 'games', aliases: ['losses'] },
			],
			dimension: { id: 'party', label: 'Party' },
			period: 'Year',
			columns: { Elected: 'elected', Available: 'available', Played: 'played', Lost: 'lost' },
			csv: ['Party,Year,Elected,Available,Played,Lost', 'NDP,1987,19,130,9,3', 'NDP,1990,74,130,9,1'].join('\n'),
		}),
		gazetteer,
	);
	const metric = (q: string) => elections.ask(q, NOW).query?.metrics.map((m) => m.id);

	it.each([
		['how many seats did the ndp win in 1990?', 'elected'],
		['seats the ndp won in 1990', 'elected'],
		['how many seats were available in 1990?', 'available'],
		['ndp seats in 1990', 'available'],
		['how many games did the ndp lose in 1990', 'lost'],
		['how many games did the ndp play in 1990', 'played'],
	])('GIVEN "%s" THEN %s', (question, expected) => {
		expect(metric(question)).toEqual([expected]);
	});
});

describe('a measure counted in millions: "more than 1 million viewers" of figures like 1.07', () => {
	const ratings = measuresTable({
		id: 'ratings',
		title: 'A series: viewers by episode',
		metrics: [{ id: 'viewers', label: 'viewers', unit: 'million viewers' }],
		dimension: { id: 'episode', label: 'Episode', aliases: ['episodes'] },
		columns: { Viewers: 'viewers' },
		csv: ['Episode,Viewers', 'One,0.927', 'Two,0.905', 'Three,1.070', 'Four,0.870'].join('\n'),
	});
	const engine = createEngine(ratings, gazetteer);
	const count = (q: string) => {
		const a = engine.ask(q, NOW);
		return a.body?.kind === 'aggregate' ? a.body.aggregate.result.value : a.status;
	};

	it.each([
		['how many episodes had more than 1 million viewers?', '1'],
		['how many episodes had more than 1 viewers?', '1'],
		['how many episodes had over 900,000 viewers?', '3'],
		['how many episodes had over 0.9 million viewers?', '3'],
	])('GIVEN "%s" THEN %s, compared in the unit of the figures', (question, expected) => {
		expect(count(question)).toBe(expected);
	});

	it('GIVEN a number in full THEN the reply says how it was read; figures are shown with their scale', () => {
		const text = presentText(engine.ask('how many episodes had over 900,000 viewers?', NOW), ratings);
		expect(text).toContain('Read over 900,000 as 0.9 million viewers');
		expect(text).toContain('1.070 viewers (millions)');
	});
});
