import { dimsKey } from '../data/integrity.js';
import { dimensionValue } from '../data/dimensionValues.js';
import { MONTH_NAMES, comparePeriods, periodOrdinal } from '../data/period.js';
import type { Dataset, Dimension, Figure, Grain, Period, Qualifier, Source } from '../data/types.js';
import type { Answer, AnswerBody, FigureGroup } from '../engine/answer.js';
import { QUALIFIER_RANK } from '../engine/compute.js';
import { groupBy } from '../model/groupBy.js';
import { capitalize, rowName, sliceLabel } from '../engine/labels.js';
import { periodLabel } from '../question/periods.js';
import { formatComputed, formatDate, formatFigureValue, groupThousands } from './format.js';

/**
 * A chart of an answer, as data: a Vega-Lite spec of the plot (data inline, nothing fetched) and the
 * frame around it (title, notes, source line), with the alt text that says the same in words.
 * Pure: built and tested without rendering; `src/render` draws it.
 */
export interface Chart {
	kind: 'series' | 'bars';
	title: string;
	/** Lines under the title: what is drawn how (estimates hollow), parts that do not add up. */
	notes: string[];
	/** Lines at the foot: every source plotted, with outlet, originator, date and licence. */
	footer: string[];
	/** The chart in words, for screen readers: what is plotted, first and last values, the highest. */
	alt: string;
	/** Vega-Lite (v6) spec of the plot area; `src/render` sets its size. */
	spec: Record<string, unknown>;
	/**
	 * A series' time axis: its grain and each slot's place in time (the period's ordinal). The
	 * renderer picks the ticks by the labels' width: round periods (2000, 2005 …; "Jan 2009").
	 */
	time?: { grain: 'year' | 'quarter' | 'month'; first: number; last: number; step: number };
}

/** The image size Discord shows in full in an embed: 16:9. */
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 675;

/** Okabe–Ito: eight colours told apart with every common colour-vision deficiency. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'];

/**
 * Qualifiers that make a figure less than a count as stated, drawn hollow (and dashed in a series),
 * with the words a chart's note uses for them.
 */
const LOOSE_WORDS: Partial<Record<Qualifier, string>> = {
	approximately: 'about',
	estimate: 'an estimate',
	over: 'over',
	at_least: 'at least',
	under: 'under',
};
const LOOSE: ReadonlySet<string> = new Set(Object.keys(LOOSE_WORDS));
const STATED = 'Stated figure';
const LOOSE_LABEL = 'Estimate, about or over (hollow)';

/** Value labels are drawn on the points or bars when there are at most this many. */
const MAX_LABELLED = 16;
/** Months as a time axis writes them: "Jan" … "Dec". */
export const SHORT_MONTHS = MONTH_NAMES.map((m) => m.slice(0, 3));

/** A time axis' labels from a period's ordinal (year; year × 4 + quarter − 1; year × 12 + month − 1). */
export const TIME_LABELS: Readonly<Record<'year' | 'quarter' | 'month', string>> = {
	year: "'' + datum.value",
	quarter: "'Q' + (datum.value % 4 + 1) + ' ' + floor(datum.value / 4)",
	month: `[${SHORT_MONTHS.map((m) => `'${m}'`).join(',')}][datum.value % 12] + ' ' + floor(datum.value / 12)`,
};

/** Points are marked when a line has at most this many; past it, the line alone. */
const MAX_MARKED = 60;
/** More bars than this is not a chart a reader can take in; the rest are left out and said so. */
const MAX_BARS = 25;
/** A series longer than this many periods is drawn without gap slots (they would be slivers). */
const MAX_SLOTS = 400;

const GRAIN_WORD: Readonly<Record<Grain, string>> = {
	year: 'Year',
	quarter: 'Quarter',
	month: 'Month',
	day: 'Day',
	season: 'Season',
	fiscal: 'Fiscal year',
	span: 'Period',
	none: 'Period',
};

export type ChartResult = { chart: Chart } | { chart: null; reason: string };

/** The chart of an answer, or why there is none (a single number, a statement, nothing found). */
export function chartFor(answer: Answer, dataset: Dataset): ChartResult {
	if (answer.status !== 'answered' || !answer.body) return { chart: null, reason: 'There is no answer to chart.' };
	const chart = chartOfBody(answer.body, dataset);
	if (!chart && (answer.body.kind === 'changes' || answer.body.kind === 'totals'))
		return {
			chart: null,
			reason: 'A ranking by change or by a total over periods is not drawn yet; ask for the ranking of one period ("which … the most in 2010") to chart it.',
		};
	return chart
		? { chart }
		: {
				chart: null,
				reason: 'A single figure or a text answer has nothing to chart; ask for a series ("… by year"), a comparison, a breakdown or a ranking.',
			};
}

