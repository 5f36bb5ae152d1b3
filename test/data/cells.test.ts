import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CellFormat, readCell } from '../../src/data/cells.js';

const format = (unit = 'people', more: Partial<CellFormat> = {}): CellFormat => ({
	decimal: '.',
	unit,
	missing: new Set(),
	...more,
});
const value = (cell: string, f = format()) => {
	const reading = readCell(cell, f);
	return reading.kind === 'value' ? [reading.value, reading.qualifier, reading.flags] : reading.kind;
};

describe('number cells as sources write them', () => {
	it.each([
		['1234', '1234'],
		['1,234', '1234'],
		['1,234,567.89', '1234567.89'],
		['1 234', '1234'],
		['1\u202f234', '1234'],
		['1\u00a0234 567', '1234567'],
		['0012', '12'],
		['12.50', '12.50'],
		['+15', '15'],
		['-15', '-15'],
		['−15', '-15'],
		['– 15', '-15'],
		['-0', '0'],
		['8k', '8000'],
		['2.5m', '2500000'],
		['1.2bn', '1200000000'],
		['3 million', '3000000'],
		['2.5551234m', '2555123.4'],
	])('GIVEN "%s" THEN %s, exactly', (cell, expected) => {
		expect(value(cell)).toEqual([expected, null, []]);
	});

	it('GIVEN "," as the decimal mark THEN "." and spaces group thousands', () => {
		const european = format('people', { decimal: ',' });
		expect(value('1.234,5', european)).toEqual(['1234.5', null, []]);
		expect(value('1 234,5', european)).toEqual(['1234.5', null, []]);
		expect(value('12,75', european)).toEqual(['12.75', null, []]);
		expect(readCell('1,234.5', european).kind).toBe('error');
	});

	it.each([
		['~7,000', 'approximately'],
		['about 7,000', 'approximately'],
		['approx. 7000', 'approximately'],
		['c. 7000', 'approximately'],
		['ca. 7000', 'approximately'],
		['>7,000', 'over'],
		['over 7000', 'over'],
		['<7000', 'under'],
		['under 7,000', 'under'],
		['≥ 7000', 'at_least'],
		['7,000 (est.)', 'estimate'],
		['7000 (estimated)', 'estimate'],
		['7000 (estimate)', 'estimate'],
	])('GIVEN "%s" THEN 7000, %s', (cell, qualifier) => {
		expect(value(cell)).toEqual(['7000', qualifier, []]);
	});

	it('GIVEN flags after the number THEN kept in words; "e" also makes it an estimate', () => {
		expect(value('12.3 e')).toEqual(['12.3', 'estimate', ['estimated']]);
		expect(value('12.3e')).toEqual(['12.3', 'estimate', ['estimated']]);
		expect(value('12.3 p')).toEqual(['12.3', null, ['provisional']]);
		expect(value('7 bp')).toEqual(['7', null, ['break in series', 'provisional']]);
		expect(value('~12.3 e')).toEqual(['12.3', 'approximately', ['estimated']]);
	});

	it('GIVEN % or a currency sign THEN read only where the unit is that', () => {
		expect(value('12%', format('percent'))).toEqual(['12', null, []]);
		expect(value('12.5 %', format('%'))).toEqual(['12.5', null, []]);
		expect(value('$350,000', format('USD'))).toEqual(['350000', null, []]);
		expect(value('-$5', format('USD'))).toEqual(['-5', null, []]);
		expect(value('$-5', format('USD'))).toEqual(['-5', null, []]);
		expect(value('€1.5m', format('EUR'))).toEqual(['1500000', null, []]);
		expect(value('20 £', format('GBP'))).toEqual(['20', null, []]);
		expect(readCell('12%', format('people'))).toMatchObject({ kind: 'error', message: expect.stringMatching(/"%" but the metric's unit is "people"/) });
		expect(readCell('$5', format('EUR'))).toMatchObject({ kind: 'error', message: expect.stringMatching(/"\$" but the metric's unit is "EUR"/) });
	});

	it.each(['', ' ', ':', '..', '-', '–', '—', 'n/a', 'N/A', 'na', 'n.a.', '?'])('GIVEN the mark "%s" THEN no figure', (cell) => {
		expect(readCell(cell, format()).kind).toBe('missing');
	});

	it("GIVEN the table's own marks for no figure THEN no figure", () => {
		expect(readCell('not reported', format('people', { missing: new Set(['not reported']) })).kind).toBe('missing');
		expect(readCell('not reported', format()).kind).toBe('error');
	});

	it.each([
		['10–15', /is a range/],
		['10 - 15', /is a range/],
		['1,23', /not a number/],
		['12,5', /"decimal": ","/],
		['7000 (est.) more', /not a number/],
		['~7,000 (est.)', /two qualifiers/],
		['twelve', /not a number/],
		['1e5', /not a number/],
		['12.3 q', /not a number/],
		['1,2345', /not a number/],
	])('GIVEN "%s" THEN refused, saying why', (cell, why) => {
		const reading = readCell(cell, format());
		expect(reading.kind).toBe('error');
		expect(reading.kind === 'error' && reading.message).toMatch(why);
	});

	it('GIVEN any number written with thousands separators, a sign and a scale THEN the exact value', () => {
		fc.assert(
			fc.property(
				fc.bigInt({ min: 0n, max: 10n ** 15n }),
				fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }),
				fc.constantFrom(',', ' ', '\u202f', ''),
				fc.boolean(),
				(whole, fraction, separator, negative) => {
					const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, separator);
					const cell = `${negative ? '−' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
					const plain = `${whole}${fraction === undefined ? '' : `.${fraction}`}`;
					const zero = !/[1-9]/.test(plain);
					expect(value(cell)).toEqual([negative && !zero ? `-${plain}` : plain, null, []]);
				},
			),
			{ numRuns: 300 },
		);
	});
});
