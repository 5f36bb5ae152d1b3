import {
	MONTH_NAMES,
	comparePeriods,
	parsePeriodKey,
	periodLabel as labelOf,
	periodMidpoint,
	periodOrdinal,
} from '../data/period.js';
import type { Figure, Grain, Period } from '../data/types.js';
import { SHORT_YEAR } from './normalize.js';

/** A period a question asks about. A null year is "of any year": "Q3", "March". */
export interface PeriodQuery {
	grain: Grain;
	year: number | null;
	quarter: number | null;
	month: number | null;
	day: number | null;
	/** The last year of a season or span asked ("2012/13", "2006–2011"). */
	endYear?: number | null;
	/** The words it came from, for messages: "last year (2025)", "Q4 2024", "March 2008". */
	text: string;
	/**
	 * A year of a range asked ("since 2023", "from 2019 to 2021"): years of an open range after the
	 * data's last are not "missing", the range just runs past the data.
	 */
	range?: 'closed' | 'open';
	/** The words of the range it is a year of, to write it back once: "before 1908", "the 1990s". */
	rangeText?: string;
	/** The range as written, an open side null: "after 1990" is (1990, null), exclusive. */
	bounds?: { from: number | null; to: number | null; inclusive: boolean };
}

export interface Clock {
	year: number;
	quarter: number;
	/** 1–12. */
	month: number;
}

export function clockOf(now: Date): Clock {
	const month = now.getUTCMonth() + 1;
	return { year: now.getUTCFullYear(), quarter: Math.ceil(month / 3), month };
}

export interface PeriodOptions {
	/**
	 * Whether a month named without a year or a day ("in March", "May") is a period. A dataset with
	 * monthly figures says yes; elsewhere "may" stays a word. "March 2008" is a month either way.
	 */
	bareMonths: boolean;
	/** Whether the data has spans of years ("2006–2011"): then "2006-2011" asks for that span, else for the two years. */
	spans?: boolean;
}

const ORDINAL: ReadonlyMap<string, number> = new Map(
	Object.entries({
		first: 1,
		'1st': 1,
		second: 2,
		'2nd': 2,
		third: 3,
		'3rd': 3,
		fourth: 4,
		'4th': 4,
		last: 4,
		final: 4,
	}),
);
const MONTHS: ReadonlyMap<string, number> = new Map([
	...MONTH_NAMES.map((name, i) => [name.toLowerCase(), i + 1] as const),
	...['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
		(short) => [short, MONTH_NAMES.findIndex((n) => n.toLowerCase().startsWith(short)) + 1] as const,
	),
	['sept', 9],
]);
/** Words before a bare "may" that make it the month: "in May", "since May", "last May". */
const MONTH_CUES = new Set(['in', 'of', 'for', 'during', 'since', 'until', 'till', 'through', 'by', 'before', 'after']);
const YEAR = /^(1[89]|20)\d{2}$/;
const QUARTER = /^q([1-4])$/;
const ISO = /^\d{4}-(q[1-4]|\d{2}(-\d{2})?)$/;
const DAY = /^([1-9]|[12]\d|3[01])(st|nd|rd|th)?$/;
/** Two years joined: a season ("2012/13", "2012–13", "2012-13") or a span ("2006–2011"). */
const JOINED_YEARS = /^\d{4}[-/–—]\d{2}(?:\d{2})?$/;
const FISCAL = /^fy(\d{4})$/;

/** A question naming more periods than this is a list, not a question; the rest are ignored. */
const MAX_PERIODS = 8;
/** The longest range of years read ("since 1900"); a longer one starts this many years back from its end. */
const MAX_RANGE_YEARS = 400;

const query = (fields: Partial<PeriodQuery> & Pick<PeriodQuery, 'grain' | 'year'>): PeriodQuery => {
	const q: PeriodQuery = { quarter: null, month: null, day: null, endYear: null, text: '', ...fields };
	return { ...q, text: q.text || labelOf(q) };
};

/**
 * Finds years, quarters ("Q4", "fourth quarter", "Q3 2025", "2025-Q3"), months ("March 2008",
 * "2008-03", "in May" where months are periods), days ("14 March 2025", "2025-03-14") and relative
 * periods ("last year", "this quarter", "last month") against the clock passed in. An explicit year
 * anchors a relative word: "the last quarter of 2024" is Q4 2024. Marks the words it used in `consumed`.
 */
