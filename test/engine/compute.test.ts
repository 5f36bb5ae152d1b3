import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Figure, Qualifier } from '../../src/data/types.js';
import { combineBounds, difference, ratio } from '../../src/engine/compute.js';
import { add, compare, compareDecimalText, dec, sum, sumDecimalTexts, toPlain } from '../../src/math/decimal.js';
import { dataset } from '../support/engine.js';

const figure = (value: string, qualifier: Qualifier): Figure => ({ ...dataset.figures[0]!, value, qualifier });

describe('qualifiers carry through computations', () => {
	it.each([
		['exact', 'exact', 'exact'],
		['over', 'exact', 'over'],
		['exact', 'over', 'under'],
		['at_least', 'exact', 'at_least'],
		['approximately', 'exact', 'approximately'],
		['estimate', 'exact', 'approximately'],
		['record', 'exact', 'exact'],
		['over', 'over', 'approximately'],
		['under', 'exact', 'under'],
	] as const)('a %s − b %s → %s', (qa, qb, expected) => {
		expect(
			combineBounds([
				{ figure: figure('10', qa), direction: 1 },
				{ figure: figure('5', qb), direction: -1 },
			]),
		).toBe(expected);
	});

	it('GIVEN decimals THEN there are no float artifacts', () => {
		expect(toPlain(add(dec('0.1'), dec('0.2')))).toBe('0.3');
		expect(difference(figure('6.62', 'exact'), figure('1.43', 'exact')).value).toBe('5.19');
	});

	it('GIVEN a zero or negative base THEN no ratio is invented', () => {
		expect(ratio(figure('5', 'exact'), figure('0', 'exact'))).toBeNull();
	});
});

describe('ordering decimal strings quickly, as compare orders them', () => {
	it("GIVEN any two plain decimals, near or far THEN compareDecimalText gives compare's order", () => {
		const decimal = fc
			.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
			.map(([negative, digits, scale]) => {
				const text = digits.toString().padStart(scale + 1, '0');
				const plain = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
				return `${negative && digits > 0n ? '-' : ''}${plain}`;
			});
		// Neighbours: a value and the same digits one unit in the last place away.
		const near = decimal.map((a) => [a, a.replace(/\d$/, (d) => String((Number(d) + 1) % 10))] as const);
		fc.assert(
			fc.property(fc.oneof(fc.tuple(decimal, decimal), near), ([a, b]) => {
				expect(compareDecimalText(a, b)).toBe(compare(dec(a), dec(b)));
			}),
			{ numRuns: 2_000 },
		);
	});
});

describe('exact sums of decimal text, as totals over 100,000 rows add them', () => {
	it.each([
		[['1', '2', '3'], '6'],
		[['0.1', '0.2'], '0.3'],
		[['12.50', '7.5'], '20'],
		[['-4.25', '1'], '-3.25'],
		[['-1.5', '1.5'], '0'],
		[['9007199254740991', '1'], '9007199254740992'],
		[['9007199254740991.5', '0.5'], '9007199254740992'],
		[['630.21', '1117.23'], '1747.44'],
		[['999999999999999', '1'], '1000000000000000'],
		[['1000000000000000', '1'], '1000000000000001'],
		[['4503599627370496', '4503599627370496'], '9007199254740992'],
		[['-0', '7'], '7'],
	])('GIVEN %j THEN %s', (values, expected) => {
		expect(sumDecimalTexts(values)).toBe(expected);
	});

	it('refuses text that is not a plain decimal number, as the loader does', () => {
		expect(() => sumDecimalTexts(['1e3', '1'])).toThrow(TypeError);
		expect(() => sumDecimalTexts(['12', '3 4'])).toThrow(TypeError);
	});

	it('property: the sum equals the decimal library’s, whatever the values', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc
						.tuple(
							// Whole numbers of every size (most tables' cells are short ones), and decimals.
							fc.oneof(
								fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
								fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }),
								fc.bigInt({ min: -1000n, max: 100_000n }),
							),
							fc.oneof(fc.constant(0), fc.nat({ max: 6 })),
						)
						.map(([n, places]) => {
							const digits = (n < 0n ? -n : n).toString().padStart(places + 1, '0');
							const text = places > 0 ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
							return n < 0n ? `-${text}` : text;
						}),
					{ minLength: 1, maxLength: 30 },
				),
				(values) => {
					expect(sumDecimalTexts(values)).toBe(toPlain(sum(values.map(dec))));
				},
			),
			{ numRuns: 200 },
		);
	});
});
