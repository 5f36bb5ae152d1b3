import type { Place } from '../data/gazetteer.js';
import { dimsKey, sliceKey } from '../data/integrity.js';
import { comparePeriods } from '../data/period.js';
import { isCountUnit } from '../data/constraints.js';
import type { Dataset, Figure, Grain, Metric, Period, Source, Statement } from '../data/types.js';
import { compareDecimalText, sumDecimalTexts } from '../math/decimal.js';
import type { FigureGroup, Suggestion } from './answer.js';
import { QUALIFIER_RANK, statedGap } from './compute.js';
import { FigureIndex } from './figureIndex.js';
import { figureLabel } from './labels.js';
import { Vocabulary } from '../question/vocabulary.js';
import { periodsOf } from '../question/periods.js';
import { groupBy } from '../model/groupBy.js';

export const MAX_SUGGESTIONS = 5;

/**
 * One dataset made ready for questions, built once per load and read-only afterwards: its words
 * (vocabulary), its figures by dimension value (index), lookups by id, and which figures state the
 * same thing (same slice, or a declared conflict).
 */
export class Catalogue {
	readonly vocabulary: Vocabulary;
	readonly index: FigureIndex;
	readonly figureById: ReadonlyMap<string, Figure>;
	readonly statementById: ReadonlyMap<string, Statement>;
	readonly sourceById: ReadonlyMap<string, Source>;
	/** Whether a month named alone ("in March") is a period here: the data has monthly figures. */
	readonly hasMonths: boolean;
	/** Whether "2006-2011" asks for a span of years: the data has figures over spans. */
	readonly hasSpans: boolean;
	private readonly bySlice = new Map<string, Figure[]>();
	private readonly conflictsOf = new Map<Figure, { figure: Figure; note: string | null }[]>();
	private readonly countryByCode: ReadonlyMap<string, string>;
	private overview: Suggestion[] | null = null;
	private wholes: Map<Metric, Metric> | null = null;
	private periodList: Period[] | null = null;

	constructor(
		readonly dataset: Dataset,
		gazetteer: readonly Place[],
	) {
		this.vocabulary = new Vocabulary(dataset, gazetteer);
		this.index = new FigureIndex(dataset);
		this.figureById = new Map(dataset.figures.map((f) => [f.id, f]));
		this.statementById = new Map(dataset.statements.map((s) => [s.id, s]));
		this.sourceById = new Map(dataset.sources.map((s) => [s.id, s]));
		// "in May" is a month where figures are monthly, or rows have a date ("episodes aired in May").
		this.hasMonths =
			dataset.attributes.some((a) => a.type === 'date') ||
			dataset.figures.some((f) => f.period.grain === 'month' || f.period.grain === 'day');
		this.hasSpans = dataset.figures.some((f) => f.period.grain === 'span');
		// Only slices stated more than once are kept: most figures have no twin.
		const first = new Map<string, Figure>();
		for (const figure of dataset.figures) {
			const key = sliceKey(figure);
			const list = this.bySlice.get(key);
			if (list) list.push(figure);
			else {
				const earlier = first.get(key);
				if (earlier) this.bySlice.set(key, [earlier, figure]);
				else first.set(key, figure);
			}
		}
		for (const conflict of dataset.conflicts) {
			for (const figure of conflict.figures) {
				const linked = this.conflictsOf.get(figure) ?? [];
				for (const other of conflict.figures)
					if (other !== figure) linked.push({ figure: other, note: conflict.note });
				this.conflictsOf.set(figure, linked);
			}
		}
		// Country codes written in capitals ("US", "USA", "RU") name a country of this dataset; in lower
		// case they stay words ("tell us"). Only codes of the dataset's own countries are read this way.
		this.countryByCode = new Map(
			dataset.dimensions.flatMap((d) =>
				d.values.flatMap((v) => {
					const place = this.vocabulary.placeOf(v);
					return place ? place.codes.map((code) => [code, place.name] as const) : [];
				}),
			),
		);
	}

	/** How many periods of a grain the data has figures for ("over all the seasons" needs two or more). */
	periodCount(grain: Grain): number {
		return this.allPeriods().filter((p) => p.grain === grain).length;
	}

	/** Every period the data has figures for, in order. */
	allPeriods(): readonly Period[] {
		this.periodList ??= periodsOf(this.dataset.figures);
		return this.periodList;
	}

	/**
	 * The measure that `parts` are separate parts of, where the data shows it: in every row that gives
	 * them all, that measure's figure is the sum of the parts (a medal table's gold, silver and bronze
	 * and its total). Only then may two of them be added ("how many gold and silver medals"): measures
	 * that overlap ("tourists" and "visitors") never are. Null when no measure is their whole.
	 */
	totalOfParts(parts: readonly Metric[]): Metric | null {
		this.wholes ??= wholesOf(this.dataset);
		const whole = this.wholes.get(parts[0]!);
		return whole && parts.every((m) => this.wholes!.get(m) === whole) ? whole : null;
	}

	/** The question with capitalised country codes of this dataset's countries written as names. */
	expandCountryCodes(text: string): string {
		const codes = this.countryByCode;
		return codes.size === 0 ? text : text.replace(/\b[A-Z]{2,3}\b/g, (word) => codes.get(word) ?? word);
	}

	label(figure: Figure): string {
		return figureLabel(this.dataset, figure);
	}

	suggestionFor(figure: Figure): Suggestion {
		return { label: `${this.label(figure)} (${figure.source.originator})`, query: `figure:${figure.id}` };
	}