function chartOfBody(body: AnswerBody, dataset: Dataset): Chart | null {
	switch (body.kind) {
		case 'figures': {
			const series = seriesChart(body.groups, dataset);
			if (series) return series;
			// One quantity the sources give differently: a bar for each source, the gap named.
			const only = body.groups.length === 1 ? body.groups[0]! : null;
			return only && plotted(only).length >= 2 ? conflictChart(dataset, plotted(only)) : null;
		}
		case 'comparison': {
			const { a, b } = body.comparison;
			const [first, second] = comparePeriods(a.primary.period, b.primary.period) <= 0 ? [a, b] : [b, a];
			const { label } = byDifference(dataset, [first.primary, second.primary]);
			return barChart(dataset, titleOfComparison(dataset, first, second), [first, second], [], label);
		}
		case 'breakdown': {
			const { breakdown } = body;
			const notes: string[] = [];
			const check = breakdown.check;
			if (check && check.gap !== '0') {
				notes.push(
					`The parts add up to ${groupThousands(check.partsSum)}; the total given is ${formatFigureValue(check.total)} (${check.gap.startsWith('-') ? '' : '+'}${groupThousands(check.gap)} not in any part).`,
				);
			}
			// Parts by size, largest first (as Datawrapper and OWID sort bars); periods stay in time order.
			const groups = breakdown.parts
				.map((p) => p.group)
				.sort((a, b) => Number(b.primary.value) - Number(a.primary.value));
			if (breakdown.of > groups.length)
				notes.push(
					`The first ${groups.length} of ${groupThousands(String(breakdown.of))} ${breakdown.dimension.label.toLowerCase()} values are drawn.`,
				);
			const first = groups[0]?.primary;
			if (!first) return null;
			const total = breakdown.total ? `, total ${formatFigureValue(breakdown.total.primary)}` : '';
			const title = `${sliceLabel(dataset, withoutDim(first.dims, breakdown.dimension.id), first.metric)} by ${breakdown.dimension.label.toLowerCase()}, ${periodLabel(first.period)}${total}`;
			return barChart(dataset, title, groups, notes, dimLabel(breakdown.dimension));
		}
		case 'ranking': {
			const { ranking } = body;
			const first = ranking.items[0]?.group.primary;
			if (!first) return null;
			// "Deaths by kind of disaster, 2010", and "lowest first" where it is (highest first goes unsaid).
			const title = `${sliceLabel(dataset, withoutDim(first.dims, ranking.dimension.id), first.metric)} by ${ranking.dimension.label.toLowerCase()}, ${periodLabel(first.period)}${ranking.direction === 'lowest' ? ', lowest first' : ''}`;
			return barChart(
				dataset,
				title,
				ranking.items.map((i) => i.group),
				[],
				dimLabel(ranking.dimension),
				ranking.direction,
			);
		}
		case 'sum': {
			// Only the figures added up are drawn (never another source's beside them), each named by
			// what differs between them, and the total is in the title.
			const parts = body.sum.parts.map((g) => g.primary);
			const first = parts[0];
			if (!first || parts.length < 2) return null;
			const { label, sameSlice, samePeriod } = byDifference(dataset, parts);
			const what = sameSlice
				? sliceLabel(dataset, first.dims, first.metric)
				: parts.every((f) => dimsKey(f) === dimsKey(first))
					? rowName(dataset, first) || first.metric.unit
					: first.metric.label;
			const total = formatComputed(body.sum.total);
			const title = `${what}: ${parts.map(label).join(' + ')} = ${total}${samePeriod && !sameSlice ? `, ${periodLabel(first.period)}` : ''}`;
			return barChart(
				dataset,
				title,
				parts.map((f) => ({ primary: f, others: [] })),
				[`The total, ${total}, is the sum of the bars drawn.`],
				label,
			);
		}
		default:
			return null;
	}
}

/**
 * Sources that disagree on one number: a bar for each, named by who gives it, largest first, with
 * the gap between the highest and the lowest named (never averaged, never one picked).
 */
function conflictChart(dataset: Dataset, figures: readonly Figure[]): Chart | null {
	const sorted = [...figures].sort((a, b) => Number(b.value) - Number(a.value));
	const [high, low] = [sorted[0]!, sorted.at(-1)!];
	const gap = Number(high.value) - Number(low.value);
	const notes = [
		`${sorted.length} sources give this number differently: the highest, ${formatFigureValue(high)}, is ${groupThousands(String(gap))} more than the lowest, ${formatFigureValue(low)}.`,
	];
	return barChart(
		dataset,
		`${labelOf(dataset, high)}: as each source gives it`,
		sorted.map((f) => ({ primary: f, others: [] })),
		notes,
		(f) => seriesName(f.source),
	);
}

/**
 * Bars named by what differs between their figures: the period (one thing at several times), the
 * thing counted (several things at one time), or both.
 */
function byDifference(
	dataset: Dataset,
	figures: readonly Figure[],
): { label: (f: Figure) => string; sameSlice: boolean; samePeriod: boolean } {
	const first = figures[0]!;
	const sameSlice = figures.every((f) => dimsKey(f) === dimsKey(first) && f.metric === first.metric);
	const samePeriod = figures.every((f) => f.period.key === first.period.key);
	// One row's measures (gold and silver medals of one country): each bar named by its measure.
	const sameRow = samePeriod && figures.every((f) => dimsKey(f) === dimsKey(first));
	const label = (f: Figure) =>
		sameSlice
			? periodLabel(f.period)
			: sameRow
				? capitalize(f.metric.label)
				: samePeriod
					? sliceLabel(dataset, f.dims, f.metric)
					: labelOf(dataset, f);
	return { label, sameSlice, samePeriod };
}

/** A bar named by its value of one dimension ("tourists", "by air"). */
const dimLabel = (dimension: Dimension) => (f: Figure) =>
	dimensionValue(dimension, f.dims[dimension.id])?.label ?? f.dims[dimension.id] ?? dimension.label;

const withoutDim = (dims: Readonly<Record<string, string>>, id: string) =>
	Object.fromEntries(Object.entries(dims).filter(([k]) => k !== id));

function titleOfComparison(dataset: Dataset, a: FigureGroup, b: FigureGroup): string {
	const [x, y] = [a.primary, b.primary];
	if (dimsKey(x) === dimsKey(y) && x.metric === y.metric)
		return `${sliceLabel(dataset, x.dims, x.metric)}: ${periodLabel(x.period)} and ${periodLabel(y.period)}`;
	return `${labelOf(dataset, x)} and ${labelOf(dataset, y)}`;
}

