import { comparePeriods } from '../data/period.js';
import { isPercentMetric, unitScale } from '../data/constraints.js';
import { dimensionValue } from '../data/dimensionValues.js';
import type { Dataset, Figure } from '../data/types.js';
import type { FigureGroup } from '../engine/answer.js';
import { type Claim, type Verdict, type WrittenNumber, findClaims, valueAgrees } from '../engine/claims.js';
import { normalizePhrase } from '../question/normalize.js';
import { periodLabel } from '../question/periods.js';
import type { Library, LibraryAnswer } from './createLibrary.js';

/** One claim of a message, judged against the data. */
export interface ClaimCheck {
	/** The words judged. */
	claim: string;
	verdict: Verdict;
	/** The figures the claim was compared with, the leading one first. */
	figures: Figure[];
	/** The dataset those figures come from (null when nothing was compared). */
	dataset: Dataset | null;
	/** What the data says, in sentences, with the gap and who says what. */
	explanation: string[];
	/** The sentence that would be right, for a claim that differs or follows a disputed figure. */
	correction: string | null;
}

/** Readings of one claim the data offers (several periods when it names none): at most this many are judged. */
const MAX_READINGS = 4;

/** One formatter per number of decimals: building an Intl.NumberFormat costs more than using it. */
const formats = new Map<number, Intl.NumberFormat>();
const fmt = (n: number, digits = 0) => {
	let format = formats.get(digits);
	if (!format) formats.set(digits, (format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })));
	return format.format(n);
};
const valueOf = (f: Figure) => Number(f.value);
const qualifierWords: Readonly<Record<Figure['qualifier'], string>> = {
	exact: '',
	record: 'a record ',
	approximately: 'about ',
	estimate: 'an estimated ',
	over: 'over ',
	at_least: 'at least ',
	under: 'under ',
};
const SCALES = { thousand: 1e3, million: 1e6, billion: 1e9 } as const;
/** A figure as its source states it: "an estimated 7,000", "6.62 million". */
const stated = (f: Figure) =>
	`${qualifierWords[f.qualifier]}${f.display ? `${fmt(valueOf(f) / SCALES[f.display], 6)} ${f.display}` : fmt(valueOf(f), 6)}`;

/**
 * The most claims of one message that are judged. Each claim is a look-up in the library; a message
 * of a thousand numbers would hold the data worker for seconds. The rest are counted and the reply
 * says so.
 */
export const MAX_CLAIMS = 25;

/** A message's claims as judged: the first MAX_CLAIMS, and how many more were found and left unjudged. */
export interface MessageCheck {
	checks: ClaimCheck[];
	unchecked: number;
}

/** The claims of a message, each judged on its own, in the order written (at most MAX_CLAIMS of them). */
export function checkMessage(library: Library, message: string, now: Date): MessageCheck {
	const claims = findClaims(message, library.numberedNames);
	// The claims of one clause are about the same words: each look-up is made once per message.
	const answers = new Map<string, LibraryAnswer>();
	const ask: Ask = (question) => {
		let found = answers.get(question);
		if (!found) answers.set(question, (found = library.ask(question, now)));
		return found;
	};
	return {
		checks: claims.slice(0, MAX_CLAIMS).map((claim) => checkClaim(library, claim, ask)),
		unchecked: Math.max(0, claims.length - MAX_CLAIMS),
	};
}

/** A question put to the library, answered once per message. */
type Ask = (question: string) => LibraryAnswer;

function checkClaim(library: Library, claim: Claim, ask: Ask): ClaimCheck {
	switch (claim.claim.kind) {
		case 'value':
			return checkValue(library, claim, claim.claim.number, ask);
		case 'change':
			return checkChange(library, claim, ask);
		case 'comparison':
			return checkComparison(library, claim, claim.claim.direction, ask);
		case 'superlative':
			return checkSuperlative(library, claim, claim.claim.direction, ask);
	}
}

const notInData = (claim: Claim, why: string, dataset: Dataset | null = null): ClaimCheck => ({
	claim: claim.text,
	verdict: 'not_in_data',
	figures: [],
	dataset,
	explanation: [why],
	correction: null,
});

