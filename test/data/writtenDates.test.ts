import { describe, expect, it } from 'vitest';
import { dateIsWritten } from '../../src/data/writtenDates.js';

describe('a date is found in a text in any usual form', () => {
	it.each([
		'Published on December 28, 2025',
		'published 28 December 2025 at noon',
		'Sunday, Dec. 28, 2025',
		'28 Dec 2025',
		'on the 28th of December 2025',
		'dated 2025-12-28',
		'28.12.2025',
		'12/28/2025',
		'Published on DECEMBER 28,  2025',
	])('2025-12-28 is written in "%s"', (text) => {
		expect(dateIsWritten('2025-12-28', text)).toBe(true);
	});

	it.each(['December 28, 2024', 'December 27, 2025', '2025-12-29', 'Published in December 2025', '2025-12-280'])('2025-12-28 is not written in "%s"', (text) => {
		expect(dateIsWritten('2025-12-28', text)).toBe(false);
	});

	it('GIVEN single-digit days THEN "March 4, 2025" and "4 March 2025" are found, "March 14, 2025" is not 4 March', () => {
		expect(dateIsWritten('2025-03-04', 'March 4, 2025')).toBe(true);
		expect(dateIsWritten('2025-03-04', '4 March 2025')).toBe(true);
		expect(dateIsWritten('2025-03-04', 'March 14, 2025')).toBe(false);
		expect(dateIsWritten('2025-03-04', 'on 14 March 2025')).toBe(false);
		expect(dateIsWritten('2025-03-04', 'on 14.03.2025')).toBe(false);
	});
});
