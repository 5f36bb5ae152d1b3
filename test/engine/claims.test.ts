import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	type WrittenNumber,
	asksForCheck,
	findClaims,
	tolerance,
	valueAgrees,
	writtenNumbers,
} from '../../src/engine/claims.js';

const number = (text: string): WrittenNumber => {
	const [found] = writtenNumbers(text);
	if (!found) throw new Error(`no number in "${text}"`);
	return found;
};

describe('numbers as written: value, precision and hedge', () => {
	it.each([
		['9,985 Russians', 9985, 1, 'exact'],
		['about 10,000 visitors', 10000, 10000, 'about'],
		['over 13,000', 13000, 1000, 'over'],
		['nearly 7,000', 7000, 1000, 'nearly'],
		['some 4k', 4000, 1000, 'about'],
		['6.62 million', 6620000, 10000, 'exact'],
		['1.4m trips', 1400000, 100000, 'exact'],
		['at least 300', 300, 100, 'at_least'],
		['fewer than 50', 50, 10, 'under'],
		['54%', 54, 1, 'exact'],
		['2.5 percent', 2.5, 0.1, 'exact'],
		['topped 300 million', 300000000, 100000000, 'over'],
		['passed the 1,000 mark', 1000, 1000, 'over'],
		['fell below 5 children', 5, 1, 'under'],
		['five thousand visitors', 5000, 1000, 'exact'],
		['about two million', 2000000, 1000000, 'about'],
		['half a million', 500000, 500000, 'exact'],
	])('"%s" is %d, written to %d, %s', (text, value, unit, hedge) => {
		expect(number(text)).toMatchObject({ value, unit, hedge });
	});

	it('GIVEN years and numbers inside words THEN they are not claimed numbers', () => {
		expect(writtenNumbers('in 2025 and Q3 2024, COVID-19')).toEqual([]);
		expect(number('a record 10,000').record).toBe(true);
		expect(number('54%').percent).toBe(true);
	});
});

describe('tolerance: what the words around a number allow', () => {
	it.each([
		// As written: to its last significant digit, and a round number to 5% at most.
		['9,985', 9985, true],
		['9,985', 9986, false],
		['9,990', 9985, true],
		['10,000', 9985, true],
		['10,000', 9400, false],
		// "about", "some", "around": 10% either way, or the rounding unit if wider.
		['about 10,000', 9100, true],
		['about 10,000', 8900, false],
		['some 7,000', 7600, true],
		// "nearly", "almost": a little under, never over.
		['nearly 10,000', 9985, true],
		['nearly 10,000', 10010, false],
		// "over", "more than": strictly above; "at least": not below.
		['over 13,000', 13220, true],
		['over 13,000', 13000, false],
		['at least 13,000', 13000, true],
		['under 5,000', 5075, false],
		['fewer than 6,000', 5075, true],
	])('"%s" and a data value of %d: %s', (text, actual, agrees) => {
		expect(valueAgrees(number(text), actual)).toBe(agrees);
	});

	it('GIVEN a data figure that is itself a bound or an estimate THEN the claim agrees where the ranges can meet', () => {
		expect(valueAgrees(number('over 13,000'), 13220, 'over')).toBe(true);
		expect(valueAgrees(number('13,500'), 13220, 'over')).toBe(true);
		expect(valueAgrees(number('12,000'), 13220, 'over')).toBe(false);
		expect(valueAgrees(number('7,100'), 7000, 'estimate')).toBe(true);
		expect(valueAgrees(number('9,985'), 7000, 'estimate')).toBe(false);
	});

	it('GIVEN any exact figure THEN a claim of its value moved beyond the tolerance never agrees', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 10_000_000 }),
				fc.constantFrom('', 'about ', 'nearly ', 'some '),
				fc.double({ min: 0.0001, max: 5, noNaN: true }),
				fc.boolean(),
				(actual, hedge, beyond, up) => {
					const written = number(`${hedge}${actual.toLocaleString('en-US')}`);
					const { low, high } = tolerance(written);
					const moved = up ? high + Math.max(1, high * beyond) : low - Math.max(1, Math.abs(low) * beyond);
					// The claim says `written`; the data says `moved`, outside the tolerance: never a match.
					return !valueAgrees(written, moved);
				},
			),
		);
	});
});

