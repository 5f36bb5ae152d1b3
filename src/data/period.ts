import type { Grain, Period } from './types.js';

/** Finer grains first: a month sorts before the quarter and the year it ends with. */
const GRAIN_RANK: Readonly<Record<Grain, number>> = { none: -1, day: 0, month: 1, quarter: 2, year: 3, fiscal: 3, season: 4, span: 5 };

export const MONTH_NAMES = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
] as const;

const KEY = /^(\d{4})(?:-Q([1-4])|-(\d{2})(?:-(\d{2}))?)?$/;
/** A season across two years: "2012/13", "2012/2013", "2012–13" (and "2012-13" where a table says so). */
const SEASON = /^(\d{4})\s*([/–—])\s*(\d{2}|\d{4})$/;
const SEASON_HYPHEN = /^(\d{4})-(\d{2})$/;
/** A quarter written with a space: "Q3 2025", "2025 Q3". */
const QUARTER_WORDS = /^(?:Q([1-4])\s+(\d{4})|(\d{4})\s+Q([1-4]))$/i;
/** A fiscal year: "FY2024", "FY 2024". */
const FISCAL = /^FY\s?(\d{4})$/i;
/** A span of years: "2006–2011", "2006-2011". */
const SPAN = /^(\d{4})\s*[–—-]\s*(\d{4})$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** How a table writes its periods: "season" reads "2012-13" as a season (it is otherwise not a period). */
export type PeriodForm = 'season' | null;

const period = (fields: Omit<Period, 'quarter' | 'month' | 'day' | 'endYear'> & Partial<Period>): Period => ({
	quarter: null,
	month: null,
	day: null,
	endYear: null,
	...fields,
});

/**
 * A period written as a year (2005), quarter (2025-Q3), month (2025-03), day (2025-03-14), season
 * (2012/13, 2012/2013, 2012–13), fiscal year (FY2024) or span of years (2006–2011), keyed one way
 * whichever way it is written; null for anything else, including months and days that do not exist
 * (2025-13, 2025-02-30) and seasons whose years do not follow (2012/14).
 */
export function parsePeriodKey(raw: string, form: PeriodForm = null): Period | null {
	const text = raw.trim();
	const season = SEASON.exec(text) ?? (form === 'season' ? SEASON_HYPHEN.exec(text) : null);
	if (season) {
		const year = Number(season[1]);
		const written = season.length === 4 ? season[3]! : season[2]!;
		const end = written.length === 4 ? Number(written) : year - (year % 100) + Number(written) + (Number(written) < year % 100 ? 100 : 0);
		// "2012–2013" with an en dash is a span of two years; a slash or a short end year is a season.
		if (written.length === 4 && season.length === 4 && season[2] !== '/') return spanOf(year, end);
		if (year < 1000 || end !== year + 1) return null;
		return period({ key: `${year}/${String(end % 100).padStart(2, '0')}`, grain: 'season', year, endYear: end });
	}
	const fiscal = FISCAL.exec(text);
	if (fiscal) {
		const year = Number(fiscal[1]);
		return year < 1000 ? null : period({ key: `FY${year}`, grain: 'fiscal', year });
	}
	const span = SPAN.exec(text);
	if (span) return spanOf(Number(span[1]), Number(span[2]));
	// "Q3 2025", "2025 Q3": the quarter as people write it, keyed as 2025-Q3.
	const quarter = QUARTER_WORDS.exec(text);
	if (quarter) return parsePeriodKey(`${quarter[2] ?? quarter[3]}-Q${quarter[1] ?? quarter[4]}`);
	const match = KEY.exec(text);
	if (!match) return null;
	const year = Number(match[1]);
	if (year < 1000) return null;
	if (match[2] !== undefined) return period({ key: text, grain: 'quarter', year, quarter: Number(match[2]) });
	if (match[3] === undefined) return period({ key: text, grain: 'year', year });
	const month = Number(match[3]);
	if (month < 1 || month > 12) return null;
	if (match[4] === undefined) return period({ key: text, grain: 'month', year, month });
	const day = Number(match[4]);
	if (day < 1 || day > daysIn(year, month)) return null;
	return period({ key: text, grain: 'day', year, month, day });
}

/** A span of years, first to last: at least two years, in order. */
function spanOf(year: number, end: number): Period | null {
	if (year < 1000 || end <= year) return null;
	return period({ key: `${year}–${end}`, grain: 'span', year, endYear: end });
}