export function extractPeriods(
	tokens: readonly string[],
	clock: Clock,
	consumed: boolean[],
	options: PeriodOptions = { bareMonths: false },
): PeriodQuery[] {
	const found: { index: number; period: PeriodQuery }[] = [];
	const add = (index: number, period: PeriodQuery) => found.push({ index, period });
	const take = (from: number, to: number) => {
		for (let i = from; i < to; i++) consumed[i] = true;
	};
	const free = (i: number) => i >= 0 && i < tokens.length && !consumed[i];
	/** A year written just after (optionally "of"/"in") or just before the words from start to end. */
	const yearNear = (start: number, end: number, before = true): number | null => {
		const after = tokens[end] === 'of' || tokens[end] === 'in' ? end + 1 : end;
		if (YEAR.test(tokens[after] ?? '') && free(after)) {
			take(end, after + 1);
			return Number(tokens[after]);
		}
		if (before && YEAR.test(tokens[start - 1] ?? '') && free(start - 1)) {
			take(start - 1, start);
			return Number(tokens[start - 1]);
		}
		return null;
	};

	const ranged: PeriodQuery[] = [];
	// Ranges of years: "since 2023" (to this year), "from 2019 to 2021", "between 2019 and 2021",
	// "2019 through 2021". Every year of the range is asked.
	for (let i = 0; i < tokens.length; i++) {
		const word = tokens[i] ?? '';
		const from = tokens[i + 1] ?? '';
		if (consumed[i] || consumed[i + 1] || !YEAR.test(from)) continue;
		const joiner = tokens[i + 2] ?? '';
		const to = tokens[i + 3] ?? '';
		let end: number | null = null;
		let width = 0;
		let range: 'open' | 'closed' = 'closed';
		if (word === 'since') [end, width, range] = [clock.year, 2, 'open'];
		else if (
			((word === 'from' &&
				(joiner === 'to' || joiner === 'through' || joiner === 'until' || joiner === 'till')) ||
				(word === 'between' && joiner === 'and')) &&
			YEAR.test(to) &&
			!consumed[i + 3]
		)
			[end, width] = [Number(to), 4];
		let start = Number(from);
		// "before 1908", "after 1990", "until 2000": bounded on one side, by the data on the other.
		let bounds: PeriodQuery['bounds'] = { from: start, to: end, inclusive: true };
		if (word === 'since') bounds = { from: start, to: null, inclusive: true };
		if (end === null && (word === 'before' || word === 'after' || word === 'until' || word === 'till')) {
			bounds =
				word === 'after'
					? { from: start, to: null, inclusive: false }
					: word === 'before'
						? { from: null, to: start, inclusive: false }
						: { from: null, to: start, inclusive: true };
			[start, end] =
				word === 'after'
					? [start + 1, clock.year]
					: [start - MAX_RANGE_YEARS, start - (word === 'before' ? 1 : 0)];
			[width, range] = [2, 'open'];
		}
		if (end === null || end < start) continue;
		const text = tokens.slice(i, i + width).join(' ');
		take(i, i + width);
		start = Math.max(start, end - MAX_RANGE_YEARS + 1);
		for (let year = start; year <= end; year++)
			ranged.push(query({ grain: 'year', year, range, rangeText: text, bounds }));
	}
	// "2023 through 2025", "2019 to 2021", "1990s": every year of the range.
	for (let i = 0; i < tokens.length; i++) {
		const word = tokens[i] ?? '';
		const decade = /^((?:1[89]|20)\d)0s$/.exec(word);
		let [start, end, width] = [0, -1, 0];
		if (decade && !consumed[i]) [start, end, width] = [Number(decade[1]) * 10, Number(decade[1]) * 10 + 9, 1];
		else if (
			YEAR.test(word) &&
			['through', 'thru', 'to', 'until', 'till'].includes(tokens[i + 1] ?? '') &&
			YEAR.test(tokens[i + 2] ?? '') &&
			!consumed[i] &&
			!consumed[i + 2]
		)
			[start, end, width] = [Number(word), Number(tokens[i + 2]), 3];
		if (width === 0 || end < start || end - start >= MAX_RANGE_YEARS) continue;
		const from = i > 0 && tokens[i - 1] === 'the' && decade ? i - 1 : i;
		const text = tokens.slice(from, i + width).join(' ');
		take(from, i + width);
		for (let year = start; year <= end; year++)
			ranged.push(
				query({
					grain: 'year',
					year,
					range: 'closed',
					rangeText: text,
					bounds: { from: start, to: end, inclusive: true },
				}),
			);
	}
	// "the previous quarter" beside a period named is the one before it, a comparison, not the clock's.
	const named = tokens.some((t, i) => !consumed[i] && (YEAR.test(t) || ISO.test(t) || QUARTER.test(t)));

	for (let i = 0; i < tokens.length; i++) {
		if (consumed[i]) continue;
		const word = tokens[i] ?? '';
		const next = tokens[i + 1] ?? '';
		const previous = tokens[i - 1] ?? '';

		// "2010-11" is November 2010 where the data has months, a season where it has none.
		if (JOINED_YEARS.test(word) && !(ISO.test(word) && options.bareMonths)) {
			const period = parsePeriodKey(word, 'season');
			if (period?.grain === 'season') {
				take(i, i + 1);
				add(i, query({ ...period, text: labelOf(period) }));
				continue;
			}
			if (period?.grain === 'span') {
				take(i, i + 1);
				if (options.spans) add(i, query({ ...period, text: labelOf(period) }));
				else
					for (let year = period.year; year <= period.endYear!; year++)
						ranged.push(
							query({
								grain: 'year',
								year,
								range: 'closed',
								rangeText: word,
								bounds: { from: period.year, to: period.endYear!, inclusive: true },
							}),
						);
				continue;
			}
		}
		const fiscal = FISCAL.exec(word) ?? (word === 'fy' && YEAR.test(next) ? [word, next] : null);
		if (fiscal) {
			take(i, word === 'fy' ? i + 2 : i + 1);
			add(i, query({ grain: 'fiscal', year: Number(fiscal[1]), text: `FY${fiscal[1]}` }));
			continue;
		}

		if (ISO.test(word)) {
			const period = parsePeriodKey(word.toUpperCase());
			if (period) {
				take(i, i + 1);
				add(i, query({ ...period, text: labelOf(period) }));
			}
			continue;
		}

		const quarterMatch = QUARTER.exec(word);
		let quarter: number | null = null;
		let width = 0;
		if (quarterMatch) [quarter, width] = [Number(quarterMatch[1]), 1];
		else if (ORDINAL.has(word) && next === 'quarter') {
			// "last quarter" is relative unless a year anchors it: "the last quarter of 2024".
			const anchored = YEAR.test(tokens[i + 2] === 'of' || tokens[i + 2] === 'in' ? (tokens[i + 3] ?? '') : '');
			if (word !== 'last' || anchored) [quarter, width] = [ORDINAL.get(word) ?? null, 2];
		}
		if (quarter !== null) {
			take(i, i + width);
			add(i, query({ grain: 'quarter', year: yearNear(i, i + width), quarter }));
			continue;
		}

		const month = MONTHS.get(word);
		if (month !== undefined) {
			const dayBefore = DAY.exec(previous);
			const dayAfter = DAY.exec(next);
			const dayAt = dayBefore && free(i - 1) ? i - 1 : dayAfter && free(i + 1) && !YEAR.test(next) ? i + 1 : -1;
			const day = dayAt >= 0 ? Number((dayAt === i - 1 ? dayBefore : dayAfter)![1]) : null;
			const end = dayAt === i + 1 ? i + 2 : i + 1;
			const yearAfter = YEAR.test(tokens[end] === 'of' ? (tokens[end + 1] ?? '') : (tokens[end] ?? ''));
			const cued = word === 'may' ? MONTH_CUES.has(previous) || previous === 'last' : true;
			if (day === null && !yearAfter && !(options.bareMonths && cued)) continue;
			if (previous === 'last' || previous === 'this') {
				if (!yearAfter && day === null) {
					// "last March": the latest March before this month; "this March": this year's.
					const year = previous === 'this' || month < clock.month ? clock.year : clock.year - 1;
					take(i - 1, i + 1);
					add(
						i,
						query({
							grain: 'month',
							year,
							month,
							text: `${previous} ${word} (${labelOf({ grain: 'month', year, quarter: null, month, day: null })})`,
						}),
					);
					continue;
				}
			}
			take(i, end);
			if (dayAt >= 0) take(dayAt, dayAt + 1);
			const year = yearNear(i, end, false);
			if (day !== null && year !== null && parsePeriodKey(`${year}-${pad(month)}-${pad(day)}`) === null) continue;
			add(i, query(day === null ? { grain: 'month', year, month } : { grain: 'day', year, month, day }));
			continue;
		}

		if ((word === 'previous' || word === 'prior') && named) continue;
		// "the last year with a win", "the last year Steve had …": a period picked from the data, not
		// the clock's ("figures for the last year" stays the clock's).
		if (previous === 'the' && i + 2 < tokens.length && !['of', 'for', 'and', 'or'].includes(tokens[i + 2]!))
			continue;
		const relative =
			word === 'last' || word === 'previous' || word === 'past'
				? -1
				: word === 'this' || word === 'current'
					? 0
					: null;
		if (relative === null) continue;
		if (next === 'year') {
			take(i, i + 2);
			const year = clock.year + relative;
			add(i, query({ grain: 'year', year, text: `${relative ? 'last' : 'this'} year (${year})` }));
		} else if (next === 'quarter' && word !== 'past') {
			take(i, i + 2);
			const index = clock.year * 4 + clock.quarter - 1 + relative;
			const [year, q] = [Math.floor(index / 4), (index % 4) + 1];
			add(
				i,
				query({
					grain: 'quarter',
					year,
					quarter: q,
					text: `${relative ? 'last' : 'this'} quarter (Q${q} ${year})`,
				}),
			);
		} else if (next === 'month' && word !== 'past') {
			take(i, i + 2);
			const index = clock.year * 12 + clock.month - 1 + relative;
			const [year, m] = [Math.floor(index / 12), (index % 12) + 1];
			const label = labelOf({ grain: 'month', year, quarter: null, month: m, day: null });
			add(i, query({ grain: 'month', year, month: m, text: `${relative ? 'last' : 'this'} month (${label})` }));
		}
	}
	for (let i = 0; i < tokens.length; i++) {
		if (!consumed[i] && YEAR.test(tokens[i] ?? '')) {
			consumed[i] = true;
			add(i, query({ grain: 'year', year: Number(tokens[i]), text: tokens[i] ?? '' }));
		}
		const short = consumed[i] ? null : SHORT_YEAR.exec(tokens[i] ?? '');
		if (short) {
			// "'24" is the nearest year ending so, no later than ten years ahead of the clock.
			const yy = Number(short[1]);
			const century = Math.floor(clock.year / 100) * 100;
			const year = century + yy > clock.year + 10 ? century - 100 + yy : century + yy;
			consumed[i] = true;
			add(i, query({ grain: 'year', year, text: `${tokens[i]} (${year})` }));
		}
	}
	const unique: PeriodQuery[] = [];
	for (const { period } of found.sort((a, b) => a.index - b.index)) {
		if (!unique.some((p) => sameQuery(p, period))) unique.push(period);
	}
	const listed = unique.slice(0, MAX_PERIODS);
	return [...listed, ...ranged.filter((r) => !listed.some((p) => sameQuery(p, r)))];
}

