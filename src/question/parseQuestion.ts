import { ALL_TIME_WORDS, MEASURE_WORDS, OPERATION_WORDS } from './lexicon.js';
import { MAX_QUESTION_CHARS, NUMBER_WORD, STOPWORDS, tokenize } from './normalize.js';
import { type Clock, type PeriodOptions, type PeriodQuery, extractPeriods } from './periods.js';
import { isCountUnit, isPercentMetric } from '../data/constraints.js';
import { childrenOf } from '../data/hierarchy.js';
import type { Dimension, Metric } from '../data/types.js';
import type { Comparator } from '../model/query.js';
import { type WrittenCondition, isNumberWord, numberAt, readConditions } from './conditions.js';
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
	/** Numbers the question writes that are no period, condition nor part of a name. */
	numbers?: string[];
	/**
	 * Conditions on values ("at least 15,000", "no gold medals"), each with the measure it is on: the
	 * one named nearest to it, or null when the question names none there.
	 */
	conditions: { written: WrittenCondition; metric: Metric | null }[];
	/** Function words left after names, periods and conditions were read ("total", "all", "when"), with where. */
	functionWords: { word: string; at: number }[];
	/**
	 * "how many countries won more bronze than Sweden": a condition against a row the question names,
	 * whose value the engine looks up. The row named is then no filter of the question.
	 */
	relative?: RelativeCondition | null;
	/** Words of the dataset's title the question uses ("in this election"): understood, naming the data. */
	topicWords?: number;
	/** "all 7 nations", "the 43 listed": how many rows the question says there are, to check. */
	statedRows?: number | null;
	/** "the second highest": the place of a ranking asked (2), not its top. */
	nth?: number | null;
	/** "the last 5 years": how many of the data's latest periods are asked. */
	latestPeriods?: number | null;
	/** "which province is listed after Cádiz": the row after (or before) the named one in the table. */
	listedNext?: 'after' | 'before' | null;
	/** "which nation is listed last": the first or last row of the data's table. */
	listed?: 'first' | 'last' | null;
	/** "the team that finished second": a place in the final order, for the data's measure of place (0: last). */
	finished?: { place: number; text: string } | null;
}