/**
 * The period of a figure whose source gives none (a table with neither a period column nor "asOf"):
 * it sorts before every other, matches no period a question names, and is labelled as not given.
 */
export const NO_PERIOD: Period = Object.freeze({
	key: 'none',
	grain: 'none',
	year: 0,
	quarter: null,
	month: null,
	day: null,
	endYear: null,
});

/** The year a period ends in: its year, or the last year of a season or span. */
export const endYearOf = (p: Pick<Period, 'year' | 'endYear'>): number => p.endYear ?? p.year;

/** The last month a period covers (1–12); a season ends in the middle of its last year. */
function endMonth(p: Pick<Period, 'grain' | 'quarter' | 'month'>): number {
	if (p.grain === 'quarter') return (p.quarter as number) * 3;
	if (p.grain === 'season') return 6;
	if (p.grain === 'month' || p.grain === 'day') return p.month as number;
	return 12;
}

/** Orders periods by when they end, finer grains first on a tie: 2024-Q4, 2024-12, then 2024. */
export function comparePeriods(a: Period, b: Period): number {
	return (
		endYearOf(a) - endYearOf(b) ||
		endMonth(a) - endMonth(b) ||
		(a.day ?? 32) - (b.day ?? 32) ||
		GRAIN_RANK[a.grain] - GRAIN_RANK[b.grain] ||
		a.year - b.year
	);
}

/** A period's position among periods of its grain, so that consecutive periods differ by one. */
export function periodOrdinal(p: Period): number {
	switch (p.grain) {
		case 'year':
			return p.year;
		case 'quarter':
			return p.year * 4 + (p.quarter as number) - 1;
		case 'month':
			return p.year * 12 + (p.month as number) - 1;
		case 'day':
			return Date.UTC(p.year, (p.month as number) - 1, p.day as number) / 86_400_000;
		case 'season':
		case 'fiscal':
		case 'none':
			return p.year;
		case 'span':
			// Spans are not consecutive; each has its own place.
			return p.year * 10_000 + (p.endYear as number);
	}
}

/** The middle of a period in months since year 0, for "how near is this period to that one". */
export function periodMidpoint(p: {
	grain: Grain;
	year: number;
	quarter: number | null;
	month: number | null;
	day: number | null;
	endYear?: number | null;
}): number {
	const base = p.year * 12;
	if (p.grain === 'year' || p.grain === 'fiscal') return base + 6;
	if (p.grain === 'season') return base + 12;
	if (p.grain === 'span') return ((p.year + (p.endYear ?? p.year) + 1) / 2) * 12;
	if (p.grain === 'quarter') return base + ((p.quarter as number) - 1) * 3 + 1.5;
	if (p.grain === 'month') return base + (p.month as number) - 0.5;
	return base + (p.month as number) - 1 + ((p.day as number) - 0.5) / 31;
}

/**
 * "2025", "Q3 2025", "March 2025", "14 March 2025", "2012–13", "FY2024", "2006–2011"; a missing year
 * is "any year" ("Q3", "March").
 */
export function periodLabel(p: {
	grain: Grain;
	year: number | null;
	quarter: number | null;
	month: number | null;
	day: number | null;
	endYear?: number | null;
}): string {
	const year = p.year === null ? '' : ` ${p.year}`;
	switch (p.grain) {
		case 'none':
			return 'no period given';
		case 'season':
			return `${p.year}–${String((p.endYear ?? 0) % 100).padStart(2, '0')}`;
		case 'fiscal':
			return `FY${p.year}`;
		case 'span':
			return `${p.year}–${p.endYear}`;
		case 'year':
			return String(p.year);
		case 'quarter':
			return `Q${p.quarter}${year}`;
		case 'month':
			return `${MONTH_NAMES[(p.month as number) - 1]}${year}`;
		case 'day':
			return `${p.day} ${MONTH_NAMES[(p.month as number) - 1]}${year}`;
	}
}

/** Kinds of period, the whole first: rows over periods of several kinds are of the first the data has. */
const GRAIN_ORDER: readonly Grain[] = ['year', 'season', 'fiscal', 'quarter', 'month', 'day', 'span', 'none'];

/** Of several kinds of period, the one a question names ("per year") if there, else the whole one. */
export function wholeGrain(grains: ReadonlySet<Grain>, named: Grain | null): Grain {
	return named && grains.has(named) ? named : (GRAIN_ORDER.find((g) => grains.has(g)) ?? [...grains][0]!);
}
