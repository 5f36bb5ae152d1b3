import type { Dataset, Figure, Statement } from '../data/types.js';
import { type IndexedDocument, TermIndex } from '../search/termIndex.js';
import type { Suggestion } from './answer.js';
import { figureLabel } from './labels.js';
import { normalizePhrase } from '../question/normalize.js';
import { periodLabel } from '../question/periods.js';

export interface SuggestOptions {
	/** Figures only (for /compare, which needs numbers). */
	figuresOnly?: boolean;
	limit: number;
}

/**
 * Autocomplete over every figure and statement, from memory: a term index with postings
 * (`src/search/termIndex.ts`) finds the entries that match every word typed, each word as a prefix
 * (the last one is still being typed), in time that does not grow with the dataset (p99 under 5 ms at
 * 100,000 figures; `npm run bench`). Entries are ranked once, when the index is built: broad figures
 * (fewest breakdowns) and recent periods first, then statements.
 */
export function createSuggester(dataset: Dataset): (text: string, options: SuggestOptions) => Suggestion[] {
	// Ranked by breadth, then newest period first, then in dataset order: a stable bucket sort, as a
	// table has a few breadths and periods over 100,000 figures.
	const buckets = new Map<string, Figure[]>();
	for (const figure of dataset.figures) {
		const breadth = Object.keys(figure.dims).length;
		const key = `${String(breadth).padStart(3, '0')} ${figure.period.key}`;
		const bucket = buckets.get(key);
		if (bucket) bucket.push(figure);
		else buckets.set(key, [figure]);
	}
	const figures = [...buckets.keys()]
		.sort((a, b) => {
			const [breadthA, breadthB] = [a.slice(0, 3), b.slice(0, 3)];
			return breadthA !== breadthB ? (breadthA < breadthB ? -1 : 1) : a < b ? 1 : a > b ? -1 : 0;
		})
		.flatMap((key) => buckets.get(key)!);
	const entries: (Figure | Statement)[] = [...figures, ...dataset.statements];

	const index = indexEntries(dataset, entries);
	const isFigure = (id: number) => id < figures.length;
	const suggestion = (entry: Figure | Statement): Suggestion =>
		'subject' in entry
			? { label: entry.subject, query: `statement:${entry.id}` }
			: {
					label: `${figureLabel(dataset, entry)} (${entry.source.originator.split(',')[0]})`,
					query: `figure:${entry.id}`,
				};

	return (text, { figuresOnly = false, limit }) => {
		const query = normalizePhrase(text.slice(0, 100));
		if (query === '')
			return entries.slice(0, figuresOnly ? Math.min(limit, figures.length) : limit).map(suggestion);
		const found = index
			.search(query, limit, figuresOnly ? isFigure : undefined)
			.map((id) => suggestion(entries[id]!));
		return index.corrects(query) ? found.map((s) => ({ ...s, corrected: true as const })) : found;
	};
}

/**
 * The term index over every name each entry goes by. Built apart from the suggester, so that what
 * it builds with (each value's words, each period's) is freed once the index is made.
 */
function indexEntries(dataset: Dataset, entries: readonly (Figure | Statement)[]): TermIndex {
	// Every name an entry goes by, as its normalized words. The pieces repeat across thousands of
	// figures (a place, a period, a source): each is normalized once, and indexed once.
	const normalized = new Map<string, readonly string[]>();
	const wordsOf = (text: string) => {
		let words = normalized.get(text);
		if (words === undefined) {
			words = normalizePhrase(text).split(' ');
			normalized.set(text, words);
		}
		return words;
	};
	const valueWords = new Map<string, Map<string, readonly string[]>>();
	for (const dimension of dataset.dimensions) {
		const byId = new Map<string, readonly string[]>();
		valueWords.set(dimension.id, byId);
		for (const value of dimension.values) byId.set(value.id, [value.label, ...value.aliases].flatMap(wordsOf));
	}
	// What figures share (period, metric, source) is one piece per combination.
	const shared = new Map<Figure['period'], Map<Figure['metric'], Map<Figure['source'], readonly string[]>>>();
	const commonWords = ({ period, metric, source }: Figure) => {
		let byMetric = shared.get(period);
		if (!byMetric) shared.set(period, (byMetric = new Map()));
		let bySource = byMetric.get(metric);
		if (!bySource) byMetric.set(metric, (bySource = new Map()));
		let words = bySource.get(source);
		if (!words) {
			words = [
				// A figure with no period is not found by typing one.
				...(period.grain === 'none' ? [] : [periodLabel(period), period.key]),
				metric.label,
				source.originator.split(',')[0] ?? '',
				source.aliases.join(' '),
			].flatMap(wordsOf);
			bySource.set(source, words);
		}
		return words;
	};
	const piecesOf = (entry: Figure | Statement): IndexedDocument => {
		if ('subject' in entry) return [wordsOf(entry.subject), wordsOf(entry.keywords.join(' '))];
		const pieces = [commonWords(entry)];
		for (const dimensionId in entry.dims) {
			const valueId = entry.dims[dimensionId]!;
			pieces.push(valueWords.get(dimensionId)?.get(valueId) ?? wordsOf(valueId));
		}
		return pieces;
	};
	return new TermIndex(entries.map(piecesOf));
}
