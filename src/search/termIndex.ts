import Fuse from 'fuse.js';

/**
 * A document to index: its words (normalized), in ranking order of the documents, given as pieces
 * that documents may share (one place's name, one period's words): a shared piece is read once.
 */
export type IndexedDocument = readonly (readonly string[])[];

/** Term ranges covering more terms than this are scanned in ranking order rather than merged. */
const MAX_MERGED_TERMS = 256;
/** Words of a query that are read; more are not a search but a paste. */
const MAX_WORDS = 8;

/**
 * A prefix index for typing: the sorted unique terms of every document, each with a postings list
 * (the documents that contain it, in document order, which is ranking order). A typed word selects
 * the contiguous range of terms it is a prefix of; a query keeps the documents that match every
 * word, walking the rarest word's postings first and stopping at the limit. Nothing is sorted per
 * keystroke, and no work grows with the number of documents that do not match.
 *
 * A word that is no term's prefix is read as the closest term in the vocabulary (fuse.js over the
 * word list, which is small), so "toursts" finds "tourists".
 */
export class TermIndex {
	private readonly terms: string[];
	/** Every term's postings, one after another: term t's are at [cumulative[t], cumulative[t + 1]). */
	private readonly postings: Uint32Array;
	/**
	 * Each document's term ids, ascending, all in one array: document d's are at
	 * [termStart[d], termStart[d + 1]). "Does document d contain a term in [lo, hi)?" is a binary search.
	 */
	private readonly documentTerms: Uint32Array;
	private readonly termStart: Uint32Array;
	/** Postings counted up to each term: the size of a term range in O(1). */
	private readonly cumulative: Uint32Array;
	private spelling: Fuse<string> | null = null;
	/** Corrections already made: a typo is met again at every following keystroke. */
	private readonly corrections = new Map<string, [number, number]>();

	constructor(documents: readonly IndexedDocument[]) {
		// Terms get ids in the order first met, then are renumbered in sorted order: one pass over the
		// pieces, each shared piece once, no list of every word of every document.
		const firstMet = new Map<string, number>();
		const metTerms: string[] = [];
		const pieceIds = new Map<readonly string[], number[]>();
		const idsOf = (piece: readonly string[]) => {
			let ids = pieceIds.get(piece);
			if (ids) return ids;
			ids = [];
			for (const word of piece) {
				if (word === '') continue;
				let id = firstMet.get(word);
				if (id === undefined) {
					id = metTerms.length;
					firstMet.set(word, id);
					metTerms.push(word);
				}
				ids.push(id);
			}
			pieceIds.set(piece, ids);
			return ids;
		};
		let words = 0;
		for (const document of documents) for (const piece of document) words += idsOf(piece).length;
		const order = metTerms.map((_, i) => i).sort((a, b) => (metTerms[a]! < metTerms[b]! ? -1 : 1));
		this.terms = order.map((i) => metTerms[i]!);
		const sortedId = new Uint32Array(metTerms.length);
		order.forEach((met, sorted) => (sortedId[met] = sorted));
		const counts = new Uint32Array(this.terms.length);
		const all = new Uint32Array(words);
		this.termStart = new Uint32Array(documents.length + 1);
		let end = 0;
		documents.forEach((document, documentId) => {
			const start = end;
			for (const piece of document) for (const id of pieceIds.get(piece)!) all[end++] = sortedId[id]!;
			all.subarray(start, end).sort();
			// Each term once per document.
			let unique = start;
			for (let i = start; i < end; i++) if (i === start || all[i] !== all[i - 1]) all[unique++] = all[i]!;
			end = unique;
			this.termStart[documentId + 1] = end;
			for (let i = start; i < end; i++) counts[all[i]!]!++;
		});
		this.documentTerms = all.slice(0, end);
		this.cumulative = new Uint32Array(this.terms.length + 1);
		for (let i = 0; i < this.terms.length; i++) this.cumulative[i + 1] = this.cumulative[i]! + counts[i]!;
		// One array for all postings: 100,000 terms are not 100,000 typed arrays.
		this.postings = new Uint32Array(this.documentTerms.length);
		const filled = this.cumulative.slice(0, this.terms.length);
		for (let documentId = 0; documentId < documents.length; documentId++) {
			for (let i = this.termStart[documentId]!; i < this.termStart[documentId + 1]!; i++) {
				const id = this.documentTerms[i]!;
				this.postings[filled[id]!++] = documentId;
			}
		}
	}

