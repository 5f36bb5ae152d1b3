import { z } from 'zod';
import type { Verdict } from '../engine/claims.js';
import { checkMessage } from './checkClaims.js';
import type { Library } from './createLibrary.js';

/** What a claim may be judged: a verdict, or "unread" (no verdict for it: an honest miss). */
export type Outcome = Verdict | 'unread';

const OUTCOMES = ['matches', 'differs', 'disputed', 'not_in_data', 'unread'] as const;

/**
 * A file of claims to measure the claim check on: each message with, for each number it claims in
 * the order written, the verdicts a careful fact-checker would accept.
 */
export const claimCasesSchema = z.object({
	about: z.string().optional(),
	claims: z
		.array(
			z.object({
				message: z.string().min(1).max(2000),
				expect: z.array(z.array(z.enum(OUTCOMES)).min(1)).min(1),
			}),
		)
		.min(1),
});
export type ClaimCases = z.infer<typeof claimCasesSchema>;

/** One expected claim and how it was judged. */
export interface ClaimResult {
	message: string;
	/** Which claim of the message, from 0. */
	at: number;
	claim: string | null;
	got: Outcome;
	accepted: readonly Outcome[];
	/** Judged as expected; "false match": judged to match where the data says otherwise (the worst outcome). */
	score: 'correct' | 'false_match' | 'other' | 'unread';
}

export interface ClaimScore {
	results: ClaimResult[];
	correct: number;
	falseMatches: number;
	other: number;
	unread: number;
}

/**
 * Each message checked as `/check` checks it, its claims paired in order with those expected. A
 * claim found beyond those expected is not scored; one expected but not found is unread.
 */
export function scoreClaims(library: Library, cases: ClaimCases, now: Date): ClaimScore {
	const results: ClaimResult[] = [];
	for (const { message, expect } of cases.claims) {
		const { checks } = checkMessage(library, message, now);
		expect.forEach((accepted, at) => {
			const check = checks[at];
			const got: Outcome = check?.verdict ?? 'unread';
			const score = accepted.includes(got)
				? 'correct'
				: got === 'matches'
					? 'false_match'
					: got === 'unread'
						? 'unread'
						: 'other';
			results.push({ message, at, claim: check?.claim ?? null, got, accepted, score });
		});
	}
	const count = (score: ClaimResult['score']) => results.filter((r) => r.score === score).length;
	return {
		results,
		correct: count('correct'),
		falseMatches: count('false_match'),
		other: count('other'),
		unread: count('unread'),
	};
}
