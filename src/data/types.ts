/** The in-memory dataset, after validation. Built by `parseDataset`; read by the engine. */

export const QUALIFIERS = ['exact', 'approximately', 'over', 'at_least', 'under', 'estimate', 'record'] as const;
/** How the source qualifies a figure: "about", "over", "an estimated", "a record" … */
export type Qualifier = (typeof QUALIFIERS)[number];

export const DISPLAY_SCALES = ['thousand', 'million', 'billion'] as const;
/** The scale the source wrote the figure in ("6.62 million"); answers keep it. */
export type DisplayScale = (typeof DISPLAY_SCALES)[number];

export interface Source {
	id: string;
	/** Who published the text we hold. */
	outlet: string;
	outletNote: string | null;
	/** Who produced the data or made the claim (the FSB, a minister). */
	originator: string;
	/** ISO date, or null when the source does not state it. */
	published: string | null;
	title: string | null;
	url: string | null;
	aliases: string[];
	/** The source's full text, so quotes can be checked ("" for a source only tables use). */
	text: string;
	/** The licence the source is published under, shown wherever it is cited; null when not stated. */
	licence: string | null;
}

/** The row of a statistics table a figure was read from: cited instead of a quote. */
export interface TableRow {
	/** The table's path inside the dataset folder: "tables/border-crossings.csv". */
	file: string;
	/** The 1-based physical line of the row (the header is line 1). */
	line: number;
	/** In a wide table, the header of the column the figure is read from ("2010"); null in a long one. */
	column: string | null;
	/** The row's cells, column → text, in the file's column order. */
	cells: readonly (readonly [string, string])[];
	/** For a live table: the day the copy this row is from was fetched (ISO); absent for a file kept by hand. */
	asOf?: string | null;
}

/** A figure the last refresh of its table changed: what the copy before gave, and the day it changed. */
export interface FigureRevision {
	value: string;
	qualifier: Qualifier;
	display: DisplayScale | null;
	/** The day of the refresh (ISO). */
	on: string;
}

export interface Metric {
	id: string;
	label: string;
	unit: string;
	description: string | null;
	aliases: string[];
	/** Bounds and wholeness every value must meet; a count unit is a whole number ≥ 0 unless these say otherwise. */
	min?: number;
	max?: number;
	integer?: boolean;
}

export interface DimensionValue {
	id: string;
	label: string;
	/** ISO 3166 alpha-2 code when the value is a country. */
	country: string | null;
	aliases: string[];
	/** The value of the same dimension this one is part of ("africa" for Algeria); null or absent for none. */
	parent?: string | null;
}

export interface Dimension {
	id: string;
	label: string;
	/** Other words for the dimension itself: "nation", "country", "team". */
	aliases: string[];
	/** origin/destination dimensions hold places; questions about unlisted places are not_found. */
	role: 'origin' | 'destination' | null;
	/** The value a question means when it names none (e.g. Russians, North Korea). */
	default: string | null;
	/** Whether parts add up to their total, so that a part above its total is an error (false: they overlap). */
	additive?: boolean;
	/** Words for the levels of its hierarchy, top first: ["region", "country"]. */
	levels?: string[];
	/** The words its tables write for the total along it ("World", "TOTAL SCOTLAND"): names of the whole. */
	totalWords?: string[];
	values: DimensionValue[];
}

/**
 * A calendar year, quarter, month or day; a season across two years ("2012/13"); a fiscal year
 * ("FY2024"); a span of years a figure is over ("2006–2011": an average or a total for the span);
 * or none, where the source gives no period (a medal table of all Games).
 */
export type Grain = 'year' | 'quarter' | 'month' | 'day' | 'season' | 'fiscal' | 'span' | 'none';

/** A period. Only the fields of its grain are set: a month has no quarter, a year no end year. */
export interface Period {
	/** "2025", "2025-Q3", "2025-03", "2025-03-14", "2012/13", "FY2024" or "2006–2011": one key per period. */
	key: string;
	grain: Grain;
	/** The year, or the first year of a season or span. */
	year: number;
	quarter: number | null;
	month: number | null;
	day: number | null;
	/** The last year of a season or span; null for the other grains. */
	endYear: number | null;
}

export interface Figure {
	id: string;
	metric: Metric;
	period: Period;
	/** Dimension id → value id, for the dimensions this figure is broken down by. */
	dims: Readonly<Record<string, string>>;
	/** The value as exact decimal text, e.g. "6620000". */
	value: string;
	qualifier: Qualifier;
	display: DisplayScale | null;
	source: Source;
	/** The sentence the figure is quoted from; for a table figure, its row written out. */
	quote: string;
	/** The table row a figure was read from; null for a figure quoted from an article. */
	row: TableRow | null;
	/** Revised by the last refresh of its live table: what it was. */
	revised?: FigureRevision | null;
	note: string | null;
	/** Where the figure lives, for error messages: "figures.csv:12". */
	origin: string;
	/** What a statistics office's flags after the number say ("provisional", "break in series"). */
	flags: readonly Flag[];
	/**
	 * The row's attributes: attribute id → value id (a text attribute) or the cell as written (a
	 * number or date). Empty for a total row and for figures quoted from articles.
	 */
	attrs: Readonly<Record<string, string>>;
}

/**
 * A row of a table that gives no figure in any value cell: a park listed with its region and year
 * but no area or visits. It is a row all the same, so it is counted when rows are counted, by its
 * attributes; it has nothing to add up, rank or compare.
 */
export interface BareRow {
	dims: Readonly<Record<string, string>>;
	attrs: Readonly<Record<string, string>>;
	period: Period;
	source: Source;
	row: TableRow;
}

/** The flags statistics offices write after a number (Eurostat's letters), in words. */
export const FLAGS = [
	'break in series',
	'confidential',
	'definition differs',
	'estimated',
	'forecast',
	'not significant',
	'provisional',
	'revised',
	'Eurostat estimate',
	'low reliability',
	'not applicable',
] as const;
export type Flag = (typeof FLAGS)[number];

export interface Statement {
	id: string;
	subject: string;
	keywords: string[];
	source: Source;
	quote: string;
}

/** Figures that a reader would take as the same thing but that differ in value. */
export interface Conflict {
	figures: Figure[];
	note: string | null;
}

/** A total whose parts, as the sources give them, do not add up to it. */
export interface BreakdownCheck {
	total: Figure;
	dimension: Dimension;
	parts: Figure[];
	/** Exact sum of the parts, decimal text. */
	partsSum: string;
	/** total − sum of parts, decimal text; "0" when they agree. */
	gap: string;
}

/**
 * A descriptive column: a property of the row (a rider's team, a car's fuel type, a park's region,
 * an episode's air date), not a dimension the figures are crossed by.
 */
export interface Attribute {
	id: string;
	label: string;
	/** Other words for the attribute itself: "fuel" for "Fuel type". */
	aliases: string[];
	/** "text": its values are names a question may filter by; "number" and "date" are kept as written. */
	type: 'text' | 'number' | 'date';
	/** A text attribute's values: listed, or brought by the tables' cells. */
	values: DimensionValue[];
}

export interface Dataset {
	id: string;
	title: string;
	description: string;
	metrics: Metric[];
	dimensions: Dimension[];
	/** Descriptive columns: properties of the rows. */
	attributes: Attribute[];
	sources: Source[];
	figures: Figure[];
	/** Rows of its tables that give no figure (each still a row when rows are counted). */
	bareRows: readonly BareRow[];
	statements: Statement[];
	conflicts: Conflict[];
	breakdowns: BreakdownCheck[];
}
