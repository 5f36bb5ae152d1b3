import type {
	Attribute,
	BareRow,
	BreakdownCheck,
	Dimension,
	Figure,
	Metric,
	Period,
	Source,
	Statement,
	TableRow,
} from '../data/types.js';
import type { Condition, Query } from '../model/query.js';

export type AnswerStatus = 'answered' | 'ambiguous' | 'not_found';

/**
 * How a computed value relates to the truth, given its inputs' qualifiers: exact, a lower bound
 * ("at least"/"over"), an upper bound ("at most"), or approximate.
 */
export type Bound = 'exact' | 'at_least' | 'over' | 'at_most' | 'under' | 'approximately';

export interface Computed {
	/** Exact decimal text, not rounded; presenters round for display and say how. */
	value: string;
	bound: Bound;
}

/** One figure with the other sources' figures for the same thing. */
export interface FigureGroup {
	primary: Figure;
	/** Figures for the same thing from other sources or other passages, with the gap to the primary. */
	others: { figure: Figure; gap: Computed; change: Computed | null; note: string | null }[];
}

export interface Comparison {
	/** The figure compared (the later period, or the first named). */
	a: FigureGroup;
	/** The figure it is compared with (the earlier period, or the second named). */
	b: FigureGroup;
	difference: Computed;
	/** (a − b) / b × 100; null when b is zero. */
	percentChange: Computed | null;
	/** a / b; null when b is zero. */
	ratio: Computed | null;
	basis: 'period' | 'value';
}

export interface Share {
	part: FigureGroup;
	total: FigureGroup;
	/** part / total × 100. */
	percent: Computed;
}

export interface Breakdown {
	dimension: Dimension;
	total: FigureGroup | null;
	/** The parts shown, in the dimension's order: at most MAX_BREAKDOWN_PARTS of them. */
	parts: { group: FigureGroup; percentOfTotal: Computed | null }[];
	/** How many parts the breakdown has (more than `parts` holds when it was cut). */
	of: number;
	check: BreakdownCheck | null;
}

/** The most parts a breakdown answer carries: what a reply or a bar chart can show. */
export const MAX_BREAKDOWN_PARTS = 25;

/** The values of one dimension ordered by their figures for one period: "highest/lowest … in 2005". */
export interface Ranking {
	dimension: Dimension;
	direction: 'highest' | 'lowest';
	/** The items shown, best first; `rank` is shared by equal values (1, 2, 2, 4). */
	items: { group: FigureGroup; rank: number }[];
	/** How many values the dimension has figures for in that period (the items may be the top few). */
	of: number;
	/** Descriptive columns the question names its rows by ("which winner"): shown with each item. */
	labels?: Attribute[];
}

/**
 * Values of one dimension ranked by how their figures changed between two periods ("which disaster's
 * deaths rose the most from 2009 to 2010"): each item both figures, cited, and the change computed.
 */
export interface ChangeRanking {
	dimension: Dimension;
	/** From the earlier period to the later. */
	from: Period;
	to: Period;
	/** Ranked by the change in units, or in per cent of the earlier figure. */
	by: 'difference' | 'percent';
	/** Largest first ("rose the most", "fell the least") or smallest (most negative) first. */
	order: 'largest' | 'smallest';
	items: { rank: number; a: FigureGroup; b: FigureGroup; difference: Computed; percentChange: Computed | null }[];
	/** How many values have figures for both periods (the items may be the top few). */
	of: number;
}

/**
 * Values of one dimension ranked by their figures added up, or averaged, over several periods ("which
 * disaster killed the most in the 2000s", "… in total", "… on average"): each item's result computed
 * from its periods' figures, the first of them shown and cited.
 */
export interface TotalsRanking {
	dimension: Dimension;
	operation: 'sum' | 'average';
	direction: 'highest' | 'lowest';
	/** The first and last period of the figures used. */
	from: Period;
	to: Period;
	items: { rank: number; value: string; result: Computed; shown: Figure[]; of: number }[];
	/** How many values were ranked (the items may be the top few). */
	of: number;
}

/** Figures added up ("2024 and 2025 combined"): each input shown and cited, the total computed. */
export interface Sum {
	parts: FigureGroup[];
	total: Computed;
}

export type AnswerBody =
	| { kind: 'figures'; groups: FigureGroup[] }
	| { kind: 'comparison'; comparison: Comparison }
	| { kind: 'share'; share: Share }
	| { kind: 'breakdown'; breakdown: Breakdown }
	| { kind: 'ranking'; ranking: Ranking }
	| { kind: 'changes'; changes: ChangeRanking }
	| { kind: 'totals'; totals: TotalsRanking }
	| { kind: 'sum'; sum: Sum }
	| { kind: 'attributes'; attributes: AttributeValues }
	| { kind: 'grouped'; grouped: Grouped }
	| { kind: 'count'; count: Count }
	| { kind: 'aggregate'; aggregate: Aggregate }
	| { kind: 'statements'; statements: Statement[] }
	| { kind: 'source'; source: Source; figures: Figure[]; statements: Statement[] }
	| { kind: 'overview'; sources: Source[]; periods: string[]; topics: string[] };

