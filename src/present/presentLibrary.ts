import type { APIEmbed } from 'discord-api-types/v10';
import type { Dataset } from '../data/types.js';
import { formatDate } from './format.js';
import { EMBED_LIMITS, truncate } from './limits.js';
import { escapeMarkdown, fitTotal } from './presentEmbed.js';

/** Every dataset served, with its sources, their dates and licences: what `/sources` lists. */
export function presentLibrary(datasets: readonly Dataset[]): APIEmbed {
	const blocks = datasets.map((dataset) => {
		const figures = dataset.figures.length.toLocaleString('en-US');
		const sources = dataset.sources.map(
			(s) =>
				`• ${escapeMarkdown(s.originator)} — ${escapeMarkdown(s.outlet)} (${formatDate(s.published)}${s.licence ? `; ${escapeMarkdown(s.licence)}` : ''})`,
		);
		return [
			`**${escapeMarkdown(dataset.title)}** — ${figures} figures`,
			escapeMarkdown(dataset.description),
			...sources,
		].join('\n');
	});
	return fitTotal({
		title: datasets.length === 1 ? 'Sources' : `Sources of ${datasets.length} datasets`,
		description: truncate(blocks.join('\n\n'), EMBED_LIMITS.description),
		color: 0x455a64,
		footer: { text: 'Pick a source in /sources to see its figures and statements with their quotes' },
	});
}
