import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalculator } from '../../src/engine/calc.js';
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

	it('lists each figure\'s value in the expression and keeps qualified inputs approximate', () => {
		const result = calc.evaluate('ru_eg_2025_total / 2');
		expect(result).toMatchObject({ ok: true, value: '1000000', bound: 'approximately', substituted: '2000000 / 2' });
	});
});

/** Known ways to break out of an expression sandbox, and ways to make a server work too hard. */
const PAYLOADS = [
	'constructor',
	'__proto__',
	'a.constructor',
	'ru_nk_2025_total.constructor',
	'ru_nk_2025_total["constructor"]',
	'cos.constructor("return process")()',
	'[].constructor.constructor("return this")()',
	'f(x) = x',
	'f(x) = f(x); f(1)',
	'x = 5',
	'import({ evil: 1 }, { override: true })',
	'createUnit("foo")',
	'evaluate("1 + 1")',
	'parse("1")',
	'simplify("x")',
	'derivative("x^2", "x")',
	'resolve(x)',
	'reviver',
	'compile("1").evaluate()',
	'"string"',
	'{ a: 1 }',
	'[1, 2, 3]',
	'ones(1000, 1000)',
	'zeros(10000)',
	'matrix([[1,2],[3,4]])^1000000',
	'1:100000000',
	'2^100000',
	'10^10^10',
	'factorial(100000)',
	'1 ? 2 : 3',
	'5 cm + 3 inch',
	'sqrt(-1)',
	'1 / 0',
	'('.repeat(100) + '1' + ')'.repeat(100),
	'1+'.repeat(150) + '1',
	'ru_nk_2025_total; ru_nk_2024_total',
	'\u0000',
	'1'.repeat(300),
];

describe('hostile expressions each get a clear refusal', () => {
	it.each(PAYLOADS)('%s', (payload) => {
		const result = calc.evaluate(payload);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
		expect(({} as Record<string, unknown>).evil).toBeUndefined();
	});

	it('GIVEN any string THEN it evaluates or refuses, never throws, and stays quick', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.stringMatching(/^[a-z0-9_+\-*/^%(). ,]{0,200}$/)), (expression) => {
				const start = performance.now();
				const result = calc.evaluate(expression);
				expect(typeof result.ok).toBe('boolean');
				expect(performance.now() - start).toBeLessThan(200);
			}),
			{ numRuns: 500 },
		);
	});
});
