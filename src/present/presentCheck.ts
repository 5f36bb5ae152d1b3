import type { APIEmbed } from 'discord-api-types/v10';
import type { Citation } from '../engine/answer.js';
import type { MessageCheck } from '../library/checkClaims.js';
import { unlinked } from './controls.js';
import { citationByline } from './format.js';
import { EMBED_LIMITS, truncate } from './limits.js';
import { citationFields, escapeMarkdown, fitTotal } from './presentEmbed.js';
import { Citations } from './renderAnswer.js';

const VERDICT_WORDS = {
	matches: 'matches the data',
	differs: 'differs from the data',
	disputed: 'disputed: the sources disagree',
	not_in_data: 'not in the data',
} as const;

const COLOR = { matches: 0x2e7d32, differs: 0xc62828, disputed: 0xef6c00, not_in_data: 0x757575 } as const;

/** The checks laid out once: one block per claim, each figure compared cited as /fact cites it. */
function layout({ checks, unchecked }: MessageCheck, markdown: boolean): { lines: string[]; citations: Citation[] } {
	const citations = new Citations();
	// In Discord the member's words are quoted under the bot's name: no markdown, no live links.
	const esc = (text: string) => (markdown ? escapeMarkdown(unlinked(text)) : text);
	const bold = (text: string) => (markdown ? `**${text}**` : text);
	const lines: string[] = [];
	if (checks.length === 0)
		lines.push(
			'No checkable claim found: a claim is a number with what and when, or a change ("tripled", "fell by 10%").',
		);
	checks.forEach((check, i) => {
		if (markdown) lines.push(`${i + 1}. ${bold(VERDICT_WORDS[check.verdict])}`, `> “${esc(check.claim)}”`);
		else lines.push(`${i + 1}. “${esc(check.claim)}” — ${bold(VERDICT_WORDS[check.verdict])}`);
		for (const sentence of check.explanation) lines.push(`   ${esc(sentence)}`);
		if (check.figures.length > 0)
			lines.push(`   Compared with: ${check.figures.map((f) => citations.figure(f)).join(' ')}`);
		if (check.correction) lines.push(`   Would be right: “${esc(check.correction)}”`);
	});
	if (unchecked > 0)
		lines.push(
			`Only the first ${checks.length} claims were checked; ${unchecked} more ${unchecked === 1 ? 'was' : 'were'} not. Check them in a shorter message.`,
		);
	return { lines, citations: citations.list };
}

const checkedTitle = ({ checks, unchecked }: MessageCheck) =>
	`Checked ${checks.length} claim${checks.length === 1 ? '' : 's'}${unchecked > 0 ? ` of ${checks.length + unchecked}` : ''}`;

/** A check as a person reads it in a terminal. */
export function presentCheckText(check: MessageCheck): string {
	const { lines, citations } = layout(check, false);
	const out = [checkedTitle(check), '', ...lines];
	if (citations.length > 0) {
		out.push('', 'Sources:');
		citations.forEach((c, i) =>
			out.push(
				`[${i + 1}] ${c.source.outlet} — ${citationByline(c.source, ' — ')}`,
				`    ${c.row ? c.quote : `“${c.quote}”`}`,
			),
		);
	}
	return out.join('\n').trimEnd();
}

/** A check as one Discord embed, coloured by the worst verdict, every figure compared cited. */
export function presentCheckEmbed(check: MessageCheck): APIEmbed {
	const { checks } = check;
	const { lines, citations } = layout(check, true);
	const worst = (['differs', 'disputed', 'not_in_data', 'matches'] as const).find((v) =>
		checks.some((c) => c.verdict === v),
	);
	return fitTotal({
		title: checkedTitle(check),
		description: truncate(lines.join('\n'), EMBED_LIMITS.description),
		color: worst ? COLOR[worst] : COLOR.not_in_data,
		fields: citationFields(citations, EMBED_LIMITS.fields),
		footer: { text: 'Factdesk · each claim judged only against figures of its own period, place and measure' },
	});
}
