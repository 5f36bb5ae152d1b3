import { dec, mul, compare, type Decimal } from '../math/decimal.js';

/** Words and suffixes that scale a number as newsrooms write it: "6.62 million", "10k", "1.4bn". */
const SCALES: Readonly<Record<string, string>> = {
	k: '1000',
	thousand: '1000',
	m: '1000000',
	mn: '1000000',
	mln: '1000000',
	million: '1000000',
	millions: '1000000',
	bn: '1000000000',
	b: '1000000000',
	billion: '1000000000',
	billions: '1000000000',
};

/**
 * A number as written: digits grouped by commas or (thin, no-break) spaces or not at all, an optional
 * decimal part, and an optional scale word or suffix right after it.
 */
const WRITTEN_NUMBER = /(?<![\d.,])(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)(?:\.(\d+))?(?:[\s\u00a0]?(k|thousand|mn|mln|m|million|millions|bn|b|billion|billions)\b)?/gi;

/** Every value a text writes, as exact decimals ("9,985" → 9985, "6.62 million" → 6620000, "10k" → 10000). */
export function writtenValues(text: string): Decimal[] {
	const values: Decimal[] = [];
	for (const match of text.matchAll(WRITTEN_NUMBER)) {
		const [, whole = '', fraction, scale] = match;
		const plain = dec(`${whole.replace(/[,\u00a0\u202f ]/g, '')}${fraction ? `.${fraction}` : ''}`);
		values.push(plain);
		// "10 m" may be ten metres: the scaled and the plain reading both count as written.
		if (scale) values.push(mul(plain, dec(SCALES[scale.toLowerCase()] ?? '1')));
	}
	return values;
}

/** A minus sign right before a number ("-9,985", "−4.2", "minus 3"), not a hyphen of a range ("2,000-9,985"). */
const MINUS_BEFORE = /(?:^|[^\p{L}\p{N}.,])(?:[-\u2212\u2013]|minus\s+)$/iu;

/** Words that give a number its negative sign: "fell by 1,200", "a deficit of 3.2bn". */
const DECREASE =
	/\b(?:fell|falls?|fallen|falling|drop(?:s|ped|ping)?|declin\w*|decreas\w*|down|lower\w*|less|fewer|los[st]\w*|deficit\w*|negative|below|shr[ai]nk\w*|shrunk|cut)\b/i;

/** Whether the number at `at` is written with a minus sign. */
const minusAt = (text: string, at: number) => MINUS_BEFORE.test(text.slice(Math.max(0, at - 8), at));

/**
 * Whether `value` (a plain decimal such as "9985") appears in `text` in some written form: 9,985 ·
 * 9985 · 9 985 · 6.62 million · 10k. A typo in a figures.csv value (99850 for 9985) is caught by this.
 * The sign counts: a negative value is written with a minus sign ("-9,985", "minus 9,985") or in a
 * quote that says it went down ("fell by 9,985"); a number written with a minus sign is not a
 * positive value.
 */
export function valueIsWritten(value: string, text: string): boolean {
	const negative = value.startsWith('-');
	const signMatches = (at: number) => minusAt(text, at) === negative || (negative && DECREASE.test(text));
	// Fast path, no decimal parsing: the value's own digits, plain or grouped by commas, standing alone.
	const digits = value.replace(/^-/, '');
	const [whole = '', fraction] = digits.split('.');
	const grouped = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
	if ([...alone(text, digits), ...alone(text, grouped)].some(signMatches)) return true;
	const wanted = dec(value);
	const absolute = wanted.isNegative() ? wanted.neg() : wanted;
	for (const match of text.matchAll(WRITTEN_NUMBER)) {
		if (writtenValues(match[0]).some((written) => compare(written, absolute) === 0) && signMatches(match.index))
			return true;
	}
	return false;
}

/** Where `number` occurs in `text` not as part of a longer number ("985" is not in "9,985"). */
function alone(text: string, number: string): number[] {
	const partOfNumber = (c: string | undefined) => c !== undefined && ((c >= '0' && c <= '9') || c === ',' || c === '.');
	const found: number[] = [];
	for (let at = text.indexOf(number); at >= 0; at = text.indexOf(number, at + 1)) {
		const after = text[at + number.length];
		// A trailing full stop or comma ends a sentence or clause unless a digit follows it.
		const afterIsPart = partOfNumber(after) && !((after === '.' || after === ',') && !partOfNumber(text[at + number.length + 1]));
		if (!partOfNumber(text[at - 1]) && !afterIsPart) found.push(at);
	}
	return found;
}