export interface RelativeCondition {
	comparator: 'gt' | 'lt';
	mention: Mention;
	metric: Metric | null;
	/** "more bronze medals than sweden" */
	text: string;
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

/** Words before a word of the dataset's title that make it refer to the data itself: "this election". */
const REFERRING = new Set(['this', 'the', 'that', 'these', 'his', 'her', 'their']);

/** Verbs of a row's place in the data's table: "listed first", "shown last". */
const LIST_VERBS = new Set(['listed', 'shown', 'appears', 'appearing', 'mentioned']);
/** Words for the row next to another in the table: "listed after", "shown above". */
const NEXT_WORDS = new Set(['after', 'before', 'above', 'below']);

/** Verbs of a place in a final order: "finished second", "came in third place". */
const FINISH_VERBS = new Set(['finished', 'finish', 'finishing', 'placed', 'came', 'ended', 'ranked']);
/** Places written as words or ordinals, first to tenth. */
const FINISH_PLACES: ReadonlyMap<string, number> = new Map(
	'first second third fourth fifth sixth seventh eighth ninth tenth'
		.split(' ')
		.flatMap((word, k) => [
			[word, k + 1] as const,
			[`${k + 1}${k === 0 ? 'st' : k === 1 ? 'nd' : k === 2 ? 'rd' : 'th'}`, k + 1] as const,
		]),
);

/** Places in an order ("second highest", "3rd most"). */
const PLACES: ReadonlyMap<string, number> = new Map(
	Object.entries({ second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5 }),
);
/** Words after a place that make it a place in a ranking. */
const RANKING_WORDS = new Set(
	'highest most largest biggest greatest deadliest lowest least fewest smallest best worst top bottom'.split(' '),
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

/**
 * "nation wide" for "Nationwide", "data base": two words the data does not know that, written as one,
 * are a word it does know.
 */
function joinSplitWords(tokens: string[], vocabulary: Vocabulary): string[] {
	const known = (word: string) =>
		vocabulary.phrases.has(word) ||
		vocabulary.topicWords.has(word) ||
		STOPWORDS.has(word) ||
		NUMBER_WORD.test(word);
	const joined: string[] = [];
	for (let i = 0; i < tokens.length; i++) {
		const [word, next] = [tokens[i]!, tokens[i + 1]];
		if (next !== undefined && !known(word) && !known(next) && known(word + next) && /^\p{L}+$/u.test(word + next)) {
			joined.push(word + next);
			i++;
		} else joined.push(word);
	}
	return joined;
}

/** Splits a question into periods and known phrases (longest first), correcting typos with fuse.js. */
export function parseQuestion(
	question: string,
	vocabulary: Vocabulary,
	clock: Clock,
	options?: PeriodOptions,
): ParsedQuestion {
	// ".9 viewers" is 0.9: the tokenizer would keep the 9 alone.
	const tokens = joinSplitWords(tokenize(question.replace(/(?<![\p{L}\p{N}])\.(\d)/gu, '0.$1')), vocabulary);
	const consumed = tokens.map(() => false);
	// Conditions first ("more than 2000" is no year), then periods, so that "last year" is never
	// taken for a misspelling.
	const written = readConditions(tokens, consumed);
	const periods = extractPeriods(tokens, clock, consumed, options);
	let top: number | null = null;
	tokens.forEach((word, i) => {
		const next = tokens[i + 1] ?? '';
		const count = /^\d{1,2}$/.test(next) ? Number(next) : SMALL_NUMBERS.get(next);
		// "top 5 (finishes)" where the data names a measure so: the measure's name, not a ranking's length.
		const named = [2, 3, 4].some((width) => vocabulary.phrases.has(tokens.slice(i, i + width).join(' ')));
		if ((word === 'top' || word === 'bottom') && count !== undefined && count > 0 && !consumed[i + 1] && !named) {
			top = count;
			consumed[i + 1] = true;
		}
	});
	// "the last 5 years", "the past three seasons": the latest periods the data has, read by the engine.
	let latestPeriods: number | null = null;
	tokens.forEach((word, i) => {
		const count = /^\d{1,3}$/.test(tokens[i + 1] ?? '')
			? Number(tokens[i + 1])
			: SMALL_NUMBERS.get(tokens[i + 1] ?? '');
		if ((word === 'last' || word === 'past' || word === 'latest') && count !== undefined && count > 0) {
			if (!['years', 'seasons', 'periods'].includes(tokens[i + 2] ?? '') || consumed[i + 1]) return;
			latestPeriods = count;
			for (const k of [i, i + 1, i + 2]) consumed[k] = true;
		}
	});
	// "the second highest", "3rd most": which place of a ranking is asked.
	let nth: number | null = null;
	tokens.forEach((word, i) => {
		const place = PLACES.get(word);
		if (place !== undefined && !consumed[i] && RANKING_WORDS.has(tokens[i + 1] ?? '')) {
			nth = place;
			consumed[i] = true;
		}
	});
	// "which nation is listed last", "the first listed province": a row's place in the data's table.
	let listed: 'first' | 'last' | null = null;
	tokens.forEach((word, i) => {
		if (listed || consumed[i]) return;
		const next = tokens[i + 1] ?? '';
		const order = LIST_VERBS.has(word) && (next === 'first' || next === 'last') ? next : null;
		const before = (word === 'first' || word === 'last') && LIST_VERBS.has(next) ? word : null;
		if ((order ?? before) === null || consumed[i + 1]) return;
		listed = (order ?? before) as 'first' | 'last';
		consumed[i] = consumed[i + 1] = true;
	});
	// "which province is listed after Cádiz": the row next to a named one in the data's table.
	let listedNext: 'after' | 'before' | null = null;
	tokens.forEach((word, i) => {
		const next = tokens[i + 1] ?? '';
		if (listedNext || consumed[i] || consumed[i + 1] || !LIST_VERBS.has(word) || !NEXT_WORDS.has(next)) return;
		listedNext = next === 'after' || next === 'below' ? 'after' : 'before';
		consumed[i] = consumed[i + 1] = true;
	});
	// "the team that finished first", "the player who came in second place": a place in the final order.
	let finished: { place: number; text: string } | null = null;
	tokens.forEach((word, i) => {
		if (finished || !FINISH_VERBS.has(word) || consumed[i]) return;
		const at = tokens[i + 1] === 'in' ? i + 2 : i + 1;
		// ("last" is place 0: the highest place the data has.)
		const place = tokens[at] === 'last' ? 0 : FINISH_PLACES.get(tokens[at] ?? '');
		// (Where the data has its own word for the place, "3rd" of a column of places, that word is read.)
		if (place === undefined || consumed[at] || vocabulary.phrases.has(tokens[at]!)) return;
		const end = tokens[at + 1] === 'place' ? at + 2 : at + 1;
		finished = { place, text: tokens.slice(i, end).join(' ') };
		for (let k = i; k < end; k++) consumed[k] = true;
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
	const numbers: { word: string; at: number }[] = [];
	const functionWords: { word: string; at: number }[] = [];
	let topicWords = 0;
	const topicAt = new Set<number>();
	let statedRows: number | null = null;
	for (let i = 0; i < tokens.length;) {
		if (consumed[i]) {
			i++;
			continue;
		}
		// "out of the 43 listed", "all 7 nations": how many rows there are, said in passing, even where
		// the number is also a value's name (car number 43).
		if (
			(NUMBER_WORD.test(tokens[i] ?? '') || isNumberWord(tokens[i] ?? '')) &&
			(tokens[i - 1] === 'all' || (tokens[i - 1] === 'the' && tokens[i + 1] === 'listed'))
		) {
			functionWords.push({ word: 'all', at: i });
			statedRows = Number(numberAt(tokens, i)?.value ?? NaN);
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
			// The same phrase twice adds nothing but work ("tourists tourists tourists …"); a measure's
			// name is kept where it is written again, as a condition is on the one nearest to it
			// ("total wins and points of clubs with more than 20 wins").
			const measure = meanings.every((x) => x.kind === 'metric');
			if (!mentions.some((m) => m.phrase === phrase && m.hint === hint && (!measure || m.position >= i - 8)))
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
		} else if (NUMBER_WORD.test(word) || isNumberWord(word)) {
			numbers.push({ word, at: i });
		} else if (
			STOPWORDS.has(word) ||
			ALL_TIME_WORDS.has(word) ||
			vocabulary.unitWords.has(word) ||
			vocabulary.scopeWords.has(word)
		) {
			// A function word, a word of a measure's unit ("under 50 square km") or of the data's scope ("worldwide").
			functionWords.push({ word, at: i });
		} else if (
			vocabulary.topicWords.has(word) &&
			!MEASURE_WORDS.has(word) &&
			(REFERRING.has(tokens[i - 1] ?? '') || topicAt.has(i - 1))
		) {
			// "in this election", "during the race", "in the whole country": the data referred to, not a
			// condition on it.
			topicWords++;
			topicAt.add(i);
		} else {
			unknownAt.push(i);
			if (!unknown.includes(word)) unknown.push(word);
		}
		i++;
	}
	longerMeasureNames(tokens, mentions, unknownAt, unknown, vocabulary);
	// "how many candidates were elected" of the measure "candidates elected": a word of a name the
	// question uses elsewhere is that name, split by other words.
	// ("how many deposits did they lose" of "deposits lost": in any form of the word.)
	const named = new Set(
		mentions.flatMap((m) =>
			m.meanings.flatMap((x) =>
				x.kind === 'metric'
					? [x.metric.label, ...x.metric.aliases].flatMap((n) =>
							tokenize(n)
								.filter((w) => w.length >= 3)
								.map(stem),
						)
					: [],
			),
		),
	);
	for (let k = unknownAt.length - 1; k >= 0; k--) {
		const word = tokens[unknownAt[k]!]!;
		if (!named.has(stem(word))) continue;
		unknownAt.splice(k, 1);
		if (!unknownAt.some((at) => tokens[at] === word)) unknown.splice(unknown.indexOf(word), 1);
	}
	numbersBeforeMeasures(tokens, mentions, numbers);
	const lacking = lackingPhrases(tokens, unknownAt);
	const read = [...written, ...equalities(tokens, mentions, numbers)].map((c) => ({
		written: c,
		metric: conditionMetric(c, mentions),
	}));
	// "have a population over 200,000": the written condition, not "at least 1" as well.
	const conditions = read.filter(
		(c) => !c.written.implied || !read.some((o) => !o.written.implied && o.metric === c.metric),
	);
	const countOf = countedDimension(tokens, mentions);
	if (countOf && !relativeCondition(tokens, mentions))
		conditions.push(...countedWithMeasure(tokens, mentions, conditions));
	negate(tokens, conditions, unknown);
	exclusions(tokens, mentions, unknown);
	const used = new Set(conditions.map((c) => c.written.start));
	const relative = relativeCondition(tokens, mentions);
	if (relative) mentions.splice(mentions.indexOf(relative.mention), 1);
	return {
		periods,
		mentions,
		unknown,
		lacking,
		corrections,
		truncated: question.length > MAX_QUESTION_CHARS,
		top,
		countOf,
		numbers: numbers.filter((n) => !used.has(n.at)).map((n) => n.word),
		conditions,
		functionWords,
		relative,
		topicWords,
		statedRows,
		nth,
		latestPeriods,
		finished,
		listed,
		listedNext,
	};
}

/** Verbs of having before "a"/"any" and a counted measure: "had a win", "with any poles". */
const HAVING = new Set(['had', 'has', 'have', 'having', 'with', 'got', 'get', 'scored', 'recorded', 'took', 'earned']);

/** "Had a win", "have won the PGA Championship": at least 1, read from words, not a number written. */
const atLeastOne = (start: number, end: number): WrittenCondition => ({
	comparator: 'ge',
	value: '1',
	upper: null,
	text: 'at least 1',
	start,
	end,
	percent: false,
	implied: true,
});

/** Verbs of winning or having before a counted measure: "how many countries have won the PGA Championship". */
const WINNING = new Set([...HAVING, 'won', 'win', 'wins', 'received', 'claimed', 'taken', 'gained', 'achieved']);

/**
 * "How many countries have won the PGA Championship": in a count of a dimension's values, a counted
 * measure named after a verb of winning or having, with no condition on it, is at least 1 — never the
 * values counted as if the measure were not named.
 */
function countedWithMeasure(
	tokens: readonly string[],
	mentions: readonly Mention[],
	conditions: readonly { written: WrittenCondition; metric: Metric | null }[],
): { written: WrittenCondition; metric: Metric }[] {
	const found: { written: WrittenCondition; metric: Metric }[] = [];
	for (const m of mentions) {
		const metric = metricOf(m);
		if (!metric || !isCountUnit(metric.unit) || conditions.some((c) => c.metric === metric || c.metric === null))
			continue;
		const verb = [1, 2].map((k) => m.position - k).find((i) => WINNING.has(tokens[i] ?? ''));
		if (
			verb === undefined ||
			(verb === m.position - 2 && !['the', 'a', 'an', 'any'].includes(tokens[m.position - 1]!))
		)
			continue;
		found.push({ written: atLeastOne(verb, m.position), metric });
	}
	return found;
}

/** Words that turn what follows around. */
const NEGATIONS = new Set(
	'not didnt dont doesnt isnt arent wasnt werent never havent hasnt hadnt wont cannot cant neither nor'.split(' '),
);
const OPPOSITE: Readonly<Partial<Record<Comparator, Comparator>>> = { gt: 'le', ge: 'lt', lt: 'ge', le: 'gt' };
/** How far after "not" a condition it turns around may start: "did not score more than 60". */
const NEGATION_REACH = 6;

/**
 * "Clubs that did not score more than 60 goals": a condition after a negation is turned around (at
 * most 60). "Did not win any gold" is already zero. A negation that turns nothing the reader has
 * read ("which nation that is not China", "not in the top 3") is a word not understood: the
 * question is not answered as if it said the opposite.
 */
function negate(
	tokens: readonly string[],
	conditions: { written: WrittenCondition; metric: Metric | null }[],
	unknown: string[],
): void {
	const turned = new Set<number>();
	tokens.forEach((word, at) => {
		if (!NEGATIONS.has(word)) return;
		const next = conditions.findIndex(
			(c, i) => !turned.has(i) && c.written.start > at && c.written.start - at <= NEGATION_REACH,
		);
		const condition = conditions[next];
		if (condition && condition.written.value === '0' && condition.written.text.startsWith('any ')) {
			turned.add(next);
			return;
		}
		const opposite = condition ? OPPOSITE[condition.written.comparator] : undefined;
		if (condition && opposite && condition.written.upper === null) {
			turned.add(next);
			conditions[next] = {
				...condition,
				written: { ...condition.written, comparator: opposite, text: `not ${condition.written.text}` },
			};
			return;
		}
		if (!unknown.includes(word)) unknown.push(word);
	});
}

/**
 * "Which nation other than Russia", "nations that won only bronze": an exclusion the reader cannot
 * apply is a word not understood — never dropped, which would answer for Russia, or for every nation
 * with bronze.
 */
function exclusions(tokens: readonly string[], mentions: readonly Mention[], unknown: string[]): void {
	const measureAt = new Set(
		mentions.filter((m) => m.meanings.some((x) => x.kind === 'metric')).map((m) => m.position),
	);
	tokens.forEach((word, at) => {
		const excludes =
			(word === 'other' && tokens[at + 1] === 'than') ||
			((word === 'apart' || word === 'aside') && tokens[at + 1] === 'from') ||
			(word === 'only' && measureAt.has(at + 1));
		if (excludes && !unknown.includes(word)) unknown.push(word);
	});
}

const metricOf = (mention: Mention): Metric | null => {
	const meaning = mention.meanings.find((x) => x.kind === 'metric');
	return meaning?.kind === 'metric' ? meaning.metric : null;
};
const widthOf = (mention: Mention) => mention.phrase.split(' ').length;

/** Irregular forms of verbs that name measures ("seats won", "games lost"). */
const IRREGULAR: ReadonlyMap<string, string> = new Map(
	Object.entries({
		won: 'win',
		lost: 'lose',
		got: 'get',
		gotten: 'get',
		gave: 'give',
		given: 'give',
		made: 'make',
		held: 'hold',
		ran: 'run',
		drove: 'drive',
		driven: 'drive',
		took: 'take',
		taken: 'take',
		sold: 'sell',
		built: 'build',
		spent: 'spend',
	}),
);
/** A word's stem, for telling two forms of one verb or noun apart from two words ("win"/"won", "score"/"scored"). */
const stem = (word: string): string => (IRREGULAR.get(word) ?? word).replace(/(?:ing|ed|es|e|s)$/, '');

/**
 * "How many seats did the NDP win" of data with a measure "seats won" beside one called "seats": a
 * measure's longer name, its other words written elsewhere in the question in any form ("win" for
 * "won"), is the measure meant — never the shorter name's, which leaves those words unread.
 */
function longerMeasureNames(
	tokens: readonly string[],
	mentions: Mention[],
	unknownAt: number[],
	unknown: string[],
	vocabulary: Vocabulary,
): void {
	const inMention = new Set(mentions.flatMap((m) => Array.from({ length: widthOf(m) }, (_, k) => m.position + k)));
	for (const [k, m] of mentions.entries()) {
		const metric = metricOf(m);
		if (!metric) continue;
		const words = m.phrase.split(' ');
		let best: { metric: Metric; at: number[] } | null = null;
		for (const name of vocabulary.metricNames) {
			if (name.metric === metric || !words.every((w) => name.words.includes(w))) continue;
			const rest = name.words.filter((w) => !words.includes(w));
			if (rest.length === 0 || rest.some((w) => w.length < 3 || OPERATION_WORDS.has(w))) continue;
			const at = rest.map((w) => tokens.findIndex((t, i) => !inMention.has(i) && stem(t) === stem(w)));
			if (at.some((i) => i < 0)) continue;
			if (!best || at.length > best.at.length) best = { metric: name.metric, at };
		}
		if (!best) continue;
		mentions[k] = { ...m, meanings: [{ kind: 'metric', metric: best.metric }] };
		for (const i of best.at) {
			const u = unknownAt.indexOf(i);
			if (u < 0) continue;
			unknownAt.splice(u, 1);
			if (!unknownAt.some((j) => tokens[j] === tokens[i])) unknown.splice(unknown.indexOf(tokens[i]!), 1);
		}
	}
}

/**
 * "drivers who got 5 bonus points": a number right before a measure is how many of it, never a value
 * of a column of numbers (car 5) — unless that column is named before it ("car 5", "car # 5").
 */
function numbersBeforeMeasures(
	tokens: readonly string[],
	mentions: Mention[],
	numbers: { word: string; at: number }[],
): void {
	for (let k = mentions.length - 1; k >= 0; k--) {
		const m = mentions[k]!;
		if (!NUMBER_WORD.test(m.phrase) || metricOf(m) !== null) continue;
		const next = mentions.find((o) => o.position === m.position + 1);
		if (!next || metricOf(next) === null) continue;
		const at = tokens[m.position - 1] === '#' ? m.position - 1 : m.position;
		const column = mentions.find((o) => o.position + widthOf(o) === at);
		if (column?.meanings.some((x) => x.kind === 'attributeName' || x.kind === 'dimension')) continue;
		mentions.splice(k, 1);
		numbers.push({ word: m.phrase, at: m.position });
	}
}

/** Words between a measure and its number that say "equal to": "a total of 1", "an average of 75". */
const EQUALS_AFTER_MEASURE = new Set(['of', 'is', 'was', 'were', 'at', 'being']);

/**
 * A number written right beside a measure is a value it must have ("128 EEPROM", "a total of 1
 * medal", "10 conservative councillors"); "no gold medals", "did not win any bronze" is zero.
 */
function equalities(
	tokens: readonly string[],
	mentions: readonly Mention[],
	numbers: readonly { word: string; at: number }[],
): WrittenCondition[] {
	const found: WrittenCondition[] = [];
	const measures = mentions.filter((m) => metricOf(m) !== null);
	for (const { at } of numbers) {
		const number = numberAt(tokens, at);
		if (!number) continue;
		const end = at + number.width;
		const after = measures.some(
			(m) => m.position === end || (m.position === end + 1 && !MEASURE_PREPOSITIONS.has(tokens[end] ?? '')),
		);
		const before = measures.some(
			(m) =>
				m.position + widthOf(m) === at ||
				(m.position + widthOf(m) === at - 1 && EQUALS_AFTER_MEASURE.has(tokens[at - 1] ?? '')),
		);
		if (after || before)
			found.push({
				comparator: 'eq',
				value: number.value,
				upper: null,
				text: tokens.slice(at, end).join(' '),
				start: at,
				end,
				percent: number.percent,
			});
	}
	for (const m of measures) {
		const before = tokens[m.position - 1];
		const negated =
			before === 'no' ||
			before === 'zero' ||
			(before === 'any' &&
				tokens
					.slice(Math.max(0, m.position - 5), m.position)
					.some((t) => t === 'not' || t === 'didnt' || t === 'never' || t === 'without'));
		if (negated)
			found.push({
				comparator: 'eq',
				value: '0',
				upper: null,
				text: `${before} ${m.phrase}`,
				start: m.position - 1,
				end: m.position,
				percent: false,
			});
		// "the first year he had a top 5 finish", "seasons with any poles": at least one of a count.
		else if (
			(before === 'a' || before === 'an' || before === 'any') &&
			HAVING.has(tokens[m.position - 2] ?? '') &&
			isCountUnit(metricOf(m)!.unit)
		)
			found.push(atLeastOne(m.position - 2, m.position));
	}
	return found;
}

const MORE = new Set(['more', 'higher', 'greater', 'larger', 'bigger', 'over', 'above']);
const LESS = new Set(['less', 'fewer', 'lower', 'smaller', 'under', 'below']);

/**
 * "how many nations won more gold than France", "number of clubs with fewer wins than Lyon": rows
 * compared with one the question names. Read only in a question that counts rows; elsewhere "more
 * than France" compares the two named ("did Spain win more than France").
 */
function relativeCondition(tokens: readonly string[], mentions: readonly Mention[]): RelativeCondition | null {
	const counts = tokens.some((t, k) => asksCount(t, tokens[k + 1]));
	if (!counts) return null;
	const than = tokens.indexOf('than');
	if (than < 1) return null;
	const from = [than - 1, than - 2, than - 3, than - 4].find(
		(i) => i >= 0 && (MORE.has(tokens[i]!) || LESS.has(tokens[i]!)),
	);
	if (from === undefined) return null;
	const at = tokens[than + 1] === 'the' ? than + 2 : than + 1;
	const mention = mentions.find((m) => m.position === at && m.meanings.some((x) => x.kind === 'value'));
	if (!mention) return null;
	const between = mentions.find((m) => m.position > from && m.position < than && metricOf(m) !== null);
	const metric = between ? metricOf(between) : null;
	return {
		comparator: MORE.has(tokens[from]!) ? 'gt' : 'lt',
		mention,
		metric,
		text: tokens.slice(from, at + widthOf(mention)).join(' '),
	};
}

/**
 * The measure a condition is on: the one named nearest to its words (at most three words away); a
 * condition in per cent ("above 70%") only on a measure in per cent.
 */
function conditionMetric(condition: WrittenCondition, mentions: readonly Mention[]): Metric | null {
	let best: { metric: Metric; distance: number; after: boolean } | null = null;
	if (condition.percent) {
		const percents = mentions.flatMap((m) =>
			m.meanings.flatMap((x) => (x.kind === 'metric' && isPercentMetric(x.metric) ? [x.metric] : [])),
		);
		return new Set(percents).size === 1 ? percents[0]! : null;
	}
	for (const m of mentions) {
		const metric = metricOf(m);
		if (!metric) continue;
		const distance =
			m.position >= condition.end ? m.position - condition.end : condition.start - (m.position + widthOf(m));
		if (distance < 0 || distance > 3) continue;
		// As near before as after ("earned 5 bonus points"): the measure the number is written before.
		const after = m.position >= condition.end;
		if (!best || distance < best.distance || (distance === best.distance && after && !best.after))
			best = { metric, distance, after };
	}
	return best?.metric ?? null;
}

/**
 * "how many constituencies did …", "number of seats …": a count of a dimension's values, when the
 * words right after name the dimension itself (not a measure: "how many tourists" asks for a figure).
 */
function countedDimension(tokens: readonly string[], mentions: readonly Mention[]): Dimension | null {
	for (let i = 0; i + 2 < tokens.length; i++) {
		if (!asksCount(tokens[i], tokens[i + 1])) continue;
		// "how many kinds of disaster", "how many different series": the words between name no thing.
		let at = i + 2;
		// (A name that starts with such a word, "kinds of disaster", is the thing counted.)
		while (KIND_WORDS.has(tokens[at] ?? '') && !mentions.some((m) => m.position === at && m.phrase !== tokens[at]))
			at++;
		const named = mentions.find((m) => m.position === at);
		if (!named || named.meanings.some((x) => x.kind === 'metric')) continue;
		// "how many mainland areas …", "what number of mainlands …": a group of the dimension's values
		// (a value with parts under it) counts its parts.
		const group = named.meanings.find((x) => x.kind === 'value' && childrenOf(x.dimension, x.value.id).length > 0);
		if (group?.kind === 'value' && named.meanings.length === 1) return group.dimension;
		if (named.meanings.some((x) => x.kind === 'value')) continue;
		const dimension = named.meanings.find((x) => x.kind === 'dimension');
		if (dimension?.kind === 'dimension') return dimension.dimension;
	}
	return null;
}

/** "how many", "number of": the two words that ask for a count. */
export const asksCount = (first: string | undefined, second: string | undefined): boolean =>
	(first === 'how' && second === 'many') || (first === 'number' && second === 'of');

/** Words between "how many" and what is counted: "kinds of", "types of", "different", "total". */
export const KIND_WORDS: ReadonlySet<string> = new Set([
	'total',
	'kinds',
	'kind',
	'types',
	'type',
	'sorts',
	'sort',
	'of',
	'different',
	'distinct',
	'separate',
]);

/** Words before a measure word that belong to its phrase: "by car", "per night". */
const MEASURE_PREPOSITIONS = new Set(['by', 'per', 'on']);

/** Words before a measure word that say what is done with it: "average age". */
const MEASURE_OPERATIONS = new Set(['average', 'mean', 'median', 'total']);

/** Runs of adjacent unknown words holding a measure word, each once: "average age", "by car". */
function lackingPhrases(tokens: readonly string[], unknownAt: readonly number[]): string[] {
	const phrases: string[] = [];
	for (let k = 0; k < unknownAt.length;) {
		let end = k;
		while (end + 1 < unknownAt.length && unknownAt[end + 1] === unknownAt[end]! + 1) end++;
		const run = unknownAt.slice(k, end + 1).map((i) => tokens[i] ?? '');
		if (run.some((word) => MEASURE_WORDS.has(word))) {
			const before = tokens[unknownAt[k]! - 1] ?? '';
			const phrase = (
				MEASURE_PREPOSITIONS.has(before) || MEASURE_OPERATIONS.has(before) ? [before, ...run] : run
			).join(' ');
			if (!phrases.includes(phrase)) phrases.push(phrase);
		}
		k = end + 1;
	}
	return phrases;
}