/** The figure groups a claim's words name: one per reading (a period, a slice), or why there are none. */
function readingsOf(library: Library, about: string, ask: Ask): { groups: FigureGroup[]; dataset: Dataset } | string {
	const { answer, dataset } = ask(about);
	if (answer.status === 'not_found') return answer.reason ?? 'The data has no figure for this.';
	const engine = library.engine(dataset.id)!;
	if (answer.status === 'ambiguous') {
		const groups = answer.candidates
			.map((c) => library.figure(c.query))
			.filter((f): f is Figure => f !== undefined)
			.slice(0, MAX_READINGS)
			.map((f) => engine.group(f));
		return groups.length > 0
			? { groups, dataset }
			: (answer.reason ?? 'The claim can be read in more than one way.');
	}
	const body = answer.body;
	if (body?.kind === 'figures') return { groups: body.groups.slice(0, MAX_READINGS), dataset };
	return `The data answers "${about}" with a ${body?.kind ?? 'reply'}, not a single figure to compare the number with.`;
}

function checkValue(library: Library, claim: Claim, number: WrittenNumber, ask: Ask): ClaimCheck {
	const found = readingsOf(library, claim.about, ask);
	if (typeof found === 'string') return notInData(claim, found);
	const { groups, dataset } = found;
	let comparable = groups.filter((g) => number.percent === isPercentMetric(g.primary.metric));
	// "150 million people": the word after the number is its unit; where some figures are in it (people,
	// not years of life expectancy), the claim is about those only.
	const end = (number as WrittenNumber & { end?: number }).end;
	const unit =
		end === undefined ? null : (/^\s*([\p{L}]{3,})/u.exec(claim.text.slice(end))?.[1]?.toLowerCase() ?? null);
	if (unit) {
		const singular = unit.replace(/s$/, '');
		const inUnit = comparable.filter((g) =>
			`${g.primary.metric.unit} ${g.primary.metric.label}`
				.toLowerCase()
				.split(/[^\p{L}]+/u)
				.some((w) => w === unit || w.replace(/s$/, '') === singular),
		);
		if (inUnit.length > 0) comparable = inUnit;
		// "9 people per km²": where one measure's unit is written out further than another's ("people"
		// of population), the claim is about that one.
		if (comparable.length > 1) {
			const written = unitWords(claim.text.slice(end)).filter((w, i) => i > 0 || !(w in SCALES));
			const reach = comparable.map((g) => unitReach(written, unitWords(g.primary.metric.unit)));
			const best = Math.max(...reach);
			if (best > 0) comparable = comparable.filter((_, i) => reach[i] === best);
		}
	}
	if (comparable.length === 0)
		return notInData(
			claim,
			number.percent
				? `The claim gives a percentage; the data's figure for this is a count (${library.labelOf(groups[0]!.primary)}).`
				: `The claim gives a count; the data's figure for this is a percentage (${library.labelOf(groups[0]!.primary)}).`,
			dataset,
		);
	const judged = comparable.map((group) =>
		recordCheck(library, claim, number, judgeValue(library, claim, number, group), ask),
	);
	if (judged.length === 1) return { ...judged[0]!, dataset };
	// The claim does not say which (no year, or words that fit several figures): judged against each.
	const periods = new Set(comparable.map((g) => g.primary.period.key));
	const which =
		periods.size > 1
			? `The claim names no period; the data has ${[...periods].map((k) => k).join(', ')}.`
			: 'The claim can be read as more than one figure.';
	const verdicts = new Set(judged.map((j) => j.verdict));
	const verdict: Verdict = verdicts.size === 1 ? judged[0]!.verdict : 'not_in_data';
	return {
		claim: claim.text,
		verdict,
		figures: judged.flatMap((j) => j.figures),
		dataset,
		explanation: [
			which,
			...judged.map(
				(j, i) =>
					`${library.labelOf(comparable[i]!.primary)}: ${j.verdict.replace('_', ' ')}. ${j.explanation.join(' ')}`,
			),
		],
		correction: null,
	};
}

/**
 * A figure's value in the claim's terms: "21,783 million dinars" of a measure in "million KWD" is
 * 21,783 millions; the same number written bare ("GDP of 21,783") is in the measure's own unit.
 */
function valueFor(number: WrittenNumber, figure: Figure): number {
	const scale = unitScale(figure.metric.unit);
	const scaled = /\d\s*(?:thousand|million|billion|bn|mn|k|m)\b/i.test(number.text);
	return scale && scaled ? valueOf(figure) * SCALES[scale] : valueOf(figure);
}

/** A unit's words, as written or as a measure gives it: "people per km²" → people, per, km2. */
const unitWords = (text: string): string[] =>
	text
		.toLowerCase()
		.replaceAll('²', '2')
		.split(/[^\p{L}\d]+/u)
		.filter(Boolean);

/**
 * How far a measure's unit is written right after the claim's number: twice the words written in
 * order, and one more where the whole unit is ("people" beats "people per km²" in "people in 2005").
 */
