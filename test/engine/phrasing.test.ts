import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { type Answer, figuresOf } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { figureLabel } from '../../src/engine/labels.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, dataset, engine, gazetteer } from '../support/engine.js';
import { harvests, oneTableDataset } from '../support/tables.js';

const ask = (q: string, now = NOW) => engine.ask(q, now);
const disasters = createEngine(loadDataset('data/natural-disasters'), gazetteer);
const valuesOf = (answer: Answer) => (answer.body ? figuresOf(answer.body).map((f) => f.value) : []);

/** Trips both ways between two countries, so that reading a question backwards gives a wrong number. */
const twoWay = createEngine(
	oneTableDataset({
		id: 'two-way',
		title: 'Trips between France and Germany',
		metric: { id: 'trips', label: 'trips', unit: 'trips', aliases: ['trips', 'visitors', 'arrivals', 'entered'] },
		dimensions: [
			{ id: 'origin', label: 'Travellers', role: 'origin' },
			{ id: 'destination', label: 'Destination', role: 'destination' },
		],
		period: 'year',
		valueColumn: 'trips',
		csv: 'year,origin,destination,trips\n2024,France,Germany,111\n2024,Germany,France,222\n2025,France,Germany,333\n2025,Germany,France,444\n',
	}),
	gazetteer,
);

