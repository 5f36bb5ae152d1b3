import type { Place } from '../data/gazetteer.js';
import type { Dataset, Dimension, Figure, Source } from '../data/types.js';
import type { Answer, Suggestion } from '../engine/answer.js';
import { type Calculator, calcName, createNamedCalculator } from '../engine/calc.js';
import { type Engine, createEngine } from '../engine/createEngine.js';
import { notFound } from '../engine/outcome.js';
import { comparisonOf } from '../engine/derivedAnswers.js';
import { type DigestHistory, buildDigest } from '../engine/digest.js';
import { figureLabel } from '../engine/labels.js';
import type { SuggestOptions } from '../engine/suggest.js';
import { type LibraryDigest, combineDigests } from './libraryDigest.js';
import { ValueIndex, traceAnswer, traceChoice, tracedChoice, tracedNumber } from './traceNumbers.js';

/** An answer and the dataset it comes from (its labels and citations are that dataset's). */
export interface LibraryAnswer {
	answer: Answer;
	dataset: Dataset;
}

/** Many datasets served at once: each question goes to the dataset whose words it uses. */
export interface Library {
	readonly datasets: readonly Dataset[];
	engine(datasetId: string): Engine | undefined;
	ask(question: string, now: Date): LibraryAnswer;
	/** Autocomplete across every dataset; references are qualified by dataset when there are several. */
	suggest(text: string, options: SuggestOptions): Suggestion[];
	/**
	 * Compares the one figure each question names, wherever each is: within one dataset as its engine
	 * does; across datasets when the units agree, else it says why not.
	 */
	compare(a: string, b: string, now: Date): LibraryAnswer;
	/** /calc over every dataset's figures: plain names where unambiguous, `<dataset>__<name>` always. */
	readonly calculator: Calculator;
	/** The dataset a figure belongs to. */
	datasetOf(figure: Figure): Dataset;
	/** "Russians → North Korea, 2025", in its dataset's words. */
	labelOf(figure: Figure): string;
	/** The figure a reference names: `figure:<id>` (when unambiguous) or `figure:<dataset>/<id>`. */
	figure(reference: string): Figure | undefined;
	/** What a digest of every dataset shows now, given what the channel was sent before. */
	digest(history: DigestHistory, now: Date): LibraryDigest;
	/** Where a text writes a name any dataset knows that holds a number ("District 12"): [start, end). */
	numberedNames(text: string): [number, number][];
}

/** A reference qualified by dataset: "figure:nk-travel/ru-nk-2025-total". */
const QUALIFIED = /^\s*(figure|statement|source):([a-z0-9][a-z0-9_-]{0,63})\/([a-z0-9_-]{1,64})\s*$/;
const UNQUALIFIED = /^\s*(figure|statement|source):([a-z0-9_-]{1,64})\s*$/;
/** A question sent back to one dataset by an ask-back menu: "@natural-disasters deaths in 2010". */
const ROUTED = /^@([a-z0-9][a-z0-9_-]{0,63}) ([\s\S]*)$/;
/** Discord's limit on a menu option's value. */
const MAX_QUERY = 100;

const RANK: Readonly<Record<Answer['status'], number>> = { answered: 2, ambiguous: 1, not_found: 0 };

/**
 * Routes questions across datasets. Every engine reads the question; the one that answers it wins.
 * When two or more answer it, the question is asked back with a menu naming each dataset; when none
 * does, the first dataset's "not found" is given, with what the others have among its suggestions.
 * With one dataset, it is that dataset's engine exactly, references unqualified.
 */
