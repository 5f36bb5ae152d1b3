import editDistance from 'damerau-levenshtein';
import Fuse from 'fuse.js';
import { plural, singular } from '../model/plural.js';
import type { Place } from '../data/gazetteer.js';
import type { Attribute, Dataset, Dimension, DimensionValue, Metric, Source, Statement } from '../data/types.js';
import { isCommonWord } from '../data/commonWords.js';
import {
	MEASURE_WORDS,
	NON_NAMING_WORDS,
	ORDER_WORDS,
	SUPERLATIVE_MEASURES,
	PERSON_UNITS,
	OPERATION_WORDS,
	UNIT_SHORT_FORMS,
	WORLD_WORDS,
} from './lexicon.js';
import { STOPWORDS, normalizePhrase, tokenize } from './normalize.js';
import { groupBy } from '../model/groupBy.js';

export type Intent =
	'compare' | 'share' | 'breakdown' | 'sources' | 'help' | 'highest' | 'lowest' | 'sum' | 'average' | 'median';

/** What a phrase of a question can mean. One phrase may mean several things ("russia"). */
export type Meaning =
	| { kind: 'value'; dimension: Dimension; value: DimensionValue; demonym: boolean }
	/** A dimension, or one level of its hierarchy ("region" at 0, "country" at 1). */
	| { kind: 'dimension'; dimension: Dimension; level?: number }
	/** A value of a descriptive column ("Serie A", "diesel"): the rows that have it. */
	| { kind: 'attribute'; attribute: Attribute; value: DimensionValue }
	/** A descriptive column itself ("league", "fuel"): what a question asks for, or groups by. */
	| { kind: 'attributeName'; attribute: Attribute }
	| { kind: 'metric'; metric: Metric }
	| { kind: 'source'; source: Source }
	| { kind: 'place'; place: Place; demonym: boolean }
	| { kind: 'keyword'; statements: Statement[] }
	| { kind: 'intent'; intent: Intent }
	| { kind: 'qualifier' };

const INTENT_PHRASES: Readonly<Record<Intent, string>> = {
	compare: `compare|comparison|compared|versus|vs|against|change|changed|changes|growth|grow|grew|grown|increase|increased
		|decrease|decreased|rise|rose|risen|fall|fell|drop|dropped|decline|declined|climb|climbed|difference|differ|different|ratio|how many times|times|trend|jump|jumped
		|yoy|y o y|year on year|year over year|qoq|quarter on quarter|quarter over quarter|month on month|month over month
		|year before|quarter before|month before|previous year|previous quarter|previous month|prior year|prior quarter
		|prior month|a year earlier|a quarter earlier|a month earlier`,
	share: `share|proportion|percentage|percent|%|fraction|portion|what part|part of|how much of|out of`,
	breakdown: `breakdown|break down|broken down|split|by category|categories|composition|each category|by type|types`,
	sources: `sources|source list|list sources|which sources|where does the data come from|where is the data from|cite|citations`,
	help: `help|what do you know|what can you do|what can i ask|how do i ask|commands`,
	highest: `highest|most|largest|biggest|greatest|top|deadliest|leading|rank|ranking|ranked|which most|the most
		|higher|larger|bigger|greater`,
	lowest: `lowest|least|fewest|smallest|bottom|lower|smaller`,
	sum: `combined|in total|altogether|all together|together|sum|summed|added up|add up|cumulative|cumulatively`,
	average: `average|averages|mean|avg|on average`,
	median: `median`,
};

const QUALIFIER_WORDS =
	'estimate|estimated|estimates|estimation|record|records broken|approximately|approximate|roughly|around|exact|exactly|precise|guess';

/** Built from a dataset once; read-only afterwards, shared by every question. */
export class Vocabulary {
	readonly phrases = new Map<string, Meaning[]>();
	readonly longestPhrase: number;
	/**
	 * Words of the dataset's title ("election" of "Gujarat Legislative Assembly election 2012"): a
	 * question that names what the data is about ("in this election") uses no word it does not know.
	 */
	readonly topicWords: ReadonlySet<string>;
	/** Words of the measures' units and their short forms ("square", "km", "t", "hour"): understood. */
	readonly unitWords: ReadonlySet<string>;
	/** Words of the data's own scope the question may repeat ("worldwide" of world data): understood. */
	readonly scopeWords: ReadonlySet<string>;
	/** The measures' names of several words ("seats won"), each as its words. */
	readonly metricNames: readonly { words: readonly string[]; metric: Metric }[];
	/** Words of the names its tables give the whole ("Scotland" of "TOTAL SCOTLAND"). */
	readonly wholeWords: ReadonlySet<string>;
	private readonly partials = new Map<string, Meaning[]>();
	private readonly words: Set<string>;
	/** One fuse.js index per first letter: a typo rarely hits the first letter, and it cuts the search ~20×. */
	private readonly fuseByInitial = new Map<string, Fuse<string>>();
	/** The country each place value names, when it names one. */
	private readonly places = new Map<DimensionValue, Place>();

