import { parseDataset } from '../../src/data/parseDataset.js';
import type { Dataset } from '../../src/data/types.js';

export interface OneTable {
	id: string;
	title: string;
	metric: { id: string; label: string; unit: string; aliases?: string[] };
	/** Declared dimensions, each mapped to the column of the same name unless `columns` says otherwise. */
	dimensions?: { id: string; label: string; aliases?: string[]; role?: 'origin' | 'destination' }[];
	columns?: Record<string, string>;
	/** The period column's name: "year", "month", … */
	period: string;
	/** The column holding the metric's values. */
	valueColumn: string;
	csv: string;
}

/**
 * A dataset of one statistics table, parsed as the loader parses a folder: the quickest way for a
 * test to have data with months, ties, clashing ids or another unit. Its source is "stats".
 */
export function oneTableDataset(table: OneTable): Dataset {
	const dimensions = table.dimensions ?? [];
	return parseOneTable(
		{ id: table.id, title: table.title, metrics: [{ aliases: [], ...table.metric }], dimensions },
		{
			period: table.period,
			dimensions: Object.fromEntries(dimensions.map((d) => [d.id, table.columns?.[d.id] ?? d.id])),
			metrics: { [table.valueColumn]: table.metric.id },
		},
		{ id: 'stats', name: 'Statistics office' },
		table.csv,
	);
}

/**
 * A dataset folder of one table, parsed as the loader parses one: its dataset.json, the table's
 * mapping of columns, one source and the CSV.
 */
function parseOneTable(
	meta: { id: string; title: string; metrics: unknown[]; dimensions: unknown[] },
	columns: Record<string, unknown>,
	source: { id: string; name: string },
	csv: string,
): Dataset {
	const file = `tables/${meta.id}.csv`;
	const files: Record<string, string> = {
		'dataset.json': JSON.stringify({
			...meta,
			description: `${meta.title}, for tests.`,
			tables: [{ file, source: source.id, ...columns }],
		}),
		'sources.json': JSON.stringify([
			{ id: source.id, outlet: source.name, originator: source.name, published: null },
		]),
		[file]: csv,
	};
	return parseDataset((name) => files[name], `data/${meta.id}`);
}

/**
 * A harvest table, tonnes by crop and period, from the CSV given (its first column the period):
 * the smallest data with a category to rank, misspell or chart over time.
 */
export function harvests(csv: string, period = 'year'): Dataset {
	return oneTableDataset({
		id: 'crops',
		title: 'Harvests',
		metric: { id: 'tonnes', label: 'harvest', unit: 'tonnes', aliases: ['harvest'] },
		dimensions: [{ id: 'crop', label: 'Crop' }],
		period,
		valueColumn: 'tonnes',
		csv,
	});
}

export interface MeasuresTable {
	id: string;
	title: string;
	metrics: { id: string; label: string; unit: string; aliases?: string[] }[];
	/** One dimension whose values name the rows, in the column of its label. */
	dimension: { id: string; label: string; aliases?: string[] };
	/** Each value column: the measure it holds, or the measure and the period it is of. */
	columns: Record<string, string | { metric: string; period: string }>;
	/** The period column's name, where rows are periods too. */
	period?: string;
	csv: string;
}

/**
 * A dataset of one table of several measures ("Town, Population 2011, Area 2011, …"), one row a
 * dimension's value, parsed as the loader parses a folder. Its source is "wiki".
 */
export function measuresTable(table: MeasuresTable): Dataset {
	return parseOneTable(
		{
			id: table.id,
			title: table.title,
			metrics: table.metrics.map((m) => ({ aliases: [], ...m })),
			dimensions: [{ aliases: [], ...table.dimension }],
		},
		{
			...(table.period ? { period: table.period } : {}),
			dimensions: { [table.dimension.id]: table.dimension.label },
			metrics: table.columns,
		},
		{ id: 'wiki', name: 'Wikipedia' },
		table.csv,
	);
}
