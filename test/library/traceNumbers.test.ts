import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/data/loadLibrary.js';
import type { Answer } from '../../src/engine/answer.js';
import { createLibrary } from '../../src/library/createLibrary.js';
import { tracedChoice, tracedNumber } from '../../src/library/traceNumbers.js';
import { operations } from '../../src/service/operations.js';
import { NOW, gazetteer } from '../support/engine.js';

const library = createLibrary(loadLibrary('data'), gazetteer);
const traced = (answer: Answer) =>
	answer.body?.kind === 'figures'
		? answer.body.groups.map((g) => [g.primary.id, ...g.others.map((o) => o.figure.id)])
		: [];

describe('numbers traced to their source', () => {
	it.each([
		['where does 9,985 come from', 9985],
		['Where did the 9,985 figure come from?', 9985],
		['who said 7,000', 7000],
		['source for the 6.62 million', 6620000],
		['10k?', 10000],
		['what is the 161 number', 161],
		['what does the 1.43 million figure refer to', 1430000],
		['what does the number 6,469 mean', 6469],
		['what is 5,075 in this data?', 5075],
		['what is 5,075?', 5075],
	])('"%s" asks where %d comes from', (question, value) => {
		expect(tracedNumber(question)?.value).toBe(value);
	});

	it.each([
		'2025',
		'tourists 2025',
		'how many tourists came in 2025?',
		'who said tourism grew',
		'9,985 Russians visited North Korea',
	])('"%s" is a question, not a number to trace', (question) => expect(tracedNumber(question)).toBeNull());

	it('GIVEN "where does 9,985 come from" THEN the figure with its quote, and the same count as written elsewhere (the 10,000 headline)', () => {
		const { answer, dataset } = library.ask('where does 9,985 come from', NOW);
		expect(dataset.id).toBe('nk-travel');
		const [first] = traced(answer);
		expect(first?.[0]).toBe('ru-nk-2025-total');
		expect(first).toContain('ru-nk-2025-headline');
		expect(answer.notes[0]).toMatch(/Figures in the data that are 9,985, each with its source/);
	});

	it('GIVEN "who said 7,000" THEN the minister\'s estimate leads, with the FSB count beside it', () => {
		const { answer } = library.ask('who said 7,000', NOW);
		expect(answer.body?.kind === 'figures' ? answer.body.groups[0]?.primary.source.originator : '').toMatch(
			/Kozlov/,
		);
		expect(traced(answer)[0]).toContain('ru-nk-2025-total');
	});

	it('GIVEN "10k?" THEN the figures it can be as written to its precision: 10,000 and 9,985', () => {
		const ids = traced(library.ask('10k?', NOW).answer).flat();
		expect(ids).toEqual(expect.arrayContaining(['ru-nk-2025-total', 'ru-nk-2025-headline']));
	});

	it('GIVEN a number no figure carries THEN not found, saying no figure is that number', () => {
		const { answer } = library.ask('where does 12,345 come from', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toBe('No figure in the data is 12,345.');
		expect(library.ask('what is 123,456,000 in this data?', NOW).answer.reason).toMatch(
			/nearest 1,000, as it is written/,
		);
	});

	it('GIVEN "do we go with 9,985 or 10,000?" THEN both traced to the same count, and the one that leads is named with why', () => {
		expect(tracedChoice('do we go with 9,985 or 10,000?')?.map((n) => n.value)).toEqual([9985, 10000]);
		expect(tracedChoice('tourists or visitors?')).toBeNull();
		expect(tracedChoice('russia or china 2025')).toBeNull();
		const { answer } = library.ask('do we go with 9,985 or 10,000?', NOW);
		expect(traced(answer)[0]).toEqual(expect.arrayContaining(['ru-nk-2025-total', 'ru-nk-2025-headline']));
		expect(answer.notes[0]).toMatch(/^Both are given for the same thing\. Go with 9,985: .* gives it exactly/);
		expect(answer.notes[0]).toMatch(/10,000 is how .* gives it, qualified "record"/);
		// Asked the other way round, the same one leads.
		expect(library.ask('10,000 or 9,985?', NOW).answer.notes[0]).toMatch(/Go with 9,985/);
	});

	it('GIVEN a number typed into /sources THEN its choices are the figures carrying it, and picking one answers it', () => {
		const choices = operations.sourceChoices(library, { typed: '9,985' });
		expect(choices[0]).toMatchObject({ value: 'figure:nk-travel/ru-nk-2025-total' });
		expect(choices[0]?.name).toMatch(/^9,985 — Russians → North Korea, 2025/);
		const reply = operations.sources(library, { source: choices[0]!.value, now: NOW.getTime() });
		expect(reply.embeds?.[0]?.description).toContain('9,985');
		const byNumber = operations.sources(library, { source: '6.62 million', now: NOW.getTime() });
		expect(byNumber.embeds?.[0]?.title).toMatch(/Turkey/);
	});
});