	/** The country a dimension value names (by its code, or a table cell such as "Germany"). */
	placeOf(value: DimensionValue): Place | undefined {
		return this.places.get(value);
	}

	constructor(dataset: Dataset, gazetteer: readonly Place[]) {
		for (const [intent, list] of Object.entries(INTENT_PHRASES) as [Intent, string][]) {
			for (const phrase of list.split('|')) this.add(phrase, { kind: 'intent', intent });
		}
		for (const phrase of QUALIFIER_WORDS.split('|')) this.add(phrase, { kind: 'qualifier' });
		// Places first, so that dataset meanings are listed after and can shadow them by kind.
		for (const place of gazetteer) {
			for (const name of place.names) this.add(name, { kind: 'place', place, demonym: false });
			for (const demonym of place.demonyms) this.add(demonym, { kind: 'place', place, demonym: true });
		}
		const metricNames: { words: string[]; metric: Metric }[] = [];
		for (const metric of dataset.metrics) {
			for (const phrase of [metric.label, metric.id, ...metric.aliases]) {
				this.add(phrase, { kind: 'metric', metric });
				const words = normalizePhrase(phrase).split(' ');
				if (words.length > 1) metricNames.push({ words, metric });
				// "a total of 1 medal": the singular of a plural name (never a function word: "win" of "wins").
				const one = singular(normalizePhrase(phrase));
				if (one !== normalizePhrase(phrase) && !STOPWORDS.has(one)) this.add(one, { kind: 'metric', metric });
			}
		}
		this.metricNames = metricNames;
		// "The fastest", "the longest" of data with a measure of speed, of length: that measure, ranked.
		for (const [word, { direction, measures }] of SUPERLATIVE_MEASURES) {
			const named = dataset.metrics.filter((metric) =>
				[metric.label, ...metric.aliases].some((phrase) =>
					tokenize(phrase).some((w) => measures.includes(singular(w))),
				),
			);
			if (named.length === 0) continue;
			// A measure called just that ("population") before one that has it in its name ("population density").
			const exact = named.filter((m) =>
				[m.label, ...m.aliases].some((phrase) => measures.includes(singular(normalizePhrase(phrase)))),
			);
			this.add(word, { kind: 'intent', intent: direction });
			for (const metric of exact.length > 0 ? exact : named) this.add(word, { kind: 'metric', metric });
		}
		const placeByCountry = new Map(gazetteer.map((p) => [p.country, p]));
		const placeByName = new Map(
			gazetteer.flatMap((p) => [p.name, ...p.names].map((n) => [normalizePhrase(n), p] as const)),
		);
		for (const dimension of dataset.dimensions) {
			// Each name also in the plural ("countries", "constituencies"): "how many countries", "by seats".
			for (const phrase of [dimension.label, dimension.id.replaceAll('_', ' '), ...dimension.aliases])
				for (const form of new Set([phrase, plural(phrase)])) this.add(form, { kind: 'dimension', dimension });
			(dimension.levels ?? []).forEach((word, level) => {
				for (const form of new Set([word, plural(word)]))
					this.add(form, { kind: 'dimension', dimension, level });
			});
			for (const value of dimension.values) {
				// A value that names a country (listed with its code, or a table cell such as "Germany")
				// also answers to the country's other names and, for travellers, its demonyms.
				// Each phrase is normalised once: a table may bring 100,000 values.
				const label = normalizePhrase(value.label);
				const place = value.country ? placeByCountry.get(value.country) : placeByName.get(label);
				const id = value.id.replaceAll('_', ' ');
				const named: Meaning = { kind: 'value', dimension, value, demonym: false };
				// A table brings 100,000 values with no aliases and no place: their keys without a set.
				const idKey = id === value.label ? label : normalizePhrase(id);
				if (!place && value.aliases.length === 0) {
					this.addKey(label, named);
					if (idKey !== label) this.addKey(idKey, named);
					continue;
				}
				const keys = new Set([label, idKey]);
				for (const alias of value.aliases) keys.add(normalizePhrase(alias));
				if (!place) {
					for (const key of keys) this.addKey(key, named);
					continue;
				}
				this.places.set(value, place);
				// A demonym names travellers, never a destination: "Russians" is not "to Russia".
				const demonyms = new Set(place.demonyms.map(normalizePhrase));
				for (const name of place.names) keys.add(normalizePhrase(name));
				if (dimension.role !== 'destination') for (const demonym of demonyms) keys.add(demonym);
				for (const key of keys)
					this.addKey(key, demonyms.has(key) ? { kind: 'value', dimension, value, demonym: true } : named);
			}
		}
		for (const attribute of dataset.attributes) {
			for (const phrase of [attribute.label, attribute.id.replaceAll('_', ' '), ...attribute.aliases])
				this.add(phrase, { kind: 'attributeName', attribute });
			for (const value of attribute.values) {
				const meaning: Meaning = { kind: 'attribute', attribute, value };
				for (const phrase of new Set([value.label, value.id.replaceAll('_', ' '), ...value.aliases]))
					this.add(phrase, meaning);
			}
		}
		// "The oldest park", "the newest lift" of rows with one column of dates and no measure of age:
		// the row first (last) by that column.
		const dated = dataset.attributes.filter((a) => a.type === 'date');
		if (dated.length === 1 && !dataset.metrics.some((m) => /\bages?\b/i.test(`${m.label} ${m.unit}`)))
			for (const word of Object.keys(ORDER_WORDS))
				this.add(word, { kind: 'attributeName', attribute: dated[0]! });
		for (const source of dataset.sources) {
			for (const phrase of [source.outlet, source.originator, ...source.aliases])
				this.add(phrase, { kind: 'source', source });
		}
		const byKeyword = groupBy(
			dataset.statements.flatMap((statement) => statement.keywords.map((keyword) => ({ keyword, statement }))),
			({ keyword }) => normalizePhrase(keyword),
		);
		for (const [keyword, entries] of byKeyword)
			this.add(keyword, { kind: 'keyword', statements: entries.map((e) => e.statement) });

		// One pass over the phrases (a table may bring 100,000): the longest, every word, the words
		// typos are corrected towards, and the words that are only part of longer names.
		let longest = 1;
		const words = new Set<string>();
		const ownWords = new Set<string>();
		// A word's values are deduplicated by a scan while it has few (most words name one or two) and
		// by a set once it has many (a word shared by 100,000 names).
		const many = new Map<string, Set<DimensionValue>>();
		for (const [phrase, meanings] of this.phrases) {
			const split = phrase.split(' ');
			longest = Math.max(longest, split.length);
			const own = meanings.some((m) => m.kind !== 'place');
			for (const word of split) {
				words.add(word);
				if (own) ownWords.add(word);
			}
			if (split.length > 1) this.addPartials(split, meanings, many);
		}
		this.longestPhrase = Math.min(8, longest);
		// The words of its title, and of its tables' names for a whole ("in the world" of a table whose
		// total row is "World").
		const naming = [dataset.title, ...dataset.dimensions.flatMap((d) => d.totalWords ?? [])].join(' ');
		this.topicWords = new Set(tokenize(naming).filter((w) => /^\p{L}{3,}$/u.test(w)));
		const units = new Set<string>();
		for (const metric of dataset.metrics)
			for (const word of [
				...tokenize(metric.unit.replaceAll('²', ' square ').replaceAll('/', ' per ')),
				// "km²" as questions write it: one word, "km2".
				...tokenize(metric.unit.replaceAll('/', ' per ')),
			]) {
				units.add(word);
				for (const short of UNIT_SHORT_FORMS.get(word) ?? []) units.add(short);
			}
		if ([...units].some((w) => PERSON_UNITS.has(w))) for (const w of PERSON_UNITS) units.add(w);
		this.unitWords = units;
		// "worldwide", "globally" of data that says it covers the world: its scope, not a condition on it.
		const scope = `${dataset.title} ${dataset.description ?? ''}`.toLowerCase();
		// The words its tables write for a whole ("TOTAL SCOTLAND"): "of Scotland" names the whole, and is
		// never read as part of a group's longer name ("mainland Scotland").
		this.wholeWords = new Set(
			tokenize(dataset.dimensions.flatMap((d) => d.totalWords ?? []).join(' ')).filter(
				(w) => /^\p{L}{3,}$/u.test(w) && !OPERATION_WORDS.has(w) && !this.phrases.has(w),
			),
		);
		this.scopeWords = new Set([
			...(tokenize(scope).some((w) => WORLD_WORDS.has(w)) ? WORLD_WORDS : []),
			...this.wholeWords,
		]);
		this.words = words;
		// Typos are corrected towards the dataset's own words only: correcting towards 250 countries'
		// names turns ordinary words into places ("begin" → "benin").
		const byInitial = groupBy(
			// Short function words are never targets ("teh" is not "the"); long ones the dataset uses are
			// ("naitonals" is "nationals").
			[...ownWords].filter(
				(word) => word.length >= 3 && !/\d/.test(word) && (!STOPWORDS.has(word) || word.length >= 6),
			),
			(word) => word[0] as string,
		);
		for (const [initial, list] of byInitial)
			this.fuseByInitial.set(initial, new Fuse(list, FUSE_OPTIONS, Fuse.createIndex([], list)));
		// The common-word list is read once per process; read it now, not during someone's question.
		isCommonWord('');
	}