describe('claims in a message', () => {
	it('GIVEN several numbers in one message THEN one claim each, in the order written, each about its own clause', () => {
		const claims = findClaims(
			'9,985 Russians visited North Korea in 2025, and 33,110 visited South Korea. Kozlov said 7,000.',
		);
		expect(claims.map((c) => [c.text, c.claim.kind === 'value' ? c.claim.number.value : null])).toEqual([
			['9,985 Russians visited North Korea in 2025', 9985],
			['33,110 visited South Korea.', 33110],
			['Kozlov said 7,000.', 7000],
		]);
		expect(claims[0]!.about).toBe('Russians visited North Korea in 2025');
	});

	it.each([
		['Russian tourism to North Korea tripled in 2025', { factor: 3, hedge: 'exact', direction: 'up' }],
		['visits more than doubled in 2025', { factor: 2, hedge: 'over', direction: 'up' }],
		['arrivals nearly tripled', { factor: 3, hedge: 'nearly', direction: 'up' }],
		['trips rose 2.6-fold', { factor: 2.6, hedge: 'exact', direction: 'up' }],
		['visits grew by about 54% in 2025', { percent: 54, hedge: 'about', direction: 'up' }],
		['arrivals fell by 10 percent', { percent: 10, hedge: 'exact', direction: 'down' }],
		['arrivals fell in 2025', { direction: 'down' }],
		['visits rose x3 in 2025', { factor: 3, hedge: 'exact', direction: 'up' }],
	])('"%s" is a change claim', (text, expected) => {
		const [claim] = findClaims(text);
		expect(claim?.claim.kind).toBe('change');
		if (claim?.claim.kind !== 'change') return;
		expect(claim.claim.direction).toBe(expected.direction);
		if ('factor' in expected)
			expect(claim.claim.factor).toMatchObject({ value: expected.factor, hedge: expected.hedge });
		if ('percent' in expected)
			expect(claim.claim.percent).toMatchObject({ value: expected.percent, hedge: expected.hedge });
	});
	it('GIVEN links in the message THEN their digits are no claims, and the claim beside them is read whole', () => {
		for (const message of [
			'9,985 Russians visited North Korea in 2025 https://x.example/2024/10000',
			'9,985 Russians visited North Korea in 2025 (<https://x.example/a?n=12000>, www.example.org/7000)',
		]) {
			const claims = findClaims(message);
			expect(claims).toHaveLength(1);
			expect(claims[0]).toMatchObject({ claim: { kind: 'value', number: { value: 9985 } } });
			expect(claims[0]!.about).not.toMatch(/example|http/);
		}
	});

	it('GIVEN an "x" before a grouped number ("…/x 9,985") THEN no factor of 9 is read: the number is a value', () => {
		const [claim] = findClaims('per https://evil.example/x 9,985 Russians visited North Korea in 2025');
		expect(claim?.claim).toMatchObject({ kind: 'value', number: { value: 9985 } });
	});

	it('GIVEN "is it true that …", "fact check:" or "… ok?" THEN the asking is not part of the claim', () => {
		expect(findClaims('is it true that 7000 russians visited north korea in 2025?')[0]?.text).toBe(
			'7000 russians visited north korea in 2025',
		);
		expect(findClaims('fact check: 9,985 Russians visited North Korea in 2025')[0]?.text).toBe(
			'9,985 Russians visited North Korea in 2025',
		);
		expect(findClaims('33,110 Russians visited South Korea in 2025 - ok?')[0]?.text).toBe(
			'33,110 Russians visited South Korea in 2025',
		);
	});

	it.each([
		['More Russians visited South Korea than North Korea in 2025', 'comparison', 'more'],
		['Russians visited Turkey more than Thailand', 'comparison', 'more'],
		['fewer came by sea than by rail', 'comparison', 'less'],
		['most came by rail in 2025', 'superlative', 'most'],
		['the fewest came by sea', 'superlative', 'least'],
	])('"%s" is a %s claim (%s)', (text, kind, direction) => {
		expect(findClaims(text)[0]?.claim).toEqual({ kind, direction });
	});

	it('GIVEN a message with no number and no change THEN no claims', () => {
		expect(findClaims('what a day in the newsroom')).toEqual([]);
		expect(findClaims('Russians visited North Korea in 2025')).toEqual([]);
	});
});

describe('questions that ask for a check', () => {
	it.each([
		['is it true that 7000 russians visited north korea in 2025?', true],
		['fact check: 9,985 Russians visited North Korea in 2025', true],
		['9,985 russians in 2025 - true?', true],
		['33,110 Russians went to South Korea in 2025, accurate?', true],
		['tourists 2025 ok?', true],
		['how many tourists in 2025?', false],
		['is the total right for 2025', false],
		['true north strong and free', false],
	])('"%s" → %s', (question, expected) => {
		expect(asksForCheck(question)).toBe(expected);
	});
});
