import { computeDimsKey, dimsKey } from '../data/integrity.js';
import { comparePeriods, wholeGrain } from '../data/period.js';
import { SCALE_FACTORS, isCountUnit, isPercentMetric, unitScale } from '../data/constraints.js';
import { dimensionValue } from '../data/dimensionValues.js';
import { childrenOf } from '../data/hierarchy.js';
import type { Attribute, Dimension, Figure, Grain, Metric, Period } from '../data/types.js';
import { compareDecimalText, dec, div, sumDecimalTexts, toPlain } from '../math/decimal.js';
import type { Condition } from '../model/query.js';
import { ordinal } from '../model/ordinal.js';
import { capitalize } from './labels.js';
import type { WrittenCondition } from '../question/conditions.js';
import type { Aggregate } from './answer.js';
import { mostExact, total } from './compute.js';
import { type Scope, comparisonOf } from './derivedAnswers.js';
import type { DimFilter } from './figureIndex.js';
import { type Outcome, answered, notFound } from './outcome.js';
import { periodLabel, periodsOf } from '../question/periods.js';

/** What a question does with the rows it picks: count them, add or average a measure over them, pick one. */
export type RowOperation = 'count' | 'sum' | 'average' | 'median' | 'which' | 'first' | 'last' | 'list' | 'range';

export interface RowQuestion {
	operation: RowOperation;
	/** Rows are periods ("how many years", "which season") or a dimension's values; null: as the data has them. */
	overPeriods: boolean;
	/** The measure named, when one is. */
	metric: Metric | null;
	conditions: readonly RowCondition[];
	direction: 'highest' | 'lowest' | null;
	/** "how many teams came 3rd": the distinct values of a descriptive column are counted, not rows. */
	distinct?: Attribute | null;
	/** "all 7 nations": how many rows the question says there are; checked, and said when the data differs. */
	statedRows?: number | null;
	/** "the second highest": the place asked of "which", 1 when none is written. */
	nth?: number | null;
	/** "per year", "quarterly": the kind of period the rows are, where the question names one. */
	grain?: Grain | null;
}

/**
 * Figures over periods of several kinds (years, and quarters within them) cut to one: the kind named
 * ("per year"), else the whole one; with the note saying what was left out. Null where all are of one kind.
 */
export function oneKindOfPeriod<T extends Pick<Figure, 'period'>>(
	figures: readonly T[],
	named: Grain | null,
): { kept: T[]; note: string } | null {
	const grains = new Set(figures.map((f) => f.period.grain));
	if (grains.size < 2) return null;
	const wanted = wholeGrain(grains, named);
	const left = figures.filter((f) => f.period.grain !== wanted);
	return {
		kept: figures.filter((f) => f.period.grain === wanted),
		note: `Only the ${GRAIN_NAMES[wanted]} figures are used; ${left.length} figure${left.length === 1 ? '' : 's'} of other periods (such as ${periodLabel(left[0]!.period)}) ${left.length === 1 ? 'is' : 'are'} left out.`,
	};
}

const GRAIN_NAMES: Readonly<Record<Grain, string>> = {
	year: 'yearly',
	season: 'season',
	fiscal: 'fiscal-year',
	quarter: 'quarterly',
	month: 'monthly',
	day: 'daily',
	span: 'multi-year',
	none: 'undated',
};

/** A condition on a measure, or on a descriptive column of numbers or dates ("established after 1990"). */
export interface RowCondition {
	written: WrittenCondition;
	metric: Metric | null;
	attribute?: Attribute;
	/** Of a column of dates, the part compared: its year (the default), its month, or the whole date as YYYYMMDD. */
	datePart?: 'year' | 'month' | 'day';
}

/** The rows an answer lists as its inputs; the rest are counted in. */
export const MAX_ROWS_SHOWN = 10;

/** Units whose values add up across rows: not a rate, a share, an average or a place in an order. */
export const NOT_ADDITIVE = /%|percent|per |rate|ratio|index|position|rank|place|average|mean|median|score|rating/i;

