import type { Place } from '../data/gazetteer.js';
import { dimsKey, sliceKey } from '../data/integrity.js';
import type { Dataset, Dimension, DimensionValue, Figure, Metric, Source, Statement } from '../data/types.js';
import type { Answer, AnswerBody, Breakdown, Comparison, FigureGroup, Suggestion } from './answer.js';
import { QUALIFIER_RANK, difference, percentChange, ratio, sharePercent, statedGap } from './compute.js';
import { type DimFilter, type FigureFilter, FigureIndex, periodMatches } from './figureIndex.js';
import { capitalize, figureLabel, sliceLabel } from './labels.js';
import { type Mention, type ParsedQuestion, parseQuestion } from './parseQuestion.js';
import { type PeriodQuery, clockOf, periodLabel } from './periods.js';
import { type Calculator, createCalculator } from './calc.js';
import { type SuggestOptions, createSuggester } from './suggest.js';
import { type Intent, Vocabulary } from './vocabulary.js';

/** The pure answer engine: a dataset in, answers out. No I/O, no clock of its own. */
export interface Engine {
	readonly dataset: Dataset;
	ask(question: string, now: Date): Answer;
	/**
	 * Compares what two questions (or `figure:` references) each name as one figure: difference,
	 * % change and ratio. Refuses figures in different units, and questions that do not name one figure.
	 */
	compare(a: string, b: string, now: Date): Answer;
	/** Figures and statements matching what the user has typed so far, for autocomplete. */
	suggest(text: string, options: SuggestOptions): Suggestion[];
	/** Safe arithmetic over named figures (/calc). */
	readonly calculator: Calculator;
}

const MAX_READINGS = 64;
/** Place and category words read per question; more are not a question but a list. */
const MAX_VALUE_MENTIONS = 8;
const MAX_SUGGESTIONS = 5;

