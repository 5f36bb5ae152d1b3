import Fuse from 'fuse.js';
import type { Dataset } from '../data/types.js';
import type { Suggestion } from './answer.js';
import { figureLabel } from './labels.js';
import { normalizePhrase } from './normalize.js';

interface Entry {
	suggestion: Suggestion;
	/** Every name the entry goes by, normalized: its label, its values' aliases, its source. */
	words: string;
	label: string;
}

export interface SuggestOptions {
	/** Figures only (for /compare, which needs numbers). */
	figuresOnly?: boolean;
	limit: number;
}

/**
 * Autocomplete over every figure and statement: answered from memory with a prebuilt fuse.js index,
 * so it stays far inside Discord's 3-second window. Extended search is off so that characters such
 * as ^ = ! ' in what the user types are just text.
 */
export function createSuggester(dataset: Dataset): (text: string, options: SuggestOptions) => Suggestion[] {
	const entries: Entry[] = [];
	for (const figure of dataset.figures) {
		const label = `${figureLabel(dataset, figure)} (${figure.source.originator.split(',')[0]})`;
		const aliases = dataset.dimensions.flatMap(
			(d) => d.values.find((v) => v.id === figure.dims[d.id])?.aliases ?? [],
		);
		entries.push({
			suggestion: { label, query: `figure:${figure.id}` },
			label: normalizePhrase(label),
			words: normalizePhrase(
				[figure.period.key, figure.metric.label, ...aliases, ...figure.source.aliases].join(' '),
			),
		});
	}
	const figureCount = entries.length;
	for (const statement of dataset.statements) {
		entries.push({
			suggestion: { label: statement.subject, query: `statement:${statement.id}` },
			label: normalizePhrase(statement.subject),
			words: normalizePhrase(statement.keywords.join(' ')),
		});
	}
	const keys = [
		{ name: 'label', weight: 2 },
		{ name: 'words', weight: 1 },
	];
	const options = {
		keys,
		threshold: 0.4,
		ignoreLocation: true,
		useExtendedSearch: false,
		includeScore: false,
	} as const;
	const all = new Fuse(entries, options, Fuse.createIndex(keys, entries));
	const figuresOnly = new Fuse(
		entries.slice(0, figureCount),
		options,
		Fuse.createIndex(keys, entries.slice(0, figureCount)),
	);

	return (text, { figuresOnly: onlyFigures = false, limit }) => {
		const query = normalizePhrase(text.slice(0, 100));
		const fuse = onlyFigures ? figuresOnly : all;
		if (query === '')
			return entries
				.slice(0, onlyFigures ? figureCount : entries.length)
				.slice(0, limit)
				.map((e) => e.suggestion);
		// Every word typed must count: search word by word and keep the entries every word finds.
		const words = query.split(' ').slice(0, 8);
		let ranked: Entry[] | null = null;
		for (const word of words) {
			const found = fuse.search(word, { limit: 200 }).map((r) => r.item);
			ranked = ranked === null ? found : ranked.filter((e) => found.includes(e));
		}
		return (ranked ?? []).slice(0, limit).map((e) => e.suggestion);
	};
}