const labelOf = (dataset: Dataset, f: Figure) => `${sliceLabel(dataset, f.dims, f.metric)}, ${periodLabel(f.period)}`;

/** A short name for a source in a legend: who produced the figure. */
const seriesName = (source: Source) => source.originator;

/** What a chart needs of a figure group: the leader and the other figures stated for it (no gaps). */
type Plotted = { primary: Figure; others: readonly { figure: Figure }[] };

/** Every figure of a group to plot: the leader, and other sources' figures for the very same thing. */
function plotted(group: Plotted): Figure[] {
	const { primary } = group;
	const others = group.others
		.map((o) => o.figure)
		.filter(
			(f) =>
				f.source !== primary.source &&
				dimsKey(f) === dimsKey(primary) &&
				f.metric === primary.metric &&
				f.period.key === primary.period.key,
		);
	// One figure per source: the first, the most exact (the groups are ordered so).
	const bySource = new Map<Source, Figure>([[primary.source, primary]]);
	for (const f of others) if (!bySource.has(f.source)) bySource.set(f.source, f);
	return [...bySource.values()];
}

/**
 * The most points a line draws (a 1,200-pixel plot): a longer series is drawn by a coarser period,
 * days as months and months (or quarters) as years, each point the mean of its period's figures.
 */
const MAX_POINTS = 400;
const COARSER: Readonly<Partial<Record<Grain, Grain>>> = { day: 'month', month: 'year', quarter: 'year' };
const MEAN_WORD: Readonly<Record<Grain, string>> = {
	year: 'yearly',
	quarter: 'quarterly',
	month: 'monthly',
	day: 'daily',
	season: 'seasonal',
	fiscal: 'fiscal-year',
	span: 'per-period',
	none: '',
};

/** One point of a line: a figure as stated, or the mean of a coarser period's figures. */
interface Point {
	period: Period;
	value: number;
	source: Source;
	loose: boolean;
	/** As drawn on the chart (three significant figures from a million up). */
	label: string;
	/** As the source gives it, for the words of the alt text. */
	exact: string;
}

const pointOf = (f: Figure): Point => ({
	period: f.period,
	value: Number(f.value),
	source: f.source,
	loose: LOOSE.has(f.qualifier),
	label: chartLabel(f),
	exact: withUnitSign(formatFigureValue(f), f.metric.unit),
});

/** Values from a million up are labelled in words to three significant figures ("6.17 billion"). */
const COMPACT_FROM = 1_000_000;

/**
 * A value as a chart labels it: as the source writes it (its qualifier, its scale, its unit's
 * sign: "an estimated 7,000", "12.4%", "$350,000"), except that from a million up it is given to three
 * significant figures in words, "6.17 billion", so that labels fit; the chart then says so.
 */
function chartLabel(f: Figure): string {
	const value = Number(f.value);
	const compact = Math.abs(value) >= COMPACT_FROM && f.display === null;
	const shown = compact
		? formatFigureValue({
				...f,
				value: BigInt(Number(value.toPrecision(3))).toString(),
				display: Math.abs(value) >= 1e9 ? 'billion' : 'million',
			})
		: formatFigureValue(f);
	return withUnitSign(shown, f.metric.unit);
}

const compacted = (f: Figure) => Math.abs(Number(f.value)) >= COMPACT_FROM && f.display === null;
const COMPACT_NOTE =
	'Values from a million up are labelled to three significant figures; the reply gives them exactly.';

/** A unit that is per cent, or dollars: its values are written with "%" after, or "$" before. */
const inPercent = (unit: string) => /^(%|per ?cent|percent)$/i.test(unit.trim());
const inDollars = (unit: string) => /^(dollars?|usd|us\$|\$)$/i.test(unit.trim());

/** "12.4" of a measure in per cent → "12.4%"; of one in dollars → "$12.4"; others as they are. */
function withUnitSign(text: string, unit: string): string {
	if (inPercent(unit)) return `${text}%`;
	if (inDollars(unit)) return text.replace(/(\d)/, '$$$1');
	return text;
}

/** The period of `grain` that holds `period` (a day's month, a month's or quarter's year). */
function holding(period: Period, grain: Grain): Period {
	if (grain === 'year') return periodAt('year', period.year);
	return periodAt('month', period.year * 12 + (period.month as number) - 1);
}

/** Each source's points averaged by the coarser period that holds them (a period's mean, loose if any input is). */
function averaged(points: readonly Point[], grain: Grain): Point[] {
	const byKey = groupBy(points, (p) => `${p.source.id}\u0000${holding(p.period, grain).key}`);
	return [...byKey.values()].map((own) => {
		const value = own.reduce((sum, p) => sum + p.value, 0) / own.length;
		return {
			period: holding(own[0]!.period, grain),
			value,
			source: own[0]!.source,
			loose: own.some((p) => p.loose),
			label: groupThousands(String(Number(value.toPrecision(4)))),
			exact: groupThousands(String(Number(value.toPrecision(4)))),
		};
	});
}