describe('every word accounted for: a measure the data lacks is named, never answered with another figure', () => {
	it.each([
		['average age of russian visitors to north korea in 2025', 'average age'],
		['how many russians went to north korea by car', 'by car'],
		['gender split of russian tourists in north korea 2025', 'gender'],
		['how much did russian tourists spend in north korea in 2024', 'spend'],
		['hotel nights of russians in the dprk, 2025', 'hotel nights'],
		['revenue from russian visitors to north korea', 'revenue'],
		['russians arriving in north korea by bus in 2025', 'by bus'],
		['price of a trip to north korea for russians', 'price'],
	])('%s → not found, naming "%s"', (question, phrase) => {
		const answer = ask(question);
		expect(answer.status).toBe('not_found');
		expect(answer.body).toBeNull();
		expect(answer.reason).toContain(`no figures on "${phrase}"`);
		// What the data does count is said, and what the rest of the question matched is offered.
		expect(answer.reason).toContain('It counts visitors (people)');
		expect(answer.suggestions.length).toBeGreaterThan(0);
	});

	it('GIVEN another dataset THEN the same rule: injuries are not deaths', () => {
		const answer = disasters.ask('injuries from earthquakes in 2010', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toContain('"injuries"');
		expect(disasters.ask('deaths from earthquakes in 2010', NOW).status).toBe('answered');
	});

	it.each([
		['no. of russians in north korea 2025', '9985'],
		['via rail, how many russians went to north korea in 2025', '3453'],
		['whats the number of russian tourists in nk 2024', '1957'],
		['russians who took the train to north korea in 2025', '3453'],
		['russian visitors to north korea in 2024 ok', '6469'],
		['true number of russian visitors to north korea in 2023', '1238'],
		['north korean citizens who entered russia in 2024', '13220'],
		// "travellers" is a word for visitors and the label of the travellers' dimension: with the
		// travellers named, it is the figure, not a breakdown of one value.
		['2025 russian nationals travellers to north korea', '9985'],
	])('GIVEN harmless words "%s" THEN answered (%s)', (question, value) => {
		const answer = ask(question);
		expect(answer.status).toBe('answered');
		expect(valuesOf(answer)[0]).toBe(value);
		expect(answer.notes.join(' ')).not.toMatch(/don't know/);
	});

	it('GIVEN a misspelt dataset word THEN it is corrected, and the reply says how it was read', () => {
		const answer = ask('russain toursts 2024');
		expect(valuesOf(answer)[0]).toBe('1957');
		expect(answer.notes.join(' ')).toContain('"toursts" as "tourists"');
		expect(answer.notes.join(' ')).toContain('"russain" as "russian"');
	});

	it.each(['price', 'rain', 'fair', 'sell', 'tours', 'nights'])(
		'GIVEN the real word "%s" THEN it is never "corrected" into a dataset word',
		(word) => {
			const answer = ask(`${word} russians north korea 2025`);
			expect(answer.notes.join(' ')).not.toContain(`"${word}" as`);
		},
	);

	it('GIVEN a typo about as close to two dataset words THEN neither is guessed, and the word is reported', () => {
		const crops = createEngine(harvests('year,crop,tonnes\n2021,Maize,50\n2021,Maile,70\n'), gazetteer);
		expect(crops.ask('maize harvest 2021', NOW).status).toBe('answered');
		const answer = crops.ask('maise harvest 2021', NOW);
		expect(answer.notes.join(' ')).not.toMatch(/"maise" as/);
		expect(answer.status).not.toBe('answered');
		// The single close reading is still made.
		expect(crops.ask('maizze harvest 2021', NOW).notes.join(' ')).toContain('"maizze" as "maize"');
	});

	it('property: a figure asked with one more word naming a measure the data lacks is never answered with that figure', () => {
		// Measures no shipped dataset has, written here independently of the engine's own word list.
		const lacking = ['age', 'revenue', 'spending', 'income', 'gender', 'nights', 'hotel', 'price', 'salary'];
		const figures = dataset.figures.filter((f) => ask(figureLabel(dataset, f)).status === 'answered');
		expect(figures.length).toBeGreaterThan(10);
		fc.assert(
			fc.property(
				fc.constantFrom(...figures),
				fc.constantFrom(...lacking, 'by car', 'by bus', 'average', 'hotel nights'),
				fc.constantFrom('before', 'after'),
				(figure, word, where) => {
					const label = figureLabel(dataset, figure);
					const answer = ask(where === 'before' ? `${word} of ${label}` : `${label} ${word}`);
					const shown = answer.body ? figuresOf(answer.body) : [];
					expect(answer.status === 'answered' && shown.includes(figure)).toBe(false);
					expect(answer.status).toBe('not_found');
				},
			),
			{ numRuns: 200 },
		);
	});
});

describe('newsroom shorthand, from the dataset lexicon and the gazetteer', () => {
	it.each([
		['RF nationals in the DPRK in 2024', '6469'],
		['RU visitors to NK, 2023', '1238'],
		["russian tourists to the dprk in '24", '1957'],
		['S. Korea visitors from russia 2025', '33110'],
		['# of russians who flew to north korea in 2025', '6371'],
		['russians who went by boat to north korea in 2025', '161'],
		['DPRK citizens entering russia, 2024', '13220'],
		['russians by plane to pyongyang 2025', '6371'],
	])('%s → %s', (question, value) => {
		const answer = ask(question);
		expect(answer.status).toBe('answered');
		expect(valuesOf(answer)[0]).toBe(value);
	});

	it("GIVEN a short year THEN it is the nearest year ending so, not more than ten years ahead: '24 is 2024, '99 is 1999", () => {
		expect(ask("russian visitors to north korea '23").body).toMatchObject({
			kind: 'figures',
			groups: [{ primary: { id: 'ru-nk-2023-total' } }],
		});
		expect(disasters.ask("earthquake deaths '99", NOW).reason ?? '').not.toContain('2099');
	});

	it('GIVEN "7k" or "1.4m" THEN they are numbers, not unknown words', () => {
		expect(ask('7k russians in north korea in 2025?').notes.join(' ')).not.toMatch(/don't know/);
		expect(ask('1.4m russian tourists in north korea 2025').notes.join(' ')).not.toMatch(/don't know/);
	});
});

describe('direction is never silently reversed', () => {
	const templates = [
		(a: string, b: string, y: number) => `${a} entering ${b} in ${y}`,
		(a: string, b: string, y: number) => `arrivals in ${b} from ${a} in ${y}`,
		(a: string, b: string, y: number) => `${b} received how many visitors from ${a} in ${y}`,
		(a: string, b: string, y: number) => `visitors from ${a} to ${b}, ${y}`,
		(a: string, b: string, y: number) => `how many people from ${a} entered ${b} in ${y}`,
		(a: string, b: string, y: number) => `${a} citizens who entered ${b} in ${y}`,
	];

	it.each([
		['France', 'Germany'],
		['Germany', 'France'],
	])('GIVEN trips both ways THEN %s → %s is answered with that direction, or asked back', (from, to) => {
		for (const template of templates) {
			for (const year of [2024, 2025]) {
				const question = template(from, to, year);
				const answer = twoWay.ask(question, NOW);
				expect(['answered', 'ambiguous'], question).toContain(answer.status);
				for (const f of answer.body ? figuresOf(answer.body) : [])
					expect([f.dims.origin, f.dims.destination], question).toEqual([
						from.toLowerCase(),
						to.toLowerCase(),
					]);
			}
		}
	});

	it('GIVEN the shipped data THEN no question about North Koreans entering Russia gets Russians entering North Korea', () => {
		for (const template of templates) {
			for (const [a, b] of [
				['north korea', 'russia'],
				['russia', 'north korea'],
			] as const) {
				const question = template(a, b, 2024);
				const answer = ask(question);
				for (const f of answer.body ? figuresOf(answer.body) : [])
					expect([f.dims.origin, f.dims.destination], question).toEqual([
						a.replace(' ', '_'),
						b.replace(' ', '_'),
					]);
			}
		}
	});
});

describe('periods as reporters write them', () => {
	it('GIVEN "since 2023" THEN every year from 2023 to the last in the data, and where the data ends', () => {
		const answer = ask('russian visitors to north korea since 2023');
		const leads = answer.body?.kind === 'figures' ? answer.body.groups.map((g) => g.primary.value) : [];
		expect(leads.sort()).toEqual(['1238', '6469', '9985'].sort());
		expect(answer.notes.join(' ')).toContain('runs to 2025');
	});

	it('GIVEN "in total since 2023" THEN the sum of those years, inputs shown', () => {
		const answer = ask('russian visitors to north korea in total since 2023');
		expect(answer.body?.kind === 'sum' ? answer.body.sum.total : null).toEqual({ value: '17692', bound: 'exact' });
		expect(presentText(answer, dataset)).toContain('1,238 + 6,469 + 9,985');
	});

	it('GIVEN "between 2023 and 2025" with a year missing THEN the missing year is named', () => {
		const answer = ask('russian tourists to north korea between 2023 and 2025');
		expect(answer.notes.join(' ')).toContain('no figure for 2023');
	});

	it.each([
		['russian visitors to north korea yoy 2025', ['9985', '6469']],
		['russian visitors to north korea 2025 year on year', ['9985', '6469']],
		['north koreans in russia q1 2025 vs the previous quarter', ['295', '5500']],
	])('GIVEN "%s" THEN the period before is compared', (question, values) => {
		const answer = ask(question);
		expect(answer.body?.kind).toBe('comparison');
		expect(valuesOf(answer)).toEqual(expect.arrayContaining(values));
	});

	it('GIVEN a whole year where only a quarter exists THEN the quarter, cited, and the total is said to be missing', () => {
		const answer = ask('north koreans who entered russia in 2025');
		expect(valuesOf(answer)).toEqual(['295']);
		expect(answer.notes.join(' ')).toContain('the total for 2025 is not in the data');
		// The dataset's reason for the gap travels with the figure.
		expect(presentText(answer, dataset)).toContain('stopped publishing');
	});
});

describe('arithmetic and sources on request', () => {
	it("GIVEN one source's two years THEN the change within that source, never mixed with another", () => {
		const answer = ask("difference between kozlov's 2024 and 2025 numbers");
		const comparison = answer.body?.kind === 'comparison' ? answer.body.comparison : null;
		expect([comparison?.a.primary.value, comparison?.b.primary.value]).toEqual(['7000', '4000']);
		expect(comparison?.difference).toEqual({ value: '3000', bound: 'approximately' });
	});

	it.each([
		['how many more russians went by air than by rail to north korea in 2025', '2918'],
		['how many times more russians went to south korea than to north korea in 2025', '33110'],
	])('GIVEN "%s" THEN a comparison of the two, inputs cited', (question, value) => {
		const answer = ask(question);
		expect(answer.body?.kind).toBe('comparison');
		expect(presentText(answer, dataset).replace(/,/g, '')).toContain(value);
	});

	it.each([
		['biggest purpose category of russian visitors to north korea in 2025', 'tourism'],
		['smallest purpose category of russian visitors to north korea in 2025', 'study'],
	])('GIVEN "%s" THEN a ranking led by %s', (question, lead) => {
		const answer = ask(question);
		expect(answer.body?.kind === 'ranking' ? answer.body.ranking.items[0]?.group.primary.dims.purpose : null).toBe(
			lead,
		);
	});

	it.each([
		['when was the kozlov article published', 'Published: 28 December 2025'],
		["what is kozlov's role", "Said by: Alexander Kozlov, Russia's Minister of Natural Resources"],
		['which outlet reported the fsb data', 'Published by: NK News and Verstka'],
	])('GIVEN "%s" THEN the source metadata answers it', (question, line) => {
		const answer = ask(question);
		expect(answer.body?.kind).toBe('source');
		expect(presentText(answer, dataset)).toContain(line);
	});
});
