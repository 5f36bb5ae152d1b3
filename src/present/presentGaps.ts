import type { APIEmbed } from 'discord-api-types/v10';
import { DISCORD_MARKUP } from '../question/normalize.js';
import { CONTROL_CHARS, stripControls, terminalSafe } from './controls.js';
import { formatDate } from './format.js';
import { EMBED_LIMITS, truncate } from './limits.js';
import { escapeMarkdown } from './presentEmbed.js';

const MAX_GAP_CHARS = 200;

/**
 * A question as a gap keeps it: no mentions, no control characters, one space between words, lower
 * case, at most 200 characters.
 */
export function gapQuestion(question: string): string {
	return question
		.replace(DISCORD_MARKUP, ' ')
		.replace(CONTROL_CHARS, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase()
		.slice(0, MAX_GAP_CHARS);
}

/** A short stable key for a question (FNV-1a, twice): it travels in a menu's custom id. */
export function gapKey(question: string): string {
	const text = gapQuestion(question);
	const hash = (seed: number) => {
		let h = seed;
		for (let i = 0; i < text.length; i++) {
			h ^= text.charCodeAt(i);
			h = Math.imul(h, 16777619) >>> 0;
		}
		return h.toString(16).padStart(8, '0');
	};
	return `${hash(2166136261)}${hash(84696351).slice(0, 4)}`;
}

/** A question the data could not answer ("not_found") or asked back about ("asked_back"), as the store keeps it. */
export interface Gap {
	question: string;
	dataset: string;
	kind: 'not_found' | 'asked_back';
	count: number;
	/** For an ask-back: how many times someone picked a reading. */
	picked: number;
	firstAsked: number;
	lastAsked: number;
}

const day = (ms: number) => formatDate(new Date(ms).toISOString().slice(0, 10));

/** One line per gap, most asked first: what the data editor should add. */
export function gapLines(gaps: readonly Gap[], markdown: boolean): string[] {
	// Stored text is untrusted (a store written by an older version, or by hand): escaped either way.
	const esc = (text: string) => (markdown ? escapeMarkdown(stripControls(text)) : terminalSafe(text));
	return gaps.map((g, i) => {
		const what =
			g.kind === 'not_found' ? `not found ×${g.count}` : `asked back ×${g.count}, a reading picked ×${g.picked}`;
		return `${i + 1}. “${esc(g.question)}” — ${what} (${esc(g.dataset)}; first ${day(g.firstAsked)}, last ${day(g.lastAsked)})`;
	});
}

/** /gaps: the most asked questions the data could not answer in the last 90 days. */
export function presentGaps(gaps: readonly Gap[]): APIEmbed {
	const lines = gapLines(gaps, true);
	return {
		title: 'Questions the data could not answer (last 90 days)',
		description: truncate(
			lines.length > 0 ? lines.join('\n') : 'None: every question asked was answered.',
			EMBED_LIMITS.description,
		),
		color: 0x757575,
		footer: { text: 'Kept: the question text, its dataset, counts and dates; no user, channel or server ids.' },
	};
}