/** A series: one figure over three or more periods of one grain, each source its own line. */
function seriesChart(all: readonly Plotted[], dataset: Dataset): Chart | null {
	const lead = all[0]?.primary;
	if (!lead) return null;
	const leadDims = dimsKey(lead);
	if (!all.every((g) => g.primary.metric === lead.metric && dimsKey(g.primary) === leadDims)) return null;
	// One grain per chart: the one with the most periods (years beside a few quarters: the years).
	const byGrain = groupBy(all, (g) => g.primary.period.grain);
	const groups = [...byGrain.values()].reduce((a, b) => (b.length > a.length ? b : a));
	const first = groups[0]!.primary;
	const periodCount = new Set(groups.map((g) => g.primary.period.key)).size;
	if (periodCount < 3) return null;
	const drawnGroups = new Set(groups);
	const left = all.filter((g) => !drawnGroups.has(g)).map((g) => periodLabel(g.primary.period));
	const figures = groups.flatMap(plotted);
	// Too many periods to draw one by one: a coarser grain, until the points fit.
	const stated = first.period.grain;
	let grain = stated;
	let points = figures.map(pointOf);
	for (let count = periodCount; count > MAX_POINTS && COARSER[grain];) {
		grain = COARSER[grain]!;
		points = averaged(points, grain);
		count = new Set(points.map((p) => p.period.key)).size;
	}
	const coarsened = grain !== stated;
	const slots = periodSlots([...new Map(points.map((p) => [p.period.key, p.period])).values()], grain);
	// Each source's latest point: it orders the sources (highest first, past the colours the lowest
	// are grey), ends its line (where an end label gives its value) and places that label.
	const latestOf = new Map<Source, Point>();
	for (const p of points) {
		const known = latestOf.get(p.source);
		if (!known || periodOrdinal(p.period) > periodOrdinal(known.period)) latestOf.set(p.source, p);
	}
	const sources = [...latestOf.keys()];
	if (sources.length > MAX_COLOURED) sources.sort((a, b) => latestOf.get(b)!.value - latestOf.get(a)!.value);
	const ended = new Set(latestOf.values());
	const rows: Row[] = [
		...points.map((p) => (ended.has(p) ? { ...row(p), end: true } : row(p))),
		// A period with no figure keeps its slot and breaks the line: a gap, never interpolated. A line
		// is one source's figures of one kind (stated, or hollow), so each gets its own break.
		...sources.flatMap((s) => {
			const own = points.filter((p) => p.source === s);
			const drawn = new Set(own.map((p) => p.period.key));
			const kinds = [...new Set(own.map(kindOf))];
			return slots
				.filter((p) => !drawn.has(p.key))
				.flatMap((p) =>
					kinds.map((kind) => ({
						period: periodLabel(p),
						order: periodOrdinal(p),
						value: null,
						series: seriesName(s),
						kind,
					})),
				);
		}),
	];
	const loose = points.some((p) => p.loose);
	const unit = `${first.metric.label} (${first.metric.unit})`;
	// Worded as Our World in Data titles a chart: what is measured, then the span ("Gross domestic
	// product, 2015–2020"); the measure named once, the grain left to the axis unless the points are
	// means of a finer one.
	const slice = sliceLabel(dataset, first.dims, first.metric);
	const measured = slice.toLowerCase().includes(first.metric.label.toLowerCase())
		? slice
		: `${slice}: ${first.metric.label}`;
	const means = coarsened ? `, ${MEAN_WORD[grain]} means of ${MEAN_WORD[stated]} figures` : '';
	const title = `${measured}${means}, ${periodLabel(slots[0]!)}–${periodLabel(slots.at(-1)!)}`;
	const notes: string[] = [];
	if (coarsened)
		notes.push(
			`${groupThousands(String(periodCount))} ${MEAN_WORD[stated]} figures drawn as ${MEAN_WORD[grain]} means: each point is the mean of its ${GRAIN_WORD[grain].toLowerCase()}'s figures, not a figure stated by the source.`,
		);
	const gaps = gapsOf([...new Map(points.map((p) => [p.period.key, p.period])).values()], grain);
	if (gaps.length > 0) notes.push(`No figure for ${listed(gaps)}: left as a gap, not drawn through.`);
	if (sources.length > 1) notes.push('Sources differ: each is its own line, never averaged.', ...greyNote(sources));
	if (loose) notes.push(`Hollow points, dashed lines: ${looseWords(figures)}, not a count as stated.`);
	if (left.length > 0) notes.push(`Drawn by ${GRAIN_WORD[stated].toLowerCase()}; not drawn: ${listed(left)}.`);
	const labelled = points.length <= MAX_LABELLED;
	// Markers where a reader can tell points apart; a long series is its line.
	const marked = points.length <= MAX_MARKED;
	if (labelled && figures.some(compacted)) notes.push(COMPACT_NOTE);
	const names = slots.map((p) => periodLabel(p));
	// At most ~14 period labels on the axis, evenly spaced (the renderer picks them by their widths).
	const every = Math.ceil(names.length / 14);
	const calendar = grain === 'year' || grain === 'quarter' || grain === 'month' ? grain : null;
	const [firstAt, lastAt] = [periodOrdinal(slots[0]!), periodOrdinal(slots.at(-1)!)];
	const step = stepOf(slots);
	// A few sources are named at their lines' ends, as OWID labels lines, instead of in a legend.
	const ends = calendar ? endLabels(sources, latestOf) : null;
	const room = ends ? endRoom(ends, lastAt - firstAt + step) : 0;
	// Years, quarters and months are placed by time (a gap takes the room its periods would); other
	// periods (seasons, spans, days) one slot each.
	const x = calendar
		? {
				field: 'order',
				type: 'quantitative',
				title: GRAIN_WORD[grain],
				// Half a step in from each side: the first and last points' labels clear the axes.
				scale: { domain: [firstAt - step / 2, lastAt + step / 2 + room], nice: false, zero: false },
				axis: {
					labelAngle: 0,
					grid: false,
					values: slots.filter((_, i) => i % every === 0).map(periodOrdinal),
					labelExpr: TIME_LABELS[calendar],
				},
			}
		: {
				field: 'period',
				type: 'ordinal',
				title: GRAIN_WORD[grain],
				sort: names,
				scale: { domain: names, padding: 0.5 },
				axis: { labelAngle: 0, values: names.filter((_, i) => i % every === 0) },
			};
	const y = valueEncoding(points, unit, first.metric.unit);
	const color = ends ? { ...colorEncoding(sources), legend: null } : colorEncoding(sources);
	const spec = {
		$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
		data: { values: rows },
		layer: [
			...(ends
				? [
						{
							data: { values: ends },
							mark: {
								type: 'text',
								align: 'left',
								baseline: 'middle',
								dx: 12,
								fontSize: 15,
								lineHeight: 17,
							},
							encoding: {
								x: { field: 'order', type: 'quantitative' },
								y: { field: 'at', type: 'quantitative' },
								text: { field: 'lines' },
								color,
							},
						},
					]
				: []),
			{
				mark: { type: 'line', strokeWidth: 3, invalid: 'break-paths-show-domains' },
				encoding: {
					x,
					y,
					color,
					// Drawn in time order (not the labels' alphabetical order); a gap's null breaks the path.
					order: { field: 'order', type: 'quantitative' },
					strokeDash: {
						field: 'kind',
						type: 'nominal',
						title: 'Qualifier',
						scale: {
							domain: [STATED, LOOSE_LABEL],
							range: [
								[1, 0],
								[8, 5],
							],
						},
						// The note under the title says what hollow and dashed mean: no second legend beside the sources'.
						legend: null,
					},
				},
			},
			// Where values go below zero, the zero line is drawn (and labelled on the axis).
			...(points.some((p) => p.value < 0)
				? [{ mark: { type: 'rule', color: '#555555', strokeWidth: 1.5 }, encoding: { y: { datum: 0 } } }]
				: []),
			...(marked ? pointLayers(x, y, color, loose, points.length > MAX_LABELLED ? 30 : 110) : []),
			...(labelled ? [labelLayer(x, y, { dy: -14 }, ends !== null)] : []),
		],
	};
	return {
		kind: 'series',
		title,
		notes,
		footer: footerOf(figures),
		alt: seriesAlt(title, figures, sources, unit, gaps),
		spec,
		...(calendar ? { time: { grain: calendar, first: firstAt, last: lastAt, step } } : {}),
	};
}

