import type { z } from 'zod';
import type { DatasetIssue } from './parseDataset.js';
import { dimensionValue } from './dimensionValues.js';
import { NO_PERIOD, type PeriodForm, parsePeriodKey } from './period.js';
import type { datasetMetaSchema } from './schema.js';
import { type CellFormat, readCell } from './cells.js';
import { constraintError } from './constraints.js';
import type { Attribute, BareRow, Dimension, DimensionValue, Figure, FigureRevision, Flag, Metric, Period, Qualifier, Source, TableRow } from './types.js';

export type TableSpec = z.output<typeof datasetMetaSchema>['tables'][number];

/** The attributes of a figure that has none (a total row, a table without descriptive columns). */
export const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});

/** A parsed CSV row: its physical line and its cells in column order. */
export interface TableCsvRow {
	line: number;
	values: readonly string[];
}

/**
 * The row a table figure is cited by. Its cells are kept as the file's column names (shared by
 * every row) and the row's values: a 100,000-row table holds no per-cell pairs, and no row written
 * out, until one is shown. A figure of a wide table cites its column too, and shows the row's
 * identifying cells and that column's, not every year of the row.
 */
class CitedRow implements TableRow {
	constructor(
		readonly file: string,
		readonly line: number,
		private readonly columns: readonly string[],
		private readonly values: readonly string[],
		/** The cells shown, by index (shared by every row of a column); null for all of them. */
		private readonly shown: readonly number[] | null = null,
		readonly column: string | null = null,
		readonly asOf: string | null = null,
	) {}

	get cells(): readonly (readonly [string, string])[] {
		const indexes = this.shown ?? this.columns.map((_, i) => i);
		return indexes.map((i) => [this.columns[i] ?? '', this.values[i] ?? ''] as const);
	}

	/** The row written out, as a figure's quote: "tables/x.csv, line 12: year: 2025 · value: 9985". */
	get text(): string {
		const where = this.column === null ? '' : `, column "${this.column}"`;
		const copy = this.asOf === null ? '' : ` (as of the ${this.asOf} refresh)`;
		return `${this.file}${copy}, line ${this.line}${where}: ${this.cells.map(([column, value]) => `${column}: ${value}`).join(' · ')}`;
	}

	toJSON() {
		return { file: this.file, line: this.line, column: this.column, cells: this.cells, asOf: this.asOf };
	}
}

/**
 * A figure read from a table row. What can be written from the row (its quote, its origin) is
 * written when it is asked for: loading a 100,000-row table keeps the rows, not their text twice.
 */
class TableFigure implements Figure {
	readonly display = null;
	readonly note = null;
	/** Set by the loader when the last refresh of the table changed this figure. */
	revised: FigureRevision | null = null;

