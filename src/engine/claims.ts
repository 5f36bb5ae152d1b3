import type { Figure } from '../data/types.js';

/**
 * Claims in a colleague's sentence, and the rules for judging them against the data.
 *
 * A claim is a number with what and when ("33,110 Russians visited South Korea in 2025") or a
 * change ("tripled", "more than doubled", "grew by about 54%", "fell"). Each is judged on its own,
 * in the order written. Pure: text in, claims and verdicts out.
 */

export type Verdict = 'matches' | 'differs' | 'disputed' | 'not_in_data';

/** How the words around a number bound what it says. */
export type Hedge = 'exact' | 'about' | 'nearly' | 'over' | 'at_least' | 'under' | 'at_most';

export interface WrittenNumber {
	/** As written: "about 10,000", "6.62 million". */
	text: string;
	value: number;
	/**
	 * The rounding unit the number is written to: 1 for "9,985", 1,000 for "10,000" and "10k",
	 * 10,000 for "6.62 million", 0.1 for "2.6".
	 */
	unit: number;
	hedge: Hedge;
	percent: boolean;
	/** "a record 9,985": the number is claimed to be the highest of its series. */
	record: boolean;
}

export type ClaimKind =
	| { kind: 'value'; number: WrittenNumber }
	/** A change between two periods: a factor (×3 for "tripled"), a % change, or only its direction. */
	| { kind: 'change'; factor: WrittenNumber | null; percent: WrittenNumber | null; direction: 'up' | 'down' }
	/** "more Russians visited South Korea than North Korea": the first named above (or below) the second. */
	| { kind: 'comparison'; direction: 'more' | 'less' }
	/** "most came by rail": the named part is the largest (or smallest) of its breakdown. */
	| { kind: 'superlative'; direction: 'most' | 'least' };

export interface Claim {
	/** The words judged: the clause the number or the change is in. */
	text: string;
	/** The clause without the claimed number or change: what to look up. */
	about: string;
	claim: ClaimKind;
}

const HEDGES: readonly [RegExp, Hedge][] = [
	[/(?:about|around|roughly|approximately|approx\.?|some|circa|~|an estimated|estimated|close to)\s*$/i, 'about'],
	[/(?:nearly|almost|just under|just shy of)\s*$/i, 'nearly'],
	[
		/(?:over|more than|above|upwards of|in excess of|exceeding|exceeded|beyond|topped|topping|passed|passing|surpassed|crossed)\s*(?:the\s*)?$/i,
		'over',
	],
	[/(?:at least|no fewer than|no less than|a minimum of)\s*$/i, 'at_least'],
	[/(?:under|fewer than|less than|below|fell below|dropped below|dipped below|fell under)\s*$/i, 'under'],
	[/(?:at most|up to|no more than|a maximum of)\s*$/i, 'at_most'],
];

const SCALE: Readonly<Record<string, number>> = {
	k: 1e3,
	thousand: 1e3,
	m: 1e6,
	mn: 1e6,
	million: 1e6,
	b: 1e9,
	bn: 1e9,
	billion: 1e9,
};

/** A number as written: digits with thousands separators, a decimal part, a scale or a per cent sign. */
const NUMBER =
	/(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(k|m|mn|b|bn|thousand|million|billion)\b)?(\s?(?:%|per ?cent\b|percent\b))?(?![\w%])/gi;

/** A four-digit year: a period, not a claimed number. */
const YEAR = /^(1[89]|20)\d\d$/;

const FACTOR_WORDS: readonly [RegExp, number][] = [
	[/\b(?:doubled|doubling|doubles|double)\b/i, 2],
	[/\b(?:tripled|trebled|tripling|triples|triple)\b/i, 3],
	[/\b(?:quadrupled|quadrupling|quadruples)\b/i, 4],
	[/\b(?:halved|halving|halves)\b/i, 0.5],
];
const SMALL: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4, five: 5, six: 6, ten: 10 };
const UP =
	/\b(?:rose|risen|rise|rising|grew|grown|grow|growing|increased|increase|increases|up|jumped|jump|climbed|surged|soared|doubled|tripled|trebled|quadrupled|more than)\b/i;
