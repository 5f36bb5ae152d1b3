import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalculator } from '../../src/engine/calc.js';
import { EXTREME_EXPRESSIONS, HOSTILE_EXPRESSIONS } from '../support/calcPayloads.js';
import { dataset } from '../support/engine.js';

const calc = createCalculator(dataset);

describe('/calc arithmetic over named figures', () => {
	it.each([
		['ru_nk_2025_total / ru_nk_2024_total - 1', '0.543515226464678'],
		['ru_nk_2025_tourists - ru_nk_2024_tourists', '3118'],
		['0.1 + 0.2', '0.3'],
		['ru_nk_2025_total × 2 ÷ 4 − 1', '4991.5'],
		['round(ru_nk_2025_rail / ru_nk_2025_total * 100, 1)', '34.6'],
		['max(ru_nk_2025_air, ru_nk_2025_rail, ru_nk_2025_sea)', '6371'],
		['2^10 % 1000', '24'],
		['sqrt(16) + abs(-2) + min(1, 2)', '7'],
	])('%s = %s', (expression, value) => {
		const result = calc.evaluate(expression);
		expect(result).toMatchObject({ ok: true, value });
	});

	it("lists each figure's value in the expression and keeps qualified inputs approximate", () => {
		const result = calc.evaluate('ru_eg_2025_total / 2');
		expect(result).toMatchObject({
			ok: true,
			value: '1000000',
			bound: 'approximately',
			substituted: '2000000 / 2',
		});
	});
});

describe('hostile expressions each get a clear refusal', () => {
	it.each(HOSTILE_EXPRESSIONS)('%s', (payload) => {
		const result = calc.evaluate(payload);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
		expect(({} as Record<string, unknown>).evil).toBeUndefined();
	});

	it.each(EXTREME_EXPRESSIONS)(
		'GIVEN the extreme %s THEN it is refused or shown briefly in scientific notation',
		(expression) => {
			const result = calc.evaluate(expression);
			if (result.ok) {
				expect(result.value.length).toBeLessThanOrEqual(24);
				expect(result.value).toMatch(/^-?\d(\.\d+)?e[+-]\d+$|^-?\d+(\.\d+)?$/);
			} else
				expect(result.reason).toMatch(
					/between 1e-1000 and 1e1000|not defined|Exponents must be|division by zero|round\(x, n\)|to be exact|significant digits/i,
				);
		},
	);

	it.each([
		['1e-100000000', /smaller than \/calc works with/],
		['1e-600000000', /smaller than \/calc works with/],
		['(0.1^1000)^1000', /smaller than \/calc works with/],
		['(10^1000)^1000', /larger than \/calc works with/],
		['1 % 0', /x % 0\) is not defined/],
		['ru_nk_2025_total % (ru_nk_2025_total - ru_nk_2025_total)', /x % 0\) is not defined/],
		['1 / 0', /Division by zero/],
		['sqrt(-4)', /not a real number/],
		['1e60 % 7', /to be exact/],
		[`${'9'.repeat(40)} + 1`, /at most 34 significant digits/],
	])('GIVEN %s THEN it is refused with the reason', (expression, reason) => {
		const result = calc.evaluate(expression);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(reason);
	});

	it.each([
		['10^25 * 1.5', '1.5e+25'],
		['1 / 3 * 1e-9', '3.33333333333333e-10'],
		['1e-1000 * 1e1000', '1'],
		['(0.1^100)^10', '1e-1000'],
		['123456789 * 1000000000000', '123456789000000000000'],
		['1e21', '1e+21'],
	])('GIVEN %s THEN the result is %s (plain between 1e-7 and 1e21, scientific outside)', (expression, value) => {
		expect(calc.evaluate(expression)).toMatchObject({ ok: true, value });
	});

	it('GIVEN any string THEN it evaluates or refuses, never throws, and stays quick', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({ maxLength: 200 }),
					fc.string({ unit: 'binary', maxLength: 200 }),
					fc.stringMatching(/^[a-z0-9_+\-*/^%(). ,]{0,200}$/),
				),
				(expression) => {
					// Its time is measured by npm run bench ("/calc payload corpus").
					const result = calc.evaluate(expression);
					expect(typeof result.ok).toBe('boolean');
				},
			),
			{ numRuns: 500 },
		);
	});
});
