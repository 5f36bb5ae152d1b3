import type { BareRow, Dimension, Figure, Grain, Metric, Period } from '../data/types.js';
import { dimsKey } from '../data/integrity.js';
import { comparePeriods, periodOrdinal, wholeGrain } from '../data/period.js';
import { dimensionValue, valuePosition } from '../data/dimensionValues.js';
import { childrenOf, depthOf, hasHierarchy } from '../data/hierarchy.js';
import {
	type Breakdown,
	type ChangeRanking,
	type Comparison,
	type FigureGroup,
	MAX_BREAKDOWN_PARTS,
	type Ranking,
} from './answer.js';
import { type Catalogue, MAX_SUGGESTIONS } from './catalogue.js';
import { QUALIFIER_RANK, difference, percentChange, ratio, sharePercent, total as sumOf } from './compute.js';
import { compareDecimalText } from '../math/decimal.js';
import { type DimFilter, periodMatches } from './figureIndex.js';
import { sliceLabel } from './labels.js';
import { type Outcome, ambiguous, answered, notFound } from './outcome.js';
import { type PeriodQuery, periodLabel, periodsOf } from '../question/periods.js';
import type { Reading, Signals } from './readings.js';
import { groupBy } from '../model/groupBy.js';
import { plural } from '../model/plural.js';

export type Select = (periods: readonly PeriodQuery[] | null, extra?: ReadonlyMap<Dimension, DimFilter>) => Figure[];

/** What a computed answer works within: the question's reading and a figure selector bound to it. */
export interface Scope {
	catalogue: Catalogue;
	reading: Reading;
	select: Select;
	/** The rows that give no figure, picked as `select` picks figures. */
	selectBare: (periods: readonly PeriodQuery[] | null, extra?: ReadonlyMap<Dimension, DimFilter>) => BareRow[];
	/** As `select`, ignoring the values of columns the question names ("Toyota"): every row of the table. */
	selectAnyValue?: Select;
	periods: readonly PeriodQuery[] | null;
	signals: Signals;
	notes: string[];
}

const GRAINS: readonly Grain[] = ['year', 'quarter', 'month', 'day'];

/** The periods to compare over when none were asked: the coarsest grain that has two, else all. */
function comparablePeriods(periods: readonly Period[]): Period[] {
	for (const grain of GRAINS) {
		const same = periods.filter((p) => p.grain === grain);
		if (same.length >= 2) return same;
	}
	return [...periods];
}

export function shareAnswer({ catalogue, reading, select, periods, signals, notes }: Scope): Outcome {
	const dimension =
		[...reading.keys()].find((d) => d.role === null) ??
		[...reading.keys()].find((d) => d.role !== null && reading.get(d)!.length === 1 && d.default === null);
	if (!dimension)
		return notFound(
			'A share needs a part of a total, such as "share of rail arrivals" or "share of tourists".',
			catalogue.overviewSuggestions(),
			notes,
		);
	const parts = select(periods);
	const totals = select(periods, new Map([[dimension, { kind: 'unset' as const }]]));
	const totalKeys = new Set(totals.map((t) => t.period.key));
	const shared = periodsOf(parts).filter((p) => totalKeys.has(p.key));
	const key = shared.at(-1)?.key;
	if (key === undefined)
		return notFound(
			`The data has no total to take a share of for ${dimension.label.toLowerCase()}.`,
			parts.map((p) => catalogue.suggestionFor(p)),
			notes,
		);
	const part = catalogue.group(
		parts.filter((p) => p.period.key === key),
		signals.sources.size > 0 ? signals.sources : null,
	);
	const total = catalogue.group(
		totals.filter((t) => t.period.key === key),
		new Set([part.primary.source]),
	);
	const percent = sharePercent(part.primary, total.primary);
	if (!percent) return notFound('The total is zero, so a share cannot be computed.', [], notes);
	if (periods === null && shared.length > 1)
		notes.push(
			`Latest period shown; the data also has ${shared
				.slice(0, -1)
				.map((p) => p.key)
				.join(', ')}.`,
		);
	return answered({ kind: 'share', share: { part, total, percent } }, notes);
}

