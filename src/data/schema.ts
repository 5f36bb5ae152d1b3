import { Cron } from 'croner';
import { z } from 'zod';
import { parsePeriodKey } from './period.js';
import { DISPLAY_SCALES, QUALIFIERS } from './types.js';

/** Ids are lower-case slugs: safe in CSV, in Discord custom ids and in `/calc` names. */
const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a lower-case id of letters, digits, - or _ (at most 64)');
/** An id a CSV row must fill in: an empty cell says "required" rather than how ids are spelled. */
const requiredId = z.string().trim().min(1, 'required').pipe(id);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const aliases = z.array(text(80)).max(200).default([]);
/** A relative path to a file of this kind inside the dataset folder. */
const insideFolder = (extension: string) =>
	z
		.string()
		.regex(/^[\w./-]+$/, `must be a ${extension} file path inside the dataset folder`)
		.refine((p) => p.endsWith(extension), `must be a ${extension} file`)
		.refine((p) => !p.split('/').includes('..') && !p.startsWith('/'), 'must stay inside the dataset folder');
/**
 * Where a table is published, fetched again on its schedule: https, or http to this machine (a test
 * server, a proxy the operator runs). Whether the address may be reached is checked when fetching.
 */
const tableUrl = z
	.url({ protocol: /^https?$/, error: 'must be an https:// URL of the CSV file' })
	.max(2000, 'must be at most 2000 characters')
	.refine((u) => {
		const { protocol, hostname, username, password } = new URL(u);
		return !username && !password && (protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(hostname));
	}, 'must be an https:// URL without a user name or password (http:// only to this machine)');

/** A cron expression of 5 fields (minute hour day month weekday): a table is fetched at most once a minute. */
const refreshCron = z
	.string()
	.trim()
	.max(100, 'must be at most 100 characters')
	.refine((expression) => {
		if (expression.split(/\s+/).length !== 5) return false;
		try {
			new Cron(expression, { paused: true });
			return true;
		} catch {
			return false;
		}
	}, 'must be a cron expression of 5 fields (minute hour day month weekday), such as "0 6 * * *" for 06:00 daily');

/** An IANA time zone name this runtime knows. */
const timezone = z
	.string()
	.max(64)
	.refine((name) => {
		try {
			new Intl.DateTimeFormat('en', { timeZone: name });
			return /^[A-Za-z]/.test(name);
		} catch {
			return false;
		}
	}, 'must be an IANA time zone name such as Europe/Berlin or UTC');

/** A CSV column name as its header writes it. */
const column = text(200);

export const sourceSchema = z.strictObject({
	id,
	outlet: text(200),
	outletNote: text(500).nullable().default(null),
	originator: text(200),
	published: z.iso.date('must be an ISO date (YYYY-MM-DD) or null').nullable(),
	title: text(300).nullable().default(null),
	url: z.url().nullable().default(null),
	aliases,
	/** The source's text, for quotes to be checked against; a source used only by tables needs none. */
	text: insideFolder('.txt').nullable().default(null),
	/** Shown wherever the source is cited, e.g. "CC BY 4.0". */
	licence: text(100).nullable().default(null),
});
export const sourcesSchema = z.array(sourceSchema).min(1, 'must list at least one source');

const dimensionValueSchema = z.strictObject({
	id,
	label: text(100),
	country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code').nullable().default(null),
	aliases,
	/** The id of the value of the same dimension this one is part of ("africa" for Algeria). */
	parent: id.nullable().default(null),
});

/**
 * A pattern a table may split a column with runs on every row: one that nests quantifiers ("(a+)+",
 * "(\\w*)*") can take exponential time on one cell, and is refused.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]|\((?:[^()\\]|\\.)*\|(?:[^()\\]|\\.)*\)\s*[+*{]/;
const SAFE_PATTERN = 'must be a valid regular expression without nested quantifiers (such as (a+)+, which can run for minutes on one cell)';
function safePattern(pattern: string): boolean {
	if (NESTED_QUANTIFIER.test(pattern)) return false;
	try {
		// Compiled only to see that it is valid (see splitColumn in parseTable.ts).
		// eslint-disable-next-line no-restricted-syntax
		new RegExp(pattern, 'u');
		return true;
	} catch {
		return false;
	}
}

export const PERIOD_FORMS =
	'must be a year (2025), quarter (2025-Q3), month (2025-03), day (2025-03-14), season (2012/13, 2012–13), fiscal year (FY2024) or span of years (2006–2011)';

/** A period as the data writes it: see PERIOD_FORMS. */
const periodKey = z
	.string()
	.trim()
	.refine((key) => parsePeriodKey(key) !== null, PERIOD_FORMS);

