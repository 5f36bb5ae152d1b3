import { isCommonWord } from '../data/commonWords.js';
import type { Place } from '../data/gazetteer.js';
import { dimsKey } from '../data/integrity.js';
import type { Dataset, Figure } from '../data/types.js';
import { type Answer, type FigureGroup, type Suggestion, figuresOf } from './answer.js';
import { type Calculator, createCalculator } from './calc.js';
import { Catalogue } from './catalogue.js';
import { comparisonOf } from './derivedAnswers.js';
import { answerReference, interpret } from './interpret.js';
import { answered, notFound } from './outcome.js';
import { parseQuestion } from '../question/parseQuestion.js';
import { GRAIN_WORDS, OPERATION_WORDS, PERIOD_WORDS } from '../question/lexicon.js';
import { clockOf, periodLabel } from '../question/periods.js';
import { type SuggestOptions, createSuggester } from './suggest.js';

/** The pure answer engine: a dataset in, answers out. No I/O, no clock of its own. */
export interface Engine {
	readonly dataset: Dataset;
	ask(question: string, now: Date): Answer;
	/**
	 * Compares what two questions (or `figure:` references) each name as one figure: difference,
	 * % change and ratio. Refuses figures in different units, and questions that do not name one figure.
	 */
	compare(a: string, b: string, now: Date): Answer;
	/** The one figure an answer gives, or the answer saying why it gives none (several periods, no figure). */
	single(answer: Answer): { figure: Figure } | { answer: Answer };
	/** The figure with this id, from the index built at load (no scan of the figures). */
	figure(id: string): Figure | undefined;
	/** A figure with every other figure stated for the same thing (other sources, declared conflicts). */
	group(figure: Figure): FigureGroup;
	/** Figures and statements matching what the user has typed so far, for autocomplete. */
	suggest(text: string, options: SuggestOptions): Suggestion[];
	/** Safe arithmetic over named figures (/calc). */
	readonly calculator: Calculator;
	/** Where a text writes one of this dataset's names that holds a number ("District 12"): [start, end). */
	numberedNames(text: string): [number, number][];
}

/** Words of the question the dataset's own vocabulary explains (not places or intents any dataset knows). */
const OWN_MEANINGS = new Set(['value', 'dimension', 'metric', 'source', 'keyword', 'attribute', 'attributeName']);

export function createEngine(dataset: Dataset, gazetteer: readonly Place[]): Engine {
	const catalogue = new Catalogue(dataset, gazetteer);

	function ask(question: string, now: Date): Answer {
		const base = { question, candidates: [], suggestions: [], reason: null, notes: [] as string[] };
		const reference = /^\s*(figure|statement|source):([a-z0-9_-]{1,64})\s*$/.exec(question);
		if (reference)
			return { ...base, ...answerReference(catalogue, reference[1] as string, reference[2] as string) };

		const parsed = parseQuestion(catalogue.expandCountryCodes(question), catalogue.vocabulary, clockOf(now), {
			bareMonths: catalogue.hasMonths,
			spans: catalogue.hasSpans,
		});
		const notes: string[] = [];
		if (parsed.truncated) notes.push('Only the first 2,000 characters of the question were read.');
		if (parsed.corrections.length > 0)
			notes.push(`Read ${parsed.corrections.map((c) => `"${c.from}" as "${c.to}"`).join(', ')}.`);
		const answer = interpret(catalogue, parsed);
		// Figures whose source gives no period are shown as such, never with one supplied.
		if (answer.body && figuresOf(answer.body).some((f) => f.period.grain === 'none'))
			answer.notes = [...answer.notes, 'The source gives no period for these figures.'];
		const understood =
			// A name made only of operation words ("the total", "the average") could be any data's: it
			// does not tell one dataset's reading from another's.
			// Nor does the name of a dimension the data holds one value of ("all stadiums" of one stadium's data).
			parsed.mentions.filter(
				(m) =>
					m.meanings.some(
						(x) => OWN_MEANINGS.has(x.kind) && !(x.kind === 'dimension' && x.dimension.values.length < 2),
					) && m.phrase.split(' ').some((w) => !OPERATION_WORDS.has(w)),
			).length +
			(parsed.topicWords ?? 0) +
			// "how many years …" over data by year, "over all the seasons", "his yearly winnings": the
			// words name the data's own periods, where it has several of that grain.
			(parsed.functionWords.some(
				(w) =>
					(PERIOD_WORDS.has(w.word) && answer.query?.over?.kind === 'periods') ||
					GRAIN_WORDS.get(w.word)?.some((g) => catalogue.periodCount(g) > 1),
			)
				? 1
				: 0);
		return {
			...base,
			...answer,
			notes: [...notes, ...answer.notes],
			understood,
			// Another form of the same word ("teams" as "team") is no guess; a word taken for another is.
			corrected: parsed.corrections.filter((c) => !(isCommonWord(c.from) && isCommonWord(c.to))).length,
		};
	}

	function single(answer: Answer): { figure: Figure } | { answer: Answer } {
		const question = answer.question;
		if (answer.status !== 'answered') return { answer };
		const body = answer.body;
		if (body?.kind === 'figures' && body.groups.length === 1) return { figure: body.groups[0]!.primary };
		const reason =
			body?.kind === 'figures'
				? `"${question}" matches ${body.groups.length} periods; name one, such as ${periodLabel(body.groups[0]!.primary.period)}.`
				: `"${question}" does not name a single figure.`;
		const suggestions = body?.kind === 'figures' ? body.groups.map((g) => catalogue.suggestionFor(g.primary)) : [];
		return { answer: { ...answer, status: 'not_found', body: null, reason, suggestions } };
	}

	function compare(a: string, b: string, now: Date): Answer {
		const question = `${a} vs ${b}`;
		const base = { question, candidates: [], suggestions: [], reason: null, notes: [] };
		const left = single(ask(a, now));
		const right = single(ask(b, now));
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
			const reason = `These figures cannot be compared: ${catalogue.label(fa)} is in ${fa.metric.unit}, ${catalogue.label(fb)} in ${fb.metric.unit}.`;
			return { ...base, ...notFound(reason, []) };
		}
		const [ga, gb] = [group(fa), group(fb)];
		const basis = dimsKey(fa) === dimsKey(fb) ? 'period' : 'value';
		return { ...base, ...answered({ kind: 'comparison', comparison: comparisonOf(ga, gb, basis) }) };
	}

	const group = (figure: Figure) => catalogue.group([figure], new Set([figure.source]));

	// Autocomplete's index and the calculator are built on first use: the ask command needs neither.
	let suggester: ReturnType<typeof createSuggester> | null = null;
	let calculator: Calculator | null = null;
	return {
		dataset,
		ask,
		compare,
		single,
		figure: (id) => catalogue.figureById.get(id),
		group,
		suggest: (text, options) => (suggester ??= createSuggester(dataset))(text, options),
		get calculator() {
			return (calculator ??= createCalculator(dataset));
		},
		numberedNames: (text) => catalogue.vocabulary.numberedNames(text),
	};
}