	private add(phrase: string, meaning: Meaning): void {
		this.addKey(normalizePhrase(phrase), meaning);
	}

	/** Adds a meaning under a phrase already normalised. */
	private addKey(key: string, meaning: Meaning): void {
		if (key === '') return;
		const meanings = this.phrases.get(key);
		// A new phrase's list is made with its one meaning: an empty list grown by a push holds room for 17.
		if (!meanings) this.phrases.set(key, [meaning]);
		else if (!meanings.some((m) => sameMeaning(m, meaning))) meanings.push(meaning);
	}

	/**
	 * Where `text` writes a name of this vocabulary that holds a number ("District 12", "Route 66",
	 * "Terminal 2"): [start, end) offsets into `text`. A number inside a name is part of the name,
	 * not a figure someone claims. Names that are only a number ("9") are not counted: in running
	 * text they read as numbers.
	 */
	numberedNames(text: string): [number, number][] {
		const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
			start: m.index,
			end: m.index + m[0].length,
			digits: /\d/.test(m[0]),
			numeric: /^\p{N}+$/u.test(m[0]),
		}));
		const spans: [number, number][] = [];
		words.forEach((word, i) => {
			if (!word.digits) return;
			for (let first = Math.max(0, i - this.longestPhrase + 1); first <= i; first++) {
				for (let last = Math.min(words.length - 1, first + this.longestPhrase - 1); last >= i; last--) {
					if (words.slice(first, last + 1).every((w) => w.numeric)) continue;
					const start = words[first]!.start;
					const end = words[last]!.end;
					if (this.phrases.has(normalizePhrase(text.slice(start, end)))) spans.push([start, end]);
				}
			}
		});
		return spans;
	}

	/**
	 * For a word that is part of longer names only ("korea" in "north korea", "south korea"): every
	 * dimension value those names stand for, so the question can be offered as ambiguous.
	 */
	partialMeanings(word: string): Meaning[] {
		return word.length < 4 || NON_NAMING_WORDS.has(word) || this.wholeWords.has(word)
			? []
			: (this.partials.get(word) ?? []);
	}

	/** The value meanings of a phrase of several words, under each word that could name them in part. */
	private addPartials(
		split: readonly string[],
		list: readonly Meaning[],
		many: Map<string, Set<DimensionValue>>,
	): void {
		for (let at = 0; at < split.length; at++) {
			const word = split[at]!;
			// Each word once ("new new york"): a phrase has a few words, so a scan, not a set.
			if (split.indexOf(word) !== at) continue;
			// Only words partialMeanings can be asked for: a word that is a phrase itself is read as
			// that phrase, and short or function words never name anything.
			if (word.length < 4 || NON_NAMING_WORDS.has(word) || STOPWORDS.has(word) || this.phrases.has(word))
				continue;
			for (const meaning of list) {
				if (meaning.kind !== 'value') continue;
				const meanings = this.partials.get(word);
				if (!meanings) {
					this.partials.set(word, [meaning]);
					continue;
				}
				const values = many.get(word);
				if (
					values
						? values.has(meaning.value)
						: meanings.some((m) => m.kind === 'value' && m.value === meaning.value)
				)
					continue;
				meanings.push(meaning);
				if (values) values.add(meaning.value);
				else if (meanings.length > 16)
					many.set(word, new Set(meanings.flatMap((m) => (m.kind === 'value' ? [m.value] : []))));
			}
		}
	}

	/**
	 * The vocabulary word a misspelt word most likely stands for, or null. fuse.js scores the
	 * candidates; a guard keeps it from "correcting" a real word into a different one.
	 */
	correct(word: string): string | null {
		const cached = this.corrections.get(word);
		if (cached !== undefined) return cached;
		const fixed = this.search(word);
		if (this.corrections.size >= MAX_CACHED_CORRECTIONS) this.corrections.clear();
		this.corrections.set(word, fixed);
		return fixed;
	}

	/**
	 * What a word names, as a key: the values, metrics and sources of the phrases it is or is part of.
	 * Two words with the same key are two spellings of one thing.
	 */
	private targetsOf(word: string): string {
		const ids = new Set<string>();
		for (const meaning of [...(this.phrases.get(word) ?? []), ...(this.partials.get(word) ?? [])]) {
			if (meaning.kind === 'value') ids.add(`v:${meaning.dimension.id}:${meaning.value.id}`);
			else if (meaning.kind === 'attribute') ids.add(`a:${meaning.attribute.id}:${meaning.value.id}`);
			else if (meaning.kind === 'metric') ids.add(`m:${meaning.metric.id}`);
			else if (meaning.kind === 'source') ids.add(`s:${meaning.source.id}`);
			else if (meaning.kind === 'place') ids.add(`p:${meaning.place.country}`);
			else if (meaning.kind === 'intent') ids.add(`i:${meaning.intent}`);
			else ids.add(`${meaning.kind}:${word}`);
		}
		return ids.size === 0 ? `word:${word}` : [...ids].sort().join(' ');
	}

	/** Corrections are a pure function of the word and this (immutable) vocabulary: remember them. */
	private readonly corrections = new Map<string, string | null>();

	private search(word: string): string | null {
		if (
			word.length < 4 ||
			word.length > MAX_TYPO_WORD ||
			/\d/.test(word) ||
			STOPWORDS.has(word) ||
			this.words.has(word)
		)
			return null;
		// A real word is what it says: "price" is never read as "prince", whatever the dataset holds;
		// only another form of it is ("crops" as "crop").
		const real = isCommonWord(word) || MEASURE_WORDS.has(word);
		const fuse = this.fuseByInitial.get(word[0] as string);
		// fuse.js finds the candidates; their edit distance (a swap of two letters counts one) ranks
		// them, as fuse.js's scores are too coarse to tell one close reading from two.
		const limit = word.length <= 5 ? 1 : 2;
		const close = (fuse?.search(word, { limit: 10 }) ?? [])
			.filter(
				({ item, score }) =>
					(score ?? 1) <= MAX_TYPO_SCORE &&
					Math.abs(item.length - word.length) <= 2 &&
					(!real || item.startsWith(word) || word.startsWith(item)),
			)
			.map(({ item }) => ({ item, edits: editDistance(word, item).steps }))
			.filter((c) => c.edits <= limit);
		if (close.length === 0) return null;
		const fewest = Math.min(...close.map((c) => c.edits));
		const near = close.filter((c) => c.edits === fewest);
		const best = near[0]!;
		// Only the single close reading: two words as close ("rial" → "rail" or "real") is a guess.
		// Forms of one word ("russia", "russian", "russians") and two spellings of one name
		// ("afghanistan", "afganistan") are one reading; the form nearest in length is taken.
		const sameReading = (a: string, b: string) =>
			a.startsWith(b) || b.startsWith(a) || this.targetsOf(a) === this.targetsOf(b);
		if (near.some((c) => !sameReading(c.item, best.item))) return null;
		return near.reduce((a, b) =>
			Math.abs(b.item.length - word.length) < Math.abs(a.item.length - word.length) ? b : a,
		).item;
	}
}