function unitReach(written: readonly string[], unit: readonly string[]): number {
	let n = 0;
	while (n < unit.length && n < written.length && written[n]!.replace(/s$/, '') === unit[n]!.replace(/s$/, '')) n++;
	return n === 0 ? 0 : 2 * n + (n === unit.length ? 1 : 0);
}

function judgeValue(library: Library, claim: Claim, number: WrittenNumber, group: FigureGroup): ClaimCheck {
	const { primary, others } = group;
	const figures = [primary, ...others.map((o) => o.figure)];
	const label = library.labelOf(primary);
	const unit = primary.metric.unit === '%' ? '%' : ` ${primary.metric.label}`;
	const otherLines = others.map((o) => `${o.figure.source.originator} gives ${stated(o.figure)}.`);
	const base = { claim: claim.text, figures, dataset: null };
	if (valueAgrees(number, valueFor(number, primary), primary.qualifier)) {
		return {
			...base,
			verdict: 'matches',
			explanation: [`${label}: ${stated(primary)}${unit} (${primary.source.originator}).`, ...otherLines],
			correction: null,
		};
	}
	const followed = others.find((o) => valueAgrees(number, valueFor(number, o.figure), o.figure.qualifier));
	const correction = claim.text.replace(number.text, stated(primary));
	if (followed) {
		return {
			...base,
			verdict: 'disputed',
			explanation: [
				`The claim follows ${followed.figure.source.originator} (${stated(followed.figure)}); ${primary.source.originator} gives ${stated(primary)}${unit} for ${label}.`,
				...otherLines.filter((_, i) => others[i] !== followed),
			],
			correction,
		};
	}
	const actual = valueFor(number, primary);
	const gap = number.value - actual;
	const percent = actual === 0 ? null : (gap / actual) * 100;
	return {
		...base,
		verdict: 'differs',
		explanation: [
			`${label}: ${stated(primary)}${unit} (${primary.source.originator}). The claim's ${number.text} is ${fmt(Math.abs(gap), 2)} ${gap > 0 ? 'more' : 'less'}${percent === null ? '' : ` (${gap > 0 ? '+' : '−'}${fmt(Math.abs(percent), 1)}%)`}.`,
			...otherLines,
		],
		correction,
	};
}

/**
 * "A record 10,000": the number must also be the highest of its series. A claim that matches its
 * figure but not the series' peak differs, naming the peak.
 */
function recordCheck(library: Library, claim: Claim, number: WrittenNumber, check: ClaimCheck, ask: Ask): ClaimCheck {
	if (!number.record || check.verdict !== 'matches') return check;
	const figure = check.figures[0]!;
	const series = readingsOf(library, claim.about.replace(/\b(?:in|of|during)?\s*(?:1[89]|20)\d\d\b/gi, ' '), ask);
	if (typeof series === 'string') return check;
	const peak = series.groups
		.map((g) => g.primary)
		// A record is the highest so far: periods after the claim's do not count.
		.filter(
			(f) =>
				f.metric === figure.metric &&
				f.source === figure.source &&
				comparePeriods(f.period, figure.period) <= 0,
		)
		.reduce((best, f) => (valueOf(f) > valueOf(best) ? f : best), figure);
	const earlier = series.groups.filter(
		(g) => g.primary.metric === figure.metric && comparePeriods(g.primary.period, figure.period) < 0,
	);
	if (peak === figure || valueOf(peak) <= valueOf(figure)) {
		const said =
			earlier.length === 0
				? 'The data has no earlier figure for this, so it cannot say whether it was a record.'
				: 'It is the highest the data has for this up to then.';
		return { ...check, explanation: [...check.explanation, said] };
	}
	return {
		...check,
		verdict: 'differs',
		figures: [...check.figures, peak],
		explanation: [...check.explanation, `Not a record: ${library.labelOf(peak)} was higher, ${stated(peak)}.`],
		correction: claim.text.replace(/\b(?:a )?record(?:-breaking)?\s*/i, ''),
	};
}

