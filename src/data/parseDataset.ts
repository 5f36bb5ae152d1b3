import { parse as parseCsv } from 'csv-parse/sync';
import { dimensionValue } from './dimensionValues.js';
import type { z } from 'zod';
import { constraintError } from './constraints.js';
import { checkIntegrity } from './integrity.js';
import { NO_ATTRIBUTES, type TableCsvRow, buildTableFigures } from './parseTable.js';
import { datasetMetaSchema, figureRowSchema, sourcesSchema, statementRowSchema } from './schema.js';
import { parsePeriodKey } from './period.js';
import type { Attribute, BareRow, Dataset, Dimension, Figure, Metric, Source, Statement } from './types.js';
import { dateIsWritten } from './writtenDates.js';
import { valueIsWritten } from './writtenNumbers.js';

/** One problem in a data file, located as precisely as the format allows. */
export interface DatasetIssue {
	file: string;
	/** 1-based line for CSV rows; null for JSON, where `field` carries the path. */
	line: number | null;
	field: string | null;
	message: string;
}

/** A dataset that cannot be used. Its message lists every issue, one per line, without a stack. */
export class DatasetError extends Error {
	constructor(readonly issues: DatasetIssue[]) {
		super(issues.map(formatIssue).join('\n'));
		this.name = 'DatasetError';
	}
}