const DOWN =
	/\b(?:fell|fallen|fall|falling|dropped|drop|declined|decline|decreased|decrease|down|slumped|plunged|halved|shrank|shrunk)\b/i;

/** How a reporter asks for a check ("is it true that …", "fact check:", "… ok?"): not part of the claim. */
const ASKING =
	/^\s*(?:is it (?:true|correct|right|accurate) (?:that )?|fact[- ]?check:?\s*|check:?\s*|true that |did )|\s*(?:[-–—,]\s*)?(?:is (?:that|this|it) )?(?:true|correct|right|accurate|ok|okay)?\s*\?+\s*$/gi;

/**
 * Whether a question asks for a check rather than a figure: "is it true that …", "fact check: …",
 * "… – accurate?", "… ok?". Such a question gets the claim check's verdict first.
 */
export function asksForCheck(text: string): boolean {
	const question = compactMessage(text);
	return (
		/^\s*(?:is it (?:true|correct|right|accurate) (?:that )?|fact[- ]?check\b|true that )/i.test(question) ||
		/(?:^|[\s,–—-])(?:is (?:that|this|it) )?(?:true|correct|right|accurate|ok|okay)\s*\?+\s*$/i.test(question)
	);
}

/** The longest message read for claims: Discord's own message limit. */
export const MAX_MESSAGE_CHARS = 2000;

/**
 * A message as the claim patterns read it: at most 2,000 characters, without links, each run of spaces one space,
 * each run of line breaks (and the spaces around them) one line break, and "???" one "?". The patterns
 * that end a match at the end of the text ("… ok?", "about 10,000") then do constant work at each
 * position, so reading a message is linear in its length whatever it holds.
 */
export function compactMessage(text: string): string {
	return (
		text
			.slice(0, MAX_MESSAGE_CHARS)
			// A link is where a claim comes from, not part of it: its digits are no figures.
			.replace(/<?\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>]*>?/gi, ' ')
			.replace(/[^\S\n]+/g, ' ')
			.replace(/ ?\n\s*/g, '\n')
			.replace(/([?!.,;:~–—-])\1+/g, '$1')
	);
}

/** Splits a message into clauses, each with at most one claim where it can: sentences, then ", and"/";". */
function clauses(text: string): string[] {
	return compactMessage(text)
		.replace(ASKING, '')
		.split(/(?<=[.!?])\s+|\n+|;\s*|,\s+(?:and|but|while|whereas)\s+|\s+(?:but|while|whereas)\s+/i)
		.map((c) => c.trim())
		.filter((c) => c !== '');
}

/**
 * The words right before a number that can bound it: the longest hedge ("no fewer than", "in excess
 * of") is far shorter than this, so a hedge is looked for in the tail only, never the whole clause.
 */
const HEDGE_REACH = 32;

function hedgeBefore(before: string): Hedge {
	const tail = before.slice(-HEDGE_REACH);
	for (const [pattern, hedge] of HEDGES) if (pattern.test(tail)) return hedge;
	return 'exact';
}

function hedgeWords(before: string): string {
	const tail = before.slice(-HEDGE_REACH);
	for (const [pattern] of HEDGES) {
		const match = pattern.exec(tail);
		if (match) return match[0];
	}
	return '';
}

/** Where a text writes a name that holds a number ("District 12", "Route 66"): [start, end) offsets. */
export type NumberedNames = (text: string) => readonly (readonly [number, number])[];

/**
 * Every number written in a clause except years and numbers inside names, with what its words say
 * about its precision.
 */