/** A rate, share or place: a measure whose figures are not counts or amounts and never add up. */
export const isRate = (metric: Metric): boolean =>
	!isCountUnit(metric.unit) && NOT_ADDITIVE.test(`${metric.label} ${metric.unit}`);

/** Whether a value meets a condition. */
export function meets(value: string, condition: WrittenCondition): boolean {
	const c = compareDecimalText(value, condition.value);
	switch (condition.comparator) {
		case 'gt':
			return c > 0;
		case 'ge':
			return c >= 0;
		case 'lt':
			return c < 0;
		case 'le':
			return c <= 0;
		case 'eq':
			return c === 0;
		case 'between':
			return c >= 0 && compareDecimalText(value, condition.upper ?? condition.value) <= 0;
	}
}

/**
 * "More than 1 million viewers" of a measure in millions of viewers (1.07 is 1.07 million): the
 * number written with its scale is compared in the measure's unit (1), never as 1,000,000 of them.
 */
function inUnitOf(condition: RowCondition, figures: readonly Figure[], notes: string[]): RowCondition {
	const scale = condition.metric ? unitScale(condition.metric.unit) : null;
	if (!scale) return condition;
	const by = dec(SCALE_FACTORS[scale]);
	const { written } = condition;
	const scaled = /\d\s*(?:thousand|million|billion|bn|mn|k|m)\b|\b(?:thousand|million|billion)\b/i.test(written.text);
	if (!scaled) {
		// "Over 900,000 viewers" of figures in millions (the most 1.07): a number a hundred times past
		// every figure, that in the measure's unit is among them, is written in full (0.9 million).
		let most = 0;
		for (const f of figures) if (f.metric === condition.metric) most = Math.max(most, Math.abs(Number(f.value)));
		const asWritten = Number(written.value);
		if (!(most > 0 && asWritten > 100 * most && asWritten / Number(SCALE_FACTORS[scale]) <= 100 * most))
			return condition;
	}
	const value = toPlain(div(dec(written.value), by));
	if (!scaled) notes.push(`Read ${written.text} as ${value} ${condition.metric!.unit}, the unit of the figures.`);
	return {
		...condition,
		written: {
			...written,
			value,
			upper: written.upper === null ? null : toPlain(div(dec(written.upper), by)),
		},
	};
}

/** A condition as the model writes it, tied to its measure. */
export const conditionOf = ({ written, metric, attribute }: RowCondition): Condition => ({
	comparator: written.comparator,
	value: written.value,
	upper: written.upper,
	text: written.text,
	metric: metric
		? { id: metric.id, label: metric.label }
		: attribute
			? { id: attribute.id, label: attribute.label }
			: null,
});

/**
 * A number, or a part of a date, as a row's column writes it ("1,234"; "1990-05-01" → 1990, its
 * month 5, or 19900501), or null. A month or a whole date is read only from a date written in full.
 */
