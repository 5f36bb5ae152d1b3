import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { valueIsWritten } from '../../src/data/writtenNumbers.js';

describe('a value is found in its quote in any written form', () => {
	it.each([
		['9985', 'reveals that 9,985 Russians traveled'],
		['9985', 'a total of 9985 people'],
		['9985', 'a total of 9 985 people'],
		['9985', 'a total of 9\u202f985 people'],
		['6620000', 'Turkey (6.62 million), Egypt'],
		['6620000', 'Turkey (6.62m), Egypt'],
		['1430000', 'Thailand (1.43 Million)'],
		['10000', 'a record-breaking 10k visitors'],
		['10000', 'a record-breaking 10,000 Russians'],
		['2000000000', 'worth 2bn roubles'],
		['0.5', 'rose by 0.5 points'],
		['3', 'only 3 were classified as exchange students'],
		// The sign counts: a minus sign, "minus", or a word that says the number went down.
		['-9985', 'a balance of -9,985 roubles'],
		['-9985', 'a balance of −9,985 roubles'],
		['-4.2', 'temperatures of minus 4.2 degrees'],
		['-1200', 'arrivals fell by 1,200 in 2024'],
		['-3200000000', 'a deficit of 3.2bn'],
		['9985', 'between 2,000-9,985 people'],
	])('%s is written in "%s"', (value, quote) => {
		expect(valueIsWritten(value, quote)).toBe(true);
	});

	it.each([
		['99850', 'reveals that 9,985 Russians traveled'],
		['998', 'reveals that 9,985 Russians traveled'],
		['985', 'reveals that 9,985 Russians traveled'],
		['6630000', 'Turkey (6.62 million)'],
		['662', 'Turkey (6.62 million)'],
		['16', 'followed by 3,453 by rail and 161 by sea'],
		['2025', 'in the year twenty twenty-five'],
		['-9985', 'reveals that 9,985 Russians traveled'],
		['-6620000', 'Turkey (6.62 million), Egypt'],
		['9985', 'a balance of -9,985 roubles'],
		['4.2', 'temperatures of minus 4.2 degrees'],
	])('%s is not written in "%s"', (value, quote) => {
		expect(valueIsWritten(value, quote)).toBe(false);
	});

	it('GIVEN any whole number written with or without thousands separators THEN it is found, and its tenfold is not', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.boolean(), (n, grouped) => {
				const written = grouped ? n.toLocaleString('en-US') : String(n);
				const quote = `Officials said ${written} people came.`;
				expect(valueIsWritten(String(n), quote)).toBe(true);
				expect(valueIsWritten(String(n * 10 + 1), quote)).toBe(false);
			}),
		);
	});
});