export function createLibrary(datasets: readonly Dataset[], gazetteer: readonly Place[]): Library {
	const engines = new Map(datasets.map((d) => [d.id, createEngine(d, gazetteer)] as const));
	const several = datasets.length > 1;
	const first = datasets[0];
	if (!first) throw new Error('a library needs at least one dataset');

	/** A suggestion or candidate of one dataset, made to route back to it. */
	const qualify = (datasetId: string, s: Suggestion): Suggestion => {
		if (!several) return s;
		const reference = UNQUALIFIED.exec(s.query);
		return { ...s, query: reference ? `${reference[1]}:${datasetId}/${reference[2]}` : s.query };
	};
	const qualifyAnswer = (answer: Answer, dataset: Dataset): LibraryAnswer => ({
		answer: {
			...answer,
			candidates: answer.candidates.map((s) => qualify(dataset.id, s)),
			suggestions: answer.suggestions.map((s) => qualify(dataset.id, s)),
		},
		dataset,
	});
	const inDataset = (dataset: Dataset, question: string, now: Date): LibraryAnswer =>
		qualifyAnswer(engines.get(dataset.id)!.ask(question, now), dataset);

	let values: ValueIndex | null = null;

	function ask(question: string, now: Date): LibraryAnswer {
		const qualified = QUALIFIED.exec(question);
		if (qualified) {
			const dataset = datasets.find((d) => d.id === qualified[2]);
			if (dataset) return inDataset(dataset, `${qualified[1]}:${qualified[3]}`, now);
		}
		// "Where does 9,985 come from", "who said 7,000", "10k?": the figures carrying that number.
		// "Do we go with 9,985 or 10,000?": each traced, and the one that leads named.
		const choice = tracedChoice(question);
		if (choice) {
			values ??= new ValueIndex(datasets);
			const chosen = traceChoice(question, choice, values, (d) => engines.get(d.id)!);
			if (chosen) return qualifyAnswer(chosen.answer, chosen.dataset);
		}
		const traced = tracedNumber(question);
		if (traced) {
			values ??= new ValueIndex(datasets);
			const found = traceAnswer(question, traced, values, (d) => engines.get(d.id)!);
			if (found) return qualifyAnswer(found.answer, found.dataset);
			// A bare number no figure carries: said so, never read as a question about the data at large.
			const reason = `No figure in the data is ${traced.text}${traced.unit > 1 ? ` (read to the nearest ${traced.unit.toLocaleString('en-US')}, as it is written)` : ''}.`;
			return { answer: { question, ...notFound(reason, []) }, dataset: first! };
		}
		const routed = ROUTED.exec(question);
		const target = routed ? datasets.find((d) => d.id === routed[1]) : undefined;
		if (routed && target) return inDataset(target, routed[2] ?? '', now);
		if (!several) return inDataset(first!, question, now);

		const all = datasets.map((dataset) => inDataset(dataset, question, now));
		const best = Math.max(...all.map((a) => RANK[a.answer.status]));
		const sameStatus = all.filter((a) => RANK[a.answer.status] === best);
		// Among equals, the datasets whose own words explain the most of the question.
		const most = Math.max(...sameStatus.map((a) => a.answer.understood ?? 0));
		const understoodMost = sameStatus.filter((a) => (a.answer.understood ?? 0) === most);
		// A reading that took a word for another ("series" for "Serie") is a guess beside one that reads
		// every word as written: the exact reading answers.
		const exact = understoodMost.filter((a) => !a.answer.corrected);
		const winners = exact.length > 0 ? exact : understoodMost;
		if (winners.length === 1) return winners[0]!;
		if (best === RANK.answered || best === RANK.ambiguous) {
			// Two datasets read it: ask which, naming each (never silently one of them).
			const candidates = winners.map(({ answer, dataset }) => ({
				label: `${dataset.title}: ${answer.body ? leadLabel(answer) : (answer.candidates[0]?.label ?? question)}`,
				query: routeTo(dataset, question, answer),
			}));
			return {
				answer: {
					question,
					status: 'ambiguous',
					body: null,
					candidates,
					suggestions: [],
					reason: `More than one dataset answers this: ${winners.map((w) => w.dataset.title).join(' and ')}.`,
					notes: [],
				},
				dataset: winners[0]!.dataset,
			};
		}
		// Nobody has it: the reason of the dataset that understood the most, with the closest of the others on offer.
		const [head, ...rest] = winners;
		const suggestions = [
			...head!.answer.suggestions,
			...rest.flatMap((r) => r.answer.suggestions.slice(0, 2)),
		].slice(0, 5);
		return { answer: { ...head!.answer, suggestions }, dataset: head!.dataset };
	}

	function suggest(text: string, options: SuggestOptions): Suggestion[] {
		const perDataset = datasets.map((d) =>
			engines
				.get(d.id)!
				.suggest(text, options)
				.map((s) => qualify(d.id, s)),
		);
		// Datasets whose own words the text begins come first, those that matched it only by a spelling
		// correction after ("touris" is tourists, not a correction to "tornadoes" elsewhere). Within
		// each, take from each dataset in turn, so one large dataset cannot crowd the others out.
		const merged: Suggestion[] = [];
		for (const lists of [perDataset.filter((l) => !l[0]?.corrected), perDataset.filter((l) => l[0]?.corrected)]) {
			for (let i = 0; merged.length < options.limit && lists.some((list) => i < list.length); i++) {
				for (const list of lists) if (i < list.length && merged.length < options.limit) merged.push(list[i]!);
			}
		}
		return merged;
	}

	const datasetBySource = new Map<Source, Dataset>(datasets.flatMap((d) => d.sources.map((s) => [s, d] as const)));
	const datasetOf = (figure: Figure) => datasetBySource.get(figure.source) ?? first;
	const labelOf = (figure: Figure) => figureLabel(datasetOf(figure), figure);

	function figure(reference: string): Figure | undefined {
		const qualified = QUALIFIED.exec(reference);
		if (qualified) return qualified[1] === 'figure' ? figureIn(qualified[2]!, qualified[3]!) : undefined;
		const plain = UNQUALIFIED.exec(reference);
		if (!plain || plain[1] !== 'figure') return undefined;
		const found = datasets.flatMap((d) => figureIn(d.id, plain[2]!) ?? []);
		return found.length === 1 ? found[0] : undefined;
	}
	const figureIn = (datasetId: string, id: string) => engines.get(datasetId)?.figure(id);

	function compare(a: string, b: string, now: Date): LibraryAnswer {
		const question = `${a} vs ${b}`;
		const sides = [a, b].map((side) => {
			const { answer, dataset } = ask(side, now);
			return { ...engines.get(dataset.id)!.single(answer), dataset };
		});
		const refused = sides.find((side) => 'answer' in side);
		if (refused && 'answer' in refused) {
			const status = refused.answer.status === 'ambiguous' ? 'ambiguous' : 'not_found';
			return { answer: { ...refused.answer, question, status }, dataset: refused.dataset };
		}
		const [l, r] = sides as { figure: Figure; dataset: Dataset }[];
		if (l!.dataset === r!.dataset)
			return qualifyAnswer(
				{
					...engines.get(l!.dataset.id)!.compare(`figure:${l!.figure.id}`, `figure:${r!.figure.id}`, now),
					question,
				},
				l!.dataset,
			);
		// Across datasets: the same arithmetic when the units agree, worded with both datasets' labels.
		const view = combinedView(l!.dataset, r!.dataset);
		const base = { question, candidates: [], suggestions: [], notes: [] };
		if (l!.figure.metric.unit !== r!.figure.metric.unit) {
			const reason = `These figures cannot be compared: ${labelOf(l!.figure)} (${l!.dataset.title}) is in ${l!.figure.metric.unit}, ${labelOf(r!.figure)} (${r!.dataset.title}) in ${r!.figure.metric.unit}.`;
			return { answer: { ...base, status: 'not_found', body: null, reason }, dataset: view };
		}
		const [ga, gb] = [l!, r!].map((side) => engines.get(side.dataset.id)!.group(side.figure));
		const comparison = comparisonOf(ga!, gb!, 'value');
		const note = `The two figures come from different datasets: ${l!.dataset.title} and ${r!.dataset.title}.`;
		return {
			answer: {
				...base,
				status: 'answered',
				body: { kind: 'comparison', comparison },
				reason: null,
				notes: [note],
			},
			dataset: view,
		};
	}

	let calculator: Calculator | null = null;
	function libraryCalculator(): Calculator {
		if (calculator) return calculator;
		if (!several) return (calculator = engines.get(first!.id)!.calculator);
		const owners = new Map<string, number>();
		for (const d of datasets)
			for (const f of d.figures) owners.set(calcName(f), (owners.get(calcName(f)) ?? 0) + 1);
		const names = new Map<string, Figure>();
		for (const d of datasets) {
			for (const f of d.figures) {
				const plain = calcName(f);
				if (owners.get(plain) === 1) names.set(plain, f);
				names.set(`${calcName({ id: d.id } as Figure)}__${plain}`, f);
			}
		}
		const nameOf = (f: Figure) =>
			owners.get(calcName(f)) === 1
				? calcName(f)
				: `${calcName({ id: datasetOf(f).id } as Figure)}__${calcName(f)}`;
		return (calculator = createNamedCalculator(names, nameOf));
	}

	function digest(history: DigestHistory, now: Date): LibraryDigest {
		return combineDigests(datasets, history, (dataset, own) => buildDigest(dataset, own, now));
	}

	return {
		datasets,
		engine: (id) => engines.get(id),
		ask,
		suggest,
		compare,
		get calculator() {
			return libraryCalculator();
		},
		datasetOf,
		labelOf,
		figure,
		digest,
		numberedNames: (text) => [...engines.values()].flatMap((engine) => engine.numberedNames(text)),
	};
}

