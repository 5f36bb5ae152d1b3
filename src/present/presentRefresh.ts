import type { APIEmbed } from 'discord-api-types/v10';
import { periodLabel } from '../data/period.js';
import { type TableChange, isUnchanged } from '../data/tableDiff.js';
import type { Dataset, Figure } from '../data/types.js';
import { percentChange } from '../engine/compute.js';
import { figureLabel } from '../engine/labels.js';
import { plural } from '../model/plural.js';
import { formatFigureValue, formatPercent } from './format.js';
import { EMBED_LIMITS, truncate } from './limits.js';

/** Revisions listed by name in a note (the largest first); the rest are counted. */
export const MAX_REVISIONS_SHOWN = 10;
/** Figures added or removed listed by name; the rest are counted. */
const MAX_LISTED = 5;

/** Where a refreshed table came from and when: for the note's link and its date. */
export interface CopyInfo {
	url: string;
	/** When the new copy was fetched (ISO instant). */
	fetchedAt: string;
}

/**
 * What one refresh changed, ready to post and to print: serializable (it travels from the data
 * worker that found it, and is kept in the store until posted).
 */
export interface ChangeNote {
	datasetId: string;
	file: string;
	/** When the copy it is about was fetched (ISO instant). */
	fetchedAt: string;
	/** Nothing changed: nothing is posted. */
	unchanged: boolean;
	embed: APIEmbed;
	/** The same as lines of text, for the terminal (`npm run data:refresh`). */
	text: string;
}

/** "Unemployment rate, mining, January 2026": the measure named where the label does not say it. */
function label(dataset: Dataset, f: Figure): string {
	const text = figureLabel(dataset, f);
	return text.toLowerCase().includes(f.metric.label.toLowerCase()) ? text : `${text} (${f.metric.label})`;
}

/** "4.1 → 4.3 (+4.9%)": both figures as the source gives them, and the change computed from them. */
function revisedLine(dataset: Dataset, before: Figure, after: Figure): string {
	const change = percentChange(after, before);
	return `${label(dataset, after)}: ${formatFigureValue(before)} → **${formatFigureValue(after)}**${change ? ` (${formatPercent(change, true)})` : ''}`;
}

/** What a period's new rows are: the one dimension the table's rows vary by ("14 industries"), else rows. */
function rowsNoun(dataset: Dataset, after: readonly Figure[], rows: number): string {
	const dims = dataset.dimensions.filter((d) => after.some((f) => f.dims[d.id] !== undefined));
	const noun = dims.length === 1 ? dims[0]!.label.toLowerCase() : 'row';
	return `${rows} ${rows === 1 ? noun : plural(noun)}`;
}

/** The note for a refresh of one table of `dataset` (the dataset as the new copy makes it). */
export function presentChange(dataset: Dataset, change: TableChange, copy: CopyInfo): ChangeNote {
	const lines: { name: string; value: string[] }[] = [];
	const tableFigures = dataset.figures.filter((f) => f.row?.file === change.file);
	if (change.addedPeriods.length > 0)
		lines.push({
			name: 'New periods',
			value: change.addedPeriods.map(
				({ period, rows }) => `${periodLabel(period)} added: ${rowsNoun(dataset, tableFigures, rows)}`,
			),
		});
	if (change.added.length > 0)
		lines.push({
			name: `${change.added.length} figure${change.added.length === 1 ? '' : 's'} added to periods already there`,
			value: listed(change.added.map((f) => `${label(dataset, f)}: ${formatFigureValue(f)}`)),
		});
	if (change.revised.length > 0)
		lines.push({
			name: `${change.revised.length} figure${change.revised.length === 1 ? '' : 's'} revised${change.revised.length > 1 ? ' (largest change first)' : ''}`,
			value: [
				...change.revised
					.slice(0, MAX_REVISIONS_SHOWN)
					.map(({ before, after }) => revisedLine(dataset, before, after)),
				...(change.revised.length > MAX_REVISIONS_SHOWN
					? [`…and ${change.revised.length - MAX_REVISIONS_SHOWN} more revised`]
					: []),
			],
		});
	if (change.removed.length > 0)
		lines.push({
			name: `${change.removed.length} figure${change.removed.length === 1 ? '' : 's'} removed`,
			value: [
				...(change.removedPeriods.length > 0
					? [`No longer in the table: ${change.removedPeriods.map(periodLabel).join(', ')}`]
					: []),
				...listed(change.removed.map((f) => `${label(dataset, f)}: was ${formatFigureValue(f)}`)),
			],
		});
	const when = copy.fetchedAt.replace('T', ' ').slice(0, 16);
	const title = `${dataset.title}: ${change.file} refreshed`;
	const description = isUnchanged(change)
		? 'The new copy has the same figures.'
		: `New copy fetched ${when} UTC and checked; answers now use it.`;
	const embed: APIEmbed = {
		title: truncate(title, EMBED_LIMITS.title),
		url: copy.url,
		description: truncate(`${description}\nSource: <${copy.url}>`, EMBED_LIMITS.description),
		color: 0x2e7d32,
		fields: lines.slice(0, EMBED_LIMITS.fields).map(({ name, value }) => ({
			name: truncate(name, EMBED_LIMITS.fieldName),
			value: truncate(value.join('\n'), EMBED_LIMITS.fieldValue),
		})),
		footer: { text: `Factdesk refresh · ${dataset.id} · ${when} UTC` },
		timestamp: copy.fetchedAt,
	};
	const text = [
		title,
		description,
		`Source: ${copy.url}`,
		...lines.flatMap(({ name, value }) => ['', `${name}:`, ...value.map((v) => `  ${v.replaceAll('**', '')}`)]),
	].join('\n');
	return {
		datasetId: dataset.id,
		file: change.file,
		fetchedAt: copy.fetchedAt,
		unchanged: isUnchanged(change),
		embed,
		text,
	};
}

