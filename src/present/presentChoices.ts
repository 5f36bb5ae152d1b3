import type { Suggestion } from '../engine/answer.js';
import { guardChoices } from './outputGuard.js';

/** Autocomplete choices within Discord's limits (25 choices, 100-character names and values). */
export function toChoices(suggestions: readonly Suggestion[]): { name: string; value: string }[] {
	return guardChoices(suggestions.map((s) => ({ name: s.label, value: s.query })));
}