	/**
	 * The figure to lead with among figures for one thing (preferred sources first, then the most
	 * exact), and every other figure stated for the same thing, with its gap to the leader.
	 */
	group(figures: readonly Figure[], prefer: ReadonlySet<Source> | null): FigureGroup {
		const ranked = [...figures].sort(
			(x, y) =>
				Number(prefer !== null && !prefer.has(x.source)) - Number(prefer !== null && !prefer.has(y.source)) ||
				QUALIFIER_RANK[x.qualifier] - QUALIFIER_RANK[y.qualifier],
		);
		const primary = ranked[0] as Figure;
		const notes = new Map<Figure, string | null>();
		for (const f of this.bySlice.get(sliceKey(primary)) ?? []) if (f !== primary) notes.set(f, null);
		for (const { figure, note } of this.conflictsOf.get(primary) ?? []) {
			const sameSlice = notes.has(figure);
			if (!sameSlice && figure.source === primary.source) continue;
			if (note !== null || !sameSlice)
				notes.set(figure, [notes.get(figure), note].filter(Boolean).join(' ') || null);
		}
		const others = [...notes].map(([figure, note]) => ({ figure, ...statedGap(figure, primary), note }));
		return { primary, others };
	}

	/** One group per thing stated (slice and period), newest first. */
	groupBySlice(figures: readonly Figure[], prefer: ReadonlySet<Source>): FigureGroup[] {
		return [...groupBy(figures, sliceKey).values()]
			.map((fs) => this.group(fs, prefer.size > 0 ? prefer : null))
			.sort((a, b) => comparePeriods(b.primary.period, a.primary.period));
	}

	/**
	 * One suggestion per kind of figure the data has (metric and breakdown), broadest and latest first,
	 * computed once: the latest figure of each kind among the broadest figures, without sorting them all.
	 */
	overviewSuggestions(): Suggestion[] {
		if (this.overview) return this.overview;
		const byBreadth = new Map<number, Map<string, Figure>>();
		for (const figure of this.dataset.figures) {
			const breadth = Object.keys(figure.dims).length;
			const kinds = byBreadth.get(breadth) ?? new Map<string, Figure>();
			byBreadth.set(breadth, kinds);
			const kind = `${figure.metric.id}|${dimsKey(figure)}`;
			const latest = kinds.get(kind);
			if (!latest || comparePeriods(figure.period, latest.period) > 0) kinds.set(kind, figure);
		}
		const picks: Suggestion[] = [];
		for (const breadth of [...byBreadth.keys()].sort((a, b) => a - b)) {
			// The newest few, in the order a stable sort by period would give, without sorting them all
			// (a table of 100,000 districts has 100,000 kinds of the same breadth).
			const room = MAX_SUGGESTIONS - picks.length;
			const newestFirst: Figure[] = [];
			for (const figure of byBreadth.get(breadth)!.values()) {
				const last = newestFirst.at(-1);
				if (newestFirst.length === room && last && comparePeriods(figure.period, last.period) <= 0) continue;
				let at = newestFirst.length;
				while (at > 0 && comparePeriods(figure.period, newestFirst[at - 1]!.period) > 0) at--;
				newestFirst.splice(at, 0, figure);
				if (newestFirst.length > room) newestFirst.pop();
			}
			for (const figure of newestFirst) {
				if (picks.length >= MAX_SUGGESTIONS) break;
				picks.push(this.suggestionFor(figure));
			}
			if (picks.length >= MAX_SUGGESTIONS) break;
		}
		this.overview = picks;
		return picks;
	}
}

/** The newest figure, the most exact on a tie. */
export function latest(figures: readonly Figure[]): Figure {
	return [...figures].sort(
		(a, b) => comparePeriods(b.period, a.period) || QUALIFIER_RANK[a.qualifier] - QUALIFIER_RANK[b.qualifier],
	)[0] as Figure;
}

/** Rows checked at least, for a measure to be taken as the sum of others. */
const MIN_ROWS_SUMMED = 3;

/**
 * Each measure that is one of several separate parts of another, mapped to that whole: a measure in
 * a count unit whose figure, in every row giving it and every other measure of its unit, equals the
 * sum of those others, checked exactly over at least MIN_ROWS_SUMMED rows.
 */
function wholesOf(dataset: Dataset): Map<Metric, Metric> {
	const wholes = new Map<Metric, Metric>();
	const rows = new Map<string, Map<Metric, string>>();
	for (const f of dataset.figures) {
		if (!isCountUnit(f.metric.unit)) continue;
		const key = `${dimsKey(f)}\u0000${f.period.key}\u0000${f.source.id}`;
		let row = rows.get(key);
		if (!row) rows.set(key, (row = new Map()));
		row.set(f.metric, f.value);
	}
	for (const whole of dataset.metrics) {
		if (!isCountUnit(whole.unit)) continue;
		const parts = dataset.metrics.filter((m) => m !== whole && m.unit === whole.unit && isCountUnit(m.unit));
		if (parts.length < 2) continue;
		let checked = 0;
		let holds = true;
		for (const row of rows.values()) {
			const total = row.get(whole);
			if (total === undefined || parts.some((p) => !row.has(p))) continue;
			checked++;
			if (compareDecimalText(sumDecimalTexts(parts.map((p) => row.get(p)!)), total) !== 0) {
				holds = false;
				break;
			}
		}
		if (holds && checked >= MIN_ROWS_SUMMED) for (const p of parts) wholes.set(p, whole);
	}
	return wholes;
}
