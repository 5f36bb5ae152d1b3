import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermIndex } from '../../src/search/termIndex.js';

const docs = [
	'russians north korea 2025 tourists',
	'russians north korea 2024',
	'russians south korea 2025',
	'north koreans russia 2025 q1',
	'trips turkey 2025',
];
const index = new TermIndex(docs.map((text) => [text.split(' ')]));

describe('the term index that autocomplete types into', () => {
	it.each([
		['nor', [0, 1, 3]],
		['north kor 2025', [0, 3]],
		['korea 2025', [0, 2, 3]],
		['russians so', [2]],
		['tur', [4]],
		['tou', [0]],
		['toursts', [0]],
		['zzz', []],
		['russians zzzz', []],
	])('"%s" → documents %j, in document order', (query, expected) => {
		expect(index.search(query, 25)).toEqual(expected);
	});

	it("GIVEN a word that is no term's prefix THEN the index says the search corrects it", () => {
		expect([index.corrects('north kor'), index.corrects('toursts'), index.corrects('russians toursts')]).toEqual([
			false,
			true,
			true,
		]);
	});

	it('GIVEN a limit and a filter THEN it stops at the limit and keeps only accepted documents', () => {
		expect(index.search('korea', 2)).toEqual([0, 1]);
		expect(index.search('korea', 25, (d) => d !== 0)).toEqual([1, 2, 3]);
	});

	it('GIVEN any documents and typed prefixes THEN it returns exactly the first documents that contain every word as a prefix of one of their terms', () => {
		const word = fc.stringMatching(/^[a-e]{1,4}$/);
		fc.assert(
			fc.property(
				fc.array(fc.array(word, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 400 }),
				fc.array(fc.stringMatching(/^[a-e]{1,3}$/), { minLength: 1, maxLength: 3 }),
				fc.integer({ min: 1, max: 30 }),
				(texts, query, limit) => {
					// Each document in two pieces, the second shared with the next document when they are equal.
					const tails = new Map<string, string[]>();
					const built = new TermIndex(
						texts.map((words) => {
							const tail = words.slice(1);
							const key = tail.join(' ');
							if (!tails.has(key)) tails.set(key, tail);
							return [words.slice(0, 1), tails.get(key)!];
						}),
					);
					const expected = texts
						.map((words, id) => ({ words, id }))
						.filter(({ words }) => query.every((q) => words.some((w) => w.startsWith(q))))
						.map(({ id }) => id)
						.slice(0, limit);
					expect(built.search(query.join(' '), limit)).toEqual(expected);
				},
			),
			{ numRuns: 300 },
		);
	});

	it('GIVEN a prefix matching more terms than are merged THEN the scan in document order gives the same answer', () => {
		const many = Array.from({ length: 2000 }, (_, i) => ({ text: `t${i.toString(36)} doc${i % 7}` }));
		const built = new TermIndex(many.map(({ text }) => [text.split(' ')]));
		const expected = many
			.map((d, id) => ({ d, id }))
			.filter(({ d }) => d.text.includes(' doc3'))
			.map(({ id }) => id)
			.slice(0, 25);
		expect(built.search('t doc3', 25)).toEqual(expected);
	});
});
