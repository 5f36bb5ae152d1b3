import { describe, expect, it } from 'vitest';
import { plural } from '../../src/model/plural.js';

describe('plural', () => {
	it('pluralises the head noun: the last word, the word before "of", the noun before a participle', () => {
		expect(plural('country')).toBe('countries');
		expect(plural('kind of disaster')).toBe('kinds of disaster');
		expect(plural('year installed')).toBe('years installed');
		expect(plural('years manufactured')).toBe('years manufactured');
		expect(plural('candidate elected')).toBe('candidates elected');
	});

	it('GIVEN a noun that only ends like a participle THEN it is the head', () => {
		expect(plural('top speed')).toBe('top speeds');
		expect(plural('flower bed')).toBe('flower beds');
	});
});
