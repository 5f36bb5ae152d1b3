import type { Attribute, Dataset, Dimension, DimensionValue, Metric, Source } from '../data/types.js';
import type { DimFilter, FigureFilter } from './figureIndex.js';
import type { Mention, ParsedQuestion } from '../question/parseQuestion.js';
import type { PeriodQuery } from '../question/periods.js';
import type { Intent } from '../question/vocabulary.js';
import { STOPWORDS } from '../question/normalize.js';

const MAX_READINGS = 64;
/** Place and category words read per question; more are not a question but a list. */
const MAX_VALUE_MENTIONS = 8;

/** Words right before the rows a question asks about: "which municipality", "how many cities", "each city". */
const ASKING = new Set(['which', 'what', 'many', 'each', 'every', 'all']);

/** What a parsed question asks for, gathered from its mentions. */
export interface Signals {
	intents: ReadonlySet<Intent>;
	sources: ReadonlySet<Source>;
	metrics: ReadonlySet<Metric>;
	breakdownDims: ReadonlySet<Dimension>;
	valueMentions: Mention[];
	/** Values of descriptive columns named ("Serie A seasons", "diesel models"): only rows that have them. */
	attributeValues: ReadonlyMap<Attribute, readonly DimensionValue[]>;
	/** Descriptive columns named ("which league", "what fuel"). */
	attributeNames: ReadonlySet<Attribute>;
	/** A level of a dimension's hierarchy named ("which region", "how many countries"): its depth. */
	levels: ReadonlyMap<Dimension, number>;
}

export function signalsOf(parsed: ParsedQuestion): Signals {
	const all = <T>(pick: (m: Mention['meanings'][number]) => T[]) =>
		new Set(parsed.mentions.flatMap((m) => m.meanings.flatMap(pick)));
	const asking = new Set(parsed.functionWords.filter((w) => ASKING.has(w.word)).map((w) => w.at));
	const attributeValues = attributeValuesOf(parsed.mentions, asking);
	return {
		// "the average" where a measure is called that (average attendance): the measure, not the operation.
		intents: new Set(
			parsed.mentions.flatMap((m) =>
				m.meanings.flatMap((x) =>
					x.kind !== 'intent' ||
					((x.intent === 'average' || x.intent === 'median') && m.meanings.some((y) => y.kind === 'metric'))
						? []
						: [x.intent],
				),
			),
		),
		sources: all((x) => (x.kind === 'source' ? [x.source] : [])),
		metrics: metricsOf(parsed.mentions),
		breakdownDims: all((x) => (x.kind === 'dimension' ? [x.dimension] : [])),
		valueMentions: parsed.mentions.filter((m) => m.meanings.some((x) => x.kind === 'value')),
		attributeValues,
		levels: new Map(
			parsed.mentions.flatMap((m) =>
				m.meanings.flatMap((x) =>
					x.kind === 'dimension' && x.level !== undefined ? [[x.dimension, x.level] as const] : [],
				),
			),
		),
		// A word that names a metric, a dimension or a value too is read as that ("position"); a column
		// whose value the question names ("from Scotland", "country United States") is a filter, not asked.
		attributeNames: new Set(
			parsed.mentions
				.filter(
					(m) => !m.meanings.some((x) => x.kind === 'metric' || x.kind === 'dimension' || x.kind === 'value'),
				)
				.flatMap((m) =>
					m.meanings.flatMap((x) =>
						x.kind === 'attributeName' && !attributeValues.has(x.attribute) ? [x.attribute] : [],
					),
				),
		),
	};
}

/**
 * The measures a question names. A verb that is also a measure's name ("won" of wins, "earned" of
 * winnings) beside another measure is the verb of that one: "the poles that Daly has won", "drivers
 * who earned 5 bonus points".
 */
function metricsOf(mentions: readonly Mention[]): Set<Metric> {
	const named = mentions.filter((m) => m.meanings.some((x) => x.kind === 'metric'));
	const metrics = (m: Mention) => m.meanings.flatMap((x) => (x.kind === 'metric' ? [x.metric] : []));
	const isVerb = (m: Mention) => STOPWORDS.has(m.phrase) && (m.phrase === 'won' || m.phrase.endsWith('ed'));
	const nouns = named.filter((m) => !isVerb(m));
	// "races won" where wins are counted in races: the noun is the verb's own unit, the verb picks some
	// of what it counts (wins among races), so both stay and neither is read alone.
	const phrases = new Set(nouns.map((m) => m.phrase));
	const narrows = named.some((m) => isVerb(m) && metrics(m).some((x) => phrases.has(x.unit.toLowerCase())));
	return new Set((nouns.length > 0 && !narrows ? nouns : named).flatMap(metrics));
}