function checkChange(library: Library, claim: Claim, ask: Ask): ClaimCheck {
	if (claim.claim.kind !== 'change') throw new TypeError('not a change claim');
	const { answer, dataset } = ask(`${claim.about} growth`);
	if (answer.status === 'not_found')
		return notInData(claim, answer.reason ?? 'The data has no two periods to compare.', dataset);
	if (answer.status === 'ambiguous' || answer.body?.kind !== 'comparison')
		return notInData(claim, 'The claim can be read in more than one way; name the figure and the period.', dataset);
	const { a, b } = answer.body.comparison;
	const main = judgeChange(library, claim, a.primary, b.primary);
	const noted = answer.notes.some((n) => n.startsWith('Compared the two latest'))
		? [`The claim names no period; the data's two latest are ${main.span}.`]
		: [];
	// A category named only by a looser word ("tourism" for tourists) may mean the whole: judged both ways.
	const whole = wholeOf(dataset, claim, a.primary, b.primary);
	if (whole) {
		const other = judgeChange(library, claim, whole[0], whole[1]);
		const verdict: Verdict = main.agrees === other.agrees ? (main.agrees ? 'matches' : 'differs') : 'not_in_data';
		return {
			claim: claim.text,
			verdict,
			figures: [a.primary, b.primary, whole[0], whole[1]],
			dataset,
			explanation: [
				`The claim does not say whether it means ${whole[2]} or all ${a.primary.metric.label}; judged against each.`,
				`${main.what} ${main.agrees ? 'Matches.' : `Differs: the claim says ${main.said}.`}`,
				`${other.what} ${other.agrees ? 'Matches.' : `Differs: the claim says ${other.said}.`}`,
				...noted,
			],
			correction: null,
		};
	}
	return {
		claim: claim.text,
		verdict: main.agrees ? 'matches' : 'differs',
		figures: [a.primary, b.primary],
		dataset,
		explanation: [
			main.what,
			...(main.agrees ? [] : [`The claim says ${main.said}.`]),
			...(main.inexact ? ['Some of these figures are estimates or bounds, so the change is approximate.'] : []),
			...noted,
		],
		correction: main.agrees
			? null
			: main.rightFactor && claim.claim.factor
				? claim.text.replace(claim.claim.factor.text, main.rightFactor)
				: main.rightWords === null
					? null
					: `${claim.about} ${main.rightWords} (${main.span})`,
	};
}

/** A change from `before` to `after` against what the claim says of it. */
function judgeChange(library: Library, claim: Claim, after: Figure, before: Figure) {
	if (claim.claim.kind !== 'change') throw new TypeError('not a change claim');
	const { factor, percent, direction } = claim.claim;
	const [later, earlier] = [valueOf(after), valueOf(before)];
	const ratio = earlier === 0 ? null : later / earlier;
	const change = ratio === null ? null : (ratio - 1) * 100;
	// "Three times as many went to South Korea as to North Korea": two things of one period, a ratio.
	const twoThings = after.period.key === before.period.key;
	const span = twoThings ? periodLabel(after.period) : `${periodLabel(before.period)} → ${periodLabel(after.period)}`;
	const what = twoThings
		? `${library.labelOf(after)}: ${stated(after)}; ${library.labelOf(before)}: ${stated(before)}${ratio === null ? '' : ` (×${fmt(ratio, 2)})`}.`
		: `${library.labelOf(after).replace(/, [^,]*$/, '')}: ${stated(before)} → ${stated(after)} (${span}${ratio === null ? '' : `, ×${fmt(ratio, 2)}, ${change! >= 0 ? '+' : '−'}${fmt(Math.abs(change!), 1)}%`}).`;
	let agrees: boolean;
	let said: string;
	if (factor && ratio !== null) {
		agrees = factorAgrees(factor, ratio);
		said = factor.text;
	} else if (percent && change !== null) {
		agrees = valueAgrees(percent, direction === 'down' ? -change : change);
		said = `${direction === 'down' ? 'a fall' : 'a rise'} of ${percent.text}`;
	} else {
		agrees = direction === 'up' ? later > earlier : later < earlier;
		said = direction === 'up' ? 'a rise' : 'a fall';
	}
	// A change between figures that are not exact (estimates, bounds) is as uncertain as they are.
	const inexact = [after, before].some((f) => f.qualifier !== 'exact' && f.qualifier !== 'record');
	const rightWords =
		ratio === null
			? null
			: twoThings
				? null
				: ratio >= 1.95
					? `rose ${fmt(ratio, 1)}-fold`
					: ratio >= 1
						? `rose ${fmt(change!, 0)}%`
						: `fell ${fmt(-change!, 0)}%`;
	// The factor as it should have been written, in the claim's own sentence.
	const rightFactor = twoThings && factor && ratio !== null ? `${fmt(ratio, 1)} times` : null;
	return { agrees, said, what, span, inexact, rightWords, rightFactor };
}

/**
 * The totals of both periods, when the figures are a category the claim names only by a looser word
 * than its label ("tourism" for the purpose "tourists"): the claim may mean the whole.
 */