/** Something the user can ask next: a label to show and a question that answers it exactly. */
export interface Suggestion {
	label: string;
	query: string;
	/**
	 * Found only by reading a misspelt word as the dataset's closest word: a looser match than a
	 * prefix of its own words, so it comes after those of other datasets.
	 */
	corrected?: true;
}

export interface Answer {
	question: string;
	status: AnswerStatus;
	body: AnswerBody | null;
	/** For `ambiguous`: the readings of the question, best first. */
	candidates: Suggestion[];
	/** For `not_found`: what the data does have that is closest. */
	suggestions: Suggestion[];
	/** Why nothing was answered (not_found), in one sentence. */
	reason: string | null;
	/** Caveats the reader must see: words ignored, filters that could not apply, corrected typos. */
	notes: string[];
	/** How many phrases of the question the dataset's own words explain: routes a question across datasets. */
	understood?: number;
	/** How many of the question's words were taken for another word of the dataset's ("series" as "serie"). */
	corrected?: number;
	/** How the question was read, once a reading was chosen: what the answer answers, exactly. */
	query?: Query;
}

export interface Citation {
	source: Source;
	/** The sentence quoted; for a table figure, its row written out. */
	quote: string;
	/** The table row cited, when the figure comes from a table rather than a sentence. */
	row: TableRow | null;
}

/** Every figure an answer shows, leading figures first, each group's other sources after it. */
/**
 * What a descriptive column says for the rows a question names ("which league was Parma in
 * 2005–06"): each row's value, cited by a figure of that row (its quote is the row).
 */
export interface AttributeValues {
	attributes: Attribute[];
	items: { figure: Figure; values: (string | null)[] }[];
	/** How many rows the question names; more than are listed when over the limit. */
	of: number;
	/** Rows picked by a column of dates ("the last episode by air date"): each is named with its date. */
	byDate?: Attribute;
}

/**
 * One measure grouped by a descriptive column: each value's rows, and where the measure is a count,
 * their sum (computed, its inputs the rows shown and counted).
 */
export interface Grouped {
	attribute: Attribute;
	groups: { value: string; sum: Computed | null; shown: Figure[]; of: number }[];
	/** Ranked ("which film grossed the most"): the groups ordered by their sums, best first. */
	direction?: 'highest' | 'lowest';
	/** Ranked by how many rows each value has, not by a measure. */
	byRows?: boolean;
}

/**
 * How many values of a dimension have figures under the question's filters ("how many constituencies
 * did the BJP win"): the count, computed from the rows, the first of them shown, each cited.
 */
export interface Count {
	dimension: Dimension;
	count: number;
	/** One figure per value counted, the first few, in the dimension's order. */
	shown: Figure[];
	period: Period | null;
}

/**
 * A count, sum, average or median over the rows a question picks ("how many clubs had over 15,000",
 * "average goals of Scottish players"): the result, computed from the rows, the first of them shown
 * and cited.
 */
export interface Aggregate {
	operation: 'count' | 'sum' | 'average' | 'median';
	/** The measure added up or averaged; null for a count. */
	metric: Metric | null;
	result: Computed;
	/** What a row is: a value of this dimension, or (null) a period. */
	over: Dimension | null;
	/** Whether each row is its own value of `over` (a career's rows, series by season, are not). */
	rowsAreValues: boolean;
	/** The first rows used, in order; `of` says how many there are. */
	rows: Figure[];
	/** A count of a descriptive column's distinct values ("how many teams"): that column. */
	distinct: Attribute | null;
	/** How many rows were used, those that give no figure included. */
	of: number;
	/** Rows counted that give no figure (a park listed without its figures), after `rows`. */
	bareRows: BareRow[];
	/** The conditions the rows meet. */
	conditions: Condition[];
	/** The one period the rows are of, when they are of one. */
	period: Period | null;
}

export function figuresOf(body: AnswerBody): Figure[] {
	const all = (group: FigureGroup) => [group.primary, ...group.others.map((o) => o.figure)];
	switch (body.kind) {
		case 'figures':
			return body.groups.flatMap(all);
		case 'comparison':
			return [body.comparison.a.primary, body.comparison.b.primary];
		case 'share':
			return [body.share.part.primary, body.share.total.primary];
		case 'breakdown':
			return [
				...(body.breakdown.total ? [body.breakdown.total.primary] : []),
				...body.breakdown.parts.map((p) => p.group.primary),
			];
		case 'ranking':
			return body.ranking.items.flatMap((item) => all(item.group));
		case 'changes':
			return body.changes.items.flatMap((item) => [item.a.primary, item.b.primary]);
		case 'totals':
			return body.totals.items.flatMap((item) => item.shown);
		case 'sum':
			return body.sum.parts.map((g) => g.primary);
		case 'attributes':
			return body.attributes.items.map((i) => i.figure);
		case 'grouped':
			return body.grouped.groups.flatMap((g) => g.shown);
		case 'count':
			return body.count.shown;
		case 'aggregate':
			return body.aggregate.rows;
		case 'source':
			return body.figures;
		default:
			return [];
	}
}
