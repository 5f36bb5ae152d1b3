import type { z } from 'zod';
import type { DatasetIssue } from './parseDataset.js';
import { dimensionValue } from './dimensionValues.js';
import { type PeriodForm, parsePeriodKey } from './period.js';
import type { datasetMetaSchema } from './schema.js';
import { type CellFormat, readCell } from './cells.js';
import type { Dimension, DimensionValue, Figure, Flag, Metric, Period, Qualifier, Source, TableRow } from './types.js';

export type TableSpec = z.output<typeof datasetMetaSchema>['tables'][number];

/** A parsed CSV row: its physical line and its cells in column order. */
export interface TableCsvRow {
	line: number;
	values: readonly string[];
}

/**
 * The row a table figure is cited by. Its cells are kept as the file's column names (shared by
 * every row) and the row's values: a 100,000-row table holds no per-cell pairs, and no row written
 * out, until one is shown.
 */
class CitedRow implements TableRow {
	constructor(
		readonly file: string,
		readonly line: number,
		private readonly columns: readonly string[],
		private readonly values: readonly string[],
	) {}

	get cells(): readonly (readonly [string, string])[] {
		return this.columns.map((column, i) => [column, this.values[i] ?? ''] as const);
	}

	/** The row written out, as a figure's quote: "tables/x.csv, line 12: year: 2025 · value: 9985". */
	get text(): string {
		return `${this.file}, line ${this.line}: ${this.cells.map(([column, value]) => `${column}: ${value}`).join(' · ')}`;
	}

	toJSON() {
		return { file: this.file, line: this.line, cells: this.cells };
	}
}

/**
 * A figure read from a table row. What can be written from the row (its quote, its origin) is
 * written when it is asked for: loading a 100,000-row table keeps the rows, not their text twice.
 */
class TableFigure implements Figure {
	readonly display = null;
	readonly note = null;

	constructor(
		readonly id: string,
		readonly metric: Metric,
		readonly period: Period,
		readonly dims: Readonly<Record<string, string>>,
		readonly value: string,
		readonly qualifier: Qualifier,
		readonly flags: readonly Flag[],
		readonly source: Source,
		readonly row: CitedRow,
	) {}

	get quote(): string {
		return this.row.text;
	}

	get origin(): string {
		return `${this.row.file}:${this.row.line}`;
	}

	toJSON(): Figure {
		return { ...this, quote: this.quote, origin: this.origin };
	}
}

/** A stable id for a cell that names a value no list declares: "South Korea" → "south-korea". */
export function slugOf(text: string): string {
	const slug = text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return slug === '' ? 'value' : /^[a-z0-9]/.test(slug) ? slug : `v${slug}`;
}

/**
 * Reads a dimension cell as a value: a listed value whose id or label is the cell (any case), or a
 * new value whose label is the cell, added to the dimension (a table may bring values no list names).
 */
function valueFor(dimension: Dimension, cell: string, byName: Map<string, DimensionValue>): DimensionValue {
	const key = cell.toLowerCase();
	let value = byName.get(key);
	if (value === undefined) {
		let id = slugOf(cell);
		for (let n = 2; dimensionValue(dimension, id); n++) id = `${slugOf(cell).slice(0, 56)}-${n}`;
		value = { id, label: cell, country: null, aliases: [] };
		dimension.values.push(value);
		byName.set(key, value);
		byName.set(id, value);
	}
	return value;
}

/**
 * The figures of one statistics table: one per non-empty metric cell of each row, cited by file and
 * line. Problems go to `issues` at file:line, naming the column; nothing from a bad row is kept.
 */