export function formatIssue(issue: DatasetIssue): string {
	const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}`;
	return `${where}: ${issue.field ? `${issue.field}: ` : ''}${issue.message}`;
}

/** Reads a file of the dataset by its path relative to the dataset folder; undefined if absent. */
export type DatasetReader = (relativePath: string) => string | undefined;

/** A figure whose value its quote does not write says how it was computed: "computed: 3,453 + 161". */
const COMPUTED_NOTE = /^\s*computed:/i;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const FIGURE_COLUMNS = ['id', 'metric', 'period', 'value', 'qualifier', 'display', 'source', 'quote', 'note'];
const STATEMENT_COLUMNS = ['id', 'subject', 'keywords', 'source', 'quote'];

/**
 * Builds a dataset from its files, or throws a DatasetError listing every problem found.
 * Never returns a half-loaded dataset. `label` prefixes file names in messages (e.g. "data/nk-travel").
 * `asOf`: for live tables, table path → the day its copy was fetched, cited with each of its rows.
 */
export function parseDataset(read: DatasetReader, label: string, asOf: ReadonlyMap<string, string> = new Map()): Dataset {
	const issues: DatasetIssue[] = [];
	const file = (name: string) => `${label}/${name}`;

	const meta = parseJsonFile(read, 'dataset.json', file('dataset.json'), datasetMetaSchema, issues);
	const sourceRows = parseJsonFile(read, 'sources.json', file('sources.json'), sourcesSchema, issues);
	// A dataset of tables alone needs no figures.csv; one without tables does.
	// Whether figures.csv is needed is only known from a valid dataset.json.
	const figureRows = parseCsvFile(read, 'figures.csv', file('figures.csv'), meta !== undefined && meta.tables.length === 0, issues) ?? (meta && meta.tables.length > 0 ? [] : undefined);
	const statementRows = parseCsvFile(read, 'statements.csv', file('statements.csv'), false, issues);
	if (!meta || !sourceRows || !figureRows) throw new DatasetError(issues);

	const sources = new Map<string, Source>();
	sourceRows.forEach((row, index) => {
		const where = { file: file('sources.json'), line: null, field: `[${index}]` };
		if (sources.has(row.id)) issues.push({ ...where, field: `[${index}].id`, message: `duplicate source id "${row.id}"` });
		const text = row.text === null ? '' : read(row.text);
		if (text === undefined) issues.push({ ...where, field: `[${index}].text`, message: `source text file "${row.text}" not found` });
		const checkedAgainst = row.text === null ? (row.outletNote ?? '') : text;
		// A date shown in every citation must be one the source gives, or one whose origin is stated.
		if (checkedAgainst !== undefined && row.published !== null && !dateIsWritten(row.published, checkedAgainst) && !(row.outletNote !== null && dateIsWritten(row.published, row.outletNote))) {
			issues.push({ ...where, field: `[${index}].published`, message: `${row.published} is not written in the source's text; give the date the source states, null, or say in outletNote where this date comes from (writing the date there)` });
		}
		sources.set(row.id, { ...row, text: text ?? '' });
	});

	const metrics = uniqueById(meta.metrics, file('dataset.json'), 'metrics', issues) as Map<string, Metric>;
	const dimensions = uniqueById(meta.dimensions, file('dataset.json'), 'dimensions', issues) as Map<string, Dimension>;
	for (const [index, dimension] of meta.dimensions.entries()) {
		const values = uniqueById(dimension.values, file('dataset.json'), `dimensions[${index}].values`, issues);
		if (dimension.default !== null && !values.has(dimension.default)) {
			issues.push({ file: file('dataset.json'), line: null, field: `dimensions[${index}].default`, message: `"${dimension.default}" is not one of this dimension's values` });
		}
		// figures.csv has a column per dimension beside its own: only there are its names taken.
		if (FIGURE_COLUMNS.includes(dimension.id) && figureRows.length > 0) {
			issues.push({ file: file('dataset.json'), line: null, field: `dimensions[${index}].id`, message: `"${dimension.id}" is a reserved column name` });
		}
	}

	const attributes = uniqueById(meta.attributes, file('dataset.json'), 'attributes', issues) as Map<string, Attribute>;
	for (const [index, attribute] of meta.attributes.entries()) {
		uniqueById(attribute.values, file('dataset.json'), `attributes[${index}].values`, issues);
		if (dimensions.has(attribute.id)) issues.push({ file: file('dataset.json'), line: null, field: `attributes[${index}].id`, message: `"${attribute.id}" is a dimension's id too` });
		if (attribute.type !== 'text' && attribute.values.length > 0) issues.push({ file: file('dataset.json'), line: null, field: `attributes[${index}].values`, message: `a ${attribute.type} attribute lists no values (its cells are kept as written)` });
	}

	const bareRows: BareRow[] = [];
	const figures = buildFigures(figureRows, file('figures.csv'), { metrics, dimensions, sources }, issues);
	// A table's word for the total along a dimension ("World") names the whole in questions.
	for (const spec of meta.tables)
		for (const [dimensionId, word] of Object.entries(spec.totals)) {
			const dimension = dimensions.get(dimensionId);
			if (dimension && !(dimension.totalWords ?? []).includes(word)) dimension.totalWords = [...(dimension.totalWords ?? []), word];
		}
	for (const spec of meta.tables) {
		const table = readCsv(read, spec.file, file(spec.file), true, issues, { ...spec, numberDuplicates: true });
		// A loop, not push(...spread): a spread of a million arguments overflows the stack.
		if (table) for (const figure of buildTableFigures(spec, table.rows, table.header, file(spec.file), { metrics, dimensions, attributes, sources }, issues, bareRows, asOf.get(spec.file) ?? null)) figures.push(figure);
	}
	// A parent is a value of the same dimension, listed or brought by a table; a line of parents never loops.
	for (const [index, dimension] of meta.dimensions.entries()) {
		dimension.values.forEach((value, at) => {
			if (!value.parent) return;
			const where = { file: file('dataset.json'), line: null, field: `dimensions[${index}].values[${at}].parent` };
			if (!dimensionValue(dimension, value.parent)) issues.push({ ...where, message: `"${value.parent}" is not a value of this dimension (listed, or in a table's column)` });
			const seen = new Set([value.id]);
			for (let up: string | null | undefined = value.parent; up; up = dimensionValue(dimension, up)?.parent) {
				if (seen.has(up)) {
					issues.push({ ...where, message: `"${value.id}" is its own parent, through ${[...seen].slice(1).join(' → ') || 'itself'}` });
					break;
				}
				seen.add(up);
			}
		});
	}
	for (const [index, attribute] of meta.attributes.entries()) {
		if (attribute.values.some((v) => v.parent)) issues.push({ file: file('dataset.json'), line: null, field: `attributes[${index}].values`, message: 'an attribute\'s values name no parent (parents are for dimension values)' });
	}
	// A dimension a failed table would have filled is not reported empty as well.
	const tablesRead = issues.length === 0;
	for (const [index, dimension] of meta.dimensions.entries()) {
		if (dimension.values.length === 0 && tablesRead) issues.push({ file: file('dataset.json'), line: null, field: `dimensions[${index}].values`, message: 'no values: list them, or map a table column to this dimension' });
	}
	const statements = statementRows ? buildStatements(statementRows, file('statements.csv'), sources, issues) : [];

	const figureById = meta.conflicts.length > 0 ? new Map(figures.map((f) => [f.id, f])) : new Map<string, Figure>();
	const declaredConflicts = meta.conflicts.flatMap((conflict, index) => {
		const members = conflict.figures.map((figureId) => figureById.get(figureId));
		// A figure whose own row is invalid is reported there; do not report it again here.
		const missing = conflict.figures.filter((_, i) => !members[i]);
		const unknown = missing.filter((figureId) => !figureRows.some((row) => row.cells.id?.trim() === figureId));
		if (unknown.length > 0) {
			issues.push({ file: file('dataset.json'), line: null, field: `conflicts[${index}].figures`, message: `unknown figure id(s): ${unknown.join(', ')}` });
		}
		if (missing.length > 0) {
			return [];
		}
		return [{ figures: members as Figure[], note: conflict.note }];
	});

	if (issues.length > 0) throw new DatasetError(issues);
	const dataset: Dataset = {
		id: meta.id,
		title: meta.title,
		description: meta.description,
		metrics: [...metrics.values()],
		dimensions: [...dimensions.values()],
		attributes: [...attributes.values()],
		sources: [...sources.values()],
		figures,
		bareRows,
		statements,
		conflicts: declaredConflicts,
		breakdowns: [],
	};
	const integrity = checkIntegrity(dataset);
	if (integrity.issues.length > 0) throw new DatasetError(integrity.issues.map((i) => ({ ...i, file: `${label}/${i.file}` })));
	return { ...dataset, conflicts: integrity.conflicts, breakdowns: integrity.breakdowns };
}

