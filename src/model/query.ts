/**
 * How a question was read, as data: what is measured, over which rows and periods, under which
 * conditions, and what is done with it. The reader builds it, the engine answers exactly it, the
 * presenter writes it back ("Read as: …") and `ask --jsonl` prints it. No behaviour lives here.
 */

/** A comparison of a row's value with a number the question writes. */
export type Comparator = 'gt' | 'ge' | 'lt' | 'le' | 'eq' | 'between';

/** "at least 15,000", "under 50", "between 10 and 20", "no" (= 0). */
export interface Condition {
	comparator: Comparator;
	/** Exact decimal text of the number written ("15000", "0.75"). */
	value: string;
	/** The upper bound of `between`; null otherwise. */
	upper: string | null;
	/** The words it was read from: "at least 15,000". */
	text: string;
	/** The measure the condition is on (id and label), once the reader has tied it to one. */
	metric: { id: string; label: string } | null;
}

/** What is done with the rows read. */
export type Operation =
	| 'value'
	| 'series'
	| 'compare'
	| 'share'
	| 'breakdown'
	| 'rank'
	| 'sum'
	| 'average'
	| 'median'
	| 'count'
	| 'min'
	| 'max'
	| 'range'
	| 'which'
	| 'first'
	| 'last'
	| 'attribute'
	| 'group'
	| 'statement'
	| 'source'
	| 'overview';

/** A name as the data writes it, with its id. */
export interface Named {
	id: string;
	label: string;
}

export interface Query {
	operation: Operation;
	/** The measures read; empty when the question names none and the data has several. */
	metrics: Named[];
	/** Rows picked by the values of a dimension ("Italy", "Spain"). */
	rows: { dimension: Named; values: Named[] }[];
	/** Rows picked by a descriptive column ("players from Scotland"). */
	attributes: { attribute: Named; values: string[] }[];
	/** The periods asked, as written back ("2005", "2001–2003", "before 1908"). */
	periods: string[];
	conditions: Condition[];
	/** What the rows of a count, sum, average or "which" are: a dimension's values, or periods. */
	over:
		| { kind: 'dimension'; dimension: Named }
		| { kind: 'periods' }
		/** The rows of a table in their order: its first or last, or the one next to a row named. */
		| { kind: 'table'; file: string; next?: { direction: 'after' | 'before'; of: string } }
		| null;
	/** For rank, which, min/max, first/last: which end. */
	direction: 'highest' | 'lowest' | null;
	/** "top 3": how many items. */
	n: number | null;
	/** "the second highest": the place asked. */
	place: number | null;
	/** A descriptive column asked for ("which league") or grouped by ("by region"). */
	columns: Named[];
	/** A rank by how the measure changed between two periods ("rose the most"): in units or in per cent. */
	change?: 'difference' | 'percent';
	/** A rank by the measure added up, or averaged, over the periods ("the most in the 2000s", "in total"). */
	total?: 'sum' | 'average';
}
