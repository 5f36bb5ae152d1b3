import type { Grain, Period } from './types.js';

/** Finer grains first: a month sorts before the quarter and the year it ends with. */
const GRAIN_RANK: Readonly<Record<Grain, number>> = { day: 0, month: 1, quarter: 2, year: 3 };

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

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A period written as a year (2005), quarter (2025-Q3), month (2025-03) or day (2025-03-14); null for
 * anything else, including months and days that do not exist (2025-13, 2025-02-30).
 */
export function parsePeriodKey(text: string): Period | null {
	const match = KEY.exec(text);
	if (!match) return null;
	const year = Number(match[1]);
	if (year < 1000) return null;
	if (match[2] !== undefined) return { key: text, grain: 'quarter', year, quarter: Number(match[2]), month: null, day: null };
	if (match[3] === undefined) return { key: text, grain: 'year', year, quarter: null, month: null, day: null };
	const month = Number(match[3]);
	if (month < 1 || month > 12) return null;
	if (match[4] === undefined) return { key: text, grain: 'month', year, quarter: null, month, day: null };
	const day = Number(match[4]);
	if (day < 1 || day > daysIn(year, month)) return null;
	return { key: text, grain: 'day', year, quarter: null, month, day };
}

/** The last month a period covers (1–12). */
function endMonth(p: Pick<Period, 'grain' | 'quarter' | 'month'>): number {
	if (p.grain === 'quarter') return (p.quarter as number) * 3;
	if (p.grain === 'month' || p.grain === 'day') return p.month as number;
	return 12;
}

/** Orders periods by when they end, finer grains first on a tie: 2024-Q4, 2024-12, then 2024. */
export function comparePeriods(a: Period, b: Period): number {
	return (
		a.year - b.year ||
		endMonth(a) - endMonth(b) ||
		(a.day ?? 32) - (b.day ?? 32) ||
		GRAIN_RANK[a.grain] - GRAIN_RANK[b.grain]
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
	}
}

/** The middle of a period in months since year 0, for "how near is this period to that one". */
export function periodMidpoint(p: {
	grain: Grain;
	year: number;
	quarter: number | null;
	month: number | null;
	day: number | null;
}): number {
	const base = p.year * 12;
	if (p.grain === 'year') return base + 6;
	if (p.grain === 'quarter') return base + ((p.quarter as number) - 1) * 3 + 1.5;
	if (p.grain === 'month') return base + (p.month as number) - 0.5;
	return base + (p.month as number) - 1 + ((p.day as number) - 0.5) / 31;
}

/** "2025", "Q3 2025", "March 2025", "14 March 2025"; a missing year is "any year" ("Q3", "March"). */
export function periodLabel(p: {
	grain: Grain;
	year: number | null;
	quarter: number | null;
	month: number | null;
	day: number | null;
}): string {
	const year = p.year === null ? '' : ` ${p.year}`;
	switch (p.grain) {
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
