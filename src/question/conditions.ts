import type { Comparator, Condition } from '../model/query.js';
import { dec, mul, toPlain } from '../math/decimal.js';

/** A condition as written, before the reader ties it to a measure: its words are tokens [start, end). */
export interface WrittenCondition extends Omit<Condition, 'metric'> {
	start: number;
	end: number;
	/** Written with a per cent sign ("35%"). */
	percent: boolean;
	/** Not written as a number but implied ("had a top 5 finish": at least 1); yields to a written one. */
	implied?: boolean;
}

/** Words before a number that compare with it, longest first where one phrase starts another. */
const BEFORE: readonly (readonly [string, Comparator])[] = [
	['in excess of', 'gt'],
	['more than', 'gt'],
	['greater than', 'gt'],
	['higher than', 'gt'],
	['larger than', 'gt'],
	['bigger than', 'gt'],
	['over', 'gt'],
	['above', 'gt'],
	['exceeding', 'gt'],
	['exceeded', 'gt'],
	['exceeds', 'gt'],
	['exceed', 'gt'],
	['surpassed', 'gt'],
	['surpasses', 'gt'],
	['surpass', 'gt'],
	['topped', 'gt'],
	['no less than', 'ge'],
	['no fewer than', 'ge'],
	['not less than', 'ge'],
	['not fewer than', 'ge'],
	['at least', 'ge'],
	['a minimum of', 'ge'],
	['minimum of', 'ge'],
	['less than', 'lt'],
	['fewer than', 'lt'],
	['lower than', 'lt'],
	['smaller than', 'lt'],
	['under', 'lt'],
	['below', 'lt'],
	['no more than', 'le'],
	['not more than', 'le'],
	['at most', 'le'],
	['up to', 'le'],
	['a maximum of', 'le'],
	['maximum of', 'le'],
	['exactly', 'eq'],
	['equal to', 'eq'],
	['equals', 'eq'],
	['equaled', 'eq'],
];

/** Words after a number that make it a bound: "100 or more", "50 or fewer". */
const AFTER: readonly (readonly [string, Comparator])[] = [
	['or more', 'ge'],
	['or greater', 'ge'],
	['or higher', 'ge'],
	['or above', 'ge'],
	['or over', 'ge'],
	['and above', 'ge'],
	['and over', 'ge'],
	['and up', 'ge'],
	['plus', 'ge'],
	['or less', 'le'],
	['or fewer', 'le'],
	['or lower', 'le'],
	['or below', 'le'],
	['or under', 'le'],
	['and below', 'le'],
	['and under', 'le'],
];

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(
	[
		'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty',
	]
		.flatMap((list) => list.split(' '))
		.map((word, i) => [word, i] as const)
		.concat(
			['thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map(
				(w, i) => [w, 30 + 10 * i] as const,
			),
		),
);

const SCALE_WORDS: ReadonlyMap<string, string> = new Map([
	['hundred', '100'],
	['thousand', '1000'],
	['million', '1000000'],
	['millions', '1000000'],
	['billion', '1000000000'],
	['billions', '1000000000'],
]);
const SCALE_SUFFIX: ReadonlyMap<string, string> = new Map([
	['k', '1000'],
	['m', '1000000'],
	['mn', '1000000'],
	['bn', '1000000000'],
	['b', '1000000000'],
]);

/** A number written in words beside a name or measure ("seven golds"); "one" is too often a pronoun. */
export const isNumberWord = (word: string): boolean => word !== 'one' && NUMBER_WORDS.has(word);

/** A number written with digits: "15,000", "0.75", "35%", "1.4m", "7k". Not an ordinal, not a year range. */
const DIGITS = /^(\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+)(k|m|mn|bn|b)?(%)?$/;

/**
 * The number written at tokens[i], with how many tokens it takes: digits ("15,000", "35%", "1.4m"),
 * digits or number words with a scale word ("6.6 million", "five thousand"), "half a million",
 * "a million".
 */
