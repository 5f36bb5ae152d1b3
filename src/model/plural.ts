import pluralize from 'pluralize';

/** A name in the plural, its head noun pluralised: "country" → "countries", "kind of disaster" → "kinds of disaster", "year installed" → "years installed". */
export function plural(phrase: string): string {
	const words = phrase.trim().split(/\s+/);
	const preposition = words.findIndex((w, i) => i > 0 && /^(of|in|by|per|for)$/i.test(w));
	if (preposition > 0)
		return [
			...words.slice(0, preposition - 1),
			pluralize.plural(words[preposition - 1]!),
			...words.slice(preposition),
		].join(' ');
	// "year installed", "years manufactured": the noun before a participle is the head.
	const head = words.length > 1 && /^[a-z]{2,}[^e]ed$/i.test(words.at(-1)!) ? words.length - 2 : words.length - 1;
	return words.map((w, i) => (i === head ? pluralize.plural(w) : w)).join(' ');
}

/** A name in the singular, its last word singularised: "total medals" → "total medal". */
export function singular(phrase: string): string {
	const words = phrase.trim().split(/\s+/);
	return [...words.slice(0, -1), pluralize.singular(words.at(-1) ?? '')].join(' ');
}