export function writtenNumbers(
	clause: string,
	names: NumberedNames = () => [],
): (WrittenNumber & { start: number; end: number })[] {
	const found: (WrittenNumber & { start: number; end: number })[] = [];
	const spans = names(clause);
	for (const match of clause.matchAll(NUMBER)) {
		const [whole, integer = '', fraction, scaleWord, percentWord] = match;
		if (!fraction && !scaleWord && !percentWord && YEAR.test(integer)) continue;
		const [start, end] = [match.index, match.index + whole.length];
		if (spans.some(([from, to]) => from <= start && end <= to)) continue;
		const scale = scaleWord ? SCALE[scaleWord.toLowerCase()]! : 1;
		const digits = integer.replaceAll(',', '');
		const value = Number(`${digits}${fraction ? `.${fraction}` : ''}`) * scale;
		// The unit of the last significant digit: trailing zeros of a whole number are not significant.
		const unit = fraction
			? 10 ** -fraction.length * scale
			: 10 ** (digits.length - digits.replace(/0+$/, '').length || 0) * scale;
		const before = clause.slice(Math.max(0, match.index - HEDGE_REACH), match.index);
		const hedgeText = hedgeWords(before);
		found.push({
			text: `${hedgeText}${whole}`.trim(),
			value,
			unit: digits === '0' ? 1 : unit,
			hedge: hedgeBefore(before),
			percent: Boolean(percentWord),
			record: /\b(?:a )?record\s*(?:high of\s*)?$/i.test(before),
			start: match.index - hedgeText.length,
			end: match.index + whole.length,
		});
	}
	// "five thousand", "two million", "half a million": a number in words with its scale, written to
	// the precision of the scale.
	for (const match of clause.matchAll(WORDED_NUMBER)) {
		const [whole, word = '', scaleWord = ''] = match;
		const [start, end] = [match.index, match.index + whole.length];
		if (found.some((n) => n.start < end && start < n.end)) continue;
		const scale = SCALE[scaleWord.toLowerCase()]!;
		const count =
			word.toLowerCase() === 'half a'
				? 0.5
				: word.toLowerCase() === 'a'
					? 1
					: NUMBER_NAMES.indexOf(word.toLowerCase());
		const before = clause.slice(Math.max(0, match.index - HEDGE_REACH), match.index);
		const hedgeText = hedgeWords(before);
		found.push({
			text: `${hedgeText}${whole}`.trim(),
			value: count * scale,
			unit: count === 0.5 ? scale / 2 : scale,
			hedge: hedgeBefore(before),
			percent: false,
			record: /\b(?:a )?record\s*(?:high of\s*)?$/i.test(before),
			start: match.index - hedgeText.length,
			end,
		});
	}
	return found.sort((a, b) => a.start - b.start);
}

const NUMBER_NAMES =
	'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
		' ',
	);
const WORDED_NUMBER =
	/\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|half a|a)\s+(thousand|million|billion)\b/gi;

/** Words of a change between two figures, left out when each figure is read as its own claim. */
const CHANGE_WORDS =
	/\b(?:rose|rise|rises|rising|risen|fell|fall|falls|falling|fallen|grew|grow|grows|growing|grown|increased|increasing|decreased|decreasing|jumped|climbed|dropped|declined|went up|went down)\b/gi;

/**
 * The claims of a message, in the order written. `names` finds the names that hold a number ("District
 * 12"): those numbers are part of what a claim is about, not claimed.
 */