export function compareAnswer(scope: Scope, multiValueDim: Dimension | undefined): Outcome {
	const { catalogue, reading, select, periods, signals, notes } = scope;
	const prefer = signals.sources.size > 0 ? signals.sources : null;
	const suggest = (figures: readonly Figure[]) => figures.map((f) => catalogue.suggestionFor(f));
	let sides: Figure[][];
	let basis: Comparison['basis'];
	if (multiValueDim && !(periods !== null && periods.length > 1)) {
		basis = 'value';
		const values = reading.get(multiValueDim)!;
		const all = select(periods);
		const latestKey = periodsOf(all)
			.filter((p) =>
				values.every((v) => all.some((f) => f.period.key === p.key && f.dims[multiValueDim.id] === v.id)),
			)
			.at(-1)?.key;
		sides = values
			.slice(0, 2)
			.map((v) => all.filter((f) => f.dims[multiValueDim.id] === v.id && f.period.key === latestKey));
	} else {
		basis = 'period';
		const all = select(periods);
		const available = periodsOf(all);
		if (periods !== null && periods.length === 1) {
			// "growth in 2025": the period asked against the one before it, of the same grain.
			const asked = periods[0]!;
			const everything = select(null).filter((f) => f.period.grain === asked.grain);
			const series = periodsOf(everything);
			const at = series.findIndex((p) =>
				everything.some((f) => f.period.key === p.key && periodMatches(f, asked)),
			);
			if (at <= 0)
				return notFound(`There is no earlier period to compare ${asked.text} with.`, suggest(all), notes);
			sides = [series[at]!, series[at - 1]!].map((p) => everything.filter((f) => f.period.key === p.key));
		} else {
			const pool = periods !== null && periods.length > 1 ? available : comparablePeriods(available);
			const chosen = pool.slice(-2);
			if (chosen.length < 2) {
				const missing = periods?.filter((p) => !all.some((f) => periodMatches(f, p))).map((p) => p.text) ?? [];
				const reason =
					missing.length > 0
						? `The data has no figure for ${missing.join(' and ')} for this.`
						: 'The data has only one period for this, so there is nothing to compare it with.';
				return notFound(reason, suggest(select(null)), notes);
			}
			sides = [chosen[1]!, chosen[0]!].map((p) => all.filter((f) => f.period.key === p.key));
			if (periods === null && pool.length > 2)
				notes.push(
					`Compared the two latest periods; the data also has ${pool
						.slice(0, -2)
						.map((p) => p.key)
						.join(', ')}.`,
				);
		}
	}
	if (sides.length < 2 || sides.some((s) => s.length === 0)) {
		return notFound(
			'The data does not have both figures for the same period, so they cannot be compared.',
			suggest(sides.flat()),
			notes,
		);
	}
	// No measure named where the rows have several (votes and share of the vote): asked back, never one picked.
	const measures = [...new Set(sides.flat().map((f) => f.metric))];
	if (measures.length > 1)
		return ambiguous(
			measures.map((m) =>
				catalogue.suggestionFor(
					sides[0]!.find((f) => f.metric === m) ?? sides.flat().find((f) => f.metric === m)!,
				),
			),
			[`Which measure? The rows have ${measures.map((m) => m.label).join(', ')}.`, ...notes],
		);
	const a = catalogue.group(sides[0]!, prefer);
	const b = catalogue.group(sides[1]!, prefer ?? new Set([a.primary.source]));
	if (a.primary.metric.unit !== b.primary.metric.unit)
		return notFound(
			`These figures are in different units (${a.primary.metric.unit}, ${b.primary.metric.unit}) and cannot be compared.`,
			[],
			notes,
		);
	return answered({ kind: 'comparison', comparison: comparisonOf(a, b, basis) }, notes);
}

/** Difference, % change and ratio of a to b. */
export function comparisonOf(a: FigureGroup, b: FigureGroup, basis: Comparison['basis']): Comparison {
	return {
		a,
		b,
		difference: difference(a.primary, b.primary),
		percentChange: percentChange(a.primary, b.primary),
		ratio: ratio(a.primary, b.primary),
		basis,
	};
}

