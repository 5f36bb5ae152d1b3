import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/data/loadLibrary.js';
import { claimCasesSchema, scoreClaims } from '../../src/library/claimScore.js';
import { createLibrary } from '../../src/library/createLibrary.js';
import { NOW, gazetteer } from '../support/engine.js';

const library = createLibrary(loadLibrary('data'), gazetteer);

describe('the claim check measured on claims with the verdicts a fact-checker would accept', () => {
	it('GIVEN each outcome THEN scored as correct, a false match, another verdict or unread', () => {
		const score = scoreClaims(
			library,
			claimCasesSchema.parse({
				claims: [
					{ message: '9,985 Russians visited North Korea in 2025.', expect: [['matches']] },
					// Written as if the data said otherwise: the check's "matches" is then the worst outcome.
					{ message: '5,075 Russian tourists went to North Korea in 2025.', expect: [['differs']] },
					{ message: 'Russian tourists to North Korea numbered 3,000 in 2025.', expect: [['matches']] },
					{ message: 'Nothing to check here.', expect: [['differs']] },
				],
			}),
			NOW,
		);
		expect(score.results.map((r) => [r.got, r.score])).toEqual([
			['matches', 'correct'],
			['matches', 'false_match'],
			['differs', 'other'],
			['unread', 'unread'],
		]);
		expect([score.correct, score.falseMatches, score.other, score.unread]).toEqual([1, 1, 1, 1]);
	});

	it('GIVEN a claims file that is not one THEN refused by its schema', () => {
		expect(claimCasesSchema.safeParse({ claims: [{ message: 'x', expect: [['true']] }] }).success).toBe(false);
		expect(claimCasesSchema.safeParse({ claims: [] }).success).toBe(false);
	});

	it('GIVEN the held-out claims over the shipped articles and table THEN none is judged "matches" where the data says otherwise', () => {
		const cases = claimCasesSchema.parse(JSON.parse(readFileSync('test/claims/held-out.json', 'utf8')));
		const score = scoreClaims(library, cases, NOW);
		expect(score.results.filter((r) => r.score === 'false_match')).toEqual([]);
		expect(score.results.length).toBeGreaterThanOrEqual(50);
	});
});