/** Extended search stays off: its operators (^ = ! ') would change the meaning of plain words. */
const FUSE_OPTIONS = {
	includeScore: true,
	threshold: 0.34,
	ignoreLocation: true,
	useExtendedSearch: false,
	isCaseSensitive: false,
} as const;
const MAX_TYPO_SCORE = 0.34;
/** Longer "words" are not typos of ours; fuse.js's bitap search also grows costly past 32 characters. */
const MAX_TYPO_WORD = 24;
const MAX_CACHED_CORRECTIONS = 10_000;

function sameMeaning(a: Meaning, b: Meaning): boolean {
	if (a.kind !== b.kind) return false;
	switch (a.kind) {
		case 'value':
			return b.kind === 'value' && a.value === b.value && a.dimension === b.dimension;
		case 'dimension':
			return b.kind === 'dimension' && a.dimension === b.dimension && a.level === b.level;
		case 'attribute':
			return b.kind === 'attribute' && a.value === b.value && a.attribute === b.attribute;
		case 'attributeName':
			return b.kind === 'attributeName' && a.attribute === b.attribute;
		case 'metric':
			return b.kind === 'metric' && a.metric === b.metric;
		case 'source':
			return b.kind === 'source' && a.source === b.source;
		case 'place':
			return b.kind === 'place' && a.place === b.place && a.demonym === b.demonym;
		case 'keyword':
			return false;
		case 'intent':
			return b.kind === 'intent' && a.intent === b.intent;
		case 'qualifier':
			return true;
	}
}