function uniqueById<Item extends { id: string }>(items: readonly Item[], file: string, field: string, issues: DatasetIssue[]): Map<string, Item> {
	const map = new Map<string, Item>();
	items.forEach((item, index) => {
		if (map.has(item.id)) issues.push({ file, line: null, field: `${field}[${index}].id`, message: `duplicate id "${item.id}"` });
		map.set(item.id, item);
	});
	return map;
}

function rejectForbiddenKeys(key: string, value: unknown): unknown {
	if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`forbidden key "${key}"`);
	return value;
}

function parseJsonFile<Schema extends z.ZodType>(
	read: DatasetReader,
	name: string,
	shownAs: string,
	schema: Schema,
	issues: DatasetIssue[],
): z.output<Schema> | undefined {
	const raw = read(name);
	if (raw === undefined) {
		issues.push({ file: shownAs, line: null, field: null, message: 'file not found' });
		return undefined;
	}
	let json: unknown;
	try {
		json = JSON.parse(raw, rejectForbiddenKeys);
	} catch (error) {
		issues.push({ file: shownAs, line: null, field: null, message: `not valid JSON (${(error as Error).message})` });
		return undefined;
	}
	const result = schema.safeParse(json);
	if (!result.success) {
		for (const issue of result.error.issues) {
			issues.push({ file: shownAs, line: null, field: formatPath(issue.path) || null, message: issue.message });
		}
		return undefined;
	}
	return result.data;
}