export function createEngine(dataset: Dataset, gazetteer: readonly Place[]): Engine {
	const vocabulary = new Vocabulary(dataset, gazetteer);
	const index = new FigureIndex(dataset);
	const figureById = new Map(dataset.figures.map((f) => [f.id, f]));
	const statementById = new Map(dataset.statements.map((s) => [s.id, s]));
	const sourceById = new Map(dataset.sources.map((s) => [s.id, s]));
	const bySlice = new Map<string, Figure[]>();
	for (const figure of dataset.figures)
		bySlice.set(sliceKey(figure), [...(bySlice.get(sliceKey(figure)) ?? []), figure]);
	const conflictsOf = new Map<Figure, { figure: Figure; note: string | null }[]>();
	for (const conflict of dataset.conflicts) {
		for (const figure of conflict.figures) {
			const linked = conflictsOf.get(figure) ?? [];
			for (const other of conflict.figures)
				if (other !== figure) linked.push({ figure: other, note: conflict.note });
			conflictsOf.set(figure, linked);
		}
	}

	const label = (figure: Figure) => figureLabel(dataset, figure);
	const figureSuggestion = (figure: Figure): Suggestion => ({
		label: `${label(figure)} (${figure.source.originator})`,
		query: `figure:${figure.id}`,
	});

	/** The figure to lead with among figures for one thing, and every other figure for it. */
	function group(figures: readonly Figure[], prefer: ReadonlySet<Source> | null): FigureGroup {
		const ranked = [...figures].sort(
			(x, y) =>
				Number(prefer !== null && !prefer.has(x.source)) - Number(prefer !== null && !prefer.has(y.source)) ||
				QUALIFIER_RANK[x.qualifier] - QUALIFIER_RANK[y.qualifier],
		);
		const primary = ranked[0] as Figure;
		const notes = new Map<Figure, string | null>();
		for (const f of bySlice.get(sliceKey(primary)) ?? []) if (f !== primary) notes.set(f, null);
		for (const { figure, note } of conflictsOf.get(primary) ?? []) {
			const sameSlice = notes.has(figure);
			if (!sameSlice && figure.source === primary.source) continue;
			if (note !== null || !sameSlice)
				notes.set(figure, [notes.get(figure), note].filter(Boolean).join(' ') || null);
		}
		const others = [...notes].map(([figure, note]) => ({ figure, ...statedGap(figure, primary), note }));
		return { primary, others };
	}

	// Country codes written in capitals ("US", "USA", "RU") name a country of this dataset; in lower
	// case they stay words ("tell us"). Only codes of the dataset's own countries are read this way.
	const countryByCode = new Map(
		dataset.dimensions.flatMap((d) =>
			d.values.flatMap((v) => {
				const place = vocabulary.placeOf(v);
				return place ? place.codes.map((code) => [code, place.name] as const) : [];
			}),
		),
	);
	const expandCountryCodes = (text: string) =>
		countryByCode.size === 0 ? text : text.replace(/\b[A-Z]{2,3}\b/g, (word) => countryByCode.get(word) ?? word);

	function ask(question: string, now: Date): Answer {
		const base = { question, candidates: [], suggestions: [], reason: null, notes: [] as string[] };
		const reference = /^\s*(figure|statement|source):([a-z0-9_-]{1,64})\s*$/.exec(question);
		if (reference) return answerReference(reference[1] as string, reference[2] as string, base);

		const clock = clockOf(now);
		const parsed = parseQuestion(expandCountryCodes(question), vocabulary, clock);
		const notes: string[] = [];
		if (parsed.truncated) notes.push('Only the first 2,000 characters of the question were read.');
		if (parsed.corrections.length > 0)
			notes.push(`Read ${parsed.corrections.map((c) => `"${c.from}" as "${c.to}"`).join(', ')}.`);
		const answer = interpret(parsed);
		// How many phrases of the question this dataset's own words explain (not places or intents any dataset knows).
		const OWN = new Set(['value', 'dimension', 'metric', 'source', 'keyword']);
		const understood = parsed.mentions.filter((m) => m.meanings.some((x) => OWN.has(x.kind))).length;
		return { ...base, ...answer, notes: [...notes, ...answer.notes], understood };
	}

	/** An answer without the question and its parse notes, which `ask` adds. */
	type Outcome = Pick<Answer, 'status' | 'body' | 'candidates' | 'suggestions' | 'reason' | 'notes'>;
	const answered = (body: AnswerBody, notes: string[] = []): Outcome => ({
		status: 'answered',
		body,
		candidates: [],
		suggestions: [],
		reason: null,
		notes,
	});
	const notFound = (reason: string, suggestions: Suggestion[], notes: string[] = []): Outcome => ({
		status: 'not_found',
		body: null,
		candidates: [],
		suggestions: suggestions.slice(0, MAX_SUGGESTIONS),
		reason,
		notes,
	});

	function answerReference(kind: string, id: string, base: Omit<Answer, 'status' | 'body'>): Answer {
		const figure = kind === 'figure' ? figureById.get(id) : undefined;
		if (figure)
			return { ...base, ...answered({ kind: 'figures', groups: [group([figure], new Set([figure.source]))] }) };
		const statement = kind === 'statement' ? statementById.get(id) : undefined;
		if (statement) return { ...base, ...answered({ kind: 'statements', statements: [statement] }) };
		const source = kind === 'source' ? sourceById.get(id) : undefined;
		if (source) return { ...base, ...sourceAnswer(source) };
		return { ...base, ...notFound(`There is no ${kind} "${id}" in the data.`, overviewSuggestions()) };
	}

	function sourceAnswer(source: Source): Outcome {
		return answered({
			kind: 'source',
			source,
			figures: dataset.figures.filter((f) => f.source === source),
			statements: dataset.statements.filter((s) => s.source === source),
		});
	}

	function overview(): AnswerBody {
		const periods = [...new Set(dataset.figures.map((f) => f.period.key))].sort();
		return {
			kind: 'overview',
			sources: dataset.sources,
			periods,
			topics: dataset.statements.map((s) => s.subject),
		};
	}

	let overviewCache: Suggestion[] | null = null;
	/** One suggestion per kind of figure the data has, broadest and latest first (computed once). */
	function overviewSuggestions(): Suggestion[] {
		if (overviewCache) return overviewCache;
		const seen = new Set<string>();
		const picks: Suggestion[] = [];
		for (const figure of [...dataset.figures].sort(
			(a, b) =>
				Object.keys(a.dims).length - Object.keys(b.dims).length || b.period.key.localeCompare(a.period.key),
		)) {
			const slice = sliceLabel(dataset, figure.dims);
			if (seen.has(slice)) continue;
			seen.add(slice);
			picks.push(figureSuggestion(figure));
			if (picks.length >= MAX_SUGGESTIONS) break;
		}
		overviewCache = picks;
		return picks;
	}

	function interpret(parsed: ParsedQuestion): Outcome {
		const meaningsOf = <Kind extends string>(kind: Kind) =>
			parsed.mentions.filter((m) => m.meanings.some((x) => x.kind === kind));
		const intents = new Set<Intent>(
			parsed.mentions.flatMap((m) => m.meanings.flatMap((x) => (x.kind === 'intent' ? [x.intent] : []))),
		);
		const sources = new Set(
			parsed.mentions.flatMap((m) => m.meanings.flatMap((x) => (x.kind === 'source' ? [x.source] : []))),
		);
		const metrics = new Set(
			parsed.mentions.flatMap((m) => m.meanings.flatMap((x) => (x.kind === 'metric' ? [x.metric] : []))),
		);
		const breakdownDims = new Set(
			parsed.mentions.flatMap((m) => m.meanings.flatMap((x) => (x.kind === 'dimension' ? [x.dimension] : []))),
		);
		const valueMentions = meaningsOf('value');
		const unknownPlaces = parsed.mentions.filter(
			(m) =>
				m.meanings.every((x) => x.kind === 'place' || x.kind === 'intent' || x.kind === 'qualifier') &&
				m.meanings.some((x) => x.kind === 'place'),
		);
		const pureKeywords = parsed.mentions.filter(
			(m) =>
				m.meanings.every((x) => x.kind === 'keyword' || x.kind === 'qualifier') &&
				m.meanings.some((x) => x.kind === 'keyword'),
		);

		if (unknownPlaces.length > 0) {
			const names = unknownPlaces.map((m) => {
				const place = m.meanings.find((x) => x.kind === 'place');
				return place?.kind === 'place' ? (place.demonym ? capitalize(m.phrase) : place.place.name) : m.phrase;
			});
			return notFound(`The data has no figures about ${names.join(' or ')}.`, overviewSuggestions());
		}
		const anchored = valueMentions.length + metrics.size + breakdownDims.size + parsed.periods.length > 0;
		if (pureKeywords.length > 0) return statementAnswer(pureKeywords, sources, parsed);
		if (intents.has('help') && !anchored) return answered(overview());
		if (intents.has('sources') && !anchored) return answered(overview());
		if (sources.size > 0 && !anchored) {
			if (sources.size === 1) return sourceAnswer([...sources][0] as Source);
			return ambiguous(
				[...sources].map((s) => ({ label: `${s.originator} (${s.outlet})`, query: `source:${s.id}` })),
			);
		}
		if (!anchored && sources.size === 0) {
			const what =
				parsed.unknown.length > 0
					? `I don't know "${parsed.unknown.slice(0, 5).join('", "')}".`
					: 'I could not find a figure, place or period in the question.';
			return notFound(`${what} ${dataset.title}: this is what the data covers.`, overviewSuggestions());
		}
		return figureAnswer(parsed, { intents, sources, metrics, breakdownDims, valueMentions });
	}

	/** Asks back with each distinct reading once (a menu's option values must be unique). */
	function ambiguous(candidates: Suggestion[], notes: string[] = []): Outcome {
		const unique = [...new Map(candidates.map((c) => [c.query, c])).values()];
		return {
			status: 'ambiguous',
			body: null,
			candidates: unique.slice(0, 25),
			suggestions: [],
			reason: 'The question can be read in more than one way.',
			notes,
		};
	}

	function statementAnswer(mentions: Mention[], sources: ReadonlySet<Source>, parsed: ParsedQuestion): Outcome {
		const score = new Map<Statement, number>();
		for (const mention of parsed.mentions) {
			for (const meaning of mention.meanings) {
				if (meaning.kind !== 'keyword') continue;
				const weight = mentions.includes(mention) ? 2 : 1;
				for (const s of meaning.statements)
					score.set(s, (score.get(s) ?? 0) + weight * mention.phrase.split(' ').length);
			}
		}
		let ranked = [...score]
			.filter(([s]) => sources.size === 0 || sources.has(s.source))
			.sort((a, b) => b[1] - a[1]);
		if (ranked.length === 0) ranked = [...score].sort((a, b) => b[1] - a[1]);
		const best = ranked[0]?.[1] ?? 0;
		const statements = ranked
			.filter(([, n]) => n === best)
			.map(([s]) => s)
			.slice(0, 3);
		return answered({ kind: 'statements', statements });
	}

	interface Signals {
		intents: ReadonlySet<Intent>;
		sources: ReadonlySet<Source>;
		metrics: ReadonlySet<Metric>;
		breakdownDims: ReadonlySet<Dimension>;
		valueMentions: Mention[];
	}

	/** One way of reading the question's place and category words: dimension → values, in order. */
	type Reading = Map<Dimension, DimensionValue[]>;

	/**
	 * Every way of assigning the question's place and category words to dimensions, with a score:
	 * a word used as its preposition suggests ("from X", "to X") or as its form suggests (a demonym
	 * names travellers, a place name a destination) scores higher; one dimension holding two values
	 * (a comparison) scores lower than a reading that needs none.
	 */
	function readings(valueMentions: Mention[]): { reading: Reading; score: number }[] {
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

	function filterFor(
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
			else if (dimension.default !== null)
				dims.set(dimension.id, { kind: 'values', values: [dimension.default] });
			else dims.set(dimension.id, { kind: 'unset' });
		}
		return {
			metrics: signals.metrics.size > 0 ? signals.metrics : null,
			sources: signals.sources.size > 0 ? signals.sources : null,
			dims,
			periods,
		};
	}

	function figureAnswer(parsed: ParsedQuestion, signals: Signals): Outcome {
		const notes: string[] = [];
		const wantsBreakdown = signals.breakdownDims.size > 0 || signals.intents.has('breakdown');
		const periods = parsed.periods.length > 0 ? parsed.periods : null;

		// Readings that the data can answer at all (ignoring the period), best first.
		const viable: { reading: Reading; score: number; overrides: Map<Dimension, DimFilter>; figures: Figure[] }[] =
			[];
		for (const { reading, score } of readings(signals.valueMentions)) {
			const overrides = new Map<Dimension, DimFilter>();
			for (const dimension of signals.breakdownDims)
				if (!reading.has(dimension)) overrides.set(dimension, { kind: 'set' });
			let figures = index.select(filterFor(reading, signals, null, overrides));
			if (figures.length === 0) {
				// A category the sources never break this slice down by: answer the total and say so.
				for (const [dimension] of reading) {
					if (dimension.role !== null) continue;
					const anyValue = index.select(
						filterFor(
							reading,
							signals,
							null,
							new Map([...overrides, [dimension, { kind: 'any' as const }]]),
						),
					);
					if (anyValue.length > 0 && anyValue.every((f) => f.dims[dimension.id] === undefined)) {
						overrides.set(dimension, { kind: 'unset' });
					}
				}
				// A place the question did not name, where the data has exactly one for the rest.
				for (const dimension of dataset.dimensions) {
					if (dimension.role === null || reading.has(dimension) || dimension.default === null) continue;
					const anyPlace = index.select(
						filterFor(
							reading,
							signals,
							null,
							new Map([...overrides, [dimension, { kind: 'any' as const }]]),
						),
					);
					const places = new Set(anyPlace.map((f) => f.dims[dimension.id]));
					if (places.size === 1)
						overrides.set(dimension, { kind: 'values', values: [...places] as string[] });
				}
				figures = index.select(filterFor(reading, signals, null, overrides));
			}
			if (figures.length > 0) viable.push({ reading, score, overrides, figures });
		}
		viable.sort((a, b) => b.score - a.score);

		if (viable.length === 0) return closestInstead(parsed, signals);
		// Readings that select the same figures are one reading ("russia to egypt" read with Russia as
		// the origin named or as the default origin): only readings that differ in what they answer count.
		const seen = new Set<string>();
		const distinct = viable.filter((v) => {
			if (v.score !== viable[0]!.score) return false;
			const key = v.figures.map((f) => f.id).join('\u0000');
			return !seen.has(key) && seen.add(key);
		});
		if (distinct.length > 1) {
			return ambiguous(
				distinct.map((v) => figureSuggestion(latest(v.figures))),
				notes,
			);
		}
		const { reading, overrides } = distinct[0]!;
		for (const [dimension, filter] of overrides) {
			const asked = reading.get(dimension);
			if (filter.kind === 'unset' && asked) {
				notes.push(
					`The sources give no breakdown by ${dimension.label.toLowerCase()} for this, so this is the figure for all ${dimension.label.toLowerCase()} categories, not only ${asked.map((v) => v.label).join(' or ')}.`,
				);
			}
			if (filter.kind === 'values' && dimension.role !== null) {
				const value = dimension.values.find((v) => v.id === filter.values[0]);
				notes.push(
					`${dimension.label}: ${value?.label ?? filter.values[0]} (the only one the data has for this).`,
				);
			}
		}
		if (parsed.unknown.length > 0) {
			const defaulted = dataset.dimensions.some((d) => d.role !== null && !reading.has(d) && !overrides.has(d));
			if (defaulted) {
				return notFound(
					`I don't know "${parsed.unknown.slice(0, 5).join('", "')}", so I can't tell which figure you mean.`,
					overviewSuggestions(),
					notes,
				);
			}
			notes.push(
				`Ignored words I don't know: ${parsed.unknown
					.slice(0, 5)
					.map((w) => `"${w}"`)
					.join(', ')}.`,
			);
		}

		const select = (ps: readonly PeriodQuery[] | null, extra: ReadonlyMap<Dimension, DimFilter> = new Map()) =>
			index.select(filterFor(reading, signals, ps, new Map([...overrides, ...extra])));

		if (signals.intents.has('share')) return shareAnswer(reading, select, periods, signals, notes);
		const multiValueDim = [...reading].find(([, vs]) => vs.length > 1)?.[0];
		if (signals.intents.has('compare') || (periods !== null && periods.length > 1) || multiValueDim) {
			return compareAnswer(reading, select, periods, signals, notes, multiValueDim);
		}
		if (wantsBreakdown) return breakdownAnswer(reading, select, periods, signals, notes);

		const figures = select(periods);
		if (figures.length === 0) return periodNotFound(select(null), periods ?? [], notes);
		return answered({ kind: 'figures', groups: groupByPeriod(figures, signals.sources) }, notes);
	}

	function groupByPeriod(figures: readonly Figure[], prefer: ReadonlySet<Source>): FigureGroup[] {
		const byKey = new Map<string, Figure[]>();
		for (const f of figures) byKey.set(sliceKey(f), [...(byKey.get(sliceKey(f)) ?? []), f]);
		return [...byKey.values()]
			.map((fs) => group(fs, prefer.size > 0 ? prefer : null))
			.sort((a, b) => comparePeriods(b.primary, a.primary));
	}

	function periodNotFound(available: Figure[], asked: readonly PeriodQuery[], notes: string[]): Outcome {
		const wanted = asked.map((p) => p.text || periodLabel(p)).join(' and ');
		const distanceTo = periodDistance(asked);
		const ranked = [...available].sort(
			(a, b) => distanceTo(a) - distanceTo(b) || QUALIFIER_RANK[a.qualifier] - QUALIFIER_RANK[b.qualifier],
		);
		const seen = new Set<string>();
		const suggestions = ranked.filter((f) => !seen.has(sliceKey(f)) && seen.add(sliceKey(f))).map(figureSuggestion);
		const covered = coveredPeriods(available);
		return notFound(`The data has no figure for ${wanted} for this. It covers: ${covered}.`, suggestions, notes);
	}

	function closestInstead(parsed: ParsedQuestion, signals: Signals): Outcome {
		const asked = signals.valueMentions.map((m) => m.phrase);
		// Figures sharing the most mentioned values, nearest in time, broadest first; scanned from
		// the shortest list of any one mentioned value, keeping the best few: no sort of the dataset.
		const values = signals.valueMentions.flatMap((m) => m.meanings.flatMap((x) => (x.kind === 'value' ? [x] : [])));
		const lists = values.map((x) => index.withValue(x.dimension.id, x.value.id)).filter((l) => l.length > 0);
		const pool = lists.length > 0 ? lists.reduce((a, b) => (b.length < a.length ? b : a)) : dataset.figures;
		const distanceTo = periodDistance(parsed.periods);
		const rank = (f: Figure) =>
			-values.filter((x) => f.dims[x.dimension.id] === x.value.id).length * 1e6 +
			distanceTo(f) * 100 +
			Object.keys(f.dims).length;
		const best: { figure: Figure; rank: number }[] = [];
		for (const f of pool) {
			if (signals.sources.size > 0 && !signals.sources.has(f.source)) continue;
			const r = rank(f);
			if (best.length >= MAX_SUGGESTIONS && r >= best[best.length - 1]!.rank) continue;
			const twin = best.findIndex((b) => sliceKey(b.figure) === sliceKey(f));
			if (twin >= 0) {
				if (r < best[twin]!.rank) best[twin] = { figure: f, rank: r };
			} else best.push({ figure: f, rank: r });
			best.sort((a, b) => a.rank - b.rank);
			if (best.length > MAX_SUGGESTIONS) best.pop();
		}
		const suggestions = best.length > 0 ? best.map((b) => figureSuggestion(b.figure)) : overviewSuggestions();
		const what = [...asked, ...[...signals.sources].map((s) => s.originator)].join(', ') || 'this';
		return notFound(`The data has no figure that matches ${what} together.`, suggestions);
	}

	type Select = (periods: readonly PeriodQuery[] | null, extra?: ReadonlyMap<Dimension, DimFilter>) => Figure[];

	function shareAnswer(
		reading: Reading,
		select: Select,
		periods: readonly PeriodQuery[] | null,
		signals: Signals,
		notes: string[],
	): Outcome {
		const dimension =
			[...reading.keys()].find((d) => d.role === null) ??
			[...reading.keys()].find((d) => d.role !== null && reading.get(d)!.length === 1 && d.default === null);
		if (!dimension)
			return notFound(
				'A share needs a part of a total, such as "share of rail arrivals" or "share of tourists".',
				overviewSuggestions(),
				notes,
			);
		const parts = select(periods);
		const totals = select(periods, new Map([[dimension, { kind: 'unset' as const }]]));
		const periodKeys = [...new Set(parts.map((p) => p.period.key))]
			.filter((k) => totals.some((t) => t.period.key === k))
			.sort(comparePeriodKeys);
		const key = periodKeys.at(-1);
		if (key === undefined)
			return notFound(
				`The data has no total to take a share of for ${dimension.label.toLowerCase()}.`,
				parts.map(figureSuggestion),
				notes,
			);
		const part = group(
			parts.filter((p) => p.period.key === key),
			signals.sources.size > 0 ? signals.sources : null,
		);
		const total = group(
			totals.filter((t) => t.period.key === key),
			new Set([part.primary.source]),
		);
		const percent = sharePercent(part.primary, total.primary);
		if (!percent) return notFound('The total is zero, so a share cannot be computed.', [], notes);
		if (periods === null && periodKeys.length > 1)
			notes.push(`Latest period shown; the data also has ${periodKeys.slice(0, -1).join(', ')}.`);
		return answered({ kind: 'share', share: { part, total, percent } }, notes);
	}

	function compareAnswer(
		reading: Reading,
		select: Select,
		periods: readonly PeriodQuery[] | null,
		signals: Signals,
		notes: string[],
		multiValueDim: Dimension | undefined,
	): Outcome {
		const prefer = signals.sources.size > 0 ? signals.sources : null;
		let sides: Figure[][];
		let basis: Comparison['basis'];
		if (multiValueDim && !(periods !== null && periods.length > 1)) {
			basis = 'value';
			const values = reading.get(multiValueDim)!;
			const all = select(periods);
			const latestKey = [...new Set(all.map((f) => f.period.key))]
				.filter((k) =>
					values.every((v) => all.some((f) => f.period.key === k && f.dims[multiValueDim.id] === v.id)),
				)
				.sort(comparePeriodKeys)
				.at(-1);
			sides = values
				.slice(0, 2)
				.map((v) => all.filter((f) => f.dims[multiValueDim.id] === v.id && f.period.key === latestKey));
		} else {
			basis = 'period';
			const all = select(periods);
			const keys = [...new Set(all.map((f) => f.period.key))].sort(comparePeriodKeys);
			const yearly = keys.filter((k) => !k.includes('Q'));
			const pool = periods !== null && periods.length > 1 ? keys : yearly.length >= 2 ? yearly : keys;
			if (periods !== null && periods.length === 1) {
				// "growth in 2025": the period asked against the one before it.
				const everything = select(null).filter(
					(f) => (f.period.quarter === null) === (periods[0]!.quarter === null),
				);
				const allKeys = [...new Set(everything.map((f) => f.period.key))].sort(comparePeriodKeys);
				const at = allKeys.findIndex((k) =>
					everything.some((f) => f.period.key === k && periodMatches(f, periods[0]!)),
				);
				if (at <= 0)
					return notFound(
						`There is no earlier period to compare ${periods[0]!.text} with.`,
						all.map(figureSuggestion),
						notes,
					);
				sides = [allKeys[at], allKeys[at - 1]].map((k) => everything.filter((f) => f.period.key === k));
			} else {
				const chosen = pool.slice(-2);
				if (chosen.length < 2) {
					const missing =
						periods?.filter((p) => !all.some((f) => periodMatches(f, p))).map((p) => p.text) ?? [];
					const reason =
						missing.length > 0
							? `The data has no figure for ${missing.join(' and ')} for this.`
							: 'The data has only one period for this, so there is nothing to compare it with.';
					return notFound(reason, select(null).map(figureSuggestion), notes);
				}
				sides = [chosen[1], chosen[0]].map((k) => all.filter((f) => f.period.key === k));
				if (periods === null && pool.length > 2)
					notes.push(`Compared the two latest periods; the data also has ${pool.slice(0, -2).join(', ')}.`);
			}
		}
		if (sides.length < 2 || sides.some((s) => s.length === 0)) {
			return notFound(
				'The data does not have both figures for the same period, so they cannot be compared.',
				sides.flat().map(figureSuggestion),
				notes,
			);
		}
		const a = group(sides[0]!, prefer);
		const b = group(sides[1]!, prefer ?? new Set([a.primary.source]));
		if (a.primary.metric.unit !== b.primary.metric.unit)
			return notFound(
				`These figures are in different units (${a.primary.metric.unit}, ${b.primary.metric.unit}) and cannot be compared.`,
				[],
				notes,
			);
		const comparison: Comparison = {
			a,
			b,
			difference: difference(a.primary, b.primary),
			percentChange: percentChange(a.primary, b.primary),
			ratio: ratio(a.primary, b.primary),
			basis,
		};
		return answered({ kind: 'comparison', comparison }, notes);
	}

	function breakdownAnswer(
		reading: Reading,
		select: Select,
		periods: readonly PeriodQuery[] | null,
		signals: Signals,
		notes: string[],
	): Outcome {
		const candidates =
			signals.breakdownDims.size > 0
				? [...signals.breakdownDims]
				: dataset.dimensions.filter((d) => !reading.has(d) && d.role === null);
		const options = candidates
			.map((dimension) => ({
				dimension,
				parts: select(periods, new Map([[dimension, { kind: 'set' as const }]])),
			}))
			.filter((o) => o.parts.length > 0);
		if (options.length === 0)
			return notFound('The sources give no breakdown for this.', overviewSuggestions(), notes);
		if (options.length > 1 && signals.breakdownDims.size === 0) {
			return ambiguous(
				options.map((o) => ({
					label: `by ${o.dimension.label.toLowerCase()}`,
					query: `${sliceLabel(dataset, Object.fromEntries([...reading].map(([d, v]) => [d.id, v[0]!.id])))} by ${o.dimension.label.toLowerCase()}`,
				})),
				notes,
			);
		}
		const { dimension, parts: allParts } = options[0]!;
		const latestKey = [...new Set(allParts.map((p) => p.period.key))].sort(comparePeriodKeys).at(-1);
		const parts = allParts.filter((p) => p.period.key === latestKey);
		const prefer = signals.sources.size > 0 ? signals.sources : new Set(parts.map((p) => p.source));
		const totals = select(periods, new Map([[dimension, { kind: 'unset' as const }]])).filter(
			(t) => t.period.key === latestKey,
		);
		const total = totals.length > 0 ? group(totals, prefer) : null;
		const byValue = new Map<string, Figure[]>();
		for (const p of parts) byValue.set(p.dims[dimension.id]!, [...(byValue.get(p.dims[dimension.id]!) ?? []), p]);
		const order = (g: FigureGroup) => dimension.values.findIndex((v) => v.id === g.primary.dims[dimension.id]);
		const groups = [...byValue.values()].map((fs) => group(fs, prefer)).sort((x, y) => order(x) - order(y));
		const check = total
			? (dataset.breakdowns.find((c) => c.total === total.primary && c.dimension === dimension) ?? null)
			: null;
		const breakdown: Breakdown = {
			dimension,
			total,
			parts: groups.map((g) => ({
				group: g,
				percentOfTotal: total ? sharePercent(g.primary, total.primary) : null,
			})),
			check,
		};
		return answered({ kind: 'breakdown', breakdown }, notes);
	}

	/** The one figure a question names, or why it names none. */
	function singleFigure(question: string, now: Date): { figure: Figure } | { answer: Answer } {
		const answer = ask(question, now);
		if (answer.status !== 'answered') return { answer };
		const body = answer.body;
		if (body?.kind === 'figures' && body.groups.length === 1) return { figure: body.groups[0]!.primary };
		const reason =
			body?.kind === 'figures'
				? `"${question}" matches ${body.groups.length} periods; name one, such as ${periodLabel(body.groups[0]!.primary.period)}.`
				: `"${question}" does not name a single figure.`;
		const suggestions = body?.kind === 'figures' ? body.groups.map((g) => figureSuggestion(g.primary)) : [];
		return { answer: { ...answer, status: 'not_found', body: null, reason, suggestions } };
	}

	function compare(a: string, b: string, now: Date): Answer {
		const question = `${a} vs ${b}`;
		const base = { question, candidates: [], suggestions: [], reason: null, notes: [] };
		const left = singleFigure(a, now);
		const right = singleFigure(b, now);
		for (const side of [left, right]) {
			if ('answer' in side)
				return {
					...side.answer,
					question,
					status: side.answer.status === 'ambiguous' ? 'ambiguous' : 'not_found',
				};
		}
		const fa = (left as { figure: Figure }).figure;
		const fb = (right as { figure: Figure }).figure;
		if (fa.metric.unit !== fb.metric.unit) {
			return {
				...base,
				...notFound(
					`These figures cannot be compared: ${label(fa)} is in ${fa.metric.unit}, ${label(fb)} in ${fb.metric.unit}.`,
					[],
				),
			};
		}
		const ga = group([fa], new Set([fa.source]));
		const gb = group([fb], new Set([fb.source]));
		const basis: Comparison['basis'] = dimsKey(fa) === dimsKey(fb) ? 'period' : 'value';
		const comparison: Comparison = {
			a: ga,
			b: gb,
			difference: difference(fa, fb),
			percentChange: percentChange(fa, fb),
			ratio: ratio(fa, fb),
			basis,
		};
		return { ...base, ...answered({ kind: 'comparison', comparison }) };
	}

	// Autocomplete's index and the calculator are built on first use: the ask command needs neither.
	let suggester: ReturnType<typeof createSuggester> | null = null;
	let calculator: Calculator | null = null;
	return {
		dataset,
		ask,
		compare,
		suggest: (text, options) => (suggester ??= createSuggester(dataset))(text, options),
		get calculator() {
			return (calculator ??= createCalculator(dataset));
		},
	};
}

