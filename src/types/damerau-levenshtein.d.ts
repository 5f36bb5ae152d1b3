declare module 'damerau-levenshtein' {
	/** Damerau–Levenshtein distance: insertions, deletions, substitutions and transpositions each count 1. */
	export default function distance(
		a: string,
		b: string,
		limit?: number,
	): { steps: number; relative: number; similarity: number };
}
