import { isPlaceMetric } from '../data/constraints.js';
import type { Source, Statement } from '../data/types.js';
import { type AnswerBody, figuresOf } from './answer.js';
import type { Catalogue } from './catalogue.js';
import { countsPeriods, figureAnswer } from './figureAnswer.js';
import { capitalize } from './labels.js';
import { type Outcome, ambiguous, answered, notFound } from './outcome.js';
import type { Mention, ParsedQuestion } from '../question/parseQuestion.js';
import { periodsOf } from '../question/periods.js';
import { type Signals, signalsOf } from './readings.js';

/** Decides what kind of question this is (figures, statements, sources, help) and answers it. */
export function interpret(catalogue: Catalogue, parsed: ParsedQuestion): Outcome {
	const signals = signalsOf(parsed);
	const { intents, sources, metrics, breakdownDims, valueMentions } = signals;
	// A place the data has no figures about, unless the data's own title names it: "which Spanish
	// tribunal" of "Spanish Inquisition: … by tribunal" says what the data is, not a filter on it.
	const unknownPlaces = parsed.mentions.filter(
		(m) =>
			m.meanings.every((x) => x.kind === 'place' || x.kind === 'intent' || x.kind === 'qualifier') &&
			m.meanings.some((x) => x.kind === 'place') &&
			!m.phrase.split(' ').every((w) => catalogue.vocabulary.topicWords.has(w)),
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
		return notFound(`The data has no figures about ${names.join(' or ')}.`, catalogue.overviewSuggestions());
	}
	if (parsed.lacking.length > 0) return lackingAnswer(catalogue, parsed, signals);
	const anchored =
		valueMentions.length +
			metrics.size +
			breakdownDims.size +
			signals.attributeValues.size +
			signals.attributeNames.size +
			parsed.periods.length >
			0 ||
		// "how many years are listed": the data's own periods.
		countsPeriods(parsed, signals) ||
		// "who finished third": a place in the data's final order.
		(parsed.finished != null && catalogue.dataset.metrics.some(isPlaceMetric));
	if (pureKeywords.length > 0) return statementAnswer(parsed, pureKeywords, sources);
	if ((intents.has('help') || intents.has('sources')) && !anchored) return answered(overview(catalogue));
	if (sources.size > 0 && !anchored) {
		if (sources.size === 1) return sourceAnswer(catalogue, [...sources][0] as Source);
		return ambiguous(
			[...sources].map((s) => ({ label: `${s.originator} (${s.outlet})`, query: `source:${s.id}` })),
		);
	}
	if (!anchored && sources.size === 0) {
		const what =
			parsed.unknown.length > 0
				? `I don't know "${parsed.unknown.slice(0, 5).join('", "')}".`
				: 'I could not find a figure, place or period in the question.';
		return notFound(
			`${what} ${catalogue.dataset.title}: this is what the data covers.`,
			catalogue.overviewSuggestions(),
		);
	}
	return figureAnswer(catalogue, parsed, signals);
}

/** `figure:<id>`, `statement:<id>` or `source:<id>`: exactly that, or not found. */
export function answerReference(catalogue: Catalogue, kind: string, id: string): Outcome {
	const figure = kind === 'figure' ? catalogue.figureById.get(id) : undefined;
	if (figure) return answered({ kind: 'figures', groups: [catalogue.group([figure], new Set([figure.source]))] });
	const statement = kind === 'statement' ? catalogue.statementById.get(id) : undefined;
	if (statement) return answered({ kind: 'statements', statements: [statement] });
	const source = kind === 'source' ? catalogue.sourceById.get(id) : undefined;
	if (source) return sourceAnswer(catalogue, source);
	return notFound(`There is no ${kind} "${id}" in the data.`, catalogue.overviewSuggestions());
}

function sourceAnswer({ dataset }: Catalogue, source: Source): Outcome {
	return answered({
		kind: 'source',
		source,
		figures: dataset.figures.filter((f) => f.source === source),
		statements: dataset.statements.filter((s) => s.source === source),
	});
}

function overview({ dataset }: Catalogue): AnswerBody {
	const periods = periodsOf(dataset.figures).map((p) => p.key);
	return { kind: 'overview', sources: dataset.sources, periods, topics: dataset.statements.map((s) => s.subject) };
}

/** The statements whose keywords the question names most, from the sources it names if any. */
function statementAnswer(parsed: ParsedQuestion, mentions: Mention[], sources: ReadonlySet<Source>): Outcome {
	const score = new Map<Statement, number>();
	for (const mention of parsed.mentions) {
		for (const meaning of mention.meanings) {
			if (meaning.kind !== 'keyword') continue;
			const weight = mentions.includes(mention) ? 2 : 1;
			for (const s of meaning.statements)
				score.set(s, (score.get(s) ?? 0) + weight * mention.phrase.split(' ').length);
		}
	}
	let ranked = [...score].filter(([s]) => sources.size === 0 || sources.has(s.source)).sort((a, b) => b[1] - a[1]);
	if (ranked.length === 0) ranked = [...score].sort((a, b) => b[1] - a[1]);
	const best = ranked[0]?.[1] ?? 0;
	const statements = ranked
		.filter(([, n]) => n === best)
		.map(([s]) => s)
		.slice(0, 3);
	return answered({ kind: 'statements', statements });
}

/**
 * The question asks for a measure or breakdown the data lacks ("average age of visitors", "by
 * car"): not found, naming it and what the data does count, with the figures the rest of the
 * question would have matched offered instead. Never the figure without the word.
 */
function lackingAnswer(catalogue: Catalogue, parsed: ParsedQuestion, signals: Signals): Outcome {
	const { dataset } = catalogue;
	const rest = figureAnswer(catalogue, parsed, signals);
	const figures = rest.body ? figuresOf(rest.body) : [];
	const offered =
		figures.length > 0
			? [...new Map(figures.map((f) => [f.id, catalogue.suggestionFor(f)])).values()]
			: [...rest.candidates, ...rest.suggestions];
	const suggestions = offered.length > 0 ? offered : catalogue.overviewSuggestions();
	const metrics = dataset.metrics.map((m) => `${m.label} (${m.unit})`).join(', ');
	const dims = dataset.dimensions.map((d) => d.label.toLowerCase());
	const by =
		dims.length > 0
			? ` by ${dims.length > 1 ? `${dims.slice(0, -1).join(', ')} and ${dims.at(-1)}` : dims[0]}`
			: '';
	return notFound(
		`The data has no figures on ${parsed.lacking.map((p) => `"${p}"`).join(' or ')}. It counts ${metrics}${by}.`,
		suggestions,
	);
}
