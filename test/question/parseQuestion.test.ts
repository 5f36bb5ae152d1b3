import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/parseDataset.js';
import { Catalogue } from '../../src/engine/catalogue.js';
import { parseQuestion } from '../../src/question/parseQuestion.js';
import { clockOf } from '../../src/question/periods.js';
import { NOW, gazetteer } from '../support/engine.js';

// A table whose measure has a name of two words and a unit in square kilometres.
const files: Record<string, string> = {
	'dataset.json': JSON.stringify({
		id: 'seats',
		title: 'Seats by election',
		description: 'For tests.',
		metrics: [
			{ id: 'elected', label: 'candidates elected', unit: 'seats', aliases: ['elected'] },
			{ id: 'area', label: 'area', unit: 'square kilometres', aliases: [] },
		],
		dimensions: [{ id: 'party', label: 'Party' }],
		tables: [
			{
				file: 'tables/t.csv',
				source: 'wiki',
				period: 'Year',
				dimensions: { party: 'Party' },
				metrics: { Elected: 'elected', Area: 'area' },
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
	// (A party named by a number, as a car by its number: "43".)
	'tables/t.csv': ['Party,Year,Elected,Area', 'Red,1990,74,10', 'Blue,1990,20,12', '43,1990,1,2'].join('\n'),
};
const catalogue = new Catalogue(
	parseDataset((name) => files[name], 'data/seats'),
	gazetteer,
);
const parse = (q: string) => parseQuestion(q, catalogue.vocabulary, clockOf(NOW), { bareMonths: false });

describe('reading a question: every word used, or named as unknown', () => {
	it("GIVEN a measure's name split by other words THEN each of its words is that measure", () => {
		const parsed = parse('how many candidates were elected in 1990');
		expect(parsed.unknown).toEqual([]);
		expect(parsed.mentions.map((m) => m.phrase)).toContain('elected');
		expect(parse('how many mayors were elected in 1990').unknown).toEqual(['mayors']);
	});

	it('GIVEN "out of the 43 listed" or "all 3" THEN how many rows there are, even where 43 names a row', () => {
		const listed = parse('how many parties out of the 43 listed were elected in 1990');
		expect(listed.statedRows).toBe(43);
		expect(listed.mentions.map((m) => m.phrase)).not.toContain('43');
		expect(parse('how many of all 3 parties were elected in 1990').statedRows).toBe(3);
		// Elsewhere the number is the row it names.
		expect(parse('candidates elected 43 1990').mentions.map((m) => m.phrase)).toContain('43');
	});

	it("GIVEN a condition with its unit or the unit's short form THEN the unit words are understood", () => {
		for (const q of [
			'how many parties had an area under 11 square km',
			'parties with an area under 11 sq kilometres',
		]) {
			const parsed = parse(q);
			expect(parsed.unknown, q).toEqual([]);
			expect(parsed.conditions.map((c) => [c.written.comparator, c.written.value, c.metric?.id])).toEqual([
				['lt', '11', 'area'],
			]);
		}
		expect(parse('how many parties had an area under 11 square miles').unknown).toEqual(['miles']);
	});

	it('GIVEN a word of the title referring to the data THEN it is understood, counted as naming the data', () => {
		const parsed = parse('how many candidates were elected in this election');
		expect(parsed.unknown).toEqual([]);
		expect(parsed.topicWords).toBe(1);
		expect(parse('how many candidates were elected election').unknown).toEqual(['election']);
	});
});