export function buildTableFigures(
	spec: TableSpec,
	rows: readonly TableCsvRow[],
	header: readonly string[],
	shownAs: string,
	lookups: { metrics: Map<string, Metric>; dimensions: Map<string, Dimension>; sources: Map<string, Source> },
	issues: DatasetIssue[],
): Figure[] {
	const at = (line: number | null, field: string | null, message: string) => issues.push({ file: shownAs, line, field, message });
	const source = lookups.sources.get(spec.source);
	if (!source) at(null, 'source', `unknown source "${spec.source}" (tables name a source in sources.json)`);
	const needed = [...(spec.period === undefined ? [] : [spec.period]), ...Object.values(spec.dimensions), ...Object.keys(spec.metrics)];
	const missing = needed.filter((c) => !header.includes(c));
	if (missing.length > 0) at(1, null, `column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} named in dataset.json ${missing.length > 1 ? 'are' : 'is'} not in the header`);
	// Where each metric column's period comes from: its own, the table's for every row, or a column.
	const tablePeriod = spec.asOf === undefined ? undefined : parsePeriodKey(spec.asOf)!;
	const metricColumns: MetricColumn[] = [];
	for (const [columnName, mapping] of Object.entries(spec.metrics)) {
		const { metric: metricId, period, qualifier } = typeof mapping === 'string' ? { metric: mapping, period: undefined, qualifier: undefined } : mapping;
		const metric = lookups.metrics.get(metricId);
		if (!metric) {
			at(null, `metrics.${columnName}`, `unknown metric "${metricId}"`);
			continue;
		}
		const own = period === undefined ? tablePeriod : parsePeriodKey(period)!;
		if (own === undefined && spec.period === undefined) {
			at(null, `metrics.${columnName}`, 'has no period: name the table\'s period column ("period"), give every row one ("asOf"), or give this metric its own ({ "metric": …, "period": "2005" })');
			continue;
		}
		const format: CellFormat = { decimal: spec.decimal, unit: metric.unit, missing: new Set(spec.missing.map((m) => m.toLowerCase())) };
		metricColumns.push({ column: columnName, metric, period: own === undefined ? null : Object.freeze(own), qualifier: qualifier ?? spec.qualifier ?? null, format });
	}
	const dimensionColumns: [Dimension, string, Map<string, DimensionValue>][] = [];
	const fixedDims: Record<string, string> = {};
	const byNameOf = (dimension: Dimension) => {
		const byName = new Map<string, DimensionValue>();
		for (const value of dimension.values) {
			byName.set(value.label.toLowerCase(), value);
			byName.set(value.id, value);
		}
		return byName;
	};
	for (const [dimensionId, columnName] of Object.entries(spec.dimensions)) {
		const dimension = lookups.dimensions.get(dimensionId);
		if (!dimension) {
			at(null, `dimensions.${dimensionId}`, `unknown dimension "${dimensionId}" (declare it in dataset.json → dimensions)`);
			continue;
		}
		dimensionColumns.push([dimension, columnName, byNameOf(dimension)]);
	}
	for (const [dimensionId, written] of Object.entries(spec.fixed)) {
		const dimension = lookups.dimensions.get(dimensionId);
		if (!dimension) at(null, `fixed.${dimensionId}`, `unknown dimension "${dimensionId}" (declare it in dataset.json → dimensions)`);
		else if (spec.dimensions[dimensionId] !== undefined) at(null, `fixed.${dimensionId}`, `the dimension is read from column "${spec.dimensions[dimensionId]}" too: give it a column or a fixed value, not both`);
		else fixedDims[dimensionId] = valueFor(dimension, written, byNameOf(dimension)).id;
	}
	if (!source || missing.length > 0 || metricColumns.length < Object.keys(spec.metrics).length || dimensionColumns.length < Object.keys(spec.dimensions).length || Object.keys(fixedDims).length < Object.keys(spec.fixed).length) return [];

	const base = slugOf(spec.file.replace(/\.csv$/, '').split('/').pop() ?? 'table').slice(0, 40);
	const firstLine = new Map<string, number>();
	const figures: Figure[] = [];
	// A table repeats a few periods over many rows: one (immutable) Period object per period written.
	const periods = new Map<string, Period | string>();
	const columnOf = new Map(header.map((name, i) => [name, i]));
	const periodColumn = spec.period === undefined ? undefined : columnOf.get(spec.period)!;
	const dimensionIndexes = dimensionColumns.map(([, columnName]) => columnOf.get(columnName)!);
	const metricIndexes = metricColumns.map(({ column }) => columnOf.get(column)!);
	for (const { line, values } of rows) {
		let rowPeriod: Period | null = null;
		if (periodColumn !== undefined) {
			const periodText = (values[periodColumn] ?? '').trim();
			let period = periods.get(periodText);
			if (period === undefined) {
				period = parsePeriod(periodText, spec.periodForm ?? null);
				if (typeof period !== 'string') Object.freeze(period);
				periods.set(periodText, period);
			}
			if (typeof period === 'string') {
				at(line, spec.period!, period);
				continue;
			}
			rowPeriod = period;
		}
		const dims: Record<string, string> = { ...fixedDims };
		for (let d = 0; d < dimensionColumns.length; d++) {
			const [dimension, , byName] = dimensionColumns[d]!;
			const cell = (values[dimensionIndexes[d]!] ?? '').trim();
			// An empty cell, or the table's word for "all of them", is the total along this dimension.
			if (cell === '' || cell.toLowerCase() === spec.totals[dimension.id]?.toLowerCase()) continue;
			dims[dimension.id] = valueFor(dimension, cell, byName).id;
		}
		Object.freeze(dims);
		// The row's values in column order: what tells two rows of one table apart.
		let dimsKey = '';
		for (const [dimension] of dimensionColumns) dimsKey += `${dims[dimension.id] ?? ''}\u0001`;
		const row = new CitedRow(spec.file, line, header, values);
		for (let m = 0; m < metricColumns.length; m++) {
			const { column, metric, period: ownPeriod, qualifier, format } = metricColumns[m]!;
			const period = (ownPeriod ?? rowPeriod)!;
			const reading = readCell(values[metricIndexes[m]!] ?? '', format);
			if (reading.kind === 'missing') continue; // no figure, not zero
			if (reading.kind === 'error') {
				at(line, column, reading.message);
				continue;
			}
			const key = `${metric.id}|${period.key}|${dimsKey}`;
			const earlier = firstLine.get(key);
			if (earlier !== undefined) {
				at(line, column, `line ${earlier} already gives ${metric.id} for the same period and dimensions; each must appear once`);
				continue;
			}
			firstLine.set(key, line);
			// The id is joined, not concatenated: a concatenation is kept as a chain of its pieces.
			const id = [base, line, metric.id].join('-').slice(0, 64);
			figures.push(new TableFigure(id, metric, period, dims, reading.value, reading.qualifier ?? qualifier ?? 'exact', reading.flags, source!, row));
		}
	}
	return figures;
}

/** A metric column, with what applies to each of its cells. */
interface MetricColumn {
	column: string;
	metric: Metric;
	/** The period of every cell (the metric's own, or the table's "asOf"); null when a column gives it. */
	period: Period | null;
	/** The qualifier of every cell that writes none. */
	qualifier: Qualifier | null;
	format: CellFormat;
}

/** A period as a table writes it (a year, quarter, month, day, season, fiscal year or span); a message for anything else. */
function parsePeriod(text: string, form: PeriodForm): Period | string {
	return (
		parsePeriodKey(text, form) ??
		`"${text.slice(0, 40)}" is not a period (a year such as 2005, a quarter such as 2025-Q3, a month such as 2025-03, a day such as 2025-03-14, a season such as 2012/13 or 2012–13, a fiscal year such as FY2024 or a span such as 2006–2011${/^\d{4}-\d{2}$/.test(text) ? '; for seasons written 2012-13, say "periodForm": "season" on the table' : ''})`
	);
}