/** The most lines named at their ends; more are told apart by a legend. */
const MAX_END_LABELS = 4;
/** An end label's lines: a name wrapped at about this many characters, at most three lines. */
const END_LABEL_CHARS = 26;

/** A line's name and last value at its end; `at` is where it is drawn (moved apart from the others by the renderer). */
export interface EndLabel {
	order: number;
	value: number;
	at: number;
	series: string;
	lines: string[];
}

/**
 * Each source's name and last value at the end of its line, when there are two to four lines;
 * otherwise null, and a legend names the lines. The renderer moves them apart where they crowd.
 */
function endLabels(sources: readonly Source[], latestOf: ReadonlyMap<Source, Point>): EndLabel[] | null {
	if (sources.length < 2 || sources.length > MAX_END_LABELS) return null;
	return sources.map((s) => {
		const last = latestOf.get(s)!;
		return {
			order: periodOrdinal(last.period),
			value: last.value,
			at: last.value,
			series: seriesName(s),
			lines: [...wrapWords(seriesName(s)), last.label],
		};
	});
}

/** Words in lines of about END_LABEL_CHARS characters, at most three (the last cut with "…"). */
function wrapWords(text: string): string[] {
	const lines: string[] = [];
	for (const word of text.split(/\s+/)) {
		const last = lines.at(-1);
		if (last !== undefined && last.length + 1 + word.length <= END_LABEL_CHARS)
			lines[lines.length - 1] = `${last} ${word}`;
		else lines.push(word);
	}
	return lines.length > 3 ? [...lines.slice(0, 2), `${lines[2]}…`] : lines;
}

/** Room on the time axis, in periods, for the end labels beside a plot of about 640 units. */
function endRoom(labels: readonly EndLabel[], span: number): number {
	const width = Math.max(...labels.flatMap((l) => l.lines.map((line) => line.length))) * 8.6 + 16;
	return (width / Math.max(160, 640 - width)) * span;
}

/** A list for a note: every item up to ten, then the first ten and how many more. */
function listed(items: readonly string[]): string {
	return items.length <= 10 ? items.join(', ') : `${items.slice(0, 10).join(', ')} and ${items.length - 10} more`;
}

/** Each period of a grain from the first asked to the last, so missing ones keep their place. */
function periodSlots(periods: readonly Period[], grain: Grain): Period[] {
	const sorted = [...periods].sort(comparePeriods);
	const first = sorted[0]!;
	const last = sorted.at(-1)!;
	const span = periodOrdinal(last) - periodOrdinal(first);
	// Days, and periods that are not a run of one calendar grain (seasons, spans), are drawn as stated.
	if (grain !== 'year' && grain !== 'quarter' && grain !== 'month') return sorted;
	const known = new Map(sorted.map((p) => [periodOrdinal(p), p]));
	const slots: Period[] = [];
	const step = stepOf(sorted);
	if (step > 1) {
		// Data every 5 years is a regular series of its own step: a slot a step, a gap only where a step is missing.
		for (let o = periodOrdinal(first); o <= periodOrdinal(last); o += step)
			slots.push(known.get(o) ?? periodAt(grain, o));
		return slots;
	}
	if (span > MAX_SLOTS) {
		// Too many slots to draw each: the periods given, and the first missing one of each gap, so
		// that the line still breaks there, however long the series.
		sorted.forEach((p, i) => {
			slots.push(p);
			const next = sorted[i + 1];
			if (next && periodOrdinal(next) - periodOrdinal(p) > 1) slots.push(periodAt(grain, periodOrdinal(p) + 1));
		});
		return slots;
	}
	for (let o = periodOrdinal(first); o <= periodOrdinal(last); o++) slots.push(known.get(o) ?? periodAt(grain, o));
	return slots;
}