/**
 * The attribute values a question names, by attribute. A phrase that also names a dimension's value
 * is read as that value (the row itself), never as a filter as well.
 */
function attributeValuesOf(
	mentions: readonly Mention[],
	asking: ReadonlySet<number>,
): Map<Attribute, DimensionValue[]> {
	const named = new Map<Attribute, DimensionValue[]>();
	for (const mention of mentions) {
		if (mention.meanings.some((x) => x.kind === 'value')) continue;
		// "Which municipality …" where "municipality" names the rows and is also one value of their
		// type: after a question word, the rows, never a filter to that type.
		if (asking.has(mention.position - 1) && mention.meanings.some((x) => x.kind === 'dimension')) continue;
		for (const meaning of mention.meanings) {
			if (meaning.kind !== 'attribute') continue;
			const values = named.get(meaning.attribute) ?? [];
			if (!values.includes(meaning.value)) values.push(meaning.value);
			named.set(meaning.attribute, values);
		}
	}
	return named;
}

/** One way of reading the question's place and category words: dimension → values, in order. */
export type Reading = Map<Dimension, DimensionValue[]>;

/**
 * Every way of assigning the question's place and category words to dimensions, with a score:
 * a word used as its preposition suggests ("from X", "to X") or as its form suggests (a demonym
 * names travellers, a place name a destination) scores higher; one dimension holding two values
 * (a comparison) scores lower than a reading that needs none.
 */
export function readings(valueMentions: Mention[]): { reading: Reading; score: number }[] {
	const options = valueMentions.slice(0, MAX_VALUE_MENTIONS).map((mention) => {
		const all = mention.meanings.flatMap((x) =>
			x.kind === 'value' ? [{ dimension: x.dimension, value: x.value, demonym: x.demonym }] : [],
		);
		const hinted =
			mention.hint === null
				? all
				: all.filter((o) => o.dimension.role === mention.hint || o.dimension.role === null);
		return (hinted.length > 0 ? hinted : all).map((o) => ({
			...o,
			score:
				(mention.hint !== null && o.dimension.role === mention.hint ? 2 : 0) +
				((o.dimension.role === 'origin') === o.demonym ? 1 : 0),
		}));
	});
	let result: { reading: Reading; score: number }[] = [{ reading: new Map(), score: 0 }];
	for (const choices of options) {
		const next: typeof result = [];
		for (const { reading, score } of result) {
			for (const { dimension, value, score: gain } of choices) {
				const copy = new Map(reading);
				const values = copy.get(dimension) ?? [];
				if (!values.includes(value)) copy.set(dimension, [...values, value]);
				next.push({
					reading: copy,
					score: score + gain - (values.length > 0 && !values.includes(value) ? 1 : 0),
				});
				if (next.length >= MAX_READINGS) break;
			}
		}
		result = next;
	}
	return result;
}

/**
 * The figure filter for a reading: its values per dimension, an override where the answer needs
 * another (a breakdown asks for "set"), the dimension's default, or no breakdown at all.
 */
export function filterFor(
	dataset: Dataset,
	reading: Reading,
	signals: Signals,
	periods: readonly PeriodQuery[] | null,
	overrides: ReadonlyMap<Dimension, DimFilter> = new Map(),
): FigureFilter {
	const dims = new Map<string, DimFilter>();
	for (const dimension of dataset.dimensions) {
		const chosen = reading.get(dimension);
		const override = overrides.get(dimension);
		if (override) dims.set(dimension.id, override);
		else if (chosen) dims.set(dimension.id, { kind: 'values', values: chosen.map((v) => v.id) });
		else if (dimension.default !== null) dims.set(dimension.id, { kind: 'values', values: [dimension.default] });
		// Rows filtered by an attribute ("asian countries"), grouped by one or asked for theirs are
		// rows, never a total, which has none.
		else if (signals.attributeValues.size > 0 || signals.attributeNames.size > 0)
			dims.set(dimension.id, { kind: 'set' });
		else dims.set(dimension.id, { kind: 'unset' });
	}
	return {
		metrics: signals.metrics.size > 0 ? signals.metrics : null,
		sources: signals.sources.size > 0 ? signals.sources : null,
		dims,
		attrs:
			signals.attributeValues.size > 0
				? new Map(
						[...signals.attributeValues].map(([attribute, values]) => [
							attribute.id,
							values.map((v) => v.id),
						]),
					)
				: null,
		periods,
	};
}