function formatPath(path: readonly PropertyKey[]): string {
	return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

interface CsvRow {
	line: number;
	cells: Record<string, string>;
}

function parseCsvFile(read: DatasetReader, name: string, shownAs: string, required: boolean, issues: DatasetIssue[]): CsvRow[] | undefined {
	const table = readCsv(read, name, shownAs, required, issues);
	return table?.rows.map(({ line, values }) => {
		const cells: Record<string, string> = {};
		for (let i = 0; i < table.header.length; i++) cells[table.header[i]!] = values[i] ?? '';
		return { line, cells };
	});
}

/** A CSV file's column names and rows (RFC 4180: quoted cells, CRLF and a BOM are accepted). */
/** A CSV file's column names and its rows as read: each row's physical line and its cells in column order. */
function readCsv(read: DatasetReader, name: string, shownAs: string, required: boolean, issues: DatasetIssue[], shape: FileShape = { delimiter: ',', skipLines: 0 }): { header: string[]; rows: TableCsvRow[] } | undefined {
	const whole = read(name);
	if (whole === undefined) {
		if (required) issues.push({ file: shownAs, line: null, field: null, message: 'file not found' });
		return undefined;
	}
	// Lines before the header (a title, notes, as in the World Bank's download) are not read.
	let raw = whole.replace(/^\uFEFF/, '');
	for (let skipped = 0; skipped < shape.skipLines; skipped++) {
		const next = raw.indexOf('\n');
		raw = next < 0 ? '' : raw.slice(next + 1);
	}
	const { delimiter, skipLines } = shape;
	// A file saved with another delimiter (a European spreadsheet's ';', a tab): its header reads as
	// one column, and every later error would be noise. Said once, at the header's line.
	const end = raw.indexOf('\n');
	const firstLine = raw.slice(0, end < 0 ? raw.length : end);
	const other = [',', ';', '\t'].find((d) => d !== delimiter && firstLine.includes(d) && !firstLine.includes(delimiter));
	if (other) {
		const shown = (d: string) => (d === '\t' ? 'a tab' : `"${d}"`);
		issues.push({ file: shownAs, line: skipLines + 1, field: null, message: `the header reads as one column: is the delimiter ${shown(other)}? Save the file with ${shown(delimiter)} between columns, or say "delimiter": ${JSON.stringify(other)} on the table in dataset.json` });
		return undefined;
	}
	let records: string[][];
	try {
		records = parseCsv(raw, { bom: true, delimiter, relax_column_count: false, skip_empty_lines: true }) as string[][];
	} catch (error) {
		const { lines, message } = error as { lines?: number; message: string };
		issues.push({ file: shownAs, line: lines === undefined ? null : lines + skipLines, field: null, message: `not valid CSV (${message.replace(/^Invalid \w+ /, '')})` });
		return undefined;
	}
	const [header, ...body] = records;
	if (!header) {
		issues.push({ file: shownAs, line: skipLines + 1, field: null, message: 'empty file: the first line must name the columns' });
		return undefined;
	}
	const names = header.map((h) => h.trim());
	// A line ending in a delimiter (as in the World Bank's download) leaves an unnamed column at the end:
	// dropped when no row fills it.
	let kept = names.length;
	while (kept > 1 && names[kept - 1] === '' && body.every((values) => (values[kept - 1] ?? '').trim() === '')) kept--;
	if (kept < names.length) {
		names.length = kept;
		for (const values of body) values.length = kept;
	}
	const bad = names.find((n) => FORBIDDEN_KEYS.has(n) || n === '');
	if (bad !== undefined) {
		issues.push({ file: shownAs, line: skipLines + 1, field: null, message: `column name "${bad}" is not allowed` });
		return undefined;
	}
	// In a table, a name written twice ("Votes" three times) is addressed by its place: "Votes",
	// "Votes #2", "Votes #3". figures.csv and statements.csv have fixed columns: there it is refused.
	const counts = new Map<string, number>();
	for (let i = 0; i < names.length && shape.numberDuplicates; i++) {
		const n = (counts.get(names[i]!) ?? 0) + 1;
		counts.set(names[i]!, n);
		if (n > 1) names[i] = `${names[i]} #${n}`;
	}
	const dup = names.find((n, i) => names.indexOf(n) !== i);
	if (dup !== undefined) {
		issues.push({ file: shownAs, line: skipLines + 1, field: null, message: `column "${dup}" appears twice` });
		return undefined;
	}
	// csv-parse counts physical lines; a quoted cell may span several, so track them ourselves.
	const lineOf = recordStartLines(raw);
	const rows = body.map((values, index) => ({ line: (lineOf[index + 1] ?? index + 2) + skipLines, values }));
	return { header: names, rows };
}

/** How a table's file is written: the character between columns, and the lines before the header. */
interface FileShape {
	delimiter: string;
	skipLines: number;
	/** Whether a column name written twice is numbered ("Votes #2") rather than refused. */
	numberDuplicates?: boolean;
}

/** The 1-based starting line of each non-empty CSV record, honouring quoted newlines. */
function recordStartLines(raw: string): number[] {
	const starts: number[] = [];
	let line = 1;
	let inQuotes = false;
	let atRecordStart = true;
	const [QUOTE, LF, CR] = [34, 10, 13];
	for (let i = raw.charCodeAt(0) === 0xfeff ? 1 : 0; i < raw.length; i++) {
		const code = raw.charCodeAt(i);
		if (atRecordStart && code !== LF && code !== CR) {
			starts.push(line);
			atRecordStart = false;
		}
		if (code === QUOTE) inQuotes = !inQuotes;
		else if (code === LF) {
			line++;
			if (!inQuotes) atRecordStart = true;
		}
	}
	return starts;
}

interface Lookups {
	metrics: Map<string, Metric>;
	dimensions: Map<string, Dimension>;
	sources: Map<string, Source>;
}

function buildFigures(rows: CsvRow[], shownAs: string, lookups: Lookups, issues: DatasetIssue[]): Figure[] {
	const header = Object.keys(rows[0]?.cells ?? {});
	for (const column of header) {
		if (!FIGURE_COLUMNS.includes(column) && !lookups.dimensions.has(column)) {
			issues.push({ file: shownAs, line: 1, field: column, message: `unknown column: not a figure field nor a dimension in dataset.json` });
		}
	}
	for (const column of FIGURE_COLUMNS) {
		if (rows.length > 0 && !header.includes(column) && column !== 'display' && column !== 'note') {
			issues.push({ file: shownAs, line: 1, field: column, message: 'required column is missing' });
		}
	}
	const seen = new Set<string>();
	const figures: Figure[] = [];
	for (const { line, cells } of rows) {
		const at = (field: string | null, message: string) => issues.push({ file: shownAs, line, field, message });
		const parsed = figureRowSchema.safeParse({ display: '', note: '', ...cells });
		if (!parsed.success) {
			for (const issue of parsed.error.issues) at(formatPath(issue.path) || null, issue.message);
			continue;
		}
		const row = parsed.data;
		if (seen.has(row.id)) at('id', `duplicate figure id "${row.id}"`);
		seen.add(row.id);
		const metric = lookups.metrics.get(row.metric);
		if (!metric) at('metric', `unknown metric "${row.metric}"`);
		const source = lookups.sources.get(row.source);
		if (!source) at('source', `unknown source "${row.source}"`);
		const dims: Record<string, string> = {};
		for (const [dimensionId, dimension] of lookups.dimensions) {
			const valueId = (cells[dimensionId] ?? '').trim();
			if (valueId === '') continue;
			if (!dimensionValue(dimension, valueId)) at(dimensionId, `unknown value "${valueId}"`);
			else dims[dimensionId] = valueId;
		}
		if (source && !quoteOccursIn(row.quote, source.text)) at('quote', `not found in the text of source "${source.id}"`);
		if (!valueIsWritten(row.value, row.quote) && !COMPUTED_NOTE.test(row.note ?? '')) {
			at('value', `${row.value} is not written in its quote in any form (such as 9,985, 9985, 6.62 million or 10k): "${row.quote}".${row.value.startsWith('-') ? ' A negative value needs its minus sign in the quote, or a word such as "fell" or "deficit".' : ''} If the value is computed from the quote, say how in the note, starting "computed:".`);
		}
		const broken = metric ? constraintError(metric, row.value) : null;
		if (broken) at('value', broken);
		if (!metric || !source) continue;
		figures.push({ ...row, metric, source, dims: Object.freeze(dims), period: parsePeriodKey(row.period)!, row: null, origin: `figures.csv:${line}`, flags: [], attrs: NO_ATTRIBUTES });
	}
	return figures;
}

function buildStatements(rows: CsvRow[], shownAs: string, sources: Map<string, Source>, issues: DatasetIssue[]): Statement[] {
	const seen = new Set<string>();
	const statements: Statement[] = [];
	for (const { line, cells } of rows) {
		const at = (field: string | null, message: string) => issues.push({ file: shownAs, line, field, message });
		const unknown = Object.keys(cells).filter((c) => !STATEMENT_COLUMNS.includes(c));
		if (unknown.length > 0) at(unknown.join(', '), 'unknown column');
		const parsed = statementRowSchema.safeParse(cells);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) at(formatPath(issue.path) || null, issue.message);
			continue;
		}
		const row = parsed.data;
		if (seen.has(row.id)) at('id', `duplicate statement id "${row.id}"`);
		seen.add(row.id);
		const source = sources.get(row.source);
		if (!source) {
			at('source', `unknown source "${row.source}"`);
			continue;
		}
		if (!quoteOccursIn(row.quote, source.text)) at('quote', `not found in the text of source "${source.id}"`);
		statements.push({ ...row, source });
	}
	return statements;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A quote must appear verbatim in its source, up to runs of white space. */
