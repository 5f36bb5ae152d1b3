import type { Flag, Qualifier } from './types.js';

/**
 * A table's number cells as sources write them: "1,234", "1 234", "12%", "$350,000", "~7,000",
 * "202 (est.)", "12.3 e", ":". Each cell is read to an exact decimal with its qualifier and its
 * statistics-office flags, or to "no figure", or refused with the reason; nothing is guessed.
 */

/** How one column's cells are written. */
export interface CellFormat {
	/** The decimal mark: "." (1,234.5) or "," (1.234,5). */
	decimal: '.' | ',';
	/** The metric's unit, which says whether "%" or a currency sign may be written. */
	unit: string;
	/** More marks for "no figure" than the usual ones, lower-cased. */
	missing: ReadonlySet<string>;
}

export type CellReading =
	| { kind: 'missing' }
	| { kind: 'value'; value: string; qualifier: Qualifier | null; flags: readonly Flag[] }
	| { kind: 'error'; message: string };

/** Marks for "no figure", compared lower-cased. */
const MISSING = new Set(['', ':', '..', '...', '-', '–', '—', 'n/a', 'na', 'n.a.', '?', 'x']);

/** Words and signs before a number that bound it. */
const QUALIFIER_BEFORE: readonly [RegExp, Qualifier][] = [
	[/^(?:~|≈|about\b|approx\.|approx\b|approximately\b|c\.|ca\.|circa\b)\s*/i, 'approximately'],
	[/^(?:>=|≥|at least\b)\s*/i, 'at_least'],
	[/^(?:>|over\b|more than\b)\s*/i, 'over'],
	[/^(?:<|under\b|less than\b|fewer than\b)\s*/i, 'under'],
];
const ESTIMATE_AFTER = /\s*\((?:est\.?|estimated?|estimation)\)$/i;

/**
 * Eurostat's flags, written after the number ("12.3 e", "12.3e", "7 bp"). "e" also makes the figure
 * an estimate. "b" is a flag, never "billion", in a cell: a billion is written "bn".
 */
const FLAG_LETTERS: Readonly<Record<string, Flag>> = {
	b: 'break in series',
	c: 'confidential',
	d: 'definition differs',
	e: 'estimated',
	f: 'forecast',
	n: 'not significant',
	p: 'provisional',
	r: 'revised',
	s: 'Eurostat estimate',
	u: 'low reliability',
	z: 'not applicable',
};
const FLAGS_AFTER = /(?<=[\d%])\s?([bcdefnprsuz]{1,3})$/;

/** Scales written after a number, as in quotes: "8k", "2.5m", "1.2bn", "3 million". */
const SCALE_AFTER = /(?<=\d)\s?(k|thousand|m|mn|mln|million|bn|billion)$/i;
const SCALE_PLACES: Readonly<Record<string, number>> = {
	k: 3,
	thousand: 3,
	m: 6,
	mn: 6,
	mln: 6,
	million: 6,
	bn: 9,
	billion: 9,
};

/** Currency signs and the units (ISO codes) they may be written for. */
const CURRENCIES: Readonly<Record<string, readonly string[]>> = {
	$: ['usd', 'us$', 'dollars', 'us dollars'],
	'€': ['eur', 'euros'],
	'£': ['gbp', 'pounds', 'pounds sterling'],
};
const PERCENT_UNITS = new Set(['%', 'percent', 'per cent', 'percentage', 'percentage points', 'pp']);

/** Digits grouped by one separator ("1,234,567", "1 234") or not at all, then an optional decimal part. */
const GROUPED: Readonly<Record<CellFormat['decimal'], RegExp>> = {
	'.': /^(\d{1,3}(?:([, \u00a0\u202f])\d{3})(?:\2\d{3})*|\d+)(?:\.(\d+))?$/,
	',': /^(\d{1,3}(?:([. \u00a0\u202f])\d{3})(?:\2\d{3})*|\d+)(?:,(\d+))?$/,
};
const RANGE = /^[~≈]?\s*\d[\d.,\s]*\s*(?:–|—|-|to)\s*\d[\d.,\s]*$/;

