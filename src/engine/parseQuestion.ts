import { MEASURE_WORDS } from './lexicon.js';
import { MAX_QUESTION_CHARS, NUMBER_WORD, STOPWORDS, tokenize } from './normalize.js';
import { type Clock, type PeriodOptions, type PeriodQuery, extractPeriods } from './periods.js';
import type { Dimension } from '../data/types.js';
import type { Meaning, Vocabulary } from './vocabulary.js';

export type RoleHint = 'origin' | 'destination' | null;

/** A phrase of the question and everything it can mean. */
export interface Mention {
	phrase: string;
	meanings: Meaning[];
	/** "from X" points at travellers' origin; "to/in/visiting X" at a destination. */
	hint: RoleHint;
	position: number;
}

export interface ParsedQuestion {
	periods: PeriodQuery[];
	mentions: Mention[];
	/** Content words the vocabulary does not know, after spelling correction. */
	unknown: string[];
	/**
	 * Phrases of unknown words that name a measure or breakdown ("average age", "by car"): the
	 * question asks for something this dataset does not have.
	 */
	lacking: string[];
	corrections: { from: string; to: string }[];
	truncated: boolean;
	/** "top 3", "bottom five": how many items of a ranking were asked for. */
	top: number | null;
	/** "how many constituencies …", "the number of seats …": the dimension whose values are counted. */
	countOf?: Dimension | null;
	/** Numbers the question writes that are no period nor part of a name ("at least 35%", "over 10"). */
	numbers?: string[];
}

const SMALL_NUMBERS: ReadonlyMap<string, number> = new Map(
	Object.entries({
		one: 1,
		two: 2,
		three: 3,
		four: 4,
		five: 5,
		six: 6,
		seven: 7,
		eight: 8,
		nine: 9,
		ten: 10,
	}),
);

const TO_WORDS = new Set([
	'to',
	'in',
	'into',
	'visiting',
	'visited',
	'visit',
	'entering',
	'entered',
	'enter',
	'at',
	'toward',
	'towards',
]);
const FROM_WORDS = new Set(['from', 'of']);

/** Splits a question into periods and known phrases (longest first), correcting typos with fuse.js. */
export function parseQuestion(
	question: string,
	vocabulary: Vocabulary,
	clock: Clock,
	options?: PeriodOptions,
): ParsedQuestion {
	const tokens = tokenize(question);
	const consumed = tokens.map(() => false);
	// Periods first, so that "last year" is never taken for a misspelling.
	const periods = extractPeriods(tokens, clock, consumed, options);
	let top: number | null = null;
	tokens.forEach((word, i) => {
		const next = tokens[i + 1] ?? '';
		const count = /^\d{1,2}$/.test(next) ? Number(next) : SMALL_NUMBERS.get(next);
		if ((word === 'top' || word === 'bottom') && count !== undefined && count > 0 && !consumed[i + 1]) {
			top = count;
			consumed[i + 1] = true;
		}
	});
	const corrections: { from: string; to: string }[] = [];
	tokens.forEach((word, i) => {
		const fixed = consumed[i] ? null : vocabulary.correct(word);
		if (fixed === null) return;
		corrections.push({ from: word, to: fixed });
		tokens[i] = fixed;
	});

	const mentions: Mention[] = [];
	const unknown: string[] = [];
	const unknownAt: number[] = [];
	const numbers: string[] = [];
	for (let i = 0; i < tokens.length;) {
		if (consumed[i]) {
			i++;
			continue;
		}
		let matched = false;
		for (let width = Math.min(vocabulary.longestPhrase, tokens.length - i); width >= 1; width--) {
			if (consumed.slice(i, i + width).some(Boolean)) continue;
			const phrase = tokens.slice(i, i + width).join(' ');
			const meanings = vocabulary.phrases.get(phrase);
			if (!meanings) continue;
			// "of the DPRK": the article does not hide the preposition.
			const before = (tokens[i - 1] === 'the' ? tokens[i - 2] : tokens[i - 1]) ?? '';
			const hint: RoleHint = FROM_WORDS.has(before) ? 'origin' : TO_WORDS.has(before) ? 'destination' : null;
			// The same phrase twice adds nothing but work ("tourists tourists tourists …").
			if (!mentions.some((m) => m.phrase === phrase && m.hint === hint))
				mentions.push({ phrase, meanings, hint, position: i });
			i += width;
			matched = true;
			break;
		}
		if (matched) continue;
		const word = tokens[i] ?? '';
		const partial = STOPWORDS.has(word) ? [] : vocabulary.partialMeanings(word);
		if (partial.length > 0) {
			if (!mentions.some((m) => m.phrase === word))
				mentions.push({ phrase: word, meanings: partial, hint: null, position: i });
		} else if (NUMBER_WORD.test(word)) {
			numbers.push(word);
		} else if (!STOPWORDS.has(word)) {
			unknownAt.push(i);
			if (!unknown.includes(word)) unknown.push(word);
		}
		i++;
	}
	const lacking = lackingPhrases(tokens, unknownAt);
	return {
		periods,
		mentions,
		unknown,
		lacking,
		corrections,
		truncated: question.length > MAX_QUESTION_CHARS,
		top,
		countOf: countedDimension(tokens, mentions),
		numbers,
	};
}

/**
 * "how many constituencies did …", "number of seats …": a count of a dimension's values, when the
 * words right after name the dimension itself (not a measure: "how many tourists" asks for a figure).
 */
function countedDimension(tokens: readonly string[], mentions: readonly Mention[]): Dimension | null {
	for (let i = 0; i + 2 < tokens.length; i++) {
		const asks =
			(tokens[i] === 'how' && tokens[i + 1] === 'many') || (tokens[i] === 'number' && tokens[i + 1] === 'of');
		if (!asks) continue;
		const named = mentions.find((m) => m.position === i + 2);
		if (!named || named.meanings.some((x) => x.kind === 'metric' || x.kind === 'value')) continue;
		const dimension = named.meanings.find((x) => x.kind === 'dimension');
		if (dimension?.kind === 'dimension') return dimension.dimension;
	}
	return null;
}

/** Words before a measure word that belong to its phrase: "by car", "per night". */
const MEASURE_PREPOSITIONS = new Set(['by', 'per', 'on']);

/** Runs of adjacent unknown words holding a measure word, each once: "average age", "by car". */
function lackingPhrases(tokens: readonly string[], unknownAt: readonly number[]): string[] {
	const phrases: string[] = [];
	for (let k = 0; k < unknownAt.length;) {
		let end = k;
		while (end + 1 < unknownAt.length && unknownAt[end + 1] === unknownAt[end]! + 1) end++;
		const run = unknownAt.slice(k, end + 1).map((i) => tokens[i] ?? '');
		if (run.some((word) => MEASURE_WORDS.has(word))) {
			const before = tokens[unknownAt[k]! - 1] ?? '';
			const phrase = (MEASURE_PREPOSITIONS.has(before) ? [before, ...run] : run).join(' ');
			if (!phrases.includes(phrase)) phrases.push(phrase);
		}
		k = end + 1;
	}
	return phrases;
}
