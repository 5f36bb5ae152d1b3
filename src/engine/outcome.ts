import type { Answer, AnswerBody, Suggestion } from './answer.js';
import { MAX_SUGGESTIONS } from './catalogue.js';

/** An answer without the question and its parse notes, which `ask` adds. */
export type Outcome = Pick<Answer, 'status' | 'body' | 'candidates' | 'suggestions' | 'reason' | 'notes' | 'query'>;

export const answered = (body: AnswerBody, notes: string[] = []): Outcome => ({
	status: 'answered',
	body,
	candidates: [],
	suggestions: [],
	reason: null,
	notes,
});

export const notFound = (reason: string, suggestions: Suggestion[], notes: string[] = []): Outcome => ({
	status: 'not_found',
	body: null,
	candidates: [],
	suggestions: suggestions.slice(0, MAX_SUGGESTIONS),
	reason,
	notes,
});

/** Asks back with each distinct reading once (a menu's option values must be unique). */
export function ambiguous(candidates: Suggestion[], notes: string[] = []): Outcome {
	const unique = [...new Map(candidates.map((c) => [c.query, c])).values()];
	return {
		status: 'ambiguous',
		body: null,
		candidates: unique.slice(0, 25),
		suggestions: [],
		reason: 'The question can be read in more than one way.',
		notes,
	};
}