export function readCell(cell: string, format: CellFormat): CellReading {
	let text = cell.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
	if (MISSING.has(text.toLowerCase()) || format.missing.has(text.toLowerCase())) return { kind: 'missing' };
	const refuse = (why: string): CellReading => ({ kind: 'error', message: `"${cell.trim().slice(0, 40)}" ${why}` });
	if (RANGE.test(text))
		return refuse('is a range: a figure is one number (give the two ends as two metrics)');

	let qualifier: Qualifier | null = null;
	for (const [pattern, bound] of QUALIFIER_BEFORE) {
		const match = pattern.exec(text);
		if (match) {
			qualifier = bound;
			text = text.slice(match[0].length);
			break;
		}
	}
	if (ESTIMATE_AFTER.test(text)) {
		if (qualifier !== null) return refuse('carries two qualifiers: write one');
		qualifier = 'estimate';
		text = text.replace(ESTIMATE_AFTER, '');
	}
	const flags: Flag[] = [];
	const flagged = FLAGS_AFTER.exec(text);
	// "1.2bn" is a billion, never the flags b and n.
	if (flagged && flagged[1]!.toLowerCase() !== 'bn') {
		for (const letter of new Set(flagged[1]!)) flags.push(FLAG_LETTERS[letter]!);
		text = text.slice(0, flagged.index).trimEnd();
		if (flags.includes('estimated') && qualifier === null) qualifier = 'estimate';
	}

	let negative = false;
	const sign = /^([+\-−–])\s?/.exec(text);
	if (sign) {
		negative = sign[1] !== '+';
		text = text.slice(sign[0].length);
	}
	const unit = format.unit.trim().toLowerCase();
	const currency = /^([$€£])\s?|\s?([$€£])$/.exec(text);
	if (currency) {
		const written = (currency[1] ?? currency[2])!;
		if (!CURRENCIES[written]!.includes(unit))
			return refuse(`has a "${written}" but the metric's unit is "${format.unit}" (a currency sign needs the unit's ISO code: USD, EUR or GBP)`);
		text = text.replace(currency[0], '');
		// "$-5" as well as "-$5".
		const after = /^([-−–])\s?/.exec(text);
		if (after && !sign) {
			negative = true;
			text = text.slice(after[0].length);
		}
	}
	if (text.endsWith('%')) {
		if (!PERCENT_UNITS.has(unit))
			return refuse(`has a "%" but the metric's unit is "${format.unit}" (a percentage needs the unit "percent")`);
		text = text.slice(0, -1).trimEnd();
	}
	let places = 0;
	const scaled = SCALE_AFTER.exec(text);
	if (scaled) {
		places = SCALE_PLACES[scaled[1]!.toLowerCase()]!;
		text = text.slice(0, scaled.index).trimEnd();
	}
	const number = GROUPED[format.decimal].exec(text);
	if (!number) {
		const hint =
			format.decimal === '.' && /^\d+,\d{1,2}$/.test(text)
				? ' (if "," is this table\'s decimal mark, say "decimal": "," on the table)'
				: '';
		return refuse(`is not a number as sources write them (digits, thousands separators, a decimal part, a sign, %, a currency sign, a scale such as 2.5m, a qualifier such as ~ or (est.), or a flag such as e or p)${hint}`);
	}
	const whole = number[1]!.replace(/[^\d]/g, '');
	const value = shift(whole, number[3] ?? '', places);
	return { kind: 'value', value: negative && /[1-9]/.test(value) ? `-${value}` : value, qualifier, flags };
}

/** Digits of a whole and a fraction, times 10^places, as plain decimal text without leading zeros. */
function shift(whole: string, fraction: string, places: number): string {
	const digits = `${whole}${fraction.padEnd(places, '0')}`;
	const point = whole.length + places;
	const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
	const rest = digits.slice(point);
	return rest === '' ? integer : `${integer}.${rest}`;
}
