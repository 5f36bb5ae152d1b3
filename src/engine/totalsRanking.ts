import type { Grain } from '../data/types.js';
import { comparePeriods } from '../data/period.js';
import { depthOf, hasHierarchy } from '../data/hierarchy.js';
import { compareDecimalText } from '../math/decimal.js';
import { groupBy } from '../model/groupBy.js';
import { plural } from '../model/plural.js';
import type { TotalsRanking } from './answer.js';
import { total } from './compute.js';
import { type Scope, ranksOf } from './derivedAnswers.js';
import { type Outcome, answered, notFound } from './outcome.js';
import { periodsOf } from '../question/periods.js';
import { isRate, mean, oneKindOfPeriod } from './rowAnswer.js';

/** Items a ranking shows when the question does not ask for a number ("top 3"). */
const ITEMS = 10;
/** Periods shown and cited under each item: the rest are counted. */
const SHOWN = 3;

/**
 * "Which disaster killed the most in the 2000s", "… in total", "which nation won the most on
 * average": the values of one dimension ranked by their figures over every period asked (all the
 * data's, where none is) added up — or averaged — one figure per period (the leading source's). A
 * measure that is a rate, share or place is never added up (its average may be asked). Null when no
 * dimension has two values to rank.
 */
export function totalsRankingAnswer(
	scope: Scope,
	operation: TotalsRanking['operation'],
	direction: TotalsRanking['direction'],
	top: number | null,
	grain: Grain | null = null,
): Outcome | null {
	const { catalogue, reading, select, periods, signals, notes } = scope;
	const candidates =
		signals.breakdownDims.size > 0
			? [...signals.breakdownDims]
			: catalogue.dataset.dimensions.filter((d) => !reading.has(d) && d.role === null);
	for (const dimension of candidates) {
		let all = select(periods, new Map([[dimension, { kind: 'set' }]]));
		const measures = [...new Set(all.map((f) => f.metric))];
		if (measures.length > 1)
			return notFound(
				`Which measure? The ${plural(dimension.label.toLowerCase())} have ${measures.map((m) => m.label).join(', ')}.`,
				catalogue.overviewSuggestions(),
				notes,
			);
		const metric = measures[0];
		if (!metric) continue;
		if (operation === 'sum' && isRate(metric))
			return notFound(
				`${metric.label} is not a count or an amount, so it is not added up across periods; ask for the highest on average instead.`,
				catalogue.overviewSuggestions(),
				notes,
			);
		// Values of one level, as a ranking of one period takes them (countries, not their regions).
		if (hasHierarchy(dimension)) {
			const level = signals.levels.get(dimension) ?? 1;
			const depths = new Map<string, number>();
			const depth = (id: string) => depths.get(id) ?? depths.set(id, depthOf(dimension, id)).get(id)!;
			all = all.filter((f) => depth(f.dims[dimension.id]!) === level);
		}
		// Periods of one kind: years, not years and the quarters within them added together.
		const kind = oneKindOfPeriod(all, grain);
		if (kind) {
			all = kind.kept;
			notes.push(kind.note);
		}
		const byValue = groupBy(all, (f) => f.dims[dimension.id]!);
		if (byValue.size < 2) continue;
		const prefer = signals.sources.size > 0 ? signals.sources : null;
		const ranked = [...byValue].map(([value, figures]) => {
			// One figure per period: where sources give several, the one an answer leads with.
			const keys = new Set(figures.map((f) => f.period.key));
			const perPeriod =
				keys.size === figures.length
					? figures
					: [...groupBy(figures, (f) => f.period.key).values()].map(
							(fs) => catalogue.group(fs, prefer).primary,
						);
			const result =
				operation === 'sum'
					? total(perPeriod)
					: {
							value: mean(perPeriod),
							bound: perPeriod.some((f) => f.qualifier !== 'exact')
								? ('approximately' as const)
								: ('exact' as const),
						};
			return { value, result, rows: perPeriod };
		});
		const sign = direction === 'highest' ? -1 : 1;
		// Ordered by a number, then the items shown by their exact values, ties found on those.
		const shown = ranked
			.sort((a, b) => sign * (Number(a.result.value) - Number(b.result.value)))
			.slice(0, Math.min(top ?? ITEMS, 25))
			.sort((a, b) => sign * compareDecimalText(a.result.value, b.result.value));
		const ranks = ranksOf(shown, (item) => item.result.value);
		const items: TotalsRanking['items'] = shown.map((item, i) => ({
			rank: ranks[i]!,
			value: item.value,
			result: item.result,
			shown: [...item.rows].sort((a, b) => comparePeriods(a.period, b.period)).slice(0, SHOWN),
			of: item.rows.length,
		}));
		const spans = periodsOf(all);
		const counts = new Set(ranked.map((r) => r.rows.length));
		if (counts.size > 1)
			notes.push(
				`Not every ${dimension.label.toLowerCase()} value has a figure for each of the ${spans.length} periods; each is ${operation === 'sum' ? 'added up' : 'averaged'} over the periods it has.`,
			);
		if (all.some((f) => f.qualifier !== 'exact'))
			notes.push('Some inputs are approximate or bounds, so the results are approximate.');
		return answered(
			{
				kind: 'totals',
				totals: {
					dimension,
					operation,
					direction,
					from: spans[0]!,
					to: spans.at(-1)!,
					items,
					of: ranked.length,
				},
			},
			notes,
		);
	}
	return null;
}