export function numberAt(
	tokens: readonly string[],
	i: number,
): { value: string; width: number; percent: boolean } | null {
	const word = tokens[i] ?? '';
	let value: string | null = null;
	let width = 1;
	let percent = false;
	const digits = DIGITS.exec(word);
	if (digits) {
		value = digits[1]!.replaceAll(',', '');
		if (value.startsWith('.')) value = `0${value}`;
		if (digits[2]) value = toPlain(mul(dec(value), dec(SCALE_SUFFIX.get(digits[2])!)));
		percent = digits[3] !== undefined;
	} else if (NUMBER_WORDS.has(word)) {
		value = String(NUMBER_WORDS.get(word));
	} else if ((word === 'half' || word === 'a') && SCALE_WORDS.has(tokens[i + (word === 'half' ? 2 : 1)] ?? '')) {
		// "half a million", "a million"
		if (word === 'half' && tokens[i + 1] !== 'a') return null;
		const scale = SCALE_WORDS.get(tokens[i + (word === 'half' ? 2 : 1)]!)!;
		return {
			value: toPlain(mul(dec(word === 'half' ? '0.5' : '1'), dec(scale))),
			width: word === 'half' ? 3 : 2,
			percent: false,
		};
	}
	if (value === null) return null;
	const scale = SCALE_WORDS.get(tokens[i + 1] ?? '');
	if (scale && !percent) {
		value = toPlain(mul(dec(value), dec(scale)));
		width = 2;
	}
	if (tokens[i + width] === 'percent' || tokens[i + width] === '%') {
		percent = true;
		width++;
	}
	return { value, width, percent };
}

const phraseAt = (tokens: readonly string[], i: number, phrase: string): number => {
	const words = phrase.split(' ');
	return words.every((w, k) => tokens[i + k] === w) ? words.length : 0;
};

/**
 * Conditions a question writes on values: a comparing phrase and a number ("more than 10", "at least
 * half a million", "under 50", "100 or more", "between 10 and 20"). Marks the words read in `consumed`.
 * Runs before periods are read: in "more than 2000", 2000 is a number, not a year.
 */
export function readConditions(tokens: readonly string[], consumed: boolean[]): WrittenCondition[] {
	const found: WrittenCondition[] = [];
	const take = (c: WrittenCondition) => {
		found.push(c);
		for (let k = c.start; k < c.end; k++) consumed[k] = true;
	};
	const free = (from: number, to: number) => {
		for (let k = from; k < to; k++) if (consumed[k] || k >= tokens.length) return false;
		return true;
	};
	for (let i = 0; i < tokens.length; i++) {
		if (consumed[i]) continue;
		// "between 10 and 20"
		if (tokens[i] === 'between') {
			const low = numberAt(tokens, i + 1);
			const and = low ? i + 1 + low.width : -1;
			const high = low && tokens[and] === 'and' ? numberAt(tokens, and + 1) : null;
			if (low && high && free(i, and + 1 + high.width) && !isYear(tokens[i + 1]) && !isYear(tokens[and + 1])) {
				const end = and + 1 + high.width;
				take(condition(tokens, 'between', low.value, high.value, i, end, low.percent || high.percent));
				continue;
			}
		}
		for (const [phrase, comparator] of BEFORE) {
			const width = phraseAt(tokens, i, phrase);
			if (width === 0) continue;
			const number = numberAt(tokens, i + width);
			if (!number || !free(i, i + width + number.width)) continue;
			let end = i + width + number.width;
			// "at least 800,000 or more": the words after say it again.
			for (const [after] of AFTER) end += phraseAt(tokens, end, after);
			take(condition(tokens, comparator, number.value, null, i, end, number.percent));
			break;
		}
		if (consumed[i]) continue;
		const number = numberAt(tokens, i);
		if (!number) continue;
		const end = i + number.width;
		for (const [after, comparator] of AFTER) {
			const width = phraseAt(tokens, end, after);
			if (width === 0 || !free(i, end + width)) continue;
			take(condition(tokens, comparator, number.value, null, i, end + width, number.percent));
			break;
		}
	}
	return found;
}

const isYear = (word: string | undefined) => /^(1[89]|20)\d{2}$/.test(word ?? '');

function condition(
	tokens: readonly string[],
	comparator: Comparator,
	value: string,
	upper: string | null,
	start: number,
	end: number,
	percent: boolean,
): WrittenCondition {
	return { comparator, value, upper, text: tokens.slice(start, end).join(' '), start, end, percent };
}
