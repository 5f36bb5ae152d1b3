import pluralize from 'pluralize';

/** A name in the plural, its head noun pluralised: "country" → "countries", "kind of disaster" → "kinds of disaster". */
export function plural(phrase: string): string {
	const words = phrase.trim().split(/\s+/);
	const preposition = words.findIndex((w, i) => i > 0 && /^(of|in|by|per|for)$/i.test(w));
	if (preposition > 0)
		return [
			...words.slice(0, preposition - 1),
			pluralize.plural(words[preposition - 1]!),
			...words.slice(preposition),
		].join(' ');
	const last = words.pop() ?? '';
	return [...words, pluralize.plural(last)].join(' ');
}