/** A metric column with what applies to all its cells: its own period ("Population (2005)"), its qualifier. */
const metricMapping = z.strictObject({
	metric: id,
	period: periodKey.optional(),
	qualifier: z.enum(QUALIFIERS).optional(),
});

export const datasetMetaSchema = z.strictObject({
	id,
	title: text(200),
	description: text(1000),
	/** The Discord channel told when a table refreshes (what changed) or a new copy is refused. */
	notify: z.string().regex(/^\d{17,20}$/, 'must be a Discord channel ID (17–20 digits)').nullable().default(null),
	metrics: z
		.array(
			z
				.strictObject({
					id,
					label: text(100),
					unit: text(40),
					description: text(500).nullable().default(null),
					aliases,
					/** Constraints every value must meet (as Frictionless Table Schema's): a cell outside them is a load error. */
					min: z.number().finite().optional(),
					max: z.number().finite().optional(),
					integer: z.boolean().optional(),
				})
				.refine((m) => m.min === undefined || m.max === undefined || m.min <= m.max, {
					message: '"min" must not be above "max"',
					path: ['min'],
				}),
		)
		.min(1, 'must define at least one metric'),
	dimensions: z
		.array(
			z.strictObject({
				id,
				label: text(100),
				/** Other words for the dimension itself ("nation", "country"), so "which nation …" names it. */
				aliases,
				role: z.enum(['origin', 'destination']).nullable().default(null),
				/** false: a part may exceed its total (the values overlap, as a person may hold two nationalities). */
				additive: z.boolean().default(true),
				/** Words for the levels of a hierarchy, top first: ["region", "country"] ("which region …"). */
				levels: z.array(text(60)).max(10).default([]),
				default: id.nullable().default(null),
				/** May be omitted when a table fills it: its distinct cells become the values. */
				values: z.array(dimensionValueSchema).default([]),
			}),
		)
		.default([]),
	/** Descriptive columns: properties of a row (a rider's team, a car's fuel type), not dimensions. */
	attributes: z
		.array(
			z.strictObject({
				id,
				label: text(100),
				aliases,
				type: z.enum(['text', 'number', 'date']).default('text'),
				values: z.array(dimensionValueSchema).default([]),
			}),
		)
		.default([]),
	conflicts: z.array(z.strictObject({ figures: z.array(id).min(2), note: text(500).nullable().default(null) })).default([]),
	/** Statistics tables: each non-empty metric cell of each row is one figure, cited by file and line. */
	tables: z
		.array(
			z
				.strictObject({
					file: insideFolder('.csv'),
					source: id,
					/** Where the table is published: `file` is the last good copy, fetched again on `refresh`. */
					url: tableUrl.optional(),
					/** When to fetch it again: a cron expression, in `timezone` (UTC unless given). */
					refresh: refreshCron.optional(),
					timezone: timezone.default('UTC'),
					/** The column holding the period: a year (2005), quarter (2025-Q3), month (2025-03) or day (2025-03-14). */
					period: column.optional(),
					/** "season": the period column's "2012-13" is a season (it is otherwise not a period). */
					periodForm: z.literal('season').optional(),
					/** The period of every row, for a table whose period is in its title ("Census 2011"). */
					asOf: periodKey.optional(),
					/** Dimension id → the column holding its values. */
					dimensions: z.record(id, column).default({}),
					/** Attribute id → the column holding it. */
					attributes: z.record(id, column).default({}),
					/** Dimension id → the value every row has (a team's season record: every row is that team). */
					fixed: z.record(id, text(100)).default({}),
					/** Dimension id → the cell text that means "all of them" (a total row), e.g. "All natural disasters". */
					totals: z.record(id, text(200)).default({}),
					/**
					 * Long layout: column → the metric id its cells are figures of, or the metric with its own
					 * period or qualifier. Wide layout with "metricColumn": that column's values → metric ids.
					 */
					metrics: z.record(column, z.union([id, metricMapping])).default({}),
					/** "wide": the values are in columns whose headers are periods, or values of a dimension. */
					layout: z.enum(['long', 'wide']).default('long'),
					/** In a wide table: "period", or the id of the dimension whose values head the value columns. */
					columnsAre: z.union([z.literal('period'), id]).optional(),
					/** In a wide table: the one metric of every value cell. */
					metric: id.optional(),
					/** In a wide table: the column naming each row's metric (an indicator code), mapped by "metrics". */
					metricColumn: column.optional(),
					/** Rows that are not data: column → the cells that mark them ("Average", a heading row). */
					skipRows: z.record(column, z.array(text(200)).min(1).max(100)).default({}),
					/** Only these rows (two measures stacked in one file): column → the cells of the rows to read. */
					onlyRows: z.record(column, z.array(text(200)).min(1).max(100)).default({}),
					/** Columns a wide table does not read (every other column must be declared). */
					ignore: z.array(column).max(500).default([]),
					/** One column split into several before anything is mapped ("2001–02 Serie A" → season, league). */
					splitColumn: z
						.strictObject({
							column,
							/** Split at each occurrence of this text. */
							separator: z.string().min(1).max(20).optional(),
							/** Or: a regular expression whose groups are the new columns, in order. */
							pattern: z.string().min(1).max(200).refine(safePattern, SAFE_PATTERN).optional(),
							into: z.array(column).min(2).max(10),
						})
						.refine((s) => (s.separator === undefined) !== (s.pattern === undefined), 'give "separator" or "pattern", one of them')
						.optional(),
					/** The qualifier of every figure of the table, unless a cell or a metric says otherwise. */
					qualifier: z.enum(QUALIFIERS).optional(),
					/** The decimal mark of the table's numbers: "." (1,234.5) or "," (1.234,5). */
					decimal: z.enum(['.', ',']).default('.'),
					/** Cell texts that mean "no figure" besides the usual ones (empty, ":", "..", "-", "n/a" …). */
					missing: z.array(text(20)).max(50).default([]),
					/** The character between columns: "," (default), ";" or a tab. */
					delimiter: z.enum([',', ';', '\t']).default(','),
					/** Lines before the header (a title, notes), as in the World Bank's CSV download. */
					skipLines: z.number().int().min(0).max(100).default(0),
				})
				.refine((t) => t.refresh === undefined || t.url !== undefined, {
					message: 'a table refreshed on a schedule needs the "url" it is fetched from',
					path: ['refresh'],
				})
				.refine((t) => !(t.period !== undefined && t.asOf !== undefined), {
					message: 'give either "period" (a column) or "asOf" (one period for every row), not both',
					path: ['asOf'],
				})
				.refine((t) => t.layout === 'wide' || Object.keys(t.metrics).length > 0, {
					message: 'must map at least one column to a metric',
					path: ['metrics'],
				})
				.refine((t) => t.layout === 'long' || t.columnsAre !== undefined, {
					message: 'a wide table says what its value columns are: "period" or a dimension id',
					path: ['columnsAre'],
				})
				.refine((t) => t.layout === 'long' || (t.metric === undefined) !== (t.metricColumn === undefined), {
					message: 'a wide table gives its one "metric", or a "metricColumn" whose values "metrics" maps',
					path: ['metric'],
				})
				.refine((t) => t.metricColumn === undefined || Object.keys(t.metrics).length > 0, {
					message: 'map the metric column\'s values to metric ids',
					path: ['metrics'],
				})
				.refine((t) => t.layout === 'wide' || (t.metric === undefined && t.metricColumn === undefined && t.columnsAre === undefined), {
					message: '"metric", "metricColumn" and "columnsAre" are for a wide table ("layout": "wide")',
					path: ['layout'],
				}),
		)
		.default([]),
});

const optional = z
	.string()
	.transform((s) => s.trim())
	.transform((s) => (s === '' ? null : s));

/** One CSV row of figures.csv; dimension columns are checked against dataset.json separately. */
export const figureRowSchema = z.object({
	id: requiredId,
	metric: requiredId,
	period: z
		.string()
		.trim()
		.refine((key) => parsePeriodKey(key) !== null, PERIOD_FORMS),
	value: z
		.string()
		.trim()
		.regex(/^-?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/, 'must be a number written in digits, such as 9985 or 6620000')
		.transform((s) => s.replaceAll(',', '')),
	qualifier: z.enum(QUALIFIERS, { error: `must be one of ${QUALIFIERS.join(', ')}` }),
	display: optional.pipe(z.enum(DISPLAY_SCALES, { error: `must be empty or one of ${DISPLAY_SCALES.join(', ')}` }).nullable()),
	source: requiredId,
	quote: text(1000),
	note: optional.pipe(z.string().max(500).nullable()),
});

export const statementRowSchema = z.object({
	id: requiredId,
	subject: text(300),
	keywords: z.string().transform((s) => s.split(';').map((k) => k.trim()).filter((k) => k !== '')),
	source: requiredId,
	quote: text(1000),
});