function listed(lines: readonly string[]): string[] {
	return [
		...lines.slice(0, MAX_LISTED),
		...(lines.length > MAX_LISTED ? [`…and ${lines.length - MAX_LISTED} more`] : []),
	];
}

/** A refused copy, for the dataset's admins: what was wrong, and that the last good copy still serves. */
export function presentRefusal(
	dataset: { id: string; title: string },
	file: string,
	url: string,
	reason: string,
	at: string,
): APIEmbed {
	return {
		title: truncate(`${dataset.title}: ${file} not refreshed`, EMBED_LIMITS.title),
		url,
		description: truncate(
			`The copy fetched from <${url}> was refused; answers keep using the last good copy.\n\n${reason}`,
			EMBED_LIMITS.description,
		),
		color: 0xc62828,
		footer: { text: `Factdesk refresh · ${dataset.id} · ${at.replace('T', ' ').slice(0, 16)} UTC` },
		timestamp: at,
	};
}

/** What a live table's refreshes did, as the store keeps it: for /data status and back-off. */
export interface RefreshRecord {
	datasetId: string;
	file: string;
	url: string;
	lastAttemptAt: number | null;
	lastOutcome: 'unchanged' | 'updated' | 'refused' | 'failed' | null;
	lastSuccessAt: number | null;
	/** When a refresh last changed a figure. */
	lastChangeAt: number | null;
	lastError: string | null;
	lastErrorAt: number | null;
	/** Refreshes refused or failed in a row. */
	failures: number;
	/** The refusal the dataset's channel was last told of (told once per reason). */
	toldError: string | null;
}

/** A live table as /data status shows it (plain data: the bot fills it from the store and the folder). */
export interface LiveTableView extends Omit<RefreshRecord, 'toldError'> {
	datasetTitle: string;
	/** Its cron expression and time zone; null: fetched only when asked. */
	schedule: { cron: string; timezone: string } | null;
	nextAt: number | null;
	/** When the copy served was fetched (ISO); null: the copy that came with the data. */
	servedFetchedAt: string | null;
}

/** A time as Discord shows it in each reader's own zone and words: "<t:…:f> (<t:…:R>)". */
const when = (ms: number | null) =>
	ms === null ? 'never' : `<t:${Math.floor(ms / 1000)}:f> (<t:${Math.floor(ms / 1000)}:R>)`;

const OUTCOME_WORDS: Record<NonNullable<LiveTableView['lastOutcome']>, string> = {
	unchanged: 'unchanged',
	updated: 'new copy served',
	refused: 'copy refused',
	failed: 'could not fetch',
};

/** /data status: each live table's source, last attempt and success, next refresh, last refusal. */
export function presentLiveStatus(views: readonly LiveTableView[]): APIEmbed {
	if (views.length === 0)
		return {
			title: 'Live tables',
			description:
				'No table names a URL to be fetched from. Give a table a "url" (and a "refresh" schedule) in its dataset.json; see the README, "Live tables".',
			color: 0x546e7a,
		};
	const fields = views.slice(0, EMBED_LIMITS.fields).map((v) => {
		const lines = [
			`Source: <${v.url}>`,
			`Schedule: ${v.schedule ? `\`${v.schedule.cron}\` (${v.schedule.timezone})` : 'only when asked (/data refresh)'}`,
			`Last attempt: ${when(v.lastAttemptAt)}${v.lastOutcome ? `, ${OUTCOME_WORDS[v.lastOutcome]}` : ''}`,
			`Last success: ${when(v.lastSuccessAt)}`,
			`Serving: ${v.servedFetchedAt ? `the copy fetched ${when(Date.parse(v.servedFetchedAt))}` : 'the copy that came with the data'}`,
			`Next refresh: ${v.nextAt === null ? 'when asked' : when(v.nextAt)}${v.failures > 0 ? ` (after ${v.failures} failure${v.failures === 1 ? '' : 's'} in a row, backing off)` : ''}`,
			...(v.lastError ? [`Last refusal (${when(v.lastErrorAt)}): ${v.lastError.slice(0, 300)}`] : []),
		];
		return {
			name: truncate(`${v.datasetTitle} · ${v.file}`, EMBED_LIMITS.fieldName),
			value: truncate(lines.join('\n'), EMBED_LIMITS.fieldValue),
		};
	});
	return {
		title: 'Live tables',
		description:
			views.length > fields.length ? `The first ${fields.length} of ${views.length} live tables.` : undefined,
		color: 0x546e7a,
		fields,
	};
}