/** The interval a series keeps (every 5 years: 5): the greatest common divisor of the steps between its periods. */
function stepOf(sorted: readonly Period[]): number {
	const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
	let step = 0;
	for (let i = 1; i < sorted.length; i++) step = gcd(periodOrdinal(sorted[i]!) - periodOrdinal(sorted[i - 1]!), step);
	return Math.max(1, step);
}

/** The runs of missing periods between the first and the last given: "June 2025", "March 2005 to February 2010 (60 months)". */
function gapsOf(periods: readonly Period[], grain: Grain): string[] {
	if (grain !== 'year' && grain !== 'quarter' && grain !== 'month') return [];
	const sorted = [...periods].sort(comparePeriods);
	const gaps: string[] = [];
	const step = stepOf(sorted);
	const unit = step > 1 ? 'periods' : { year: 'years', quarter: 'quarters', month: 'months' }[grain];
	sorted.forEach((p, i) => {
		const next = sorted[i + 1];
		if (!next) return;
		const missing = (periodOrdinal(next) - periodOrdinal(p)) / step - 1;
		if (missing < 1) return;
		const from = periodAt(grain, periodOrdinal(p) + step);
		const to = periodAt(grain, periodOrdinal(next) - step);
		gaps.push(
			missing === 1
				? periodLabel(from)
				: `${periodLabel(from)} to ${periodLabel(to)} (${groupThousands(String(missing))} ${unit})`,
		);
	});
	return gaps;
}

/** The period of a grain at an ordinal (the inverse of `periodOrdinal` for years, quarters, months). */
function periodAt(grain: Grain, ordinal: number): Period {
	const none = { quarter: null, month: null, day: null, endYear: null };
	if (grain === 'year') return { ...none, key: String(ordinal), grain, year: ordinal };
	if (grain === 'quarter') {
		const [year, quarter] = [Math.floor(ordinal / 4), (ordinal % 4) + 1];
		return { ...none, key: `${year}-Q${quarter}`, grain, year, quarter };
	}
	const [year, month] = [Math.floor(ordinal / 12), (ordinal % 12) + 1];
	return { ...none, key: `${year}-${String(month).padStart(2, '0')}`, grain: 'month', year, month };
}

/** Bars: a comparison, breakdown, ranking or sum; other sources' figures as bars beside, never merged. */
function barChart(
	dataset: Dataset,
	title: string,
	groups: readonly Plotted[],
	notes: string[],
	labelFor: (figure: Figure) => string,
	/** A ranking's order: its alt text names the first bar as the highest or the lowest. */
	direction: 'highest' | 'lowest' = 'highest',
): Chart | null {
	if (groups.length < 2) return null;
	const shown = groups.slice(0, MAX_BARS);
	if (groups.length > shown.length) notes.push(`The first ${shown.length} of ${groups.length} are drawn.`);
	const figures = shown.flatMap(plotted);
	const order = shown.map((g) => labelFor(g.primary));
	const rows = shown.flatMap((g) => plotted(g).map((f) => ({ ...row(pointOf(f)), item: labelFor(g.primary) })));
	const sources = [...new Set(figures.map((f) => f.source))];
	// Sources side by side within an item (a comparison both give); or each item a source of its own.
	const grouped = shown.some((g) => plotted(g).length > 1);
	if (sources.length > 1)
		notes.push('Sources differ: each source has its own bar, never averaged.', ...greyNote(sources));
	const units = new Set(figures.map((f) => `${f.metric.label} (${f.metric.unit})`));
	const unit = [...units].join(' / ');
	const loose = figures.some((f) => LOOSE.has(f.qualifier));
	if (loose) notes.push(`Hollow bars: ${looseWords(figures)}, not a count as stated.`);
	if (figures.length <= MAX_LABELLED && figures.some(compacted)) notes.push(COMPACT_NOTE);
	const y = {
		field: 'item',
		type: 'nominal',
		title: null,
		sort: order,
		axis: { labelLimit: 300 },
	};
	const negative = figures.some((f) => Number(f.value) < 0);
	const x = {
		...valueEncoding(figures, unit, figures[0]!.metric.unit),
		// Room beyond the bars' ends for their labels, on the left too where bars go below zero.
		...(negative ? { scale: { padding: 70 } } : {}),
	};
	const color = grouped ? colorEncoding(sources) : { ...colorEncoding(sources), legend: null };
	const spec = {
		$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
		data: { values: rows },
		encoding: {
			y,
			...(grouped ? { yOffset: { field: 'series', type: 'nominal', sort: sources.map(seriesName) } } : {}),
		},
		layer: [
			{
				mark: { type: 'bar', strokeWidth: 2 },
				encoding: {
					x,
					color,
					stroke: {
						field: 'series',
						type: 'nominal',
						scale: { domain: sources.map(seriesName), range: PALETTE },
						legend: null,
					},
					fillOpacity: {
						field: 'kind',
						type: 'nominal',
						title: 'Qualifier',
						sort: [STATED, LOOSE_LABEL],
						scale: { domain: [STATED, LOOSE_LABEL], range: [1, 0.15] },
						// The note under the title says what hollow and dashed mean: no second legend beside the sources'.
						legend: null,
					},
				},
			},
			// Each bar's label beyond its end: right of a positive bar, left of a negative one.
			...(figures.length <= MAX_LABELLED
				? [
						{
							transform: [{ filter: 'datum.value >= 0' }],
							mark: { type: 'text', align: 'left', dx: 6, fontSize: 15 },
							encoding: { x, text: { field: 'label' } },
						},
						{
							transform: [{ filter: 'datum.value < 0' }],
							mark: { type: 'text', align: 'right', dx: -6, fontSize: 15 },
							encoding: { x, text: { field: 'label' } },
						},
					]
				: []),
			...(negative
				? [{ mark: { type: 'rule', color: '#555555', strokeWidth: 1.5 }, encoding: { x: { datum: 0 } } }]
				: []),
		],
	};
	return { kind: 'bars', title, notes, footer: footerOf(figures), alt: barsAlt(title, rows, unit, direction), spec };
}