	/** Document ids matching every word of `query` (normalized), best first, at most `limit`. */
	search(query: string, limit: number, accept: (documentId: number) => boolean = () => true): number[] {
		const words = query
			.split(' ')
			.filter((w) => w !== '')
			.slice(0, MAX_WORDS);
		if (words.length === 0) return [];
		const ranges: [number, number][] = [];
		for (const word of words) {
			let range = this.prefixRange(word);
			if (range[0] === range[1]) range = this.correctedRange(word);
			if (range[0] === range[1]) return [];
			ranges.push(range);
		}
		ranges.sort((a, b) => this.size(a) - this.size(b));
		const [driver, ...others] = ranges as [[number, number], ...[number, number][]];
		const matches = (documentId: number) =>
			accept(documentId) && others.every(([lo, hi]) => this.hasTermIn(documentId, lo, hi));
		const found: number[] = [];
		if (driver[1] - driver[0] > MAX_MERGED_TERMS) {
			// A prefix of one or two letters: it matches so much that walking documents in rank order finds the limit fast.
			for (let d = 0; d < this.termStart.length - 1 && found.length < limit; d++) {
				if (this.hasTermIn(d, driver[0], driver[1]) && matches(d)) found.push(d);
			}
			return found;
		}
		for (const d of this.mergedPostings(driver)) {
			if (matches(d)) found.push(d);
			if (found.length >= limit) break;
		}
		return found;
	}

	/** Whether some word of `query` is no term's prefix, so that a search reads it as its closest term. */
	corrects(query: string): boolean {
		return query
			.split(' ')
			.filter((w) => w !== '')
			.slice(0, MAX_WORDS)
			.some((word) => {
				const [lo, hi] = this.prefixRange(word);
				return lo === hi;
			});
	}

	/** The terms in [lo, hi) as text (for tests and for showing a correction). */
	termsIn([lo, hi]: [number, number]): string[] {
		return this.terms.slice(lo, hi);
	}

	/** [lo, hi): the terms that start with `prefix`. */
	prefixRange(prefix: string): [number, number] {
		const lo = lowerBound(this.terms, prefix);
		// Every term with this prefix sorts before the prefix followed by the highest code unit.
		const hi = lowerBound(this.terms, `${prefix}\uffff`);
		return [lo, hi];
	}

	/** The single closest term to a word that prefixes none, as a one-term range; empty when none is close. */
	private correctedRange(word: string): [number, number] {
		if (word.length < 4) return [0, 0];
		let range = this.corrections.get(word);
		if (range === undefined) {
			this.spelling ??= new Fuse(this.terms, { threshold: 0.34, ignoreLocation: true, useExtendedSearch: false });
			const best = this.spelling.search(word, { limit: 1 })[0];
			range = best ? [best.refIndex, best.refIndex + 1] : [0, 0];
			if (this.corrections.size >= 10_000) this.corrections.clear();
			this.corrections.set(word, range);
		}
		return range;
	}

	private size([lo, hi]: [number, number]): number {
		return this.cumulative[hi]! - this.cumulative[lo]!;
	}

	private hasTermIn(documentId: number, lo: number, hi: number): boolean {
		const end = this.termStart[documentId + 1]!;
		const at = lowerBound(this.documentTerms, lo, this.termStart[documentId]!, end);
		return at < end && this.documentTerms[at]! < hi;
	}

	/** The union of the postings of the terms in a range, ascending, without duplicates (a k-way merge). */
	private *mergedPostings([lo, hi]: [number, number]): Generator<number> {
		if (hi - lo === 1) {
			yield* this.postings.subarray(this.cumulative[lo], this.cumulative[hi]);
			return;
		}
		// Each term's cursor walks its own postings, from its start to the next term's.
		const cursors = this.cumulative.slice(lo, hi);
		let last = -1;
		for (;;) {
			let best = -1;
			let bestValue = Infinity;
			for (let i = 0; i < cursors.length; i++) {
				const at = cursors[i]!;
				const value = at < this.cumulative[lo + i + 1]! ? this.postings[at]! : undefined;
				if (value !== undefined && value < bestValue) {
					bestValue = value;
					best = i;
				}
			}
			if (best < 0) return;
			cursors[best]!++;
			if (bestValue !== last) {
				last = bestValue;
				yield bestValue;
			}
		}
	}
}

/** The first index in a sorted array whose item is not less than `value` (binary search). */
function lowerBound<Item extends string | number>(
	sorted: ArrayLike<Item>,
	value: Item,
	from = 0,
	to = sorted.length,
): number {
	let lo = from;
	let hi = to;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid]! < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
