import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine.js';
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