/**
 * Two datasets seen as one for labelling a comparison across them: both titles, both metrics, and
 * each dimension's values from both (a figure is labelled by its own metric and dimensions).
 */
function combinedView(a: Dataset, b: Dataset): Dataset {
	const dimensions = new Map<string, Dimension>();
	for (const d of [...a.dimensions, ...b.dimensions]) {
		const known = dimensions.get(d.id);
		dimensions.set(d.id, known ? { ...known, values: [...known.values, ...d.values] } : d);
	}
	return {
		...a,
		id: `${a.id}+${b.id}`,
		title: `${a.title} · ${b.title}`,
		metrics: [...a.metrics, ...b.metrics],
		dimensions: [...dimensions.values()],
		sources: [...a.sources, ...b.sources],
		figures: [],
		bareRows: [],
		statements: [],
		conflicts: [],
		breakdowns: [],
	};
}

/** What an answer leads with, for naming it in a menu. */
function leadLabel(answer: Answer): string {
	const body = answer.body!;
	switch (body.kind) {
		case 'figures':
			return `${body.groups[0]?.primary.metric.label ?? ''} ${body.groups
				.map((g) => g.primary.period.key)
				.slice(0, 3)
				.join(', ')}`.trim();
		case 'comparison':
			return `comparison of ${body.comparison.a.primary.metric.label}`;
		case 'share':
			return `share of ${body.share.total.primary.metric.label}`;
		case 'breakdown':
			return `${body.breakdown.dimension.label.toLowerCase()} breakdown`;
		case 'sum':
			return `total of ${body.sum.parts.length} periods`;
		case 'ranking':
			return `${body.ranking.dimension.label.toLowerCase()} ranked, ${body.ranking.direction} first`;
		case 'totals':
			return `${body.totals.dimension.label.toLowerCase()} ranked by ${body.totals.operation === 'sum' ? 'total' : 'average'}, ${body.totals.direction} first`;
		case 'changes':
			return `${body.changes.dimension.label.toLowerCase()} ranked by change, ${body.changes.order === 'largest' ? 'highest' : 'lowest'} first`;
		default:
			return body.kind;
	}
}

/** A menu value that asks this question of this dataset alone, within Discord's 100 characters. */
function routeTo(dataset: Dataset, question: string, answer: Answer): string {
	const routed = `@${dataset.id} ${question.trim()}`;
	if (routed.length <= MAX_QUERY) return routed;
	// Too long to carry: offer what the answer leads with instead of a cut-off question.
	const body = answer.body;
	const lead = body?.kind === 'figures' ? body.groups[0]?.primary : undefined;
	return lead
		? `figure:${dataset.id}/${lead.id}`
		: (answer.candidates[0]?.query ?? `source:${dataset.id}/${dataset.sources[0]?.id ?? ''}`);
}
