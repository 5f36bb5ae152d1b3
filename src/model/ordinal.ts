/** A place in an order in words: 2 → "second"; past the fifth, "number 6". */
export const ordinal = (place: number): string =>
	['first', 'second', 'third', 'fourth', 'fifth'][place - 1] ?? `number ${place}`;
