import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/parseDataset.js';
import type { Answer } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { NOW, gazetteer } from '../support/engine.js';

// Words a question uses to name the data, its whole or a measure in the singular: understood, so
// the question is answered; nothing else about them changes what is answered.
const files: Record<string, string> = {
	'dataset.json': JSON.stringify({
		id: 'mines',
		title: 'Spanish mines: tonnes mined by province',
		description: 'For tests.',
		metrics: [
			{ id: 'tonnes', label: 'Tonnes mined', unit: 'tonnes', aliases: ['tonnes', 'production'] },
			{ id: 'mines', label: 'Mines', unit: 'mines', aliases: ['mines'] },
		],
		dimensions: [{ id: 'province', label: 'Province', aliases: ['provinces'] }],
		tables: [
			{
				file: 'tables/mines.csv',
				source: 'ine',
				period: 'Year',
				dimensions: { province: 'Province' },
				totals: { province: 'Whole country' },
				metrics: { Tonnes: 'tonnes', Mines: 'mines' },
			},
		],
	}),
	'sources.json': JSON.stringify([{ id: 'ine', outlet: 'INE', originator: 'INE', published: null }]),
	'tables/mines.csv': [
		'Province,Year,Tonnes,Mines',
		'León,2020,500,3',
		'Asturias,2020,700,1',
		'Huelva,2020,300,1',
		'Whole country,2020,1500,5',
	].join('\n'),
};
const mines = parseDataset((name) => files[name], 'data/mines');
const ask = (q: string) => createEngine(mines, gazetteer).ask(q, NOW);
const value = (answer: Answer) =>
	answer.body?.kind === 'figures'
		? answer.body.groups.map((g) => g.primary.value)
		: answer.body?.kind === 'aggregate'
			? answer.body.aggregate.result.value
			: answer.body?.kind === 'ranking'
				? answer.body.ranking.items[0]?.group.primary.dims.province
				: answer.status;

describe('words that name the data, its whole, or a measure in the singular', () => {
	it('GIVEN the table\'s word for its total row ("in the whole country") THEN the total, never an unknown word', () => {
		expect(mines.dimensions[0]!.totalWords).toEqual(['Whole country']);
		const whole = ask('tonnes mined in the whole country in 2020');
		expect([whole.reason, value(whole)]).toEqual([null, ['1500']]);
	});

	it('GIVEN a place word of the title ("which Spanish province") THEN it names the data; another place is not in it', () => {
		expect(value(ask('which spanish province mined the most tonnes in 2020?'))).toBe('asturias');
		expect(ask('which french province mined the most tonnes in 2020?')).toMatchObject({
			status: 'not_found',
			reason: expect.stringMatching(/no figures about French/),
		});
	});

	it('GIVEN "during this time period" THEN the words refer to the data', () => {
		expect(value(ask('during this time period, which province mined the most tonnes?'))).toBe('asturias');
	});

	it('GIVEN "worldwide" THEN understood of data that says it covers the world, unknown of data that does not', () => {
		expect(ask('tonnes mined worldwide in 2020').reason).toMatch(/I don't know "worldwide"/);
		const world = JSON.parse(files['dataset.json']!) as { description: string };
		world.description = 'Tonnes mined worldwide, for tests.';
		const global = parseDataset(
			(name) => (name === 'dataset.json' ? JSON.stringify(world) : files[name]),
			'data/mines',
		);
		for (const question of ['tonnes mined worldwide in 2020', 'global tonnes mined in 2020'])
			expect(value(createEngine(global, gazetteer).ask(question, NOW))).toEqual(['1500']);
	});

	it('GIVEN a measure in the singular ("exactly 1 mine") THEN it is the measure', () => {
		expect(value(ask('how many provinces have a total of 1 mine?'))).toBe('2');
	});
});
