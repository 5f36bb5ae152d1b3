import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/question/normalize.js';

describe('tokenize: the words of a text', () => {
	it('GIVEN plain letters, digits, spaces, hyphens and underscores THEN the quick path gives the words the full reading gives', () => {
		const plain = fc.oneof(
			fc.stringMatching(/^[A-Za-z0-9 ]{0,60}$/),
			fc.stringMatching(/^[A-Za-z0-9 _-]{0,60}$/),
			fc.stringMatching(/^[0-9q -]{0,20}$/),
		);
		fc.assert(
			fc.property(plain, (text) => {
				// A trailing " ." sends the same words down the full reading (the dot is no word).
				expect(tokenize(text)).toEqual(tokenize(`${text} .`));
			}),
			{ numRuns: 500 },
		);
		expect(tokenize('District 3uw  5000 Tonnes')).toEqual(['district', '3uw', '5000', 'tons']);
		expect(tokenize('district-3uw_5000')).toEqual(['district', '3uw', '5000']);
		expect(tokenize('2025-q3 2025-03')).toEqual(['2025-q3', '2025-03']);
	});
});

describe('words that are names of what every object inherits', () => {
	// "constructor", "__proto__", "toString": words like any other, never a look-up of something inherited.
	it.each(Object.getOwnPropertyNames(Object.prototype))('GIVEN "%s" THEN it is read as the word it is', (name) => {
		const word = name.toLowerCase().replaceAll('_', '');
		expect(tokenize(name)).toEqual([word]);
		expect(tokenize(`${name}, tourists`)).toEqual([word, 'tourists']);
	});
});

describe('a sign glued to a name: "Obama#", "McCain%"', () => {
	it('GIVEN a word with "#" or "%" after it THEN the word and the sign, two words; a number keeps its "%"', () => {
		expect(tokenize('the Obama# and McCain% in Benton')).toEqual([
			'the',
			'obama',
			'#',
			'and',
			'mccain',
			'%',
			'in',
			'benton',
		]);
		expect(tokenize('# of votes above 25%')).toEqual(['#', 'of', 'votes', 'above', '25%']);
	});
});