	constructor(
		readonly attrs: Readonly<Record<string, string>>,
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
function valueFor(dimension: Dimension | Attribute, cell: string, byName: Map<string, DimensionValue>): DimensionValue {
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
 * The figures of one statistics table: one per non-empty value cell of each row, cited by file and
 * line (and, in a wide table, column). Problems go to `issues` at file:line, naming the column;
 * nothing from a bad row is kept.
 */
export function buildTableFigures(
	spec: TableSpec,
	rawRows: readonly TableCsvRow[],
	rawHeader: readonly string[],
	shownAs: string,
	lookups: {
		metrics: Map<string, Metric>;
		dimensions: Map<string, Dimension>;
		attributes: Map<string, Attribute>;
		sources: Map<string, Source>;
	},
	issues: DatasetIssue[],
	/** Where rows that give no figure at all go (a park with its region and no figures). */
	bareRows: BareRow[] = [],
	/** For a live table: the day its copy was fetched, cited with each row. */
	asOf: string | null = null,
): Figure[] {
	const at = (line: number | null, field: string | null, message: string) => issues.push({ file: shownAs, line, field, message });
	const before = issues.length;
	// The header's physical line: after the lines a table says to skip.
	const headerLine = spec.skipLines + 1;
	const table = spec.splitColumn ? splitColumn(headerLine, spec.splitColumn, rawHeader, rawRows, at) : { header: rawHeader, rows: rawRows };
	if (!table) return [];
	const { header } = table;
	const rows = selectRows(spec, table.header, table.rows, (field, message) => at(headerLine, field, message));
	const wide = spec.layout === 'wide';
	const source = lookups.sources.get(spec.source);
	if (!source) at(null, 'source', `unknown source "${spec.source}" (tables name a source in sources.json)`);
	const needed = [
		...(spec.period === undefined ? [] : [spec.period]),
		...Object.values(spec.dimensions),
		...(spec.metricColumn === undefined ? [] : [spec.metricColumn]),
		...Object.values(spec.attributes),
		...(wide ? [] : Object.keys(spec.metrics)),
	];
	const missing = needed.filter((c) => !header.includes(c));
	if (missing.length > 0) at(headerLine, null, `column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} named in dataset.json ${missing.length > 1 ? 'are' : 'is'} not in the header`);
	const unmappedMetrics = (spec.metric === undefined ? [] : [spec.metric]).concat(Object.values(spec.metrics).map((m) => (typeof m === 'string' ? m : m.metric))).filter((id) => !lookups.metrics.has(id));
	for (const id of new Set(unmappedMetrics)) at(null, spec.metric === id ? 'metric' : 'metrics', `unknown metric "${id}"`);

	const byNameOf = (dimension: Dimension | Attribute) => {
		const byName = new Map<string, DimensionValue>();
		for (const value of dimension.values) {
			byName.set(value.label.toLowerCase(), value);
			byName.set(value.id, value);
		}
		return byName;
	};
	const dimensionColumns: [Dimension, string, Map<string, DimensionValue>][] = [];
	for (const [dimensionId, columnName] of Object.entries(spec.dimensions)) {
		const dimension = lookups.dimensions.get(dimensionId);
		if (!dimension) at(null, `dimensions.${dimensionId}`, `unknown dimension "${dimensionId}" (declare it in dataset.json → dimensions)`);
		else dimensionColumns.push([dimension, columnName, byNameOf(dimension)]);
	}
	// Descriptive columns: a text attribute's cells are values, matched or added as a dimension's are.
	const attributeColumns: [Attribute, string, Map<string, DimensionValue> | null][] = [];
	for (const [attributeId, columnName] of Object.entries(spec.attributes)) {
		const attribute = lookups.attributes.get(attributeId);
		if (!attribute) at(null, `attributes.${attributeId}`, `unknown attribute "${attributeId}" (declare it in dataset.json → attributes)`);
		else attributeColumns.push([attribute, columnName, attribute.type === 'text' ? byNameOf(attribute) : null]);
	}
	const fixedDims: Record<string, string> = {};
	for (const [dimensionId, written] of Object.entries(spec.fixed)) {
		const dimension = lookups.dimensions.get(dimensionId);
		if (!dimension) at(null, `fixed.${dimensionId}`, `unknown dimension "${dimensionId}" (declare it in dataset.json → dimensions)`);
		else if (spec.dimensions[dimensionId] !== undefined) at(null, `fixed.${dimensionId}`, `the dimension is read from column "${spec.dimensions[dimensionId]}" too: give it a column or a fixed value, not both`);
		else fixedDims[dimensionId] = valueFor(dimension, written, byNameOf(dimension)).id;
	}
	const tablePeriod = spec.asOf === undefined ? null : Object.freeze(parsePeriodKey(spec.asOf)!);
	const formatFor = (metric: Metric): CellFormat => ({ decimal: spec.decimal, unit: metric.unit, missing: new Set(spec.missing.map((m) => m.toLowerCase())) });
	const columnOf = new Map(header.map((name, i) => [name, i]));

	// What each value cell is: which column, and the metric, period and dimension value it has or
	// takes from its row.
	const cells: ValueColumn[] = [];
	if (!wide) {
		for (const [columnName, mapping] of Object.entries(spec.metrics)) {
			const { metric: metricId, period, qualifier } = typeof mapping === 'string' ? { metric: mapping, period: undefined, qualifier: undefined } : mapping;
			const metric = lookups.metrics.get(metricId);
			if (!metric) continue;
			// Neither its own period, nor the table's, nor a column: the source gives none.
			const own = period !== undefined ? Object.freeze(parsePeriodKey(period)!) : (tablePeriod ?? (spec.period === undefined ? NO_PERIOD : null));
			cells.push({ index: columnOf.get(columnName) ?? -1, metric, period: own, value: null, qualifier: qualifier ?? spec.qualifier ?? null, format: formatFor(metric), shown: null, column: null });
		}
	} else {
		const declared = new Set([spec.period, spec.metricColumn, ...Object.values(spec.dimensions), ...Object.values(spec.attributes), ...spec.ignore].filter((c): c is string => c !== undefined));
		const keys = header.flatMap((name, i) => (declared.has(name) && !spec.ignore.includes(name) ? [i] : []));
		const metric = spec.metric === undefined ? null : (lookups.metrics.get(spec.metric) ?? null);
		const byValue = spec.columnsAre === 'period' ? null : lookups.dimensions.get(spec.columnsAre!);
		if (spec.columnsAre !== 'period' && !byValue) at(null, 'columnsAre', `unknown dimension "${spec.columnsAre}" (declare it in dataset.json → dimensions)`);
		else if (byValue && (spec.dimensions[byValue.id] !== undefined || spec.fixed[byValue.id] !== undefined)) at(null, 'columnsAre', `the dimension "${byValue.id}" is read from the column headers: it cannot also have a column or a fixed value`);
		else {
			const names = byValue ? byNameOf(byValue) : null;
			header.forEach((name, index) => {
				if (declared.has(name)) return;
				const shown = [...keys, index];
				const base = { index, metric, qualifier: spec.qualifier ?? null, format: metric ? formatFor(metric) : null, shown, column: name };
				if (byValue) {
					cells.push({ ...base, period: tablePeriod ?? (spec.period === undefined ? NO_PERIOD : null), value: [byValue, valueFor(byValue, name, names!).id] });
					return;
				}
				const period = parsePeriodKey(name, spec.periodForm ?? null);
				if (period) cells.push({ ...base, period: Object.freeze(period), value: null });
				else at(headerLine, name, `column "${name.slice(0, 60)}" is not a period, nor a column dataset.json declares: map it, or list it in "ignore"`);
			});
		}
	}
	// A table whose mapping is wrong yields nothing: its rows would only repeat the same error.
	if (issues.length > before || !source || cells.length === 0) return [];

	const base = slugOf(spec.file.replace(/\.csv$/, '').split('/').pop() ?? 'table').slice(0, 40);
	const firstLine = new Map<string, number>();
	const figures: Figure[] = [];
	// A table repeats a few periods over many rows: one (immutable) Period object per period written.
	const periods = new Map<string, Period | string>();
	const periodColumn = spec.period === undefined ? undefined : columnOf.get(spec.period)!;
	const metricColumn = spec.metricColumn === undefined ? undefined : columnOf.get(spec.metricColumn)!;
	const rowMetrics = new Map<string, { metric: Metric; qualifier: Qualifier | null; format: CellFormat } | null>();
	const dimensionIndexes = dimensionColumns.map(([, columnName]) => columnOf.get(columnName)!);
	const attributeIndexes = attributeColumns.map(([, columnName]) => columnOf.get(columnName)!);
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
		// The row's metric, in a wide table whose rows are indicators.
		let rowMetric: { metric: Metric; qualifier: Qualifier | null; format: CellFormat } | null = null;
		if (metricColumn !== undefined) {
			const code = (values[metricColumn] ?? '').trim();
			if (!rowMetrics.has(code)) {
				const mapping = spec.metrics[code];
				const metric = mapping === undefined ? undefined : lookups.metrics.get(typeof mapping === 'string' ? mapping : mapping.metric);
				rowMetrics.set(code, metric ? { metric, qualifier: (typeof mapping === 'object' ? mapping.qualifier : undefined) ?? spec.qualifier ?? null, format: formatFor(metric) } : null);
			}
			rowMetric = rowMetrics.get(code)!;
			if (!rowMetric) {
				at(line, spec.metricColumn!, `"${code.slice(0, 60)}" is not one of the metrics "metrics" maps (map it to a metric id)`);
				continue;
			}
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
		// A total row's attribute cells are ignored: a total has no team, region or fuel of its own.
		let attrs = NO_ATTRIBUTES;
		if (attributeColumns.length > 0 && Object.keys(dims).length === dimensionColumns.length + Object.keys(fixedDims).length) {
			const own: Record<string, string> = {};
			for (let a = 0; a < attributeColumns.length; a++) {
				const [attribute, , byName] = attributeColumns[a]!;
				const cell = (values[attributeIndexes[a]!] ?? '').trim();
				if (cell === '') continue;
				own[attribute.id] = byName ? valueFor(attribute, cell, byName).id : cell;
			}
			attrs = Object.freeze(own);
		}
		// The row's values in column order: what tells two rows of one table apart.
		let dimsKey = '';
		for (const [dimension] of dimensionColumns) dimsKey += `${dims[dimension.id] ?? ''}\u0001`;
		const row = wide ? null : new CitedRow(spec.file, line, header, values, null, null, asOf);
		const figuresBefore = figures.length;
		const issuesBefore = issues.length;
		for (const cell of cells) {
			const metric = (cell.metric ?? rowMetric?.metric)!;
			const period = (cell.period ?? rowPeriod)!;
			const reading = readCell(values[cell.index] ?? '', (cell.format ?? rowMetric?.format)!);
			if (reading.kind === 'missing') continue; // no figure, not zero
			if (reading.kind === 'error') {
				at(line, cell.column ?? header[cell.index] ?? null, reading.message);
				continue;
			}
			const broken = constraintError(metric, reading.value);
			if (broken) {
				at(line, cell.column ?? header[cell.index] ?? null, broken);
				continue;
			}
			const figureDims = cell.value ? Object.freeze({ ...dims, [cell.value[0].id]: cell.value[1] }) : dims;
			const key = `${metric.id}|${period.key}|${dimsKey}${cell.value?.[1] ?? ''}`;
			const earlier = firstLine.get(key);
			if (earlier !== undefined) {
				at(line, cell.column ?? header[cell.index] ?? null, `line ${earlier} already gives ${metric.id} for the same period and dimensions; each must appear once`);
				continue;
			}
			firstLine.set(key, line);
			// The id is joined, not concatenated: a concatenation is kept as a chain of its pieces.
			const id = (wide ? [base, line, metric.id, cell.index] : [base, line, metric.id]).join('-').slice(0, 64);
			const cited = row ?? new CitedRow(spec.file, line, header, values, cell.shown, cell.column, asOf);
			figures.push(new TableFigure(attrs, id, metric, period, figureDims, reading.value, reading.qualifier ?? cell.qualifier ?? rowMetric?.qualifier ?? 'exact', reading.flags, source, cited));
		}
		// A row of a long table whose value cells are all empty, that names a row of its own (no
		// total) and says something about it (a heading row says nothing in its other cells).
		if (row && figures.length === figuresBefore && issues.length === issuesBefore && Object.keys(attrs).length > 0)
			bareRows.push({ dims, attrs, period: rowPeriod ?? tablePeriod ?? NO_PERIOD, source, row });
	}
	return figures;
}

/**
 * The rows a table entry reads: without those "skipRows" marks as not data (an "Average" row, a
 * heading), and only those "onlyRows" names where it gives any. Cells match in any case.
 */
function selectRows(
	spec: TableSpec,
	header: readonly string[],
	rows: readonly TableCsvRow[],
	refuse: (field: string, message: string) => void,
): readonly TableCsvRow[] {
	const rules = (record: Record<string, string[]>, field: string) =>
		Object.entries(record).flatMap(([column, cells]) => {
			const index = header.indexOf(column);
			if (index < 0) {
				refuse(`${field}.${column}`, `column "${column}" is not in the header`);
				return [];
			}
			return [[index, new Set(cells.map((c) => c.trim().toLowerCase()))] as const];
		});
	const skip = rules(spec.skipRows, 'skipRows');
	const only = rules(spec.onlyRows, 'onlyRows');
	if (skip.length === 0 && only.length === 0) return rows;
	const has = (values: readonly string[], [index, cells]: readonly [number, Set<string>]) =>
		cells.has((values[index] ?? '').trim().toLowerCase());
	return rows.filter(({ values }) => !skip.some((rule) => has(values, rule)) && only.every((rule) => has(values, rule)));
}

/**
 * One column split into several, in place, before anything is mapped: at a separator, or by a
 * pattern's groups. A row that does not split into as many parts is refused at its line.
 */
function splitColumn(
	headerLine: number,
	split: NonNullable<TableSpec['splitColumn']>,
	header: readonly string[],
	rows: readonly TableCsvRow[],
	at: (line: number | null, field: string | null, message: string) => void,
): { header: string[]; rows: TableCsvRow[] } | null {
	const index = header.indexOf(split.column);
	if (index < 0) {
		at(headerLine, 'splitColumn.column', `column "${split.column}" is not in the header`);
		return null;
	}
	const taken = split.into.find((name) => header.includes(name) && name !== split.column);
	if (taken !== undefined) {
		at(headerLine, 'splitColumn.into', `column "${taken}" is in the header already`);
		return null;
	}
	// The one pattern built at run time: a dataset.json's, never text from Discord, checked by the
	// schema (at most 200 characters, no nested quantifiers) and run on cells of at most 1,000.
	// eslint-disable-next-line no-restricted-syntax
	const pattern = split.pattern === undefined ? null : new RegExp(split.pattern, 'u');
	const parts = (cell: string): string[] | null => {
		if (pattern) {
			const match = cell.length > 1000 ? null : pattern.exec(cell);
			return match && match.length - 1 === split.into.length ? match.slice(1).map((p) => (p ?? '').trim()) : null;
		}
		const pieces = cell.split(split.separator!).map((p) => p.trim());
		return pieces.length === split.into.length ? pieces : null;
	};
	const out: TableCsvRow[] = [];
	let failed = false;
	for (const { line, values } of rows) {
		const cell = (values[index] ?? '').trim();
		const pieces = parts(cell);
		if (!pieces) {
			at(line, split.column, `"${cell.slice(0, 60)}" does not split into ${split.into.map((n) => `"${n}"`).join(', ')} ${pattern ? 'by the pattern' : `at "${split.separator}"`}`);
			failed = true;
			continue;
		}
		out.push({ line, values: [...values.slice(0, index), ...pieces, ...values.slice(index + 1)] });
	}
	return failed ? null : { header: [...header.slice(0, index), ...split.into, ...header.slice(index + 1)], rows: out };
}

/** A column of value cells, with what applies to each of its cells and what its row gives. */
interface ValueColumn {
	index: number;
	/** The metric of every cell; null when the row's metric column names it. */
	metric: Metric | null;
	/** The period of every cell (its own, its header's, or the table's "asOf"); null when a column gives it. */
	period: Period | null;
	/** In a table wide by a dimension's values: that dimension and the column's value. */
	value: readonly [Dimension, string] | null;
	/** The qualifier of every cell that writes none. */
	qualifier: Qualifier | null;
	/** How its cells are written; null when it depends on the row's metric. */
	format: CellFormat | null;
	/** In a wide table, the cells a figure shows (the row's identifying cells and this one), and the column. */
	shown: readonly number[] | null;
	column: string | null;
}

/** A period as a table writes it (a year, quarter, month, day, season, fiscal year or span); a message for anything else. */
function parsePeriod(text: string, form: PeriodForm): Period | string {
	return (
		parsePeriodKey(text, form) ??
		`"${text.slice(0, 40)}" is not a period (a year such as 2005, a quarter such as 2025-Q3, a month such as 2025-03, a day such as 2025-03-14, a season such as 2012/13 or 2012–13, a fiscal year such as FY2024 or a span such as 2006–2011${/^\d{4}-\d{2}$/.test(text) ? '; for seasons written 2012-13, say "periodForm": "season" on the table' : ''})`
	);
}