interface Row {
	/** The last point of its line (its value is said by the line's end label, where there is one). */
	end?: boolean;
	period: string;
	order: number;
	value: number | null;
	series: string;
	kind?: string;
	label?: string;
	exact?: string;
}

/** Stated, or hollow (an estimate, "about" or a bound): what the marks and their legend say. */
const kindOf = (p: Point) => (p.loose ? LOOSE_LABEL : STATED);

/** A point as the spec's data holds it, in its source's line. */
function row(p: Point): Row {
	return {
		period: periodLabel(p.period),
		order: periodOrdinal(p.period),
		value: p.value,
		series: seriesName(p.source),
		kind: kindOf(p),
		label: p.label,
		exact: p.exact,
	};
}

/** Sources drawn each in a colour of its own; past them, the rest are grey (their names in a note). */
const MAX_COLOURED = 7;
const GREY = '#b0b0b0';

/**
 * Colour by source (the sources in the order given, the most telling first); the legend only where
 * there is more than one (the source line names a single one), and only of the coloured ones.
 */
const colorEncoding = (sources: readonly Source[]) => {
	const names = sources.map(seriesName);
	const coloured = names.slice(0, MAX_COLOURED);
	return {
		field: 'series',
		type: 'nominal',
		// The names say what they are (and a note says the sources differ): no legend title to take a line.
		title: null,
		scale: { domain: names, range: names.map((_, i) => (i < MAX_COLOURED ? PALETTE[i]! : GREY)) },
		legend:
			sources.length > 1
				? {
						...BOTTOM_LEGEND,
						// Many entries stand at the right, where they take width and leave the plot its height.
						...(coloured.length > 3 ? { orient: 'right', labelLimit: 240 } : {}),
						...(coloured.length < names.length ? { values: coloured } : {}),
					}
				: null,
	};
};

/** What a chart of more sources than colours says of the grey ones. */
const greyNote = (sources: readonly Source[]) =>
	sources.length > MAX_COLOURED
		? [`${sources.length - MAX_COLOURED} more sources in grey (each cited in the reply).`]
		: [];

/** Legends go under the plot, one entry a line, long source names in full (past three entries, at the right). */
const BOTTOM_LEGEND = { orient: 'bottom', direction: 'vertical', labelLimit: 700 } as const;

/** The value axis (y of a line, x of bars): titled with the measure and unit. */
const valueEncoding = (values: readonly { value: number | string }[], title: string, unit: string) => ({
	field: 'value',
	type: 'quantitative',
	title,
	// As many ticks as the axis has room for: Vega-Lite's one tick about every 40 units.
	axis: { labelExpr: axisLabels(values, unit) },
});

/** Points: filled where stated, hollow where an estimate, "about" or a bound. */
function pointLayers(x: object, y: object, color: object, loose: boolean, size: number): object[] {
	const points = (filled: boolean, test: string) => ({
		transform: [{ filter: test }],
		mark: { type: 'point', filled, size: filled ? size : size * 1.4, strokeWidth: 2.5, opacity: 1 },
		encoding: { x, y, color, ...(filled ? {} : { fill: { value: 'white' } }) },
	});
	return [
		points(true, `datum.value != null && datum.kind === '${STATED}'`),
		...(loose ? [points(false, `datum.value != null && datum.kind === '${LOOSE_LABEL}'`)] : []),
	];
}

/** Value labels on the points; a line's last value is given by its end label, where there is one. */
const labelLayer = (x: object, y: object, offset: { dy: number }, ends = false) => ({
	transform: [{ filter: ends ? 'datum.value != null && !datum.end' : 'datum.value != null' }],
	mark: { type: 'text', fontSize: 15, ...offset },
	encoding: { x, y, text: { field: 'label' } },
});

/** What the hollow marks stand for, in the sources' words: "an estimate or about". */
function looseWords(figures: readonly Figure[]): string {
	const words = [
		...new Set(figures.filter((f) => LOOSE.has(f.qualifier)).map((f) => LOOSE_WORDS[f.qualifier] ?? f.qualifier)),
	];
	return words.join(' or ');
}

/**
 * Axis labels for people: thousands grouped, millions and billions in words ("1.4 billion", never
 * "1.4G"), a per cent sign or a dollar sign where the unit is one, and the minus sign a minus.
 */
function axisLabels(values: readonly { value: number | string }[], unit: string): string {
	let max = 0;
	for (const { value } of values) max = Math.max(max, Math.abs(Number(value)));
	const scaled =
		max >= 1e9
			? "replace(format(datum.value / 1e9, ',.3~r'), '-', '−') + ' billion'"
			: max >= 1e6
				? "replace(format(datum.value / 1e6, ',.3~r'), '-', '−') + ' million'"
				: "replace(format(datum.value, ',~r'), '-', '−')";
	// A tick a rounding error away from zero is zero.
	const number = `abs(datum.value) < ${max * 1e-9} ? '0' : ${scaled}`;
	if (inPercent(unit)) return `(${number}) + '%'`;
	if (inDollars(unit)) return `(datum.value < 0 ? '−$' : '$') + replace(${number}, '−', '')`;
	return number;
}

