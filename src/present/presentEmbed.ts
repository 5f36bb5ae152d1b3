import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Dataset } from '../data/types.js';
import type { Answer, Citation } from '../engine/answer.js';
import { citationByline } from './format.js';
import { EMBED_LIMITS, truncate } from './limits.js';
import { renderAnswer } from './renderAnswer.js';

const COLORS = { answered: 0x2e7d32, ambiguous: 0xf9a825, not_found: 0x757575 } as const;

/** Escapes Discord markdown in text that comes from data files rather than from us. */
export const escapeMarkdown = (text: string): string => text.replace(/([\\*_~`|>#[\]()-])/g, '\\$1');

/** The answer as one Discord embed, within every limit Discord sets, with each source cited. */
export function presentEmbed(answer: Answer, dataset: Dataset): APIEmbed {
	const r = renderAnswer(answer, dataset);
	const notes = r.notes.map((n) => `-# ${n}`);
	const footer = {
		text: truncate(
			`${dataset.title} · Factdesk · percentages to one decimal place, ratios to two`,
			EMBED_LIMITS.footer,
		),
	};
	const fields = citationFields(r.citations, EMBED_LIMITS.fields);
	const embed: APIEmbed = {
		title: truncate(r.title, EMBED_LIMITS.title),
		description: truncate(
			[...r.lines, ...(notes.length > 0 ? ['', ...notes] : [])]
				.join('\n')
				.replace(/\n{3,}/g, '\n\n')
				.trim() || '—',
			EMBED_LIMITS.description,
		),
		color: COLORS[r.status],
		fields,
		footer,
	};
	return fitTotal(embed);
}

/** One field per citation: outlet as the name; originator, date and the quote as the value. */
export function citationFields(citations: readonly Citation[], room: number): APIEmbedField[] {
	const fields: APIEmbedField[] = citations.map((c, i) => ({
		name: truncate(`[${i + 1}] ${c.source.outlet}`, EMBED_LIMITS.fieldName),
		value: truncate(
			// A sentence is quoted; a table row ("tables/x.csv, line 412: …") is shown as it is.
			`${citationByline(c.source, ' · ')}\n${c.row ? '' : '> '}${escapeMarkdown(c.quote)}`,
			EMBED_LIMITS.fieldValue,
		),
	}));
	if (fields.length > room) {
		const rest = fields.splice(room - 1);
		fields.push({
			name: 'More sources',
			value: truncate(rest.map((f) => f.name).join('\n'), EMBED_LIMITS.fieldValue),
		});
	}
	return fields;
}

export function embedLength(embed: APIEmbed): number {
	return (
		(embed.title?.length ?? 0) +
		(embed.description?.length ?? 0) +
		(embed.footer?.text.length ?? 0) +
		(embed.author?.name.length ?? 0) +
		(embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
	);
}

/** Discord refuses an embed over 6,000 characters in all: shorten the description, then drop sources. */
export function fitTotal(embed: APIEmbed): APIEmbed {
	let over = embedLength(embed) - EMBED_LIMITS.total;
	if (over <= 0) return embed;
	const description = embed.description ?? '';
	const keep = Math.max(200, description.length - over);
	const fitted = { ...embed, description: truncate(description, keep) };
	over = embedLength(fitted) - EMBED_LIMITS.total;
	const fields = [...(fitted.fields ?? [])];
	while (over > 0 && fields.length > 0) {
		const dropped = fields.pop() as APIEmbedField;
		over -= dropped.name.length + dropped.value.length;
	}
	return { ...fitted, fields };
}
