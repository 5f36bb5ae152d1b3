import pluralize from 'pluralize';

/** A name in the plural, its last word pluralised: "mode of transport" stays, "country" → "countries". */
export function plural(phrase: string): string {
	const words = phrase.trim().split(/\s+/);
	if (words.length > 1 && /^(of|in|by|per|for)$/i.test(words.at(-2) ?? '')) return phrase;
	const last = words.pop() ?? '';
	return [...words, pluralize.plural(last)].join(' ');
}