function comparePeriodKeys(a: string, b: string): number {
	const [ya, qa] = a.split('-Q');
	const [yb, qb] = b.split('-Q');
	return Number(ya) - Number(yb) || Number(qa ?? 5) - Number(qb ?? 5);
}

const comparePeriods = (a: Figure, b: Figure) => comparePeriodKeys(a.period.key, b.period.key);

function latest(figures: readonly Figure[]): Figure {
	return [...figures].sort(
		(a, b) => comparePeriods(b, a) || QUALIFIER_RANK[a.qualifier] - QUALIFIER_RANK[b.qualifier],
	)[0] as Figure;
}

/** How far a figure's period is from the periods asked about, in quarters; 0 when none were asked. */
function periodDistance(asked: readonly PeriodQuery[]): (figure: Figure) => number {
	const at = (year: number, quarter: number | null) => year * 4 + (quarter ?? 2.5);
	const points = asked.filter((p) => p.year !== null).map((p) => at(p.year as number, p.quarter));
	if (points.length < asked.length || points.length === 0) return () => 0;
	return (figure) => {
		const x = at(figure.period.year, figure.period.quarter);
		let min = Infinity;
		for (const p of points) min = Math.min(min, Math.abs(x - p));
		return min;
	};
}

/** The periods some figures cover, newest first, runs of years as ranges: "1905–2017, 1900–1903". */
function coveredPeriods(figures: readonly Figure[]): string {
	const years = [...new Set(figures.filter((f) => f.period.quarter === null).map((f) => f.period.year))].sort(
		(a, b) => b - a,
	);
	const runs: string[] = [];
	for (let i = 0; i < years.length;) {
		let j = i;
		while (j + 1 < years.length && years[j + 1] === years[j]! - 1) j++;
		runs.push(j - i >= 2 ? `${years[j]}–${years[i]}` : years.slice(i, j + 1).join(', '));
		i = j + 1;
	}
	const quarters = [...new Set(figures.filter((f) => f.period.quarter !== null).map((f) => f.period.key))]
		.sort()
		.reverse();
	const labels = new Map(figures.map((f) => [f.period.key, periodLabel(f.period)]));
	return [...quarters.map((k) => labels.get(k)!), ...runs].join(', ');
}