const pad = (n: number) => String(n).padStart(2, '0');

const sameQuery = (a: PeriodQuery, b: PeriodQuery) =>
	a.grain === b.grain &&
	a.year === b.year &&
	a.quarter === b.quarter &&
	a.month === b.month &&
	a.day === b.day &&
	(a.endYear ?? null) === (b.endYear ?? null);

export { labelOf as periodLabel };

/** How far a figure's period is from the periods asked about, in months; 0 when none were asked. */
export function periodDistance(asked: readonly PeriodQuery[]): (figure: Figure) => number {
	const points = asked.filter((p) => p.year !== null).map((p) => periodMidpoint(p as PeriodQuery & { year: number }));
	if (points.length < asked.length || points.length === 0) return () => 0;
	return (figure) => {
		const x = periodMidpoint(figure.period);
		let min = Infinity;
		for (const p of points) min = Math.min(min, Math.abs(x - p));
		return min;
	};
}

const MAX_RUNS = 6;

/**
 * The periods some figures cover, finest grain first and newest first within a grain, runs of
 * consecutive periods as ranges: "January 2024–March 2025, 1905–2017, 1900–1903".
 */
export function coveredPeriods(figures: readonly Figure[]): string {
	const byGrain = new Map<Grain, Map<number, Period>>();
	for (const { period } of figures) {
		const periods = byGrain.get(period.grain) ?? new Map<number, Period>();
		periods.set(periodOrdinal(period), period);
		byGrain.set(period.grain, periods);
	}
	const parts: string[] = [];
	for (const grain of ['day', 'month', 'quarter', 'year', 'fiscal', 'season', 'span', 'none'] as const) {
		const periods = byGrain.get(grain);
		if (!periods) continue;
		const ordinals = [...periods.keys()].sort((a, b) => b - a);
		const runs: string[] = [];
		for (let i = 0; i < ordinals.length;) {
			let j = i;
			while (j + 1 < ordinals.length && ordinals[j + 1] === ordinals[j]! - 1) j++;
			const [newest, oldest] = [labelOf(periods.get(ordinals[i]!)!), labelOf(periods.get(ordinals[j]!)!)];
			if (j - i >= 2) runs.push(`${oldest}–${newest}`);
			else for (let k = i; k <= j; k++) runs.push(labelOf(periods.get(ordinals[k]!)!));
			i = j + 1;
		}
		parts.push(...runs.slice(0, MAX_RUNS), ...(runs.length > MAX_RUNS ? ['…'] : []));
	}
	return parts.join(', ');
}

/** The distinct periods of some figures, oldest first. */
export function periodsOf(figures: readonly Figure[]): Period[] {
	const byKey = new Map<string, Period>();
	for (const f of figures) byKey.set(f.period.key, f.period);
	return [...byKey.values()].sort(comparePeriods);
}