function attributeNumber(
	written: string | undefined,
	attribute: Attribute,
	part: RowCondition['datePart'] = 'year',
): string | null {
	if (written === undefined) return null;
	if (attribute.type === 'date' && part !== 'year') {
		const date = ISO_DATE.exec(written);
		if (!date) return null;
		return part === 'month' ? String(Number(date[2])) : `${date[1]}${date[2]}${date[3]}`;
	}
	const text = attribute.type === 'date' ? written.slice(0, 4) : written.replace(/,/g, '');
	return /^-?\d+(\.\d+)?$/.test(text) ? text : null;
}
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Counts, adds up, averages or picks from the rows a question names, under its conditions ("how many
 * clubs had an average attendance over 15,000", "total points over all seasons", "the first year with
 * at least one win"). A row is one value of the dimensions the question leaves open in one period;
 * without a period asked, rows of several values are taken in the latest period (and it says so),
 * rows that are periods in all of them. Every row used is cited; a row a condition cannot be judged
 * on (no figure for its measure) is left out and counted in a note.
 */
export function rowAnswer(scope: Scope, question: RowQuestion, rows: ReadonlyMap<Dimension, DimFilter>): Outcome {
	const { catalogue, select, periods, notes } = scope;
	const { dataset } = catalogue;
	const only = dataset.metrics.length === 1 ? dataset.metrics[0]! : null;
	const conditionMetrics = [...new Set(question.conditions.map((c) => c.metric).filter((m) => m !== null))];
	const measured =
		question.metric ??
		(question.operation === 'count' || question.operation === 'list'
			? null
			: (only ?? (conditionMetrics.length === 1 ? conditionMetrics[0]! : null)));
	const needsMeasure = question.operation !== 'count' && question.operation !== 'list';
	// "Total wins and points of …": two measures to add, one answer each; never one of them alone.
	const several = [...scope.signals.metrics];
	if (needsMeasure && !question.metric && several.length > 1)
		return notFound(
			`Which measure: ${several.map((m) => m.label).join(' or ')}? I work out one at a time.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	if (needsMeasure && !measured)
		return notFound(
			`Which measure? The data has ${dataset.metrics.map((m) => m.label).join(', ')}.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	// A condition in per cent with no measure named is on the data's one measure in per cent, if it has one.
	const percents = dataset.metrics.filter(isPercentMetric);
	const fallback = (c: RowCondition) => {
		const metric = measured ?? only;
		if (metric && (!c.written.percent || isPercentMetric(metric))) return metric;
		return c.written.percent && !measured && percents.length === 1 ? percents[0]! : null;
	};
	let conditions = question.conditions.map((c) => (c.attribute ? c : { ...c, metric: c.metric ?? fallback(c) }));
	const unplaced = conditions.find((c) => c.metric === null && !c.attribute);
	if (unplaced)
		return notFound(
			`Which measure is "${unplaced.written.text}" about? The data has ${dataset.metrics.map((m) => m.label).join(', ')}.`,
			catalogue.overviewSuggestions(),
			notes,
		);

	// Rows of a table; where a dataset gives only totals for what the question leaves open, those.
	let all = select(periods, new Map(rows));
	if (all.length === 0) all = select(periods);
	if (all.length === 0) return notFound('The data has no rows for this.', catalogue.overviewSuggestions(), notes);
	conditions = conditions.map((c) => (c.attribute ? c : inUnitOf(c, all, notes)));
	// Rows: one per value of the open dimensions and period, each with its figures. A thing counted
	// with no measure named ("how many parks") is one row whatever periods its figures have (a park's
	// area with no period, its visits in 2009).
	const things =
		question.operation === 'count' && !measured && !question.overPeriods && !question.distinct && periods === null;
	const needed = new Set<Metric>();
	if (measured) needed.add(measured);
	for (const c of conditions) if (c.metric && !c.attribute) needed.add(c.metric);
	if (question.operation === 'list' && !measured) for (const m of scope.signals.metrics) needed.add(m);
	const open = dataset.dimensions.filter((d) => rows.get(d)?.kind === 'set');
	// The row a figure is of: its open dimension's value where there is one (no key to build).
	const entityOf = open.length === 1 ? (f: Figure) => f.dims[open[0]!.id] ?? '' : (f: Figure) => dimsKey(f);
	const candidates =
		needed.size > 0 && !things && !all.every((f) => needed.has(f.metric))
			? all.filter((f) => needed.has(f.metric))
			: all;
	const oneSource = candidates.every((f) => f.source === candidates[0]!.source);
	const periodOf = things ? () => '' : (f: Figure) => f.period.key;
	const { firsts: tableRows, more } = rowsOfFigures(
		candidates,
		entityOf,
		periodOf,
		needed.size === 1 && !things,
		oneSource,
	);
	const firstEntity = tableRows[0] && entityOf(tableRows[0]);
	const firstPeriod = tableRows[0] && periodOf(tableRows[0]);
	// "how many times / years …" of data with one period and many rows counts no periods.
	const onePeriod = tableRows.every((r) => periodOf(r) === firstPeriod);
	if (question.overPeriods && onePeriod && tableRows.some((r) => entityOf(r) !== firstEntity))
		return notFound(
			`The data has one period for this (${periodLabel(candidates[0]!.period)}), so there are no periods to count or pick from.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	// Rows that are each of their own period (a career, season by season and series by series) are
	// taken in all periods; rows measured again each period (a city's population by census), in one.
	const overPeriods = question.overPeriods || tableRows.every((r) => entityOf(r) === firstEntity);
	let inPeriod = tableRows;
	let period: Period | null = null;
	const extra = [...notes];
	// Periods of several kinds (years and quarters of them): one kind, never added or averaged together
	// — the kind the question names ("per year"), else the whole one.
	if (overPeriods) {
		const kind = oneKindOfPeriod(tableRows, question.grain ?? null);
		if (kind) {
			inPeriod = kind.kept;
			extra.push(kind.note);
		}
	}
	if (!overPeriods && !things && periods === null && measuredAgain(tableRows, entityOf, periodOf)) {
		const latest = periodsOf(candidates).at(-1)!;
		inPeriod = tableRows.filter((row) => periodOf(row) === latest.key);
		extra.push(
			`Rows of the latest period with figures, ${periodLabel(latest)}; ask for another ("in 2005") for that.`,
		);
		period = latest;
	} else if (!overPeriods && periods?.length === 1 && inPeriod[0]) period = inPeriod[0].period;

	/** The figure a row (by its first figure) gives of a measure, or of any for null: the most exact. */
	const cite = (row: Figure, metric: Metric | null): Figure | null => {
		const others = more.get(row);
		if (!others) return metric === null || row.metric === metric ? row : null;
		const all = [row, ...others];
		const own = metric ? all.filter((f) => f.metric === metric) : all;
		return own.length > 0 ? mostExact(own) : null;
	};
	// Rows counted include those that give no figure (a park listed, its figures not given), once
	// each, of the period counted: judged by their own columns, never by a measure they lack.
	const countsRows = question.operation === 'count' && !question.distinct && !overPeriods;
	const bareCandidates = countsRows && dataset.bareRows.length > 0 ? scope.selectBare(periods, new Map(rows)) : [];
	// (The rows counted are indexed only where there are rows without figures to tell apart from them.)
	const counted = bareCandidates.length > 0 ? new Set(inPeriod.map(entityOf)) : null;
	const bare = bareCandidates.filter((r) => {
		if (period !== null && r.period.key !== period.key) return false;
		const entity = open.length === 1 ? (r.dims[open[0]!.id] ?? '') : computeDimsKey(r.dims);
		return !counted!.has(entity) && (counted!.add(entity), true);
	});
	const rowCount = inPeriod.length + bare.length;
	// "Out of the 43 listed, how many drove Toyotas": the number states every row of the table, before
	// the rows a column's value picks.
	const listed =
		question.statedRows != null && question.statedRows !== rowCount && scope.selectAnyValue
			? new Set(
					scope
						.selectAnyValue(periods, new Map(rows))
						.filter((f) => period === null || f.period.key === period.key)
						.map(entityOf),
				).size
			: null;
	// "All 7 nations" of data with 5: the question is about other rows, never answered from these.
	if (question.statedRows != null && question.statedRows !== rowCount && question.statedRows !== listed)
		return notFound(
			`The question says ${question.statedRows}; the data has ${rowCount} rows here, so it is not about these.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	let unjudged = 0;
	let withoutMeasure = 0;
	// The figure each row kept is cited by (its measure's, else its condition's): no object per row.
	// With no condition and a figure a row, of the measure asked, every row is kept as it is.
	const keepsAll = more.size === 0 && conditions.length === 0 && needed.size <= 1;
	const figures: Figure[] = keepsAll ? [...inPeriod] : [];
	for (const row of keepsAll ? [] : inPeriod) {
		let ok = true;
		for (const c of conditions) {
			const f = c.attribute ? cite(row, null) : cite(row, c.metric);
			const value =
				f && (c.attribute ? attributeNumber(f.attrs[c.attribute.id], c.attribute, c.datePart) : f.value);
			if (!value) {
				unjudged++;
				ok = false;
				break;
			}
			if (!meets(value, c.written)) {
				ok = false;
				break;
			}
		}
		if (!ok) continue;
		// Rows listed with several measures named: each of them, never only the one a condition is on.
		if (question.operation === 'list' && !measured && scope.signals.metrics.size > 1) {
			const each = [...scope.signals.metrics].flatMap((m) => cite(row, m) ?? []);
			if (each.length > 0) {
				figures.push(...each);
				continue;
			}
		}
		const figure = cite(row, measured) ?? cite(row, conditions[0]?.metric ?? null);
		if (!figure) continue;
		if (measured && figure.metric !== measured) withoutMeasure++;
		else figures.push(figure);
	}
	// A row that gives no figure meets a condition on its own columns; one on a measure cannot be judged.
	const bareKept = bare.filter((r) => {
		for (const c of conditions) {
			const value = c.attribute ? attributeNumber(r.attrs[c.attribute.id], c.attribute, c.datePart) : null;
			if (!value) {
				unjudged++;
				return false;
			}
			if (!meets(value, c.written)) return false;
		}
		return true;
	});
	if (unjudged > 0)
		extra.push(
			`${unjudged} row${unjudged === 1 ? ' has' : 's have'} no figure to judge the condition on and ${unjudged === 1 ? 'is' : 'are'} left out.`,
		);
	if (measured && withoutMeasure > 0)
		extra.push(`${withoutMeasure} rows give no ${measured.label.toLowerCase()} and are left out.`);
	const modelConditions = conditions.map(conditionOf);
	const over = overPeriods
		? null
		: (varyingDimension(catalogue.dataset.dimensions, figures) ??
			catalogue.dataset.dimensions.find((d) => rows.get(d)?.kind === 'set') ??
			null);
	const byTime = (a: Figure, b: Figure) => comparePeriods(a.period, b.period);

	switch (question.operation) {
		case 'count': {
			const distinct = question.distinct;
			if (bareKept.length > 0 && !distinct) {
				extra.push(
					`${bareKept.length === 1 ? 'One of these rows gives' : `${bareKept.length} of these rows give`} no figures; ${bareKept.length === 1 ? 'it is' : 'each is'} counted by its own columns.`,
				);
				return aggregate('count', null, { value: String(figures.length + bareKept.length), bound: 'exact' });
			}
			if (overPeriods) {
				// Periods counted: a period of two rows (two clubs in a season, two countries in a year) once.
				const byPeriod = new Map<string, Figure>();
				for (const f of figures) if (!byPeriod.has(f.period.key)) byPeriod.set(f.period.key, f);
				if (byPeriod.size < figures.length)
					return aggregate('count', null, { value: String(byPeriod.size), bound: 'exact' }, [
						...byPeriod.values(),
					]);
			}
			if (!distinct) return aggregate('count', null, { value: String(figures.length), bound: 'exact' });
			// One row cited for each value of the column counted.
			const byValue = new Map<string, Figure>();
			for (const f of figures) {
				const v = f.attrs[distinct.id];
				if (v !== undefined && !byValue.has(v)) byValue.set(v, f);
			}
			return aggregate('count', null, { value: String(byValue.size), bound: 'exact' }, [...byValue.values()]);
		}
		case 'sum': {
			if (figures.length === 0) return noRows();
			// A count ("pole positions" in poles) always adds up; a rate, share or place never does.
			if (isRate(measured!))
				return notFound(
					`${measured!.label} is not a count or an amount, so it is not added up across rows; ask for its average instead.`,
					[],
					extra,
				);
			return aggregate('sum', measured, total(figures));
		}
		case 'average':
		case 'median': {
			if (figures.length === 0) return noRows();
			// "The average population density of the mainland": a group's own rate is its average over
			// its parts (people per km² of the whole), which the data gives; never a mean of its parts' rates.
			const only = figures.length === 1 ? figures[0]! : null;
			const group =
				only && catalogue.dataset.dimensions.find((d) => childrenOf(d, only.dims[d.id] ?? '').length > 0);
			if (only && group && question.operation === 'average' && isRate(measured!)) {
				const name = dimensionValue(group, only.dims[group.id])?.label ?? only.dims[group.id];
				extra.push(
					`The average ${measured!.label.toLowerCase()} of ${name} is its own figure, which the data gives for the whole of it (not a mean of its parts' figures).`,
				);
				return answered({ kind: 'figures', groups: [catalogue.group([only], new Set([only.source]))] }, extra);
			}
			// "average of Russians to North Korea in 2025": one figure named, nothing to average over.
			if (figures.length === 1)
				return notFound(
					`Only one row matches, so there is nothing to take the ${question.operation} of.`,
					[catalogue.suggestionFor(figures[0]!)],
					extra,
				);
			const value = question.operation === 'average' ? mean(figures) : median(figures);
			if (figures.some((f) => f.qualifier !== 'exact'))
				extra.push('Some inputs are approximate or bounds, so the result is approximate.');
			return aggregate(question.operation, measured, {
				value,
				bound: figures.some((f) => f.qualifier !== 'exact') ? 'approximately' : 'exact',
			});
		}
		case 'which': {
			if (figures.length === 0) return noRows();
			const sign = question.direction === 'lowest' ? 1 : -1;
			const place = question.nth ?? 1;
			// Ranked, equal values sharing a place (1, 2, 2, 4): the rows at the place asked.
			const sorted = [...figures].sort((a, b) => sign * compareDecimalText(a.value, b.value));
			const rankOf = new Map<Figure, number>();
			sorted.forEach((f, i) =>
				rankOf.set(
					f,
					i > 0 && compareDecimalText(f.value, sorted[i - 1]!.value) === 0
						? rankOf.get(sorted[i - 1]!)!
						: i + 1,
				),
			);
			const tied = sorted.filter((f) => rankOf.get(f) === place).sort(byTime);
			if (tied.length === 0)
				return notFound(
					`No row is at place ${place}: there are ${figures.length}, and tied values share a place.`,
					[],
					extra,
				);
			const what = overPeriods ? 'periods' : `${over?.label.toLowerCase() ?? 'row'} values`;
			const which = `${place > 1 ? `${capitalize(ordinal(place))} ${question.direction === 'lowest' ? 'lowest' : 'highest'}` : question.direction === 'lowest' ? 'Lowest' : 'Highest'}`;
			extra.push(
				`${which} of ${figures.length} ${what}${figures.length > 1 ? ` (${periodSpan(figures)})` : ''}${tied.length > 1 ? `; ${tied.length} share it` : ''}.`,
			);
			return answered(
				{ kind: 'figures', groups: tied.map((f) => catalogue.group([f], new Set([f.source]))) },
				extra,
			);
		}
		case 'range': {
			// The highest and the lowest row, compared: both shown and cited, ties named.
			if (figures.length < 2)
				return notFound(
					`${figures.length === 0 ? 'No row has' : 'Only one row has'} ${measured!.label.toLowerCase()} here, so there is no highest and lowest to compare.`,
					catalogue.overviewSuggestions(),
					extra,
				);
			const sorted = [...figures].sort((a, b) => compareDecimalText(b.value, a.value));
			const [high, low] = [sorted[0]!, sorted.at(-1)!];
			const what = overPeriods ? 'periods' : `${over?.label.toLowerCase() ?? 'row'} values`;
			const ties = (f: Figure) => sorted.filter((o) => compareDecimalText(o.value, f.value) === 0).length;
			const shared = [
				ties(high) > 1 ? `${ties(high)} share the highest` : '',
				ties(low) > 1 ? `${ties(low)} share the lowest` : '',
			].filter(Boolean);
			extra.push(
				`The highest and the lowest of ${figures.length} ${what} (${periodSpan(figures)})${shared.length > 0 ? `; ${shared.join(', ')}` : ''}.`,
			);
			return answered(
				{
					kind: 'comparison',
					comparison: comparisonOf(
						catalogue.group([high], new Set([high.source])),
						catalogue.group([low], new Set([low.source])),
						'value',
					),
				},
				extra,
			);
		}
		case 'first':
		case 'last': {
			if (figures.length === 0) return noRows();
			const sorted = [...figures].sort(byTime);
			const pick = question.operation === 'first' ? sorted[0]! : sorted.at(-1)!;
			const same = sorted.filter((f) => f.period.key === pick.period.key);
			extra.push(
				`The ${question.operation} of ${figures.length} period${figures.length === 1 ? '' : 's'}${conditions.length > 0 ? ` with ${modelConditions.map((c) => c.text).join(' and ')}` : ''} (${periodSpan(figures)}).`,
			);
			return answered(
				{ kind: 'figures', groups: same.map((f) => catalogue.group([f], new Set([f.source]))) },
				extra,
			);
		}
		case 'list': {
			if (figures.length === 0) return noRows();
			return answered({ kind: 'figures', groups: catalogue.groupBySlice(figures, scope.signals.sources) }, extra);
		}
	}

	/**
	 * Whether each row is a value of its own of `over`: at once where the rows are the one open
	 * dimension's values in one period (each of them once by construction, and a row without
	 * figures only where its value has none), else by counting.
	 */
	function rowsAreValuesOf(over: Dimension, inputs: readonly Figure[]): boolean {
		const first = inPeriod[0] && periodOf(inPeriod[0]);
		if (open.length === 1 && open[0] === over && inPeriod.every((r) => periodOf(r) === first)) return true;
		const values = new Set(inputs.map((f) => f.dims[over.id]));
		return values.size === inputs.length && bareKept.every((r) => !values.has(r.dims[over.id]));
	}

	function noRows(): Outcome {
		return notFound(
			`No rows here have ${modelConditions.map((c) => c.text).join(' and ') || 'figures for this'}.`,
			catalogue.overviewSuggestions(),
			extra,
		);
	}

	function aggregate(
		operation: Aggregate['operation'],
		metric: Metric | null,
		result: Aggregate['result'],
		inputs: readonly Figure[] = figures,
	): Outcome {
		const sorted = overPeriods ? [...inputs].sort(byTime) : inputs;
		// Rows that give no figure are listed first: they are what a reader checking the count looks for.
		const bareShown = operation === 'count' && !question.distinct ? bareKept.slice(0, MAX_ROWS_SHOWN) : [];
		return answered(
			{
				kind: 'aggregate',
				aggregate: {
					operation,
					metric,
					result,
					over,
					rowsAreValues: over !== null && rowsAreValuesOf(over, inputs),
					rows: sorted.slice(0, MAX_ROWS_SHOWN - bareShown.length),
					of: inputs.length + (operation === 'count' && !question.distinct ? bareKept.length : 0),
					bareRows: bareShown,
					distinct: question.distinct ?? null,
					conditions: modelConditions,
					period,
				},
			},
			extra,
		);
	}
}

/**
 * Rows of a table, each by its first figure (most rows have one: a measure's cell), with the further
 * figures of the rows that have more (another measure, another source) kept beside them.
 */
interface TableRows {
	firsts: readonly Figure[];
	more: ReadonlyMap<Figure, Figure[]>;
}

const NO_MORE: ReadonlyMap<Figure, Figure[]> = new Map();

/**
 * Figures grouped into rows, one per entity and period. One measure with one figure a row (one
 * source) is the common case at 100,000 rows: each figure is its own row, and nothing is built.
 */
function rowsOfFigures(
	figures: readonly Figure[],
	entityOf: (f: Figure) => string,
	periodOf: (f: Figure) => string,
	oneMeasure: boolean,
	oneSource: boolean,
): TableRows {
	// One measure from one source: a figure is a row (a table gives a cell once).
	if (oneMeasure && oneSource) return { firsts: figures, more: NO_MORE };
	const firsts: Figure[] = [];
	const more = new Map<Figure, Figure[]>();
	// Entity → period → the row's first figure (no key string built per figure).
	const byEntity = new Map<string, Map<string, Figure>>();
	for (const f of figures) {
		const entity = entityOf(f);
		const period = periodOf(f);
		let byPeriod = byEntity.get(entity);
		if (!byPeriod) byEntity.set(entity, (byPeriod = new Map()));
		const first = byPeriod.get(period);
		// Two sources (or measures) for one row: all kept, the most exact cited.
		if (first) {
			const list = more.get(first);
			if (list) list.push(f);
			else more.set(first, [f]);
		} else {
			byPeriod.set(period, f);
			firsts.push(f);
		}
	}
	return { firsts, more };
}

/**
 * Whether rows are measured again each period (a city's population at each census: most rows in most
 * periods), rather than each of its own period (a career, season by season and series by series).
 */
export function measuredAgain<Row>(
	rows: readonly Row[],
	entityOf: (row: Row) => string,
	periodOf: (row: Row) => string,
): boolean {
	const first = rows[0] && periodOf(rows[0]);
	if (rows.every((r) => periodOf(r) === first)) return false;
	const periodsOf = new Map<string, Set<string>>();
	const all = new Set<string>();
	for (const row of rows) {
		const entity = entityOf(row);
		const period = periodOf(row);
		all.add(period);
		const set = periodsOf.get(entity);
		if (set) set.add(period);
		else periodsOf.set(entity, new Set([period]));
	}
	const often = Math.max(2, Math.ceil(all.size / 2));
	let repeated = 0;
	for (const ps of periodsOf.values()) if (ps.size >= often) repeated++;
	return all.size > 1 && repeated >= periodsOf.size / 2;
}

/** "2006–2013": the first and last period of some figures. */
function periodSpan(figures: readonly Figure[]): string {
	const ps = periodsOf(figures);
	const [first, last] = [ps[0]!, ps.at(-1)!];
	if (first.key === last.key) return periodLabel(first);
	// "2001–02 to 2012–13": a dash between labels that hold dashes would read as one long span.
	const [from, to] = [periodLabel(first), periodLabel(last)];
	return /[–-]/.test(from + to) ? `${from} to ${to}` : `${from}–${to}`;
}

/** The dimension the rows are values of: the first whose value differs between them. */
function varyingDimension(dimensions: readonly Dimension[], figures: readonly Figure[]): Dimension | null {
	return dimensions.find((d) => figures.some((f) => f.dims[d.id] !== figures[0]!.dims[d.id])) ?? null;
}

/** The mean, exact to 12 decimal places (presenters round for display and say so). */
export function mean(figures: readonly Figure[]): string {
	const sum = sumDecimalTexts(figures.map((f) => f.value));
	return trim(toPlain(div(dec(sum), dec(String(figures.length)))));
}

/** The middle value, or the mean of the two middle values. */
function median(figures: readonly Figure[]): string {
	const sorted = [...figures].sort((a, b) => compareDecimalText(a.value, b.value));
	const mid = Math.floor(sorted.length / 2);
	if (sorted.length % 2 === 1) return sorted[mid]!.value;
	return trim(toPlain(div(dec(sumDecimalTexts([sorted[mid - 1]!.value, sorted[mid]!.value])), dec('2'))));
}

/** At most 12 decimal places, without trailing zeros. */
function trim(text: string): string {
	const [whole, fraction = ''] = text.split('.');
	const cut = fraction.slice(0, 12).replace(/0+$/, '');
	return cut ? `${whole}.${cut}` : whole!;
}
