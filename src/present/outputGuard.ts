import type { APIEmbed } from 'discord-api-types/v10';
import { EMBED_LIMITS, MESSAGE_LIMITS, truncate } from './limits.js';
import { embedLength, fitTotal } from './presentEmbed.js';

/** The REST spelling; discord.js's option objects use `allowedMentions` with the same meaning. */
export const ALLOWED_MENTIONS_NONE = { parse: [] as [], repliedUser: false as const };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text Discord will accept: well-formed UTF-16 (a lone surrogate becomes U+FFFD), within `max`. */
export function cleanText(text: string, max: number): string {
	return truncate(text.replace(LONE_SURROGATE, '\uFFFD'), max);
}

function guardEmbed(embed: APIEmbed): APIEmbed {
	const fields = (embed.fields ?? []).slice(0, EMBED_LIMITS.fields).map((f) => ({
		...f,
		name: cleanText(f.name, EMBED_LIMITS.fieldName) || '\u200b',
		value: cleanText(f.value, EMBED_LIMITS.fieldValue) || '\u200b',
	}));
	return fitTotal({
		...embed,
		...(embed.title !== undefined ? { title: cleanText(embed.title, EMBED_LIMITS.title) } : {}),
		...(embed.description !== undefined
			? { description: cleanText(embed.description, EMBED_LIMITS.description) }
			: {}),
		...(embed.footer
			? { footer: { ...embed.footer, text: cleanText(embed.footer.text, EMBED_LIMITS.footer) } }
			: {}),
		fields,
	});
}

interface Component {
	type: number;
	components?: Component[];
	custom_id?: string;
	label?: string;
	placeholder?: string;
	options?: { label: string; value: string; description?: string }[];
}

/** The first of each key, in order (Discord refuses a menu whose option values repeat). */
function uniqueBy<Item>(items: readonly Item[], key: (item: Item) => string): Item[] {
	const seen = new Set<string>();
	return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}

function guardComponent(component: Component): Component {
	return {
		...component,
		...(component.components ? { components: component.components.slice(0, 5).map(guardComponent) } : {}),
		...(component.custom_id !== undefined ? { custom_id: component.custom_id.slice(0, 100) } : {}),
		...(component.label !== undefined ? { label: cleanText(component.label, 80) } : {}),
		...(component.placeholder !== undefined ? { placeholder: cleanText(component.placeholder, 150) } : {}),
		...(component.options
			? {
					options: uniqueBy(
						component.options.filter(
							(o) => o.value.length > 0 && o.value.length <= MESSAGE_LIMITS.optionValue,
						),
						(o) => o.value,
					)
						.slice(0, 25)
						.map((o) => ({ ...o, label: cleanText(o.label, MESSAGE_LIMITS.optionLabel) || '…' })),
				}
			: {}),
	};
}

/** Discord counts the 6,000 characters over all of a message's embeds together: later ones give way. */
function withinMessageTotal(embeds: APIEmbed[]): APIEmbed[] {
	const kept: APIEmbed[] = [];
	let total = 0;
	for (const embed of embeds) {
		const length = embedLength(embed);
		if (total + length > EMBED_LIMITS.total) break;
		kept.push(embed);
		total += length;
	}
	return kept;
}

/**
 * The one gate every outgoing message passes: content, embeds and components within Discord's limits,
 * no broken surrogate pairs, and mentions that ping nobody, whatever the payload asked for.
 */
export function guardMessage<Payload extends { content?: string; embeds?: APIEmbed[]; components?: unknown[] }>(
	payload: Payload,
): Payload & { allowedMentions: typeof ALLOWED_MENTIONS_NONE } {
	return {
		...payload,
		...(payload.content !== undefined ? { content: cleanText(payload.content, MESSAGE_LIMITS.content) } : {}),
		...(payload.embeds ? { embeds: withinMessageTotal(payload.embeds.slice(0, 10).map(guardEmbed)) } : {}),
		...(payload.components
			? { components: (payload.components as Component[]).slice(0, 5).map(guardComponent) }
			: {}),
		allowedMentions: ALLOWED_MENTIONS_NONE,
	};
}

/** The same gate for a raw REST message body (digests are posted over REST). */
export function guardMessageBody(
	body: { content?: string; embeds?: APIEmbed[] } & Record<string, unknown>,
): Record<string, unknown> {
	const guarded: Record<string, unknown> = { ...guardMessage(body) };
	delete guarded.allowedMentions;
	return { ...guarded, allowed_mentions: { parse: [] } };
}

/** Autocomplete choices within Discord's limits. */
export function guardChoices<Value extends string | number>(
	choices: { name: string; value: Value }[],
): { name: string; value: Value }[] {
	return choices
		.filter((c) => typeof c.value !== 'string' || c.value.length <= MESSAGE_LIMITS.choiceValue)
		.slice(0, MESSAGE_LIMITS.choices)
		.map((c) => ({ name: cleanText(c.name, MESSAGE_LIMITS.choiceName) || '…', value: c.value }));
}
