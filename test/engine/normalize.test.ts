import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/engine/normalize.js';

describe('tokenize: the words of a text', () => {
	it('GIVEN plain letters, digits and spaces THEN the quick path gives the words the full reading gives', () => {
		const plain = fc.stringMatching(/^[A-Za-z0-9 ]{0,60}$/);
		fc.assert(
			fc.property(plain, (text) => {
				// A trailing " ." sends the same words down the full reading (the dot is no word).
				expect(tokenize(text)).toEqual(tokenize(`${text} .`));
			}),
			{ numRuns: 500 },
		);
		expect(tokenize('District 3uw  5000 Tonnes')).toEqual(['district', '3uw', '5000', 'tons']);
	});
});