export function breakdownAnswer(scope: Scope): Outcome {
	const { catalogue, reading, select, periods, signals, notes } = scope;
	const { dataset } = catalogue;
	// A parent value named ("Africa by country"): its children are its breakdown, itself the total.
	const parent = namedParent(reading);
	if (parent) return childrenBreakdown(scope, parent[0], parent[1]);
	const candidates =
		signals.breakdownDims.size > 0
			? [...signals.breakdownDims]
			: dataset.dimensions.filter((d) => !reading.has(d) && d.role === null);
	const options = candidates
		.map((dimension) => ({
			dimension,
			parts: select(periods, new Map([[dimension, { kind: 'set' as const }]])),
		}))
		.filter((o) => o.parts.length > 0);
	if (options.length === 0)
		return notFound('The sources give no breakdown for this.', catalogue.overviewSuggestions(), notes);
	if (options.length > 1 && signals.breakdownDims.size === 0) {
		return ambiguous(
			options.map((o) => ({
				label: `by ${o.dimension.label.toLowerCase()}`,
				query: `${sliceLabel(dataset, Object.fromEntries([...reading].map(([d, v]) => [d.id, v[0]!.id])))} by ${o.dimension.label.toLowerCase()}`,
			})),
			notes,
		);
	}
	const { dimension, parts: every } = options[0]!;
	// Where values have parents, a breakdown of the total is by the top-level values.
	const level = signals.levels.get(dimension) ?? 0;
	const allParts = hasHierarchy(dimension)
		? every.filter((p) => depthOf(dimension, p.dims[dimension.id]!) === level)
		: every;
	const breakdown = breakdownOf(
		catalogue,
		signals,
		dimension,
		allParts,
		(latestKey) =>
			select(periods, new Map([[dimension, { kind: 'unset' as const }]])).filter(
				(t) => t.period.key === latestKey,
			),
		// The check of a total is against its top-level parts; a lower level is listed without it.
		level === 0,
	);
	return answered({ kind: 'breakdown', breakdown }, notes);
}

/**
 * A breakdown in the latest period of its parts: the parts in the dimension's order, and only the
 * parts shown grouped (a breakdown by 100,000 districts builds 25 groups, not 100,000); the total of
 * that period where `totalsIn` gives one, with its check against the parts when `checked`.
 */
function breakdownOf(
	catalogue: Catalogue,
	signals: Signals,
	dimension: Dimension,
	allParts: readonly Figure[],
	totalsIn: (latestKey: string | undefined) => Figure[],
	checked: boolean,
): Breakdown {
	const latestKey = periodsOf(allParts).at(-1)?.key;
	const parts = allParts.filter((p) => p.period.key === latestKey);
	const prefer = signals.sources.size > 0 ? signals.sources : new Set(parts.map((p) => p.source));
	const totals = totalsIn(latestKey);
	const total = totals.length > 0 ? catalogue.group(totals, prefer) : null;
	const byValue = [...groupBy(parts, (p) => p.dims[dimension.id]!)]
		.map(([id, fs]) => [valuePosition(dimension, id), fs] as const)
		.sort(([x], [y]) => x - y);
	const groups = byValue.slice(0, MAX_BREAKDOWN_PARTS).map(([, fs]) => catalogue.group(fs, prefer));
	const check =
		total && checked
			? (catalogue.dataset.breakdowns.find((c) => c.total === total.primary && c.dimension === dimension) ?? null)
			: null;
	return {
		dimension,
		total,
		parts: groups.map((g) => ({
			group: g,
			percentOfTotal: total ? sharePercent(g.primary, total.primary) : null,
		})),
		of: byValue.length,
		check,
	};
}

/** A value the question names that has children ("Africa"): its dimension and its id. */
export function namedParent(reading: Reading): readonly [Dimension, string] | null {
	for (const [dimension, values] of reading)
		if (values.length === 1 && childrenOf(dimension, values[0]!.id).length > 0) return [dimension, values[0]!.id];
	return null;
}

/**
 * A parent value's children, each cited: with the parent's own figure as the total where it has one.
 * Where it has none, the answer says so, and the children's sum is given as the sum of the parts
 * listed, never as the parent's figure.
 */
