/** Discord's documented embed limits (characters). */
export const EMBED_LIMITS = {
	title: 256,
	description: 4096,
	fields: 25,
	fieldName: 256,
	fieldValue: 1024,
	footer: 2048,
	authorName: 256,
	total: 6000,
} as const;

/** Message content, select-menu option label/value and autocomplete choice limits. */
export const MESSAGE_LIMITS = {
	content: 2000,
	optionLabel: 100,
	optionValue: 100,
	choiceName: 100,
	choiceValue: 100,
	choices: 25,
	/** An attachment's description: the image's alt text. */
	attachmentDescription: 1024,
} as const;

/**
 * Cuts text to at most `max` UTF-16 units, ending in "…", never splitting a surrogate pair.
 */
export function truncate(text: string, max: number): string {
	if (text.length <= max) return text;
	let cut = Math.max(0, max - 1);
	const code = text.charCodeAt(cut - 1);
	if (code >= 0xd800 && code <= 0xdbff) cut--;
	return `${text.slice(0, cut)}…`;
}
