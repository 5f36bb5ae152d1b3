import { SCALE_FACTORS, unitScale } from '../data/constraints.js';
import { MONTH_NAMES } from '../data/period.js';
import type { DisplayScale, Figure, Qualifier, Source } from '../data/types.js';
import { dec, div, toFixed, toPlain } from '../math/decimal.js';
import type { Bound, Computed } from '../engine/answer.js';

const QUALIFIER_WORDS: Readonly<Record<Qualifier, string>> = {
	exact: '',
	approximately: 'about ',
	over: 'over ',
	at_least: 'at least ',
	under: 'under ',
	estimate: 'an estimated ',
	record: 'a record ',
};

const BOUND_WORDS: Readonly<Record<Bound, string>> = {
	exact: '',
	approximately: 'about ',
	over: 'over ',
	at_least: 'at least ',
	at_most: 'at most ',
	under: 'under ',
};

/** 9985 → "9,985"; keeps every decimal the text has (no silent rounding). */
export function groupThousands(decimalText: string): string {
	const [whole = '', fraction] = decimalText.replace(/^-/, '').split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${decimalText.startsWith('-') ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A number in the scale its source used: ("6620000", million) → "6.62 million". */
export function formatScaled(decimalText: string, scale: DisplayScale | null): string {
	if (scale === null) return groupThousands(decimalText);
	return `${groupThousands(toPlain(div(dec(decimalText), dec(SCALE_FACTORS[scale]))))} ${scale}`;
}

/** "over 2 million", "an estimated 7,000", "9,985", "12.3 (provisional)": with the source's flags. */
export function formatFigureValue(figure: Figure): string {
	const flags = figure.flags.filter((f) => !(f === 'estimated' && figure.qualifier === 'estimate'));
	return `${QUALIFIER_WORDS[figure.qualifier]}${formatScaled(figure.value, figure.display)}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`;
}

export const formatFigureWithUnit = (figure: Figure): string =>
	`${formatFigureValue(figure)} ${measureWithScale(figure.metric)}`;

/**
 * A measure's name with the scale its unit is counted in, as a table's heading gives it: "0.927
 * viewers (millions)" of a measure "viewers" in "million viewers", never "0.927 viewers". (The value
 * is the source's, as written; "0.927 million" would be a number of another size to a reader who
 * copies the value.)
 */
export function measureWithScale(metric: Figure['metric']): string {
	const scale = unitScale(metric.unit);
	return scale && !metric.label.toLowerCase().includes(scale) ? `${metric.label} (${scale}s)` : metric.label;
}

/** " (revised from 4.1 on 14 March 2026)": for a figure the last refresh of its live table changed. */
export function revisionNote(figure: Figure): string {
	const was = figure.revised;
	if (!was) return '';
	const before = formatFigureValue({
		...figure,
		value: was.value,
		qualifier: was.qualifier,
		display: was.display,
		flags: [],
	});
	return ` (revised from ${before} on ${formatDate(was.on)})`;
}

/** A signed difference in the scale of its inputs when they share one: "+3,118", "−2,985". */
export function formatDifference(computed: Computed, scale: DisplayScale | null): string {
	const negative = computed.value.startsWith('-');
	const text = formatScaled(computed.value.replace(/^-/, ''), scale);
	return `${BOUND_WORDS[computed.bound]}${negative ? '−' : computed.value === '0' ? '' : '+'}${text}`;
}

/** Percentages to one decimal place: "+159.3%". */
export function formatPercent(computed: Computed, signed: boolean): string {
	const rounded = toFixed(dec(computed.value), 1).replace(/^-(?=0\.0$)/, '');
	const negative = rounded.startsWith('-');
	const sign = signed ? (negative ? '−' : rounded === '0.0' ? '' : '+') : negative ? '−' : '';
	return `${BOUND_WORDS[computed.bound]}${sign}${groupThousands(rounded.replace(/^-/, ''))}%`;
}

/** A computed total as it is: exact digits, its bound in words ("about 16,454", "over 2,000,000"). */
export const formatComputed = (computed: Computed): string =>
	`${BOUND_WORDS[computed.bound]}${groupThousands(computed.value)}`;

/** A computed value to at most `places` decimals, saying whether it was rounded ("≈ 3.6667"). */
export function formatExact(computed: Computed, places: number): { text: string; rounded: boolean } {
	const decimals = computed.value.split('.')[1] ?? '';
	if (decimals.length <= places) return { text: formatComputed(computed), rounded: false };
	const fixed = toFixed(dec(computed.value), places).replace(/\.?0+$/, '');
	return { text: `${BOUND_WORDS[computed.bound] || '≈ '}${groupThousands(fixed)}`, rounded: true };
}

/** Ratios to two decimal places: "2.59". */
export const formatRatio = (computed: Computed): string =>
	`${BOUND_WORDS[computed.bound]}${groupThousands(toFixed(dec(computed.value), 2))}`;

/** "28 December 2025", or a plain statement that the source gives no date. */
export function formatDate(iso: string | null): string {
	if (iso === null) return 'date not stated';
	const [y, m, d] = iso.split('-').map(Number);
	return `${d} ${MONTH_NAMES[(m ?? 1) - 1]} ${y}`;
}

export const sourceLine = (source: Source): string =>
	`${source.outlet}; ${source.originator}; ${formatDate(source.published)}${source.licence ? `; ${source.licence}` : ''}`;

/**
 * A copy-ready line for a draft: the figure as the source gives it, what it counts, and who says so,
 * when, under what licence, where. "9,985 visitors: Russians → North Korea, 2025 (Russian FSB border
 * data via NK News and Verstka, date not stated) <https://…>"
 */
export function citeLine(figure: Figure, label: string): string {
	const { source } = figure;
	const who = source.originator === source.outlet ? source.outlet : `${source.originator} via ${source.outlet}`;
	const where = figure.row ? `, ${figure.row.file} line ${figure.row.line}` : '';
	const details = [who, formatDate(source.published), ...(source.licence ? [source.licence] : [])].join(', ');
	return `${formatFigureWithUnit(figure)}: ${label} (${details}${where})${source.url ? ` <${source.url}>` : ''}`;
}

/** Who, when and under what licence, as a citation's first line: "FSB border data · date not stated · CC BY 4.0". */
export const citationByline = (source: Source, separator: string): string =>
	[source.originator, formatDate(source.published), ...(source.licence ? [source.licence] : [])].join(separator);