export function findClaims(message: string, names?: NumberedNames): Claim[] {
	const claims: Claim[] = [];
	for (const clause of clauses(message)) {
		const factor = FACTOR_WORDS.find(([pattern]) => pattern.test(clause));
		// "3 times", "2.6-fold", "x3": a factor. "visited 9,985 times" is a count, not a factor.
		const times =
			/(?<![\d,.])\b(\d{1,2}(?:\.\d+)?|two|three|four|five|six|ten)[- ]?(?:times|fold|x)\b|\bx\s?(\d{1,2}(?:\.\d+)?)\b(?![,.]\d)/i.exec(
				clause,
			);
		const byPercent =
			/\b(?:by|of)\s+((?:about|around|roughly|nearly|almost|over|more than|some)\s+)?(\d+(?:\.\d+)?)\s?(%|per ?cent|percent)/i.exec(
				clause,
			);
		const up = UP.test(clause);
		const down = DOWN.test(clause);
		const numbers = writtenNumbers(clause, names);
		// A change: a factor ("tripled", "2.6-fold") or a % with a direction ("grew by 54%").
		const change = Boolean(factor || times || ((up || down) && byPercent));
		if (!change) {
			// "more … than …" with no number: one figure above another.
			const comparative =
				/\b(more|higher|larger|bigger|greater|fewer|less|lower|smaller)\b(?:(?!\bthan\b).)*\bthan\b/i.exec(
					clause,
				);
			if (comparative && numbers.length === 0) {
				const direction = /^(fewer|less|lower|smaller)$/i.test(comparative[1]!) ? 'less' : 'more';
				claims.push({
					text: clause,
					about: tidy(clause.replace(comparative[1]!, ' ').replace(/\bthan\b/i, ' ')),
					claim: { kind: 'comparison', direction },
				});
				continue;
			}
			// "most came by rail", "the fewest by sea": the named part leads (or trails) its breakdown.
			const superlative =
				/\b(?:the )?(most|largest|biggest|highest|greatest|majority|least|fewest|smallest|lowest)\b/i.exec(
					clause,
				);
			if (superlative && numbers.length === 0 && !/\bmost recent\b/i.test(clause)) {
				const direction = /^(least|fewest|smallest|lowest)$/i.test(superlative[1]!) ? 'least' : 'most';
				claims.push({
					text: clause,
					about: tidy(clause.replace(superlative[0], ' ').replace(/\b(?:of|the)\s*$/i, '')),
					claim: { kind: 'superlative', direction },
				});
				continue;
			}
		}
		// A change with no number ("fell in 2025") is a claim of direction.
		const directionOnly = (up || down) && numbers.length === 0;
		if (change || directionOnly) {
			const moreThan = /\bmore than\s+(?:doubled|tripled|trebled|quadrupled|\w+[- ]?(?:times|fold))/i.test(
				clause,
			);
			const nearly = /\b(?:nearly|almost)\s+(?:doubled|tripled|trebled|quadrupled|\w+[- ]?(?:times|fold))/i.test(
				clause,
			);
			const about = /\b(?:about|around|roughly|some)\s+(?:\w+[- ]?(?:times|fold))/i.test(clause);
			const hedge: Hedge = moreThan ? 'over' : nearly ? 'nearly' : about ? 'about' : 'exact';
			let factorNumber: WrittenNumber | null = null;
			let percentNumber: WrittenNumber | null = null;
			let strip = clause;
			if (factor) {
				const written = factor[0].exec(clause)![0];
				factorNumber = { text: written, value: factor[1], unit: 0.1, hedge, percent: false, record: false };
				strip = strip.replace(factor[0], ' ');
			} else if (times) {
				const written = times[1] ?? times[2] ?? '';
				const value = SMALL[written.toLowerCase()] ?? Number(written);
				const decimals = written.includes('.') ? written.split('.')[1]!.length : 1;
				factorNumber = { text: times[0], value, unit: 10 ** -decimals, hedge, percent: false, record: false };
				strip = strip.replace(times[0], ' ');
			} else if (byPercent) {
				const hedgeText = byPercent[1] ?? '';
				const written = byPercent[2]!;
				const decimals = written.includes('.') ? written.split('.')[1]!.length : 0;
				percentNumber = {
					text: `${hedgeText}${written}${byPercent[3]}`,
					value: Number(written),
					unit: 10 ** -decimals,
					hedge: hedgeBefore(hedgeText),
					percent: true,
					record: false,
				};
				strip = strip.replace(byPercent[0], ' ');
			}
			const direction = factorNumber ? (factorNumber.value >= 1 ? 'up' : 'down') : down && !up ? 'down' : 'up';
			claims.push({
				text: clause,
				about: tidy(
					strip
						.replace(/\b(?:more than|nearly|almost|about|around|roughly)\b/gi, ' ')
						.replace(UP, ' ')
						.replace(DOWN, ' '),
				),
				claim: { kind: 'change', factor: factorNumber, percent: percentNumber, direction },
			});
			continue;
		}
		if (numbers.length === 0) continue;
		// What each number is about: the clause without its numbers (the others are other claims),
		// the same for every number of the clause. "visited 9,985 times": the times are the number's
		// unit, not a comparison.
		const parts: string[] = [];
		let from = 0;
		for (const number of numbers) {
			parts.push(clause.slice(from, number.start));
			from = number.end;
			const times = /^\s*times\b/i.exec(clause.slice(from, from + 16));
			if (times) from += times[0].length;
		}
		parts.push(clause.slice(from));
		const about = tidy(parts.join(' ').replace(/\b(?:a )?record\b/gi, ' '));
		// "rose from 6,469 in 2024 to 9,985 in 2025": as many years as numbers, in the same order, each
		// number is a claim about its own year (two claims, never a comparison of the two).
		const years = [...clause.matchAll(/\b(?:1[89]|20)\d{2}\b/g)].filter(
			(y) => !numbers.some((n) => y.index >= n.start && y.index < n.end),
		);
		if (
			numbers.length > 1 &&
			years.length === numbers.length &&
			numbers.every((n, i) => n.start < years[i]!.index + 4)
		) {
			numbers.forEach((number, i) => {
				const others = years.filter((_, k) => k !== i).map((y) => y[0]);
				const own = tidy(
					about
						.replace(/\b(?:1[89]|20)\d{2}\b/g, (year) => (others.includes(year) ? ' ' : year))
						.replace(CHANGE_WORDS, ' '),
				);
				claims.push({ text: clause, about: own, claim: { kind: 'value', number } });
			});
			continue;
		}
		for (const number of numbers) claims.push({ text: clause, about, claim: { kind: 'value', number } });
	}
	return claims;
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/** How far from a written number the true value may be and still be what it says. */
export function tolerance(number: WrittenNumber): { low: number; high: number } {
	const { value, hedge } = number;
	// As written, a number says its value to its last significant digit: "9,985" is 9,985, "9,990"
	// any value that rounds to it. A round number is read to two significant digits at least
	// ("10,000" as 10,000 ± 500, not anything from 5,000 to 15,000).
	const twoDigits = Math.abs(value) >= 100 ? 10 ** (Math.floor(Math.log10(Math.abs(value))) - 1) : number.unit;
	const unit = Math.min(number.unit, twoDigits);
	const half = unit / 2;
	// "about", "some", "around": 10% either way, or half the unit if the number is written coarser.
	const about = Math.max(unit / 2, Math.abs(value) * 0.1);
	switch (hedge) {
		case 'exact':
			return { low: value - half, high: value + half };
		case 'about':
			return { low: value - about, high: value + about };
		case 'nearly':
			// Nearly X: a little under X, never over it.
			return { low: value - about, high: value };
		case 'over':
			return { low: value, high: Infinity };
		case 'at_least':
			return { low: value, high: Infinity };
		case 'under':
			return { low: -Infinity, high: value };
		case 'at_most':
			return { low: -Infinity, high: value };
	}
}

/** Whether a figure's value (within its own qualifier) can be what the number says. */
export function agrees(number: WrittenNumber, figure: Figure): boolean {
	return valueAgrees(number, Number(figure.value), figure.qualifier);
}

/** As `agrees`, for a value and the qualifier it was stated with. */
export function valueAgrees(number: WrittenNumber, actual: number, qualifier: Figure['qualifier'] = 'exact'): boolean {
	const { low, high } = tolerance(number);
	const open = number.hedge === 'over' || number.hedge === 'under';
	const inside = (x: number) => (open ? x > low && x < high : x >= low && x <= high);
	switch (qualifier) {
		// The data gives a bound: the claim agrees when the ranges can meet.
		case 'over':
		case 'at_least':
			return high > actual || (high === actual && !open);
		case 'under':
			return low < actual;
		case 'approximately':
		case 'estimate': {
			// The data itself is about this much: the claim's range may meet the data's ±5%.
			const margin = Math.abs(actual) * 0.05;
			return high >= actual - margin && low <= actual + margin;
		}
		default:
			return inside(actual);
	}
}
