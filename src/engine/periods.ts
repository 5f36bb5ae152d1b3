/** A period a question asks about. A null year is "Q3 of any year". */
export interface PeriodQuery {
	year: number | null;
	quarter: number | null;
	/** The words it came from, for messages: "last year", "Q4 2024". */
	text: string;
}

export interface Clock {
	year: number;
	quarter: number;
}

export function clockOf(now: Date): Clock {
	return { year: now.getUTCFullYear(), quarter: Math.floor(now.getUTCMonth() / 3) + 1 };
}

const ORDINAL: Readonly<Record<string, number>> = {
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
};
const YEAR = /^(19|20)\d{2}$/;
const QUARTER = /^q([1-4])$/;

/**
 * Finds years, quarters ("Q4", "fourth quarter", "Q3 2025", "2025 q3") and relative periods
 * ("last year", "this year") against the clock passed in. Marks the words it used in `consumed`.
 */
export function extractPeriods(tokens: readonly string[], clock: Clock, consumed: boolean[]): PeriodQuery[] {
	const found: { index: number; period: PeriodQuery }[] = [];
	const take = (from: number, to: number) => {
		for (let i = from; i < to; i++) consumed[i] = true;
	};
	const yearNear = (start: number, end: number): number | null => {
		// "Q4 2024", "Q4 of 2024", "2024 Q4", "2024's fourth quarter"
		const after = tokens[end] === 'of' || tokens[end] === 'in' ? end + 1 : end;
		if (YEAR.test(tokens[after] ?? '') && !consumed[after]) {
			take(end, after + 1);
			return Number(tokens[after]);
		}
		if (start > 0 && YEAR.test(tokens[start - 1] ?? '') && !consumed[start - 1]) {
			take(start - 1, start);
			return Number(tokens[start - 1]);
		}
		return null;
	};

	for (let i = 0; i < tokens.length; i++) {
		if (consumed[i]) continue;
		const word = tokens[i] ?? '';
		const next = tokens[i + 1] ?? '';
		const quarterMatch = QUARTER.exec(word);
		let quarter: number | null = null;
		let width = 0;
		if (quarterMatch) [quarter, width] = [Number(quarterMatch[1]), 1];
		else if (ORDINAL[word] !== undefined && next === 'quarter' && word !== 'last')
			[quarter, width] = [ORDINAL[word] ?? null, 2];
		if (quarter !== null) {
			take(i, i + width);
			const year = yearNear(i, i + width);
			found.push({ index: i, period: { year, quarter, text: `Q${quarter}${year === null ? '' : ` ${year}`}` } });
			continue;
		}
		if ((word === 'last' || word === 'previous' || word === 'past') && next === 'year') {
			take(i, i + 2);
			found.push({
				index: i,
				period: { year: clock.year - 1, quarter: null, text: `last year (${clock.year - 1})` },
			});
		} else if ((word === 'this' || word === 'current') && next === 'year') {
			take(i, i + 2);
			found.push({ index: i, period: { year: clock.year, quarter: null, text: `this year (${clock.year})` } });
		} else if ((word === 'last' || word === 'previous') && next === 'quarter') {
			take(i, i + 2);
			const [year, q] = clock.quarter === 1 ? [clock.year - 1, 4] : [clock.year, clock.quarter - 1];
			found.push({ index: i, period: { year, quarter: q, text: `last quarter (Q${q} ${year})` } });
		} else if ((word === 'this' || word === 'current') && next === 'quarter') {
			take(i, i + 2);
			found.push({
				index: i,
				period: {
					year: clock.year,
					quarter: clock.quarter,
					text: `this quarter (Q${clock.quarter} ${clock.year})`,
				},
			});
		}
	}
	for (let i = 0; i < tokens.length; i++) {
		if (!consumed[i] && YEAR.test(tokens[i] ?? '')) {
			consumed[i] = true;
			found.push({ index: i, period: { year: Number(tokens[i]), quarter: null, text: tokens[i] ?? '' } });
		}
	}
	const unique: PeriodQuery[] = [];
	for (const { period } of found.sort((a, b) => a.index - b.index)) {
		if (!unique.some((p) => p.year === period.year && p.quarter === period.quarter)) unique.push(period);
	}
	return unique.slice(0, MAX_PERIODS);
}

/** A question naming more periods than this is a list, not a question; the rest are ignored. */
const MAX_PERIODS = 8;

export function periodLabel(period: { year: number | null; quarter: number | null }): string {
	if (period.quarter === null) return String(period.year);
	return period.year === null ? `Q${period.quarter}` : `Q${period.quarter} ${period.year}`;
}
