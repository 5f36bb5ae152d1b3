import type { Figure, Qualifier } from '../data/types.js';
import { type Decimal, compare, dec, div, mul, sub, sumTextsOf, toPlain } from '../math/decimal.js';
import type { Bound, Computed } from './answer.js';

/** Which of several figures for one thing to lead with: exact first, estimates last. */
export const QUALIFIER_RANK: Readonly<Record<Qualifier, number>> = {
	exact: 0,
	record: 1,
	at_least: 2,
	over: 2,
	under: 3,
	approximately: 4,
	estimate: 5,
};

/** How a source's qualifier bounds the true value. "record" says nothing about precision. */
export function boundOf(qualifier: Qualifier): Bound {
	switch (qualifier) {
		case 'exact':
		case 'record':
			return 'exact';
		case 'approximately':
		case 'estimate':
			return 'approximately';
		case 'over':
			return 'over';
		case 'at_least':
			return 'at_least';
		case 'under':
			return 'under';
	}
}

/** An input to a computation and whether the result grows (+1) or shrinks (−1) as it grows. */
interface Term {
	figure: Figure;
	direction: 1 | -1;
}

/**
 * Carries qualifiers through a monotone computation: a lower bound on an input the result grows
 * with gives a lower bound on the result ("over 2 million" → "at least …"); bounds pulling in
 * opposite directions, or any approximate input, make the result approximate.
 */
export function combineBounds(terms: readonly Term[]): Bound {
	let lower = false;
	let upper = false;
	let strict = false;
	for (const { figure, direction } of terms) {
		const bound = boundOf(figure.qualifier);
		if (bound === 'approximately') return 'approximately';
		if (bound === 'exact') continue;
		const isLower = bound === 'over' || bound === 'at_least';
		if (isLower === (direction === 1)) lower = true;
		else upper = true;
		if (bound === 'over' || bound === 'under') strict = true;
	}
	if (lower && upper) return 'approximately';
	if (lower) return strict ? 'over' : 'at_least';
	if (upper) return strict ? 'under' : 'at_most';
	return 'exact';
}

/** The figure to cite a row or a value by: the most exact, the first on a tie. */
export const mostExact = (figures: readonly Figure[]): Figure =>
	figures.reduce((a, b) => (QUALIFIER_RANK[b.qualifier] < QUALIFIER_RANK[a.qualifier] ? b : a));

/** Figures are immutable: parse each value once. */
const parsed = new WeakMap<Figure, Decimal>();
function value(figure: Figure): Decimal {
	let decimal = parsed.get(figure);
	if (decimal === undefined) {
		decimal = dec(figure.value);
		parsed.set(figure, decimal);
	}
	return decimal;
}
const HUNDRED = dec('100');
const ZERO = dec('0');

/** The sum of figures, its qualifier carried ("over" and "about" survive a sum). */
export function total(figures: readonly Figure[]): Computed {
	return {
		value: sumTextsOf(figures, (f) => f.value),
		// (Every input exact, as in most tables: exact, with no list of inputs built.)
		bound: figures.every((f) => f.qualifier === 'exact')
			? 'exact'
			: combineBounds(figures.map((figure) => ({ figure, direction: 1 as const }))),
	};
}

/** a − b */
export function difference(a: Figure, b: Figure): Computed {
	return {
		value: toPlain(sub(value(a), value(b))),
		bound: combineBounds([
			{ figure: a, direction: 1 },
			{ figure: b, direction: -1 },
		]),
	};
}

/**
 * The gap between what two sources state (a − b), and b's relative gap: exact arithmetic on the stated
 * numbers, whatever their qualifiers, because it names how far apart the sources are.
 */
export function statedGap(a: Figure, b: Figure): { gap: Computed; change: Computed | null } {
	const change = percentChange(a, b);
	return { gap: { ...difference(a, b), bound: 'exact' }, change: change && { ...change, bound: 'exact' } };
}

/** a / b, or null when b is zero or negative (a ratio to it would not mean what readers expect). */
export function ratio(a: Figure, b: Figure): Computed | null {
	if (compare(value(b), ZERO) <= 0) return null;
	return {
		value: toPlain(div(value(a), value(b))),
		bound: combineBounds([
			{ figure: a, direction: 1 },
			{ figure: b, direction: -1 },
		]),
	};
}

/** (a − b) / b × 100 */
export function percentChange(a: Figure, b: Figure): Computed | null {
	if (compare(value(b), ZERO) <= 0) return null;
	const change = mul(div(sub(value(a), value(b)), value(b)), HUNDRED);
	return {
		value: toPlain(change),
		bound: combineBounds([
			{ figure: a, direction: 1 },
			{ figure: b, direction: -1 },
		]),
	};
}

/** part / total × 100 */
export function sharePercent(part: Figure, total: Figure): Computed | null {
	const r = ratio(part, total);
	return r && { value: toPlain(mul(dec(r.value), HUNDRED)), bound: r.bound };
}