/** One line per source plotted: originator via outlet, date, licence. */
function footerOf(figures: readonly Figure[]): string[] {
	const sources = [...new Set(figures.map((f) => f.source))];
	const lines = sources.map((s) => {
		const who = s.originator === s.outlet ? s.outlet : `${s.originator} via ${s.outlet}`;
		return `${who}, ${formatDate(s.published)}${s.licence ? `, ${s.licence}` : ''}`;
	});
	const tables = [...new Set(figures.flatMap((f) => (f.row ? [f.row.file] : [])))];
	// Past three sources the line names the first three and counts the rest: every figure's source is
	// cited in the reply beside the chart.
	const named =
		lines.length > MAX_FOOT_SOURCES
			? `${lines.slice(0, MAX_FOOT_SOURCES).join('; ')}; and ${lines.length - MAX_FOOT_SOURCES} more, each cited in the reply`
			: lines.join('; ');
	return [
		`${sources.length > 1 ? 'Sources' : 'Source'}: ${named}`,
		...(tables.length > 0
			? [
					`${tables.length > 1 ? 'Tables' : 'Table'}: ${listed(tables.slice(0, 3))}${tables.length > 3 ? ` and ${tables.length - 3} more` : ''}`,
				]
			: []),
	];
}

/** Sources named one by one in a chart's source line. */
const MAX_FOOT_SOURCES = 3;

/**
 * A line chart in words: each source from its first value to its last and its highest, each value
 * exact with its unit's sign ("9.7%", "$350,000"), and the gaps named.
 */
function seriesAlt(
	title: string,
	figures: readonly Figure[],
	sources: readonly Source[],
	unit: string,
	gaps: readonly string[],
): string {
	const value = (f: Figure) => withUnitSign(formatFigureValue(f), f.metric.unit);
	const parts = sources.map((s) => {
		const own = figures.filter((f) => f.source === s).sort((a, b) => comparePeriods(a.period, b.period));
		const first = own[0]!;
		const last = own.at(-1)!;
		const top = own.reduce((a, b) => (Number(b.value) > Number(a.value) ? b : a));
		const span =
			own.length === 1
				? `${value(first)} in ${periodLabel(first.period)}`
				: `from ${value(first)} in ${periodLabel(first.period)} to ${value(last)} in ${periodLabel(last.period)}, highest ${value(top)} in ${periodLabel(top.period)}`;
		return `${seriesName(s)}: ${span}`;
	});
	const missing = gaps.length > 0 ? ` No figure for ${listed(gaps)}.` : '';
	return withinAlt(`Line chart. ${title}, in ${unit}. ${parts.join('. ')}.${missing}`);
}

function barsAlt(
	title: string,
	rows: readonly (Row & { item: string })[],
	unit: string,
	direction: 'highest' | 'lowest',
): string {
	// The end named is the one the bars are ordered from: "Lowest: …" of a lowest-first ranking.
	const sign = direction === 'lowest' ? -1 : 1;
	const end = rows.reduce((a, b) => (sign * ((b.value ?? -Infinity) - (a.value ?? -Infinity)) > 0 ? b : a));
	const items = rows
		.slice(0, 10)
		.map(
			(r) =>
				`${r.item}${r.item !== r.series && rows.some((o) => o.series !== r.series) ? ` (${r.series})` : ''}: ${r.exact ?? r.label}`,
		);
	const more = rows.length > 10 ? `; and ${rows.length - 10} more` : '';
	return withinAlt(
		`Bar chart. ${title}, in ${unit}. ${items.join('; ')}${more}. ${direction === 'lowest' ? 'Lowest' : 'Highest'}: ${end.item}, ${end.exact ?? end.label}.`,
	);
}

/** Discord's limit on an attachment's description (and an embed field's value). */
export const MAX_ALT = 1024;

/** Alt text within Discord's limit: cut at the last sentence or item that fits, ending "…". */
function withinAlt(text: string): string {
	if (text.length <= MAX_ALT) return text;
	const cut = text.slice(0, MAX_ALT - 1);
	const at = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('; '));
	return `${cut.slice(0, at > MAX_ALT / 2 ? at + 1 : cut.length).trimEnd()}…`;
}

/**
 * A digest's chart: the series behind what it leads with, the first dataset reporting whose lead
 * figure has three or more periods of its grain (every source's figures for it, each its own line).
 */
export function digestChart(parts: readonly { dataset: Dataset; lead: Figure | null }[]): Chart | null {
	for (const { dataset, lead } of parts) {
		if (!lead) continue;
		const same = dataset.figures.filter(
			(f) => f.metric === lead.metric && f.period.grain === lead.period.grain && dimsKey(f) === dimsKey(lead),
		);
		const byPeriod = groupBy(same, (f) => f.period.key);
		if (byPeriod.size < 3) continue;
		// Each period led by the lead's source where it has a figure, else the most exact.
		const groups: Plotted[] = [...byPeriod.values()].map((figures) => {
			const [primary, ...rest] = [...figures].sort(
				(a, b) =>
					Number(b.source === lead.source) - Number(a.source === lead.source) ||
					QUALIFIER_RANK[a.qualifier] - QUALIFIER_RANK[b.qualifier],
			);
			return { primary: primary!, others: rest.map((figure) => ({ figure })) };
		});
		const chart = seriesChart(groups, dataset);
		if (chart) return chart;
	}
	return null;
}
