import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Dataset, Figure } from '../data/types.js';
import type { Digest } from '../engine/digest.js';
import type { LibraryDigest } from '../library/libraryDigest.js';
import { figureLabel } from '../engine/labels.js';
import { formatDate, formatDifference, formatFigureValue, formatFigureWithUnit } from './format.js';
import { EMBED_LIMITS, truncate } from './limits.js';
import { citationFields, fitTotal } from './presentEmbed.js';
import { Citations } from './renderAnswer.js';
import type { Chart } from './chart.js';
import { CHART_FILE, chartAltText, embedsWithChart } from './presentReply.js';

export interface DigestMessage {
	content?: string;
	embeds: APIEmbed[];
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The words before a delivery's reference in a digest, so a restart can find a digest it already posted. */
export const DIGEST_REFERENCE_PREFIX = 'digest ref ';

/**
 * A digest as one Discord message: one embed within every limit, every number cited. `reference`
 * (the delivery's nonce) is shown in the footer, or as a small last line, so that after Discord's
 * nonce window the runner can recognise a digest it posted before a crash.
 */
/** Whether a message (as Discord returns it) carries this delivery's reference. */
export function carriesReference(
	message: { content?: string; embeds?: { footer?: { text?: string } }[] },
	reference: string,
): boolean {
	const marker = `${DIGEST_REFERENCE_PREFIX}${reference}`;
	const ends = (text: string | undefined) =>
		text !== undefined && (text.endsWith(marker) || text.includes(`${marker}\n`));
	return ends(message.content) || (message.embeds ?? []).some((e) => ends(e.footer?.text));
}

export function presentDigest(digest: Digest, dataset: Dataset, reference: string | null = null): DigestMessage {
	const ref = reference === null ? '' : ` · ${DIGEST_REFERENCE_PREFIX}${reference}`;
	if (digest.nothingNew && digest.changes) {
		return {
			content: `${dataset.title}: no new or revised figures since the last digest (${formatDate(isoDay(digest.changes.since))}).${ref ? `\n-# ${ref.slice(3)}` : ''}`,
			embeds: [],
		};
	}
	const citations = new Citations();
	const line = (f: Figure) => `${figureLabel(dataset, f)}: **${formatFigureWithUnit(f)}** ${citations.figure(f)}`;
	const fields: APIEmbedField[] = [];
	const field = (name: string, lines: string[]) => {
		if (lines.length > 0)
			fields.push({
				name: truncate(name, EMBED_LIMITS.fieldName),
				value: truncate(lines.join('\n'), EMBED_LIMITS.fieldValue),
			});
	};

	if (digest.changes === null) field('What changed', ['First digest for this channel: everything below is current.']);
	else {
		const { added, revised, removed, since } = digest.changes;
		field(`What changed since ${formatDate(isoDay(since))}`, [
			...added.slice(0, 8).map((f) => `New: ${line(f)}`),
			...revised
				.slice(0, 8)
				.map(({ figure, before }) => `Revised: ${line(figure)} (was ${before.split('|')[0]})`),
			...removed.slice(0, 8).map((id) => `Removed: ${id}`),
			...(added.length + revised.length + removed.length > 24 ? ['…and more; ask the bot for details.'] : []),
		]);
	}
	field(
		'Sources disagree',
		digest.conflicts.slice(0, 6).map(({ figures, gaps, note }) => {
			const [first] = figures;
			const others = gaps
				.map(
					({ figure, gap }) =>
						`${figure.source.originator.split(',')[0]}: ${formatFigureValue(figure)} ${citations.figure(figure)} (${formatDifference(gap, null)})`,
				)
				.join('; ');
			return `• ${first ? `${figureLabel(dataset, first)}: ${formatFigureValue(first)} ${citations.figure(first)} vs ${others}` : ''}${note ? ` — ${note}` : ''}`;
		}),
	);
	if (digest.figureOfDay)
		field(
			`Figure of the day${digest.rotationRestarted ? ' (every figure has now been shown; starting again)' : ''}`,
			[line(digest.figureOfDay), ...(digest.figureOfDay.note ? [digest.figureOfDay.note] : [])],
		);

	const description = digest.headline.map((f) => `• ${line(f)}`).join('\n');
	const room = EMBED_LIMITS.fields - fields.length;
	const embed: APIEmbed = {
		title: truncate(`${dataset.title} — digest`, EMBED_LIMITS.title),
		description: truncate(description || 'No headline figures in the data.', EMBED_LIMITS.description),
		color: 0x1565c0,
		fields: [...fields, ...citationFields(citations.list, room)],
		footer: {
			text: `Factdesk digest · built from the data at ${digest.generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC${ref}`,
		},
		timestamp: digest.generatedAt.toISOString(),
	};
	return { embeds: [fitTotal(embed)] };
}

/**
 * A library's digest as one message: one embed per dataset with something to report (at most ten,
 * Discord's limit), the delivery's reference on the last. With nothing new anywhere, one line.
 */
export function presentLibraryDigest(digest: LibraryDigest, reference: string | null = null): DigestMessage {
	const reporting = digest.nothingNew ? [] : digest.parts.filter((p) => !p.digest.nothingNew).slice(0, 10);
	if (reporting.length === 0) {
		if (digest.parts.length === 1)
			return presentDigest(digest.parts[0]!.digest, digest.parts[0]!.dataset, reference);
		const since = digest.parts.find((p) => p.digest.changes)?.digest.changes?.since;
		const ref = reference === null ? '' : `\n-# ${DIGEST_REFERENCE_PREFIX}${reference}`;
		return {
			content: `${digest.parts.map((p) => p.dataset.title).join(', ')}: no new or revised figures since the last digest${since === undefined ? '' : ` (${formatDate(isoDay(since))})`}.${ref}`,
			embeds: [],
		};
	}
	return {
		embeds: reporting.flatMap(
			(part, i) => presentDigest(part.digest, part.dataset, i === reporting.length - 1 ? reference : null).embeds,
		),
	};
}

/**
 * A digest message with its chart: the first embed shows the attached image and says the same in
 * words; `attachments` gives the image its alt text (Discord's REST form, for the upload beside it).
 * The runner's guard fits the embeds to Discord's limits, as for every digest.
 */
export function digestWithChart(
	message: DigestMessage,
	chart: Chart,
): DigestMessage & { attachments: { id: number; filename: string; description: string }[] } {
	return {
		...message,
		embeds: embedsWithChart(message.embeds, chart),
		attachments: [{ id: 0, filename: CHART_FILE, description: chartAltText(chart) }],
	};
}