export function childrenBreakdown(
	{ catalogue, select, periods, signals, notes }: Scope,
	dimension: Dimension,
	id: string,
): Outcome {
	const children = childrenOf(dimension, id);
	const all = select(periods, new Map([[dimension, { kind: 'values' as const, values: children }]]));
	const name = dimensionValue(dimension, id)?.label ?? id;
	if (all.length === 0)
		return notFound(
			`The data has no figure for ${name} or its parts for this.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	const breakdown = breakdownOf(
		catalogue,
		signals,
		dimension,
		all,
		(latestKey) => select(periods).filter((t) => t.period.key === latestKey),
		true,
	);
	const extra = [...notes];
	if (!breakdown.total) {
		const shown = breakdown.parts.map((p) => p.group.primary);
		const units = new Set(shown.map((f) => f.metric.unit));
		const summed = units.size === 1 && shown.length === breakdown.of ? sumText(sumOf(shown)) : null;
		extra.unshift(
			`The data has no figure for ${name} itself; its parts are listed${summed ? `. Their sum, ${summed}, is the sum of the parts listed, not a figure for ${name}` : ''}.`,
		);
	}
	return answered({ kind: 'breakdown', breakdown }, extra);
}

/** A computed sum as a note writes it: its digits grouped, its bound in words ("about 1,234"). */
function sumText({ value, bound }: ReturnType<typeof sumOf>): string {
	const [whole = '', fraction] = value.replace(/^-/, '').split('.');
	const digits = `${value.startsWith('-') ? '−' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
	return bound === 'exact' ? digits : `${bound.replace('_', ' ')} ${digits}`.replace(/^approximately/, 'about');
}

/** Items a ranking shows when the question does not ask for a number ("top 3"). */
const RANKING_ITEMS = 10;

/**
 * "Which … the most/least … in 2005", "top 3 …": the values of one dimension ordered by their
 * figures for one period (the one asked, else the latest with two or more values). Every item is a
 * cited figure; equal values share a rank; approximate values are flagged, since their order may not hold.
 */
export function rankingAnswer(scope: Scope, direction: 'highest' | 'lowest', top: number | null): Outcome | null {
	const { catalogue, reading, select, periods, signals, notes } = scope;
	// A parent named ("which country in Africa"): its children are ranked, the level it names below it.
	const parent = namedParent(reading);
	const candidates = parent ? [parent[0]] : rankedDimensions(scope);
	for (const dimension of candidates) {
		const among: DimFilter =
			parent && dimension === parent[0]
				? { kind: 'values', values: childrenOf(dimension, parent[1]) }
				: { kind: 'set' };
		const all = select(periods, new Map([[dimension, among]]));
		// No measure named where the rows have several (population, land area, change): asked back,
		// each measure a ranking to pick, never one of them ranked as if it had been asked.
		const measures = [...new Set(all.map((f) => f.metric))];
		if (measures.length > 1) {
			const when =
				periods && periods.length > 0
					? ` ${periods[0]!.rangeText ?? periods.map((p) => p.text).join(' and ')}`
					: '';
			return ambiguous(
				measures.slice(0, MAX_SUGGESTIONS).map((m) => ({
					label: `${dimension.label} by ${m.label}, ${direction} first${when ? `,${when}` : ''}`,
					query: `${direction} ${m.label} by ${dimension.label.toLowerCase()}${when}`,
				})),
				[
					`Which measure? The ${plural(dimension.label.toLowerCase())} have ${measures.map((m) => m.label).join(', ')}.`,
					...notes,
				],
			);
		}
		const perPeriod = groupBy(all, (f) => f.period.key);
		const period = periodsOf(all)
			.filter((p) => new Set(perPeriod.get(p.key)!.map((f) => f.dims[dimension.id])).size >= 2)
			.at(-1);
		if (!period) continue;
		if (periods === null) {
			const others = periodsOf(all).filter((p) => p.key !== period.key && p.grain === period.grain);
			if (others.length > 0)
				notes.push(
					`Ranked for the latest period with figures, ${periodLabel(period)}; ask for another ("in 2005") to rank that.`,
				);
		} else if (periods.length > 1)
			notes.push(`Ranked for ${periodLabel(period)}, the latest of the periods asked.`);
		// Values of one level: where values have parents, those directly under a top-level value
		// (countries, not their regions, nor a region-level "not known", nor a part of a country given
		// under it, which would be ranked against its own whole's neighbours with its whole left out).
		let ranked0 = perPeriod.get(period.key)!;
		if (hasHierarchy(dimension) && !parent) {
			const id = (f: Figure) => f.dims[dimension.id]!;
			// The level a word names ("which region"), else the one under the top.
			const level = signals.levels.get(dimension) ?? 1;
			const deeper = ranked0.filter((f) => depthOf(dimension, id(f)) > level);
			ranked0 = ranked0.filter((f) => depthOf(dimension, id(f)) === level);
			if (deeper.length > 0 && !signals.levels.has(dimension))
				notes.push(
					`Ranked one level: parts given under these (such as ${dimensionValue(dimension, id(deeper[0]!))?.label}) are not ranked with them; name one to see it.`,
				);
		}
		const byValue = groupBy(ranked0, (f) => f.dims[dimension.id]!);
		const prefer = signals.sources.size > 0 ? signals.sources : null;
		const sign = direction === 'highest' ? -1 : 1;
		const groups = [...byValue.values()]
			.map((fs) => catalogue.group(fs, prefer))
			.sort((a, b) => sign * compareDecimalText(a.primary.value, b.primary.value));
		const ranks = ranksOf(groups, (group) => group.primary.value);
		const ranked: Ranking['items'] = groups.map((group, i) => ({ group, rank: ranks[i]! }));
		const shown = ranked.slice(0, Math.min(top ?? RANKING_ITEMS, 25));
		if (shown.some((item) => QUALIFIER_RANK[item.group.primary.qualifier] >= QUALIFIER_RANK.at_least))
			notes.push(
				'Some of these values are approximate or bounds (about, over), so their order may not be exact.',
			);
		if (top !== null && top > ranked.length)
			notes.push(
				`The data has figures for ${ranked.length} ${dimension.label.toLowerCase()} values here, not ${top}.`,
			);
		return answered({ kind: 'ranking', ranking: { dimension, direction, items: shown, of: ranked.length } }, notes);
	}
	return null;
}

/**
 * The dimensions a ranking may be of: those the question names to break down by, else those it leaves
 * open, plain ones before those of a direction (origin, destination).
 */
function rankedDimensions({ catalogue, reading, signals }: Scope): Dimension[] {
	if (signals.breakdownDims.size > 0) return [...signals.breakdownDims];
	const open = catalogue.dataset.dimensions.filter((d) => !reading.has(d));
	return [...open.filter((d) => d.role === null), ...open.filter((d) => d.role !== null)];
}

/** The ranks of items already in order, equal values sharing one (1, 2, 2, 4). */
export function ranksOf<T>(sorted: readonly T[], valueOf: (item: T) => string): number[] {
	const ranks: number[] = [];
	sorted.forEach((item, i) => {
		const tied = i > 0 && compareDecimalText(valueOf(item), valueOf(sorted[i - 1]!)) === 0;
		ranks.push(tied ? ranks[i - 1]! : i + 1);
	});
	return ranks;
}

/** How a change ranking was asked: which end first, and whether in per cent. */
export interface ChangeAsked {
	order: ChangeRanking['order'];
	by: ChangeRanking['by'];
	top: number | null;
}

/**
 * "Which disaster's deaths rose the most from 2009 to 2010", "the biggest drop in visitors by
 * country in 2025": the values of one dimension ranked by the change of their figures between two
 * periods — the two asked (a range's ends), else the one asked and the data's period before it, else
 * the data's latest two. Each item shows both figures, cited, and the change computed; values with a
 * figure for only one of the periods are left out and counted. Null when no dimension has values to rank.
 */
export function changeRankingAnswer(scope: Scope, asked: ChangeAsked): Outcome | null {
	const { catalogue, select, periods, signals, notes } = scope;
	const candidates = rankedDimensions(scope);
	// Two periods or more asked: their ends; one asked: it and the data's period before it; none: the
	// data's latest two. Only those two periods' figures are read.
	const known = catalogue.allPeriods();
	const matching = (q: PeriodQuery) => known.filter((p) => periodMatches({ period: p }, q));
	let ends: [Period, Period];
	if (periods !== null && periods.length >= 2) {
		const first = matching(periods[0]!)[0];
		const last = matching(periods.at(-1)!).at(-1);
		if (!first || !last || first.key === last.key)
			return notFound(
				`The data has no figures for ${[!first ? periods[0]!.text : '', !last ? periods.at(-1)!.text : ''].filter(Boolean).join(' and ') || 'two of the periods asked'}, so there is no change to rank.`,
				catalogue.overviewSuggestions(),
				notes,
			);
		ends = [first, last];
	} else {
		// (None asked: the latest of the whole kind of period, a year rather than a quarter of it.)
		const whole = wholeGrain(new Set(known.map((p) => p.grain)), null);
		const to = periods !== null ? periods.flatMap(matching).at(-1) : known.findLast((p) => p.grain === whole);
		const before = to ? known.filter((p) => p.grain === to.grain && comparePeriods(p, to) < 0).at(-1) : undefined;
		if (!to || !before)
			return notFound(
				`The data has no period before ${to ? periodLabel(to) : 'this one'} to measure a change from.`,
				catalogue.overviewSuggestions(),
				notes,
			);
		ends = [before, to];
		notes.push(`The change from ${periodLabel(before)}, the period before it in the data, to ${periodLabel(to)}.`);
	}
	const asQuery = (p: Period): PeriodQuery => ({ ...p, text: periodLabel(p) });
	for (const dimension of candidates) {
		const all = select(ends.map(asQuery), new Map([[dimension, { kind: 'set' }]]));
		const measures = [...new Set(all.map((f) => f.metric))];
		if (measures.length > 1)
			return notFound(
				`Which measure? The ${plural(dimension.label.toLowerCase())} have ${measures.map((m) => m.label).join(', ')}; name one to rank by its change.`,
				catalogue.overviewSuggestions(),
				notes,
			);
		const [from, to] = ends;
		const groupsAt = (period: Period) => {
			const byValue = groupBy(
				all.filter((f) => f.period.key === period.key),
				(f) => f.dims[dimension.id]!,
			);
			return new Map(
				[...byValue].map(([value, fs]) => [
					value,
					catalogue.group(fs, signals.sources.size > 0 ? signals.sources : null),
				]),
			);
		};
		const [before, after] = [groupsAt(from), groupsAt(to)];
		const both = [...after].filter(([value]) => before.has(value));
		// Ordered by a number (each change as a double: thousands of exact decimal sums and quotients
		// would hold the worker for tens of ms); the items shown are computed exactly, and ordered and
		// their ties found on the exact values.
		const changes = both.flatMap(([value, a]) => {
			const b = before.get(value)!;
			const [x, y] = [Number(a.primary.value), Number(b.primary.value)];
			if (asked.by === 'percent' && !(y > 0)) return [];
			return [{ a, b, order: asked.by === 'percent' ? (x - y) / y : x - y }];
		});
		const left = new Set([...before.keys(), ...after.keys()]).size - both.length;
		if (left > 0)
			notes.push(
				`${left} ${dimension.label.toLowerCase()} value${left === 1 ? ' has' : 's have'} a figure for only one of ${periodLabel(from)} and ${periodLabel(to)} and ${left === 1 ? 'is' : 'are'} left out.`,
			);
		if (changes.length < both.length)
			notes.push(
				`${both.length - changes.length} with nothing in ${periodLabel(from)} to take a percentage of are left out.`,
			);
		if (changes.length < 2) continue;
		const sign = asked.order === 'largest' ? -1 : 1;
		const shown = [...changes]
			.sort((x, y) => sign * (x.order - y.order))
			.slice(0, Math.min(asked.top ?? RANKING_ITEMS, 25))
			.map(({ a, b }) => ({
				a,
				b,
				difference: difference(a.primary, b.primary),
				percentChange: percentChange(a.primary, b.primary),
			}));
		const key = (c: (typeof shown)[number]) => (asked.by === 'percent' ? c.percentChange! : c.difference).value;
		const sorted = shown.sort((x, y) => sign * compareDecimalText(key(x), key(y)));
		const ranks = ranksOf(sorted, key);
		const items: ChangeRanking['items'] = sorted.map((c, i) => ({ ...c, rank: ranks[i]! }));
		if (
			[...before.values(), ...after.values()].some(
				(g) => QUALIFIER_RANK[g.primary.qualifier] >= QUALIFIER_RANK.at_least,
			)
		)
			notes.push(
				'Some of these figures are approximate or bounds (about, over), so the changes and their order may not be exact.',
			);
		return answered(
			{
				kind: 'changes',
				changes: {
					dimension,
					from,
					to,
					by: asked.by,
					order: asked.order,
					items,
					of: changes.length,
				},
			},
			notes,
		);
	}
	return null;
}

/**
 * "Which year did earthquake deaths rise the most": over one series, the step from one period to the
 * next (of the same grain) with the largest (or smallest) change, both figures shown and cited.
 * Ties are named. A question that leaves several series open is asked to name one.
 */
export function periodChangeAnswer(
	scope: Scope,
	rows: ReadonlyMap<Dimension, DimFilter>,
	metric: Metric | null,
	asked: Omit<ChangeAsked, 'top'>,
): Outcome {
	const { catalogue, select, periods, signals, notes } = scope;
	if (!metric)
		return notFound(
			`Which measure? The data has ${catalogue.dataset.metrics.map((m) => m.label).join(', ')}.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	// The series the words name ("earthquake deaths"; "deaths", the total, where the data has one), else its rows.
	const named = select(periods).filter((f) => f.metric === metric);
	const figures = named.length > 0 ? named : select(periods, rows).filter((f) => f.metric === metric);
	const series = groupBy(figures, dimsKey);
	if (series.size > 1)
		return notFound(
			`The change from one period to the next is of one series; this question leaves ${series.size} open. Name one (such as "${catalogue.label(figures[0]!).replace(/, [^,]*$/, '')}").`,
			catalogue.overviewSuggestions(),
			notes,
		);
	const prefer = signals.sources.size > 0 ? signals.sources : null;
	const byPeriod = [...groupBy(figures, (f) => f.period.key).values()]
		.map((fs) => catalogue.group(fs, prefer))
		.sort((x, y) => comparePeriods(x.primary.period, y.primary.period));
	const steps = byPeriod.slice(1).flatMap((a, i) => {
		const b = byPeriod[i]!;
		// One period to the very next: a year missing from the data is no step ("1931 → 1933" is two).
		if (!nextPeriod(b.primary.period, a.primary.period)) return [];
		const change = asked.by === 'percent' ? percentChange(a.primary, b.primary) : difference(a.primary, b.primary);
		return change ? [{ a, b, change }] : [];
	});
	if (steps.length === 0)
		return notFound(
			`The data has no two periods in a row for ${metric.label} here, so there is no change to pick.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	const sign = asked.order === 'largest' ? -1 : 1;
	const sorted = [...steps].sort((x, y) => sign * compareDecimalText(x.change.value, y.change.value));
	const best = sorted[0]!;
	const tied = sorted.filter((s) => compareDecimalText(s.change.value, best.change.value) === 0);
	const span = `${periodLabel(byPeriod[0]!.primary.period)}–${periodLabel(byPeriod.at(-1)!.primary.period)}`;
	notes.push(
		`The ${asked.order === 'largest' ? 'highest' : 'lowest'} ${asked.by === 'percent' ? '% change' : 'change'} from one period to the next of ${byPeriod.length} periods (${span})${tied.length > 1 ? `; ${tied.length} steps share it: ${tied.map((s) => `${periodLabel(s.b.primary.period)} → ${periodLabel(s.a.primary.period)}`).join(', ')}` : ''}.`,
	);
	return answered({ kind: 'comparison', comparison: comparisonOf(best.a, best.b, 'period') }, notes);
}

/** Kinds of period whose ordinals count one period after another (not days, spans or no period). */
const STEPPED: ReadonlySet<Grain> = new Set(['year', 'season', 'fiscal', 'quarter', 'month']);

/** Whether `after` is the period right after `before`, of the same kind (the next year, quarter, month, season). */
function nextPeriod(before: Period, after: Period): boolean {
	return (
		before.grain === after.grain && STEPPED.has(before.grain) && periodOrdinal(after) === periodOrdinal(before) + 1
	);
}