export function quoteOccursIn(quote: string, sourceText: string): boolean {
	return textIndex(sourceText).contains(collapse(quote));
}

/** Quotes found by their first characters at a word start, once a text is quoted often enough to pay for it. */
const KEY_CHARS = 16;
const INDEX_AFTER_QUERIES = 32;

/**
 * A source text, whitespace collapsed, that answers "is this quote in it?". The first few queries
 * scan it; after that an index of word starts answers in time independent of the text's length, so
 * a text quoted by thousands of rows loads in linear, not quadratic, time.
 */
class TextIndex {
	private queries = 0;
	private starts: Map<string, number[]> | null = null;
	constructor(readonly text: string) {}

	contains(quote: string): boolean {
		if (++this.queries <= INDEX_AFTER_QUERIES || quote.length < KEY_CHARS) return this.text.includes(quote);
		this.starts ??= this.buildStarts();
		for (const at of this.starts.get(quote.slice(0, KEY_CHARS)) ?? []) if (this.text.startsWith(quote, at)) return true;
		// A quote that begins elsewhere (inside a word, after a quotation mark) is not indexed: look the slow way.
		return this.text.includes(quote) && !this.startsAtWord(quote);
	}

	private buildStarts(): Map<string, number[]> {
		const starts = new Map<string, number[]>();
		for (let at = 0; at + KEY_CHARS <= this.text.length; at++) {
			if (at > 0 && !isBoundary(this.text[at - 1]!)) continue;
			const key = this.text.slice(at, at + KEY_CHARS);
			const list = starts.get(key);
			if (list) list.push(at);
			else starts.set(key, [at]);
		}
		return starts;
	}

	/** Whether every place the quote occurs is an indexed start (then the index has already looked). */
	private startsAtWord(quote: string): boolean {
		for (let at = this.text.indexOf(quote); at >= 0; at = this.text.indexOf(quote, at + 1)) {
			if (at > 0 && !isBoundary(this.text[at - 1]!)) return false;
		}
		return true;
	}
}

/** Quotes are indexed where they usually begin: at the start of the text or after a space. */
const isBoundary = (before: string) => before === ' ';

/** Source texts indexed once, not once per quote. Bounded: a library has few source texts at a time. */
const textIndexes = new Map<string, TextIndex>();
function textIndex(text: string): TextIndex {
	let index = textIndexes.get(text);
	if (index === undefined) {
		if (textIndexes.size >= 64) textIndexes.clear();
		index = new TextIndex(collapse(text));
		textIndexes.set(text, index);
	}
	return index;
}