function wholeOf(dataset: Dataset, claim: Claim, after: Figure, before: Figure): [Figure, Figure, string] | null {
	const words = ` ${normalizePhrase(claim.text)} `;
	const partOf = (f: Figure) => dataset.breakdowns.find((b) => b.parts.includes(f) && b.dimension.role === null);
	const [ba, bb] = [partOf(after), partOf(before)];
	if (!ba || !bb || ba.dimension !== bb.dimension) return null;
	const value = dimensionValue(ba.dimension, after.dims[ba.dimension.id]);
	if (!value) return null;
	// Named by its label ("tourists"), the category is meant; by another of its words, perhaps not.
	const named = words.includes(` ${normalizePhrase(value.label)} `);
	return named ? null : [ba.total, bb.total, value.label.toLowerCase()];
}

/** "tripled" is ×3 within 10%; "more than doubled" over ×2; "nearly tripled" ×2.7 to ×3; "about" within 15%. */
function factorAgrees(factor: WrittenNumber, ratio: number): boolean {
	const v = factor.value;
	switch (factor.hedge) {
		case 'over':
		case 'at_least':
			return ratio > v;
		case 'nearly':
			return ratio >= v * 0.9 && ratio <= v;
		case 'about':
			return ratio >= v * 0.85 && ratio <= v * 1.15;
		case 'under':
		case 'at_most':
			return ratio < v;
		default:
			return ratio >= v * 0.9 && ratio <= v * 1.1;
	}
}

/** "More Russians visited South Korea than North Korea in 2025": the first figure named against the second. */
function checkComparison(library: Library, claim: Claim, direction: 'more' | 'less', ask: Ask): ClaimCheck {
	const { answer, dataset } = ask(`compare ${claim.about}`);
	if (answer.status === 'not_found')
		return notInData(claim, answer.reason ?? 'The data has no two figures to compare.', dataset);
	if (answer.body?.kind !== 'comparison' || answer.body.comparison.basis !== 'value')
		return notInData(
			claim,
			'The claim does not name two things the data can set side by side; name both, and the year.',
			dataset,
		);
	const { a, b } = answer.body.comparison;
	const [first, second] = [valueOf(a.primary), valueOf(b.primary)];
	const agrees = direction === 'more' ? first > second : first < second;
	return {
		claim: claim.text,
		verdict: agrees ? 'matches' : 'differs',
		figures: [a.primary, b.primary],
		dataset,
		explanation: [
			`${library.labelOf(a.primary)}: ${stated(a.primary)}; ${library.labelOf(b.primary)}: ${stated(b.primary)}.`,
			...(agrees
				? []
				: [
						`The first is ${first === second ? 'equal to' : first > second ? 'more than' : 'less than'} the second, not ${direction === 'more' ? 'more' : 'less'}.`,
					]),
		],
		correction: null,
	};
}

/** "Most came by rail": the part the claim names must lead its breakdown (or trail it, for "fewest"). */
function checkSuperlative(library: Library, claim: Claim, direction: 'most' | 'least', ask: Ask): ClaimCheck {
	const found = readingsOf(library, claim.about, ask);
	if (typeof found === 'string') return notInData(claim, found);
	const { groups, dataset } = found;
	if (groups.length !== 1)
		return notInData(claim, 'The claim can be read as more than one figure (name the year).', dataset);
	const figure = groups[0]!.primary;
	const breakdown = dataset.breakdowns.find((b) => b.parts.includes(figure));
	if (!breakdown)
		return notInData(
			claim,
			`The data has no breakdown that ${library.labelOf(figure)} is a part of, so it cannot say what leads.`,
			dataset,
		);
	const ranked = [...breakdown.parts].sort((x, y) =>
		direction === 'most' ? valueOf(y) - valueOf(x) : valueOf(x) - valueOf(y),
	);
	const leader = ranked[0]!;
	const agrees = valueOf(leader) === valueOf(figure);
	const what = breakdown.dimension.label.toLowerCase();
	const extreme = direction === 'most' ? 'largest' : 'smallest';
	return {
		claim: claim.text,
		verdict: agrees ? 'matches' : 'differs',
		figures: agrees ? [figure] : [figure, leader],
		dataset,
		explanation: [
			agrees
				? `${library.labelOf(figure)}: ${stated(figure)}, the ${extreme} by ${what}.`
				: `${library.labelOf(figure)}: ${stated(figure)}; the ${extreme} by ${what} is ${library.labelOf(leader)}, ${stated(leader)}.`,
		],
		correction: null,
	};
}
