import { dimsKey, sliceKey } from '../data/integrity.js';
import { dimensionValue, valuePosition } from '../data/dimensionValues.js';
import { isCountUnit, isEventUnit, isPercentMetric, isPlaceMetric } from '../data/constraints.js';
import { childrenOf, depthOf, hasHierarchy } from '../data/hierarchy.js';
import type { Attribute, Dimension, Figure, Grain, Metric, Period } from '../data/types.js';
import { type Catalogue, MAX_SUGGESTIONS, latest } from './catalogue.js';
import { capitalize } from './labels.js';
import { plural } from '../model/plural.js';
import { ordinal } from '../model/ordinal.js';
import { groupBy } from '../model/groupBy.js';
import { type FigureGroup, MAX_BREAKDOWN_PARTS } from './answer.js';
import { compareDecimalText } from '../math/decimal.js';
import { QUALIFIER_RANK, mostExact, total } from './compute.js';
import { tokenize } from '../question/normalize.js';
import {
	type ChangeAsked,
	breakdownAnswer,
	changeRankingAnswer,
	childrenBreakdown,
	periodChangeAnswer,
	compareAnswer,
	namedParent,
	rankingAnswer,
	type Scope,
	type Select,
	shareAnswer,
} from './derivedAnswers.js';
import { type DimFilter, periodMatches } from './figureIndex.js';
import { type Outcome, ambiguous, answered, notFound } from './outcome.js';
import {
	ALL_TIME_WORDS,
	CHANGE_WORDS,
	FALL_WORDS,
	GRAIN_WORDS,
	ORDER_WORDS,
	PERIOD_WORDS,
	RISE_WORDS,
} from '../question/lexicon.js';
import { KIND_WORDS, type ParsedQuestion, type RelativeCondition, asksCount } from '../question/parseQuestion.js';
import { type PeriodQuery, coveredPeriods, periodDistance, periodLabel, periodsOf } from '../question/periods.js';
import { type Reading, type Signals, filterFor, readings } from './readings.js';
import { type RowCondition, type RowQuestion, conditionOf, measuredAgain, rowAnswer } from './rowAnswer.js';
import { totalsRankingAnswer } from './totalsRanking.js';
import type { Named, Operation, Query } from '../model/query.js';
import type { WrittenCondition } from '../question/conditions.js';

/** A measure of a place in an order: a final position, a rank, a place, a finish. */

/** Answers a question that names figures: a lookup, or a comparison, share or breakdown of them. */
export function figureAnswer(catalogue: Catalogue, parsed: ParsedQuestion, asked: Signals): Outcome {
	const read: Reading_ = { query: null, operation: null };
	const outcome = answerFigures(catalogue, parsed, asked, read);
	if (!read.query) return outcome;
	const query: Query = { ...read.query, operation: operationOf(outcome, read.operation) };
	const body = outcome.body;
	if (body?.kind === 'ranking') query.over = { kind: 'dimension', dimension: named(body.ranking.dimension) };
	if (body?.kind === 'totals') {
		const { dimension, operation, direction, from, to } = body.totals;
		Object.assign(query, {
			over: { kind: 'dimension', dimension: named(dimension) },
			total: operation,
			direction,
			periods: query.periods.length > 0 ? query.periods : [`${periodLabel(from)}–${periodLabel(to)}`],
		});
	}
	if (body?.kind === 'changes') {
		const { dimension, by, order, from, to } = body.changes;
		Object.assign(query, {
			over: { kind: 'dimension', dimension: named(dimension) },
			change: by,
			direction: order === 'largest' ? 'highest' : 'lowest',
			periods: [`${periodLabel(from)} → ${periodLabel(to)}`],
		});
	}
	if (body?.kind === 'breakdown') query.over = { kind: 'dimension', dimension: named(body.breakdown.dimension) };
	if (body?.kind === 'aggregate' && body.aggregate.over && !query.over)
		query.over = { kind: 'dimension', dimension: named(body.aggregate.over) };
	// The highest less the lowest: of one row's periods, or of rows differing by a name.
	if (query.operation === 'range' && body?.kind === 'comparison' && !query.over) {
		const [a, b] = [body.comparison.a.primary, body.comparison.b.primary];
		const differs = catalogue.dataset.dimensions.find((d) => a.dims[d.id] !== b.dims[d.id]);
		query.over = differs
			? { kind: 'dimension', dimension: named(differs) }
			: a.period.key !== b.period.key
				? { kind: 'periods' }
				: null;
	}
	return { ...outcome, query };
}

/** How far a question was read: the query without its operation, once a reading is chosen. */
interface Reading_ {
	query: Omit<Query, 'operation'> | null;
	operation: Operation | null;
}

/** What an answer did, for the query it answers: its kind, or the row operation that made it. */
function operationOf(outcome: Outcome, rowOperation: Operation | null): Operation {
	const body = outcome.body;
	if (rowOperation && rowOperation !== 'value') return rowOperation;
	switch (body?.kind) {
		case 'figures':
			return new Set(body.groups.map((g) => g.primary.period.key)).size > 1 ? 'series' : 'value';
		case 'comparison':
			return 'compare';
		case 'share':
			return 'share';
		case 'breakdown':
			return 'breakdown';
		case 'ranking':
		case 'changes':
		case 'totals':
			return 'rank';
		case 'sum':
			return 'sum';
		case 'aggregate':
			return body.aggregate.operation;
		case 'count':
			return 'count';
		case 'attributes':
			return 'attribute';
		case 'grouped':
			return 'group';
		default:
			return 'value';
	}
}

function answerFigures(catalogue: Catalogue, parsed: ParsedQuestion, asked: Signals, read: Reading_): Outcome {
	const { dataset, index } = catalogue;
	const notes: string[] = [];
	let signals = percentOfMeasure(partNamedIn(catalogue, parsed, asked), parsed);
	// "The most recent winnings": the latest period's, never the highest (below).
	if (recency(parsed))
		signals = {
			...signals,
			intents: new Set([...signals.intents].filter((i) => i !== 'highest' && i !== 'lowest')),
		};
	let periods: readonly PeriodQuery[] | null = parsed.periods.length > 0 ? parsed.periods : null;
	const filter = (
		reading: Reading,
		overrides: ReadonlyMap<Dimension, DimFilter>,
		ps: readonly PeriodQuery[] | null = null,
	) => filterFor(dataset, reading, signals, ps, overrides);

	// "total …", "how many poles did she win": with no total row, an amount is its rows added up.
	const asksAmount =
		(parsed.functionWords.some((w) => w.word === 'total') || countsAmount(parsed, signals)) &&
		!signals.intents.has('compare');
	const asksRows =
		signals.attributeNames.size === 0 &&
		(rowQuestionOf(parsed, signals, new Map()) !== null ||
			parsed.finished != null ||
			signals.intents.has('highest') ||
			signals.intents.has('lowest') ||
			asksAmount);
	// Readings that the data can answer at all (ignoring the period), best first.
	const viable: {
		reading: Reading;
		score: number;
		overrides: Map<Dimension, DimFilter>;
		figures: Figure[];
		/** The rows were taken because the data has no total for what the question leaves open. */
		noTotal: boolean;
	}[] = [];
	for (const { reading, score } of readings(signals.valueMentions)) {
		const overrides = new Map<Dimension, DimFilter>();
		for (const dimension of signals.breakdownDims)
			if (!reading.has(dimension)) overrides.set(dimension, { kind: 'set' });
		let figures = index.select(filter(reading, overrides));
		if (figures.length === 0) {
			// A category the sources never break this slice down by: answer the total and say so.
			for (const [dimension] of reading) {
				if (dimension.role !== null) continue;
				const anyValue = index.select(
					filter(reading, new Map([...overrides, [dimension, { kind: 'any' as const }]])),
				);
				if (anyValue.length > 0 && anyValue.every((f) => f.dims[dimension.id] === undefined))
					overrides.set(dimension, { kind: 'unset' });
			}
			// A place the question did not name, where the data has exactly one for the rest.
			for (const dimension of dataset.dimensions) {
				if (dimension.role === null || reading.has(dimension) || dimension.default === null) continue;
				const anyPlace = index.select(
					filter(reading, new Map([...overrides, [dimension, { kind: 'any' as const }]])),
				);
				const places = new Set(anyPlace.map((f) => f.dims[dimension.id]));
				if (places.size === 1) overrides.set(dimension, { kind: 'values', values: [...places] as string[] });
			}
			figures = index.select(filter(reading, overrides));
		}
		// A question about rows ("how many seasons …", "median gold") in a table without a total row:
		// the rows themselves.
		const noTotal = figures.length === 0 && asksRows;
		if (noTotal) {
			for (const [dimension, rowFilter] of rowsOf(catalogue, reading, signals.levels))
				if (!overrides.has(dimension)) overrides.set(dimension, rowFilter);
			figures = index.select(filter(reading, overrides));
		}
		// A parent value with no row of its own ("Africa") is still answerable: by its parts.
		const parent = figures.length === 0 ? namedParent(reading) : null;
		if (parent) {
			const children = { kind: 'values' as const, values: childrenOf(parent[0], parent[1]) };
			figures = index.select(filter(reading, new Map([...overrides, [parent[0], children]])));
		}
		if (figures.length > 0) viable.push({ reading, score, overrides, figures, noTotal });
	}
	viable.sort((a, b) => b.score - a.score);

	if (viable.length === 0) return closestInstead(catalogue, parsed, signals);
	// Readings that select the same figures are one reading ("russia to egypt" read with Russia as
	// the origin named or as the default origin): only readings that differ in what they answer count.
	const seen = new Set<string>();
	const top = viable.filter((v) => v.score === viable[0]!.score);
	const distinct =
		top.length === 1
			? top
			: top.filter((v) => {
					const key = v.figures.map((f) => f.id).join('\u0000');
					return !seen.has(key) && seen.add(key);
				});
	if (distinct.length > 1)
		return ambiguous(
			distinct.map((v) => catalogue.suggestionFor(latest(v.figures))),
			notes,
		);
	const { reading, overrides, noTotal } = distinct[0]!;
	for (const [dimension, filter] of overrides) {
		const asked = reading.get(dimension);
		const what = dimension.label.toLowerCase();
		if (filter.kind === 'unset' && asked) {
			notes.push(
				`The sources give no breakdown by ${what} for this, so this is the figure for all ${what} categories, not only ${asked.map((v) => v.label).join(' or ')}.`,
			);
		}
		if (filter.kind === 'values' && dimension.role !== null) {
			const value = dimensionValue(dimension, filter.values[0]);
			notes.push(`${dimension.label}: ${value?.label ?? filter.values[0]} (the only one the data has for this).`);
		}
	}
	// A word the reading does not use means the question is not what is answered: never an answer
	// that leaves it out.
	if (parsed.unknown.length > 0) {
		const unknown = parsed.unknown
			.slice(0, 5)
			.map((w) => `"${w}"`)
			.join(', ');
		return notFound(
			`I don't know ${unknown} here, so I have not answered without ${parsed.unknown.length === 1 ? 'it' : 'them'}.`,
			viable.slice(0, MAX_SUGGESTIONS).map((v) => catalogue.suggestionFor(latest(v.figures))),
			notes,
		);
	}

	// A number the question writes that is no period, rank, condition or name is not read: the
	// question is not answered as if it were not there.
	if ((parsed.numbers?.length ?? 0) > 0)
		return notFound(
			`I can't tell what the number "${parsed.numbers![0]}" stands for in this question, so I have not answered it without it.`,
			catalogue.overviewSuggestions(),
			notes,
		);

	// A dimension the question gives a value of is not broken down: "travellers" beside "Russian
	// nationals" is the word for visitors (a metric alias that is also the dimension's label).
	const breakdownDims = new Set([...signals.breakdownDims].filter((d) => !reading.has(d)));
	if (breakdownDims.size < signals.breakdownDims.size) signals = { ...signals, breakdownDims };
	const wantsBreakdown = signals.breakdownDims.size > 0 || signals.intents.has('breakdown');
	const select: Select = (ps, extra = new Map()) =>
		index.select(filter(reading, new Map([...overrides, ...extra]), ps));
	const rowConditions: RowCondition[] = [];
	// "parks established after 1990" in a table without periods: the years are a column's.
	const dated = [...signals.attributeNames].filter((a) => a.type !== 'text');
	if (periods !== null && dated.length === 1) {
		rowConditions.push({ ...datesAsCondition(periods), metric: null, attribute: dated[0]! });
		signals = { ...signals, attributeNames: new Set([...signals.attributeNames].filter((a) => a !== dated[0])) };
		periods = null;
	}
	// A condition on a measure of place ("in the top 3", "finished second"), its figures read with the
	// others'; what is measured is the other measure named.
	let placeMetric: Metric | null = null;
	const onPlace = (metric: Metric, comparator: 'le' | 'eq', value: number, text: string) => {
		const written = { comparator, value: String(value), upper: null, percent: false, text, start: 0, end: 0 };
		rowConditions.push({ written, metric });
		placeMetric = metric;
		signals = { ...signals, metrics: new Set([...signals.metrics, metric]) };
	};
	// The measure of place a phrase is on: the one named, else the data's one (of several, the one the
	// verb names: "finished" of finishing position, not starting); none or several left: not answered.
	const dataPlaces = dataset.metrics.filter(isPlaceMetric);
	const placeOf = (text: string, stem: string | null): Metric | Outcome => {
		let ofPlace = places.length > 0 ? places : dataPlaces;
		if (ofPlace.length > 1 && stem) {
			const named = ofPlace.filter((m) => [m.label, ...m.aliases].some((a) => a.toLowerCase().includes(stem)));
			if (named.length === 1) ofPlace = named;
		}
		if (ofPlace.length === 1) return ofPlace[0]!;
		return notFound(
			ofPlace.length === 0
				? `"${text}" is a place in an order, and the data has no measure of place.`
				: `"${text}" is a place in an order, and the data has several (${ofPlace.map((m) => m.label).join(', ')}): name one.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	};
	const withoutRanking = () => {
		signals = { ...signals, intents: new Set([...signals.intents].filter((i) => i !== 'highest')) };
	};
	// "the clubs in the top 3 positions": with a measure of place in an order (final position, rank)
	// named beside another measure, "top 3" is a condition on the place (at most 3), not a ranking.
	const places = [...signals.metrics].filter(isPlaceMetric);
	const others = [...signals.metrics].filter((m) => !places.includes(m));
	const placed = parsed.top !== null && places.length === 1 && others.length === 1 && signals.intents.has('highest');
	if (placed) {
		onPlace(places[0]!, 'le', parsed.top!, `in the top ${parsed.top}`);
		withoutRanking();
	}
	// "Which make had the most drivers in the top 10": "in the top N" is a condition on the data's one
	// measure of place (finishing position at most 10), never a ranking's length nor dropped.
	const topWord = parsed.mentions.find((m) => m.phrase === 'top');
	const inTop =
		!placed &&
		parsed.top !== null &&
		topWord !== undefined &&
		(parsed.functionWords.some((w) => w.at === topWord.position - 1 && w.word === 'in') ||
			(parsed.functionWords.some((w) => w.at === topWord.position - 1 && w.word === 'the') &&
				parsed.functionWords.some((w) => w.at === topWord.position - 2 && w.word === 'in')));
	// "How many goals did the top team score" of a table with one measure of place: the team placed
	// first (never the team with the most goals, a nearby question); with none or several, a ranking.
	const topRow =
		!placed &&
		!inTop &&
		parsed.top === null &&
		topWord !== undefined &&
		dataPlaces.length === 1 &&
		parsed.mentions.some(
			(m) => m.position === topWord.position + 1 && m.meanings.some((x) => x.kind === 'dimension'),
		) &&
		[...signals.metrics].some((m) => m !== dataPlaces[0]) &&
		// ("The top team by goals" is a ranking by them.)
		!parsed.functionWords.some((w) => w.word === 'by') &&
		!parsed.mentions.some(
			(m) =>
				m !== topWord &&
				m.meanings.some((x) => x.kind === 'intent' && (x.intent === 'highest' || x.intent === 'lowest')),
		);
	if (inTop || topRow) {
		const top = topRow ? 1 : parsed.top!;
		const place = placeOf(`in the top ${top}`, null);
		if (!('id' in place)) return place;
		onPlace(place, 'le', top, topRow ? 'first (the top)' : `in the top ${top}`);
		// The ranking word is spent on the condition; "the most drivers" still ranks.
		const ranks = parsed.mentions.some(
			(m) => m !== topWord && m.meanings.some((x) => x.kind === 'intent' && x.intent === 'highest'),
		);
		if (!ranks) withoutRanking();
		parsed = { ...parsed, top: null };
	}
	// "Which team finished first", "the score of the player who came in second place", "finished last"
	// (the row with the highest place, below).
	let finishedLast: Metric | null = null;
	if (parsed.finished && !placeMetric) {
		const verb = parsed.finished.text.split(' ')[0]!;
		const stem = ['finish', 'place', 'rank'].find((w) => verb.startsWith(w)) ?? verb;
		const place = placeOf(parsed.finished.text, stem);
		if (!('id' in place)) return place;
		if (parsed.finished.place === 0) finishedLast = place;
		else onPlace(place, 'eq', parsed.finished.place, parsed.finished.text);
	}
	if (periods && catalogue.hasSpans) periods = spanOfRange(select, periods, notes);
	if (periods?.some((p) => p.range === 'open')) periods = openRangeWithin(select(null), periods, notes);
	// "the last 5 years": the data's own latest periods, named.
	if (parsed.latestPeriods && periods === null) {
		const latest = periodsOf(select(null)).slice(-parsed.latestPeriods);
		if (latest.length > 0) {
			const text = `the last ${parsed.latestPeriods} periods (${periodLabel(latest[0]!)}–${periodLabel(latest.at(-1)!)})`;
			periods = latest.map((p) => ({ ...p, text: periodLabel(p), range: 'closed' as const, rangeText: text }));
			if (latest.length < parsed.latestPeriods)
				notes.push(`The data has ${latest.length} periods for this, not ${parsed.latestPeriods}.`);
		}
	}
	// "the total number of immigrants from Africa": where the data gives one period holding all the
	// others (1882–2013 beside 1882–1947 …), the total is that period's figure.
	// "Total", "in his career", "in all (the) years", "over every season": the data's whole time.
	const at = new Map(parsed.functionWords.map((w) => [w.at, w.word]));
	const allTime = parsed.functionWords.find(
		(w) =>
			w.word === 'total' ||
			ALL_TIME_WORDS.has(w.word) ||
			((w.word === 'all' || w.word === 'every') &&
				(PERIOD_WORDS.has(at.get(w.at + 1) ?? '') ||
					(at.get(w.at + 1) === 'the' && PERIOD_WORDS.has(at.get(w.at + 2) ?? '')))),
	);
	if (periods === null && allTime) {
		const whole = wholePeriod(select(null));
		if (whole) {
			periods = [{ ...whole, text: periodLabel(whole) }];
			notes.push(`"Total" read as the whole of ${periodLabel(whole)}, which holds every other period given.`);
		}
	}
	// "total wins of Steve Grissom", "the poles he won in his career": a count of what happened in
	// each period, over every period the data has for it, added up and said so (never one period's
	// figure with "total" dropped). A count of what there is (a population) is never added over time.
	if (periods === null && allTime && !parsed.latestPeriods && signals.metrics.size > 0) {
		const additive = [...signals.metrics].every((m) => isEventUnit(m.unit));
		const all = additive ? periodsOf(select(null)) : [];
		if (all.length > 1 && new Set(all.map((p) => p.grain)).size === 1) {
			const text = `all ${all.length} periods (${periodLabel(all[0]!)}–${periodLabel(all.at(-1)!)})`;
			periods = all.map((p) => ({ ...p, text: periodLabel(p), range: 'closed' as const, rangeText: text }));
			parsed = { ...parsed, latestPeriods: all.length };
		}
	}
	// "all teams": every row, whatever the column the rows are named by. "The most production during
	// the years of manufacture": a column of when each row's figures are of, after "during", says
	// what the figures cover; neither is a column asked for.
	const everyRow = parsed.mentions.filter((m) => {
		const before = parsed.functionWords.find(
			(w) =>
				w.at === m.position - 1 ||
				(w.at === m.position - 2 &&
					parsed.functionWords.some((t) => t.at === m.position - 1 && t.word === 'the')),
		);
		if (before === undefined) return false;
		return m.meanings.some(
			(x) =>
				x.kind === 'attributeName' &&
				(EVERY.has(before.word) ||
					(DURING.has(before.word) &&
						(x.attribute.type !== 'text' || tokenize(x.attribute.label).some((w) => PERIOD_WORDS.has(w))))),
		);
	});
	if (everyRow.length > 0)
		signals = {
			...signals,
			attributeNames: new Set(
				[...signals.attributeNames].filter(
					(a) =>
						!everyRow.some((m) => m.meanings.some((x) => x.kind === 'attributeName' && x.attribute === a)),
				),
			),
		};
	const selectBare: Scope['selectBare'] = (ps, extra = new Map()) =>
		index.selectBare(filter(reading, new Map([...overrides, ...extra]), ps));
	const anyValue = { ...signals, attributeValues: new Map() };
	const selectAnyValue: Select = (ps, extra = new Map()) =>
		index.select(filterFor(dataset, reading, anyValue, ps, new Map([...overrides, ...extra])));
	const scope: Scope = { catalogue, reading, select, selectBare, selectAnyValue, periods, signals, notes };
	// A row of a table picked by its place in it ("listed last", "listed after Cádiz"): its figures of
	// the measures named, or all of them, with the line said.
	const tableRow = (row: readonly Figure[], what: string, over: Query['over'], note: string): Outcome => {
		const asked = signals.metrics.size > 0 ? row.filter((f) => signals.metrics.has(f.metric)) : row;
		if (asked.length === 0)
			return notFound(`${what} gives no figure for this.`, catalogue.overviewSuggestions(), notes);
		read.query = queryOf(scope, parsed, []);
		read.query.over = over;
		notes.push(note);
		return answered({ kind: 'figures', groups: catalogue.groupBySlice(asked, signals.sources) }, notes);
	};
	// "Which nation is listed last": the last row of the data's table (its total row aside).
	if (parsed.listed) {
		const rows = select(periods, rowsOf(catalogue, reading, signals.levels)).filter((f) => f.row !== null);
		const files = new Set(rows.map((f) => f.row!.file));
		if (rows.length === 0 || files.size > 1)
			return notFound(
				rows.length === 0
					? 'These figures come from no table, so they are listed in no order.'
					: `These rows come from ${files.size} tables, so no one of them is listed ${parsed.listed}.`,
				catalogue.overviewSuggestions(),
				notes,
			);
		// (A loop, not Math.min(...lines): a table of a million rows would overflow the stack.)
		let line = rows[0]!.row!.line;
		for (const f of rows)
			line = parsed.listed === 'first' ? Math.min(line, f.row!.line) : Math.max(line, f.row!.line);
		const file = [...files][0]!;
		read.operation = parsed.listed;
		return tableRow(
			rows.filter((f) => f.row!.line === line),
			`The row listed ${parsed.listed}`,
			{ kind: 'table', file },
			`The row listed ${parsed.listed} in ${file} (line ${line}), its total row aside.`,
		);
	}
	// "Which province is listed after Cádiz": the row next to the named one in its table.
	if (parsed.listedNext) {
		const named = [...reading].filter(([, values]) => values.length === 1);
		if (named.length !== 1)
			return notFound(
				`"Listed ${parsed.listedNext}" needs one row named to start from.`,
				catalogue.overviewSuggestions(),
				notes,
			);
		const [dimension] = named[0]!;
		const from = named[0]![1][0]!;
		const others = new Map(reading);
		others.delete(dimension);
		const rows = index
			.select(filterFor(dataset, others, signals, periods, rowsOf(catalogue, others, signals.levels)))
			.filter((f) => f.row !== null);
		const start = rows.find((f) => f.dims[dimension.id] === from.id);
		if (!start)
			return notFound(`${from.label} is listed in no table here.`, catalogue.overviewSuggestions(), notes);
		const file = start.row!.file;
		const inFile = rows.filter((f) => f.row!.file === file);
		const lines = [...new Set(inFile.map((f) => f.row!.line))].sort((a, b) => a - b);
		const at = lines.indexOf(start.row!.line) + (parsed.listedNext === 'after' ? 1 : -1);
		if (at < 0 || at >= lines.length)
			return notFound(
				`${from.label} is listed ${parsed.listedNext === 'after' ? 'last' : 'first'}: no row is listed ${parsed.listedNext} it.`,
				catalogue.overviewSuggestions(),
				notes,
			);
		const answer = tableRow(
			inFile.filter((f) => f.row!.line === lines[at]),
			`The row listed ${parsed.listedNext} ${from.label}`,
			{ kind: 'table', file, next: { direction: parsed.listedNext, of: from.label } },
			`The row listed ${parsed.listedNext} ${from.label} in ${file} (line ${lines[at]}).`,
		);
		// (The row named is where to start, not a row answered.)
		if (read.query) read.query.rows = read.query.rows.filter((r) => r.dimension.id !== dimension.id);
		return answer;
	}
	// "Which team finished last": the row with the highest place.
	if (finishedLast) {
		read.query = queryOf(scope, parsed, rowConditions);
		read.operation = 'which';
		read.query.direction = 'highest';
		read.query.metrics = [named(finishedLast)];
		const question: RowQuestion = {
			metric: finishedLast,
			conditions: rowConditions,
			direction: 'highest',
			overPeriods: false,
			operation: 'which',
			statedRows: null,
			nth: null,
			grain: null,
		};
		return rowAnswer(scope, question, rowsOf(catalogue, reading, signals.levels));
	}
	if (parsed.relative) {
		const compared = relativeCondition(scope, parsed.relative);
		if (!('written' in compared)) return compared;
		rowConditions.push(compared);
	}
	// "How many seasons did the teams score above 40 points": periods counted under a condition; a
	// column named with no value of it is who the rows are, not a column asked for.
	if (
		signals.attributeNames.size > 0 &&
		rowConditions.length + parsed.conditions.length > 0 &&
		countsPeriods(parsed, signals)
	) {
		signals = { ...signals, attributeNames: new Set() };
		scope.signals = signals;
	}
	// "how many teams came 3rd": a column's distinct values counted.
	const countedColumn = countedAttribute(catalogue, parsed, signals);
	let rowQuestion =
		signals.attributeNames.size > 0 && !parsed.countOf && !countedColumn
			? null
			: rowQuestionOf(parsed, signals, reading, rowConditions, countedColumn);
	// "the total population in 2002", "how many poles did Conor Daly win" of a table with no total
	// row for it: its rows, added up.
	if (!rowQuestion && !multiValueOf(reading) && signals.attributeNames.size === 0 && asksAmount && noTotal)
		rowQuestion = rowQuestionOf(parsed, signals, reading, rowConditions, null, true);
	// (What is measured beside a place condition is the other measure named.)
	if (placeMetric && rowQuestion && !rowQuestion.metric) {
		const other = [...signals.metrics].filter((m) => m !== placeMetric);
		if (other.length === 1) rowQuestion = { ...rowQuestion, metric: other[0]! };
	}
	// "How many counties did McCain win" where every county has McCain's figures: the name picks no
	// counties, and who won each (the highest of the values named beside) is not read: not answered,
	// never every county counted as if "win" were not asked.
	const countOf = parsed.countOf;
	const outcome = parsed.functionWords.find((w) => OUTCOME_VERBS.has(w.word));
	const rivals = [...reading.keys()].filter((d) => d !== countOf && d.default === null);
	if (
		countOf &&
		outcome &&
		rivals.length > 0 &&
		(!rowQuestion || (rowQuestion.operation === 'count' && rowQuestion.conditions.length === 0))
	) {
		const valuesOf = (r: Reading, extra: [Dimension, DimFilter][] = []) =>
			new Set(
				index
					.select(
						filterFor(
							dataset,
							r,
							signals,
							periods,
							new Map([[countOf, rowsOfLevel(countOf, signals.levels)], ...extra]),
						),
					)
					.map((f) => f.dims[countOf.id]),
			).size;
		// (Without the name: rows of any of its rivals, or of none.)
		const without = new Map([...reading].filter(([d]) => !rivals.includes(d)));
		const anyRival = rivals.map((d): [Dimension, DimFilter] => [d, { kind: 'set' }]);
		if (valuesOf(reading) === Math.max(valuesOf(without), valuesOf(without, anyRival)))
			return notFound(
				`Every ${countOf.label.toLowerCase()} has figures for ${rivals
					.map((d) =>
						reading
							.get(d)!
							.map((v) => v.label)
							.join(' or '),
					)
					.join(
						', ',
					)}, so which ones were won or lost ("${outcome.word}") cannot be read from which have rows, and I do not yet compare each one's figures to find that.`,
				catalogue.overviewSuggestions(),
				notes,
			);
	}
	// "His winnings in his first season": the data's first (or last) period, named; "what was the first
	// year …" with nothing that picks it is not answered with another year's figure.
	const edge =
		edgePeriodAsked(parsed) ??
		(recency(parsed) ? { word: 'last' as const, text: 'most recent', asked: false } : null);
	const byOrder = rowQuestion?.overPeriods && (rowQuestion.operation === 'first' || rowQuestion.operation === 'last');
	if (edge && !byOrder) {
		if (edge.asked)
			return notFound(
				`I can't tell what makes a period the ${edge.word} one here: name a condition ("the ${edge.word} year with more than 10 …").`,
				catalogue.overviewSuggestions(),
				notes,
			);
		if (periods === null) {
			const all = periodsOf(select(null));
			const end = edge.word === 'first' ? all[0] : all.at(-1);
			if (end) {
				periods = [{ ...end, text: periodLabel(end) }];
				scope.periods = periods;
				notes.push(`"${edge.text}" read as ${periodLabel(end)}, the data's ${edge.word} period for this.`);
			}
		}
	}
	// "Belgium, France and Turkey combined" adds the rows named, as "all clubs" adds every row.
	read.query = queryOf(scope, parsed, rowQuestion?.conditions ?? parsed.conditions);
	if (countedColumn) read.query.columns = [{ id: countedColumn.id, label: countedColumn.label }];
	// (The place is a condition, not a measure read.)
	if (placeMetric && rowQuestion) read.query.metrics = read.query.metrics.filter((m) => m.id !== placeMetric!.id);
	// A measure named only to pick rows ("clubs with more than 20 wins") is in the conditions, not measured.
	const measuredOne = rowQuestion?.metric;
	if (measuredOne && read.query.metrics.length > 1)
		read.query.metrics = read.query.metrics.filter(
			(m) => m.id === measuredOne.id || !read.query!.conditions.some((c) => c.metric?.id === m.id),
		);
	// "Which disaster killed the most in the 2000s", "… in total", "… on average": the values ranked by
	// their figures over the periods, added up or averaged, never by one period's.
	const totalled = totalsAsked(parsed, signals, periods, rowConditions);
	if (totalled) {
		const totals = totalsRankingAnswer(
			scope,
			totalled.operation,
			totalled.direction,
			parsed.top,
			grainNamed(parsed),
		);
		if (totals) return totals;
	}
	// "Which year did earthquake deaths rise the most": the period of the largest change from the one
	// before it, never the period of the highest level.
	const periodMoved =
		rowQuestion?.operation === 'which' && rowQuestion.overPeriods && rowQuestion.conditions.length === 0
			? changeAsked(parsed, rowQuestion.direction)
			: null;
	if (rowQuestion && periodMoved) {
		read.operation = 'which';
		read.query.over = { kind: 'periods' };
		read.query.direction = periodMoved.order === 'largest' ? 'highest' : 'lowest';
		read.query.change = periodMoved.by;
		const only = dataset.metrics.length === 1 ? dataset.metrics[0]! : null;
		return periodChangeAnswer(
			scope,
			rowsOf(catalogue, reading, signals.levels),
			rowQuestion.metric ?? only,
			periodMoved,
		);
	}
	// "How many times was his average start below 20" where no measure is an average start: rows are
	// counted by their own figures, never by an average of them ("average" would be dropped).
	if (
		rowQuestion &&
		(rowQuestion.operation === 'count' || rowQuestion.operation === 'list') &&
		(signals.intents.has('average') || signals.intents.has('median'))
	)
		return notFound(
			`I can count or list rows by their own figures, but not by an ${signals.intents.has('average') ? 'average' : 'median'} worked out of them: the data has no measure called that.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	// "the year with the largest percentage of Hungarians" where no measure is that percentage: rows
	// are counted, added or picked by their own figures, never by a share worked out of them.
	if (rowQuestion && signals.intents.has('share') && rowQuestion.statedRows == null)
		return notFound(
			`I can work out one figure's share of a total, but not yet count, add, average or pick rows by shares worked out of their figures.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	if (rowQuestion) {
		read.operation = rowQuestion.operation === 'list' ? null : rowQuestion.operation;
		read.query.over = rowQuestion.overPeriods ? { kind: 'periods' } : read.query.over;
		read.query.direction = rowQuestion.direction;
		// Rows counted, listed or ranked within a group are its parts; its total, average or median is
		// its own row's (a rate's average is the group's own rate, not a mean of its parts' rates).
		const parts = ['count', 'list', 'which'].includes(rowQuestion.operation) ? groupsAsParts(reading) : [];
		return rowAnswer(scope, rowQuestion, new Map([...rowsOf(catalogue, reading, signals.levels), ...parts]));
	}
	// "How many constituencies did the BJP win": the values of a dimension with rows under the filters.
	if (parsed.countOf) {
		return countAnswer(scope, parsed.countOf);
	}
	const direction = signals.intents.has('lowest') ? 'lowest' : signals.intents.has('highest') ? 'highest' : null;
	// A descriptive column asked for ("which league", "what fuel"): its value for the rows named.
	if (signals.attributeNames.size > 0) {
		const asked = [...signals.attributeNames];
		const names = asked.map((a) => a.label.toLowerCase()).join(' and ');
		if (parsed.conditions.length > 0)
			return notFound(
				`I can give a row's ${names}, but not yet for the rows picked by "${parsed.conditions[0]!.written.text}".`,
				catalogue.overviewSuggestions(),
				notes,
			);
		// "How many …" is answered by a count or a figure, never by a list of a column's values.
		const howMany = parsed.functionWords.some(({ word, at }) =>
			asksCount(word, parsed.functionWords.find((w) => w.at === at + 1)?.word ?? ''),
		);
		if (howMany && signals.metrics.size === 0)
			return notFound(
				`I can't tell what to count: the question names ${names}, a column, but no rows or measure to count by it.`,
				catalogue.overviewSuggestions(),
				notes,
			);
		// "when did the last episode air", "the date of the first game": the row first or last by the
		// column of dates asked, and that date.
		const order =
			parsed.functionWords.find((w) => w.word === 'first' || w.word === 'last')?.word ??
			parsed.mentions.map((m) => ORDER_WORDS[m.phrase]).find((o) => o !== undefined);
		const dated = asked.filter((a) => a.type === 'date');
		if (order && dated.length === 1 && signals.metrics.size === 0) {
			read.operation = order as 'first' | 'last';
			return rowByDate(scope, dated[0]!, order as 'first' | 'last', asked);
		}
		// "which party had the most candidates win": the column named after "which" groups the rows.
		// ("which zone has the most nations": the dimension named is what the rows are.)
		const grouping = direction !== null ? whichColumn(parsed, asked) : null;
		if (grouping && signals.metrics.size === 0) return groupedAnswer(scope, grouping, direction);
		if (signals.metrics.size === 0 && signals.breakdownDims.size === 0 && !signals.intents.has('share'))
			return attributeAnswer(scope, asked);
		// "Which winner had the most votes": a column that names each row (nearly every row its own
		// value) ranks the rows, each shown with it. A column rows share (a region) would rank groups:
		// not yet.
		if (direction !== null && signals.metrics.size > 0) {
			const rows = select(periods, rowsOf(catalogue, reading, signals.levels));
			const namesRows = asked.every((a) => {
				const named = rows.filter((f) => f.attrs[a.id] !== undefined);
				const values = new Set(named.map((f) => f.attrs[a.id]));
				// Nearly one value per row (a winner may win two seats): a name, not a group.
				return named.length > 0 && values.size >= 0.9 * named.length;
			});
			if (namesRows) {
				const ranking = rankingAnswer(scope, direction, parsed.top);
				if (ranking?.body?.kind === 'ranking') ranking.body.ranking.labels = asked;
				if (ranking) return ranking;
			}
		}
		// "Which film grossed the most", "which party had the most winners": a column rows share, its
		// values ranked by their rows' sum (a count or an amount), or by how many rows they have.
		if (direction !== null && asked.length === 1 && signals.breakdownDims.size === 0)
			return groupedAnswer(scope, asked[0]!, direction);
		const ranksOrCompares =
			direction !== null ||
			signals.intents.has('compare') ||
			signals.intents.has('share') ||
			(periods?.length ?? 0) > 1;
		if (asked.length === 1 && signals.breakdownDims.size === 0 && !ranksOrCompares)
			return groupedAnswer(scope, asked[0]!);
		return notFound(
			`I can give a row's ${names}, filter by one of its values or group one measure by it, but not rank or compare figures by ${names} yet.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	}
	// "Which disaster's deaths rose the most from 2009 to 2010": ranked by the change, not the level.
	const moved = changeAsked(parsed, direction);
	if (moved) {
		const changes = changeRankingAnswer(scope, { ...moved, top: parsed.top });
		if (changes) return changes;
		return notFound(
			'I can rank the values of a breakdown by their change between two periods, but the data has no such values for this.',
			catalogue.overviewSuggestions(),
			notes,
		);
	}
	// "Which disaster killed the most compared to 2009": a ranking and a comparison at once is neither.
	const compared = parsed.mentions.find((m) =>
		m.meanings.some((x) => x.kind === 'intent' && x.intent === 'compare' && EXPLICIT_COMPARE.has(m.phrase)),
	);
	if (direction !== null && compared && signals.breakdownDims.size > 0)
		return notFound(
			`I can rank values for one period, or compare two figures, but not both in one question ("${compared.phrase}" beside "${direction === 'highest' ? 'most' : 'least'}"): ask "which … the most in 2010", "which … rose the most from 2009 to 2010" or "compare … 2009 and 2010".`,
			catalogue.overviewSuggestions(),
			notes,
		);
	if (signals.intents.has('share')) return shareAnswer(scope);
	if (signals.intents.has('sum') && periods !== null && periods.length > 1) return sumAnswer(scope, periods);
	// A ranking needs a dimension to rank; "the most recent figure" has none, and is a lookup.
	// (For a place, the ranking as far as a reply can hold, so that values tied at it all come.)
	const ranking = direction ? rankingAnswer(scope, direction, parsed.nth ? MAX_BREAKDOWN_PARTS : parsed.top) : null;
	if (ranking && parsed.nth && ranking.body?.kind === 'ranking') {
		read.operation = 'rank';
		read.query!.over = { kind: 'dimension', dimension: named(ranking.body.ranking.dimension) };
		return nthOf(ranking, parsed.nth, direction!);
	}
	if (ranking) return ranking;
	// "What driver earned the least" where the data has one driver: nothing to rank, said so (never
	// the driver's figures, as if "least" had not been asked).
	if (direction !== null && signals.breakdownDims.size > 0) {
		const alone = onlyValue(scope, [...signals.breakdownDims]);
		if (alone)
			return notFound(
				`The data has one ${alone.dimension.label.toLowerCase()} for this (${alone.label}), so there is none to rank it against.`,
				catalogue.overviewSuggestions(),
				notes,
			);
	}
	const multiValueDim = [...reading].find(([, vs]) => vs.length > 1)?.[0];
	// "What was the highest average attendance" of one series: its highest figure over the periods,
	// with its period (never the series with "highest" dropped).
	if (direction !== null && !multiValueDim && !signals.intents.has('compare')) {
		const metric =
			signals.metrics.size === 1
				? [...signals.metrics][0]!
				: signals.metrics.size === 0 && dataset.metrics.length === 1
					? dataset.metrics[0]!
					: null;
		if (!metric)
			return notFound(
				`I can't tell which measure is ${direction === 'highest' ? 'highest' : 'lowest'} here: name one (the data has ${dataset.metrics.map((m) => m.label).join(', ')}).`,
				catalogue.overviewSuggestions(),
				notes,
			);
		read.operation = 'which';
		read.query!.over = { kind: 'periods' };
		read.query!.direction = direction;
		const question: RowQuestion = {
			metric,
			conditions: [],
			direction,
			overPeriods: true,
			operation: 'which',
			statedRows: null,
			nth: parsed.nth ?? null,
			grain: grainNamed(parsed),
		};
		return rowAnswer(scope, question, rowsOf(catalogue, reading, signals.levels));
	}
	// "How much did GDP grow between 1980 and 2005": the range's first and last periods with figures,
	// compared (never the series with "grow" dropped).
	if (
		signals.intents.has('compare') &&
		periods !== null &&
		periods.length > 2 &&
		!multiValueDim &&
		periods.every((p) => p.rangeText !== undefined)
	) {
		const within = periodsOf(select(periods));
		if (within.length >= 2) {
			const ends = [within[0]!, within.at(-1)!].map((p) => ({ ...p, text: periodLabel(p) }));
			notes.push(`Compared the first and last periods with figures in ${periods[0]!.rangeText}.`);
			return compareAnswer({ ...scope, periods: ends }, undefined);
		}
	}
	if (periods !== null && periods.length > 2 && !multiValueDim) return seriesAnswer(scope, periods);
	if (signals.intents.has('compare') || (periods !== null && periods.length > 1) || multiValueDim)
		return compareAnswer(scope, multiValueDim);
	if (wantsBreakdown) return breakdownAnswer(scope);

	let figures = select(periods);
	if (periods?.length === 1 && periods[0]!.grain === 'year' && figures.some((f) => f.period.grain === 'season')) {
		const read = yearOfSeasons(catalogue, figures, periods[0]!, notes);
		if (!Array.isArray(read)) return read;
		figures = read;
	}
	const parent = figures.length === 0 ? namedParent(reading) : null;
	if (parent) return childrenBreakdown(scope, parent[0], parent[1]);
	if (figures.length === 0) {
		const available = select(null);
		return (
			partsOf(catalogue, available, periods ?? [], signals, notes) ??
			periodNotFound(catalogue, available, periods ?? [], notes)
		);
	}
	const groups = catalogue.groupBySlice(figures, signals.sources);
	const added = partsAdded(catalogue, parsed, signals, groups, notes);
	if (added) {
		read.operation = 'sum';
		return added;
	}
	return answered({ kind: 'figures', groups }, notes);
}

/** "The most recent figure", "the most current": the latest, not the highest. */
function recency(parsed: ParsedQuestion): boolean {
	const words = new Map(parsed.functionWords.map((w) => [w.at, w.word]));
	return parsed.mentions.some(
		(m) =>
			m.meanings.some((x) => x.kind === 'intent' && (x.intent === 'highest' || x.intent === 'lowest')) &&
			RECENT.has(words.get(m.position + m.phrase.split(' ').length) ?? ''),
	);
}
const RECENT = new Set(['recent', 'current', 'latest', 'up']);

/**
 * "The deadliest year for floods", "the least deadly year", "the year with the most deaths": a period
 * word right after "most"/"least" (or after it and a word of the measure), or before "with the most",
 * asks for a period.
 */
function superlativePeriod(parsed: ParsedQuestion): boolean {
	const at = new Map(parsed.functionWords.map((w) => [w.at, w.word]));
	const measureAt = new Set(
		parsed.mentions.filter((m) => m.meanings.some((x) => x.kind === 'metric')).map((m) => m.position),
	);
	return parsed.mentions.some((m) => {
		if (!m.meanings.some((x) => x.kind === 'intent' && (x.intent === 'highest' || x.intent === 'lowest')))
			return false;
		const next = m.position + m.phrase.split(' ').length;
		// "the year with the most flood deaths": the period word before "with (the) most".
		const before = at.get(m.position - 1) === 'the' ? m.position - 2 : m.position - 1;
		return (
			PERIOD_WORDS.has(at.get(next) ?? '') ||
			(measureAt.has(next) && PERIOD_WORDS.has(at.get(next + 1) ?? '')) ||
			(at.get(before) === 'with' && PERIOD_WORDS.has(at.get(before - 1) ?? ''))
		);
	});
}

const REFERS_TO_PERIOD = new Set(['in', 'during', 'of', 'for', 'his', 'her', 'their', 'its']);

/**
 * "In his first season", "the last year": a period named by its place among the data's, and whether
 * the question asks for it ("what was the first year …", "when was the last season …").
 */
function edgePeriodAsked(parsed: ParsedQuestion): { word: 'first' | 'last'; text: string; asked: boolean } | null {
	const at = new Map(parsed.functionWords.map((w) => [w.at, w.word]));
	for (const { word, at: i } of parsed.functionWords) {
		if (word !== 'first' && word !== 'last') continue;
		const unit = at.get(i + 1) ?? '';
		if (!PERIOD_WORDS.has(unit)) continue;
		const before = [1, 2, 3].map((k) => at.get(i - k) ?? '');
		// "in (the) first year", "his last season": a period referred to, not asked for.
		const referred = REFERS_TO_PERIOD.has(before[0]!) || (before[0] === 'the' && REFERS_TO_PERIOD.has(before[1]!));
		const asked = !referred && before.some((w) => w === 'what' || w === 'which' || w === 'when');
		return { word, text: `${word} ${unit}`, asked };
	}
	return null;
}

/** The kind of period a question names ("per year", "quarterly"), if it names one. */
function grainNamed(parsed: ParsedQuestion): Grain | null {
	return parsed.functionWords.map((w) => GRAIN_WORDS.get(w.word)?.[0]).find((g) => g !== undefined) ?? null;
}

/** Words that ask for two things side by side: with "most" or "least", a question is both a ranking and a comparison. */
const EXPLICIT_COMPARE = new Set(['compare', 'compared', 'comparison', 'versus', 'vs', 'against']);

/**
 * A ranking of a dimension's values over several periods: "the most in the 2000s", "since 2000",
 * "between 2000 and 2009" (added up), "in total", "altogether" (added up over every period, where
 * none is asked), "on average" (averaged). Null for one period, a change ("rose the most"), a count
 * or a condition.
 */
function totalsAsked(
	parsed: ParsedQuestion,
	signals: Signals,
	periods: readonly PeriodQuery[] | null,
	conditions: readonly RowCondition[],
): { operation: 'sum' | 'average'; direction: 'highest' | 'lowest' } | null {
	const direction = signals.intents.has('lowest') ? 'lowest' : signals.intents.has('highest') ? 'highest' : null;
	if (
		direction === null ||
		signals.breakdownDims.size === 0 ||
		parsed.countOf ||
		conditions.length > 0 ||
		parsed.conditions.length > 0 ||
		changeAsked(parsed, direction) ||
		periods?.length === 1
	)
		return null;
	if (signals.intents.has('average')) return { operation: 'average', direction };
	const range = periods !== null && periods.length > 1 && periods.every((p) => p.rangeText !== undefined);
	const totalWord = signals.intents.has('sum') || parsed.functionWords.some((w) => w.word === 'total');
	return range || (periods === null && totalWord) ? { operation: 'sum', direction } : null;
}

/**
 * A ranking asked by a change ("rose the most", "the biggest drop", "the largest percentage
 * increase"): which end first, and whether in per cent. Null where no word of change goes with
 * "most" or "least" (a change word may be a measure's own name: "population change").
 */
function changeAsked(parsed: ParsedQuestion, direction: 'highest' | 'lowest' | null): Omit<ChangeAsked, 'top'> | null {
	if (direction === null) return null;
	const words = parsed.mentions
		.filter((m) => m.meanings.some((x) => x.kind === 'intent' && x.intent === 'compare'))
		.flatMap((m) => m.phrase.split(' '));
	if (!words.some((w) => CHANGE_WORDS.has(w))) return null;
	const falls = words.some((w) => FALL_WORDS.has(w)) && !words.some((w) => RISE_WORDS.has(w));
	const percent = parsed.mentions.some(
		(m) =>
			m.meanings.some((x) => x.kind === 'intent' && x.intent === 'share') &&
			/%|percent|per cent|percentage/.test(m.phrase),
	);
	// "Rose the most" and "fell the least" put the largest change first; "fell the most", "rose the least" the smallest.
	const order = (direction === 'highest') !== falls ? 'largest' : 'smallest';
	return { order, by: percent ? 'percent' : 'difference' };
}

/**
 * "the largest change in population (%)", "the percentage of Hungarians" where a measure named is in
 * per cent: the words are that measure's unit, not a share to work out.
 */
function percentOfMeasure(signals: Signals, parsed?: ParsedQuestion): Signals {
	// "The percentage change in GDP between 2000 and 2005", "percent increase": a change in per cent
	// (a comparison), never a share — where no measure named is in per cent.
	if (
		parsed &&
		signals.intents.has('share') &&
		signals.intents.has('compare') &&
		![...signals.metrics].some(isPercentMetric)
	) {
		const changeAt = new Set(
			parsed.mentions
				.filter((m) => m.meanings.some((x) => x.kind === 'intent' && x.intent === 'compare'))
				.filter((m) => CHANGE_WORDS.has(m.phrase.split(' ')[0]!))
				.map((m) => m.position),
		);
		const shares = parsed.mentions.filter((m) =>
			m.meanings.some((x) => x.kind === 'intent' && x.intent === 'share'),
		);
		if (
			shares.length > 0 &&
			shares.every((m) => /%|percent|percentage/.test(m.phrase) && changeAt.has(m.position + 1))
		)
			return { ...signals, intents: new Set([...signals.intents].filter((i) => i !== 'share')) };
	}
	if (!signals.intents.has('share') || signals.metrics.size === 0 || ![...signals.metrics].some(isPercentMetric))
		return signals;
	return { ...signals, intents: new Set([...signals.intents].filter((i) => i !== 'share')) };
}

/**
 * "winning golfers in the Masters", "medals at the Paralympics": a measure named with one of its
 * separate parts after "in" or "at" (the data shows the parts add up to it) is read as that part.
 * Two measures named side by side ("total medals and gold medals") stay two.
 */
function partNamedIn(catalogue: Catalogue, parsed: ParsedQuestion, signals: Signals): Signals {
	const metrics = [...signals.metrics];
	if (metrics.length !== 2) return signals;
	const at = new Map(parsed.functionWords.map((w) => [w.at, w.word]));
	for (const part of metrics) {
		if (catalogue.totalOfParts([part]) !== metrics.find((m) => m !== part)) continue;
		const mention = parsed.mentions.find((m) => m.meanings.some((x) => x.kind === 'metric' && x.metric === part));
		if (!mention) continue;
		const i = mention.position - 1;
		const before = at.get(i) === 'the' ? at.get(i - 1) : at.get(i);
		if (before === 'in' || before === 'at') return { ...signals, metrics: new Set([part]) };
	}
	return signals;
}

/**
 * "how many gold and silver medals did Germany win": one row's figures of measures that are separate
 * parts of one whole (Catalogue.totalOfParts), asked as a count or total, added up with each part
 * shown. Measures that may overlap are never added: their figures are given side by side.
 */
function partsAdded(
	catalogue: Catalogue,
	parsed: ParsedQuestion,
	signals: Signals,
	groups: readonly FigureGroup[],
	notes: string[],
): Outcome | null {
	const metrics = [...signals.metrics];
	if (metrics.length < 2 || signals.intents.has('compare')) return null;
	const at = new Map(parsed.functionWords.map((w) => [w.at, w.word]));
	const adds =
		signals.intents.has('sum') ||
		parsed.functionWords.some(({ word, at: i }) => word === 'total' || asksCount(word, at.get(i + 1)));
	const whole = adds ? catalogue.totalOfParts(metrics) : null;
	if (!whole) return null;
	// One row and period: each measure named once.
	const row = (g: FigureGroup) => `${dimsKey(g.primary)}\u0000${g.primary.period.key}`;
	if (
		groups.length !== metrics.length ||
		new Set(groups.map((g) => g.primary.metric)).size !== metrics.length ||
		new Set(groups.map(row)).size !== 1
	)
		return null;
	notes.push(
		`${capitalize(metrics.map((m) => m.label).join(' and '))} are separate parts of ${whole.label} (in every row the parts add up to it), so they are added.`,
	);
	return answered({ kind: 'sum', sum: { parts: [...groups], total: total(groups.map((g) => g.primary)) } }, notes);
}

/**
 * "how many years", "in how many seasons", "number of times": the question counts periods ("how
 * many years of life expectancy" asks for a measure counted in years).
 */
export function countsPeriods(parsed: ParsedQuestion, signals: Signals): boolean {
	const at = new Map(parsed.functionWords.map((w) => [w.at, w.word]));
	return parsed.functionWords.some(
		({ at: i }) =>
			asksCount(at.get(i) ?? '', at.get(i + 1) ?? '') &&
			PERIOD_WORDS.has(at.get(i + 2) ?? '') &&
			![...signals.metrics].some((m) => plural(m.unit.toLowerCase()) === plural(at.get(i + 2)!)),
	);
}

/** "how many poles", "number of medals": a count asked of one measure that is itself a count. */
function countsAmount(parsed: ParsedQuestion, signals: Signals): boolean {
	const metric = signals.metrics.size === 1 ? [...signals.metrics][0]! : null;
	if (!metric || !isCountUnit(metric.unit)) return false;
	const at = new Map(parsed.functionWords.map((w) => [w.at, w.word]));
	return parsed.functionWords.some(({ at: i }) => asksCount(at.get(i) ?? '', at.get(i + 1) ?? ''));
}

const multiValueOf = (reading: Reading) => [...reading].find(([, vs]) => vs.length > 1)?.[0];

/**
 * What a question does with rows, when it does something with them: counts them ("how many
 * seasons …", "how many clubs … over 15,000"), adds ("total … of all", "combined") or averages a
 * measure over them, picks the period with the most or the least ("which year had the most"), the
 * first or last period meeting a condition, or lists the rows meeting one. Null for a lookup,
 * comparison, share, breakdown or ranking of named values.
 */
function rowQuestionOf(
	parsed: ParsedQuestion,
	signals: Signals,
	reading: Reading,
	more: readonly RowCondition[] = [],
	distinct: Attribute | null = null,
	addsRows = false,
): RowQuestion | null {
	const words = parsed.functionWords.map((w) => w.word);
	const at = new Map(parsed.functionWords.map((w) => [w.at, w.word]));
	const metric = signals.metrics.size === 1 ? [...signals.metrics][0]! : null;
	const conditions = [...parsed.conditions, ...more];
	if (distinct) return { metric, conditions, direction: null, overPeriods: false, operation: 'count', distinct };
	// "how many times was it at least 800,000": periods counted ("how many times more" is a ratio).
	const timesCounted =
		conditions.length > 0 &&
		parsed.mentions.some(
			(m) =>
				m.phrase === 'how many times' ||
				(m.phrase === 'times' && asksCount(at.get(m.position - 2) ?? '', at.get(m.position - 1) ?? '')),
		);
	const direction: RowQuestion['direction'] = signals.intents.has('lowest')
		? 'lowest'
		: signals.intents.has('highest')
			? 'highest'
			: null;
	const base = {
		metric,
		conditions,
		direction,
		overPeriods: false,
		statedRows: parsed.statedRows ?? null,
		nth: parsed.nth ?? null,
		grain: grainNamed(parsed),
	};
	if (countsPeriods(parsed, signals) || timesCounted) return { ...base, operation: 'count', overPeriods: true };
	if (parsed.countOf)
		return conditions.length > 0 || signals.attributeValues.size > 0 ? { ...base, operation: 'count' } : null;
	// "number of candidates elected after 2000", "how many tourists 2019 to 2021": a count over a range
	// of periods, in all.
	const countsMeasure = parsed.functionWords.some(({ at: i }) => asksCount(at.get(i) ?? '', at.get(i + 1) ?? ''));
	if (
		countsMeasure &&
		metric !== null &&
		isCountUnit(metric.unit) &&
		((parsed.periods.length > 1 && parsed.periods.every((p) => p.rangeText !== undefined)) ||
			(parsed.latestPeriods ?? 0) > 1) &&
		!signals.intents.has('compare')
	)
		return { ...base, operation: 'sum', overPeriods: true };
	// "how many gold medals were won by all nations": a count of a measure over every row, added up.
	if (
		countsMeasure &&
		metric !== null &&
		isCountUnit(metric.unit) &&
		(words.includes('all') || words.includes('every')) &&
		!signals.intents.has('compare')
	)
		return { ...base, operation: 'sum' };
	const asksPeriod =
		words.includes('when') ||
		parsed.functionWords.some(
			({ word, at: i }) => (word === 'which' || word === 'what') && PERIOD_WORDS.has(at.get(i + 1) ?? ''),
		) ||
		superlativePeriod(parsed);
	const firstOrLast = parsed.functionWords.find(
		({ word, at: i }) =>
			(word === 'first' || word === 'last') && (PERIOD_WORDS.has(at.get(i + 1) ?? '') || asksPeriod),
	);
	if (firstOrLast && (conditions.length > 0 || asksPeriod))
		return { ...base, operation: firstOrLast.word as 'first' | 'last', overPeriods: true };
	// "the difference between his greatest winnings and his least": the highest less the lowest.
	if (
		signals.intents.has('compare') &&
		signals.intents.has('highest') &&
		signals.intents.has('lowest') &&
		!multiValueOf(reading) &&
		parsed.periods.length !== 2
	)
		return { ...base, operation: 'range' };
	if (signals.intents.has('average')) return { ...base, operation: 'average' };
	if (signals.intents.has('median')) return { ...base, operation: 'median' };
	if (asksPeriod && direction !== null) return { ...base, operation: 'which', overPeriods: true };
	// "the difference in total medals", "the difference in total between …": a comparison, never a sum.
	const total = (words.includes('total') || signals.intents.has('sum')) && !signals.intents.has('compare');
	if (addsRows && (total || countsAmount(parsed, signals))) return { ...base, operation: 'sum' };
	// "2024 and 2025 combined": the periods named, added up by the sum of periods (one source for all);
	// "total deaths before 1910": every period of the range, added up.
	const periodsAsked = parsed.periods.length + (parsed.latestPeriods ?? 0);
	if (total && periodsAsked > 1 && !multiValueOf(reading) && !words.includes('all'))
		return signals.intents.has('sum') ? null : { ...base, operation: 'sum', overPeriods: true };
	if (
		total &&
		(signals.intents.has('sum') || words.includes('all') || words.includes('every') || multiValueOf(reading))
	)
		return { ...base, operation: 'sum' };
	// "How many goals did the top team score": the measure named right after "how many", with the
	// conditions on another (the place), is an amount: the rows' figures added up.
	const afterMany = parsed.functionWords.flatMap(({ word, at: i }) =>
		word === 'many' ? parsed.mentions.filter((m) => m.position === i + 1).flatMap((m) => m.meanings) : [],
	);
	const amount = afterMany.find((x) => x.kind === 'metric');
	if (
		amount?.kind === 'metric' &&
		conditions.length > 0 &&
		conditions.every((c) => c.metric !== amount.metric) &&
		direction === null
	)
		return { ...base, metric: amount.metric, operation: 'sum' };
	// "how many aired in May": no thing or measure named, the rows meeting the conditions counted.
	if (conditions.length > 0 && countsMeasure && metric === null && direction === null)
		return { ...base, operation: 'count' };
	// "How many disasters killed more than 1,000 people" (a word of the measure for the rows): a number
	// is asked, so the rows meeting the condition are counted, never listed without a count.
	if (conditions.length > 0 && countsMeasure && direction === null) return { ...base, operation: 'count' };
	// "Total wins of the clubs in the top 3": the rows meeting the conditions, added up.
	// The measure added is the one named that no condition is on ("total points of clubs with more
	// than 20 wins": points), nor a measure of place read from "in the top 3"; a measure named both
	// to add and in a condition ("total wins and points of clubs with more than 20 wins") is added too.
	const onlyInCondition = (m: Metric) =>
		conditions.some((c) => c.metric === m) &&
		parsed.mentions.filter((x) => x.meanings.some((y) => y.kind === 'metric' && y.metric === m)).length <= 1;
	const added = [...signals.metrics].filter((m) => !isPlaceMetric(m) && !onlyInCondition(m));
	// (Two measures to add are asked back one at a time, never listed with "total" dropped.)
	if (conditions.length > 0 && total && added.length > 0 && direction === null)
		return { ...base, metric: added.length === 1 ? added[0]! : null, operation: 'sum' };
	// "Which club with more than 20 wins had the most points": ranked by the measure no condition is on.
	if (conditions.length > 0 && direction && added.length === 1)
		return { ...base, metric: added[0]!, operation: 'which' };
	if (conditions.length > 0) return direction ? { ...base, operation: 'which' } : { ...base, operation: 'list' };
	return null;
}

/**
 * "between 2006 and 2011", "from 2006 to 2011" where the data gives a figure over the span 2006–2011
 * (a change over it) and none for the years themselves: that span.
 */
function spanOfRange(select: Select, periods: readonly PeriodQuery[], notes: string[]): readonly PeriodQuery[] {
	const [first] = periods;
	const bounds = first?.bounds;
	// "since 1882" where the data's span holding all its other periods starts in 1882 (1882–2013): that
	// span, to the data's end, said so.
	if (bounds && bounds.from !== null && bounds.to === null && bounds.inclusive && first.range === 'open') {
		const whole = wholePeriod(select(null));
		if (whole && whole.year === bounds.from && select(periods).length === 0) {
			notes.push(
				`"${first.rangeText}" read as ${periodLabel(whole)}, the data's whole span from ${bounds.from}.`,
			);
			return [{ ...whole, text: periodLabel(whole) }];
		}
	}
	if (
		!bounds ||
		bounds.from === null ||
		bounds.to === null ||
		periods.length < 2 ||
		!periods.every((p) => p.grain === 'year' && p.range === 'closed' && p.rangeText === first.rangeText)
	)
		return periods;
	const span: PeriodQuery = {
		grain: 'span',
		year: bounds.from,
		endYear: bounds.to,
		quarter: null,
		month: null,
		day: null,
		text: `${bounds.from}–${bounds.to}`,
	};
	return select(periods).length === 0 && select([span]).length > 0 ? [span] : periods;
}

/** The one period of some figures that holds all the others (a span over the years given), if any. */
function wholePeriod(figures: readonly Figure[]): Period | null {
	const ps = periodsOf(figures);
	if (ps.length < 2) return null;
	const end = (p: Period) => p.endYear ?? p.year;
	const whole = ps.find((p) => ps.every((o) => o.year >= p.year && end(o) <= end(p)));
	return whole && whole.grain === 'span' ? whole : null;
}

const named = (x: { id: string; label: string }): Named => ({ id: x.id, label: x.label });

/** The query a reading makes: what is measured, which rows and periods, under which conditions. */
function queryOf(scope: Scope, parsed: ParsedQuestion, conditions: readonly RowCondition[]): Omit<Query, 'operation'> {
	const { reading, periods, signals } = scope;
	const seen = new Set<string>();
	const written = (periods ?? []).flatMap((p) => {
		const text = p.rangeText ?? p.text;
		return seen.has(text) ? [] : (seen.add(text), [text]);
	});
	return {
		// No measure named where the data has one: that one.
		metrics: (signals.metrics.size === 0 && scope.catalogue.dataset.metrics.length === 1
			? scope.catalogue.dataset.metrics
			: [...signals.metrics]
		).map(named),
		rows: [...reading].map(([dimension, values]) => ({ dimension: named(dimension), values: values.map(named) })),
		attributes: [...signals.attributeValues].map(([attribute, values]) => ({
			attribute: named(attribute),
			values: values.map((v) => v.label),
		})),
		periods: written,
		conditions: conditions.map(conditionOf),
		over: parsed.countOf ? { kind: 'dimension', dimension: named(parsed.countOf) } : null,
		direction: signals.intents.has('lowest') ? 'lowest' : signals.intents.has('highest') ? 'highest' : null,
		n: parsed.top,
		place: parsed.nth ?? null,
		columns: [...signals.attributeNames].map(named),
	};
}

/** The column a question asks "which" of ("which party …"): named right after "which" or "what". */
function whichColumn(parsed: ParsedQuestion, asked: readonly Attribute[]): Attribute | null {
	if (asked.length === 1) return asked[0]!;
	for (const w of parsed.functionWords) {
		if (w.word !== 'which' && w.word !== 'what') continue;
		const next = parsed.mentions.find((m) => m.position === w.at + 1);
		const meaning = next?.meanings.find((x) => x.kind === 'attributeName' && asked.includes(x.attribute));
		if (meaning?.kind === 'attributeName') return meaning.attribute;
	}
	return null;
}

/** Units of amounts that add up across rows though they are no count: money, areas. */
const ADDITIVE_AMOUNT =
	/^(usd|eur|gbp|dollars?|euros?|pounds?|\$|£|€|km²|square (kilomet|mil)\w*|hectares?|acres?|tonnes?|tons?)$/i;

/**
 * "The second highest": the items of a ranking at that place (several when tied), each cited, and
 * the ranking's size said.
 */
function nthOf(ranking: Outcome, nth: number, direction: 'highest' | 'lowest'): Outcome {
	const body = ranking.body!;
	if (body.kind !== 'ranking') return ranking;
	const { items, of, dimension } = body.ranking;
	const at = items.filter((item) => item.rank === nth);
	if (at.length === 0)
		return notFound(
			items.length < nth
				? `Only ${items.length} ${dimension.label.toLowerCase()} values have figures here, so there is no ${ordinal(nth)} ${direction}.`
				: `No value is ${ordinal(nth)} ${direction}: values tied above it share a place (${items
						.slice(0, nth)
						.map((i) => `${i.rank}.`)
						.join(' ')}).`,
			[],
			ranking.notes,
		);
	// (The ranking was asked as far as a reply holds: its note on holding fewer is no news here.)
	const notes = ranking.notes.filter((n) => !/^The data has figures for .* here, not \d+\.$/.test(n));
	return answered({ kind: 'figures', groups: at.map((item) => item.group) }, [
		`The ${ordinal(nth)} ${direction} of ${of} ${dimension.label.toLowerCase()} values${at.length > 1 ? `; ${at.length} share that place` : ''}.`,
		...notes,
	]);
}

/** Words before a name of rows that mean every row: "all teams", "every season". */
const EVERY = new Set(['all', 'every', 'each']);
/** Verbs of an outcome among rivals: who won, lost or carried each row. */
const OUTCOME_VERBS = new Set(['win', 'won', 'wins', 'lose', 'lost', 'loses', 'carry', 'carried', 'lead', 'led']);
const DURING = new Set(['during', 'throughout', 'over']);

/**
 * Periods asked as a condition on a column of dates: "in May" on its month (any year), "in May 2012"
 * or "on 16 May 2011" on the whole date, years ("after 1990", "the 1990s") on its year.
 */
function datesAsCondition(periods: readonly PeriodQuery[]): Pick<RowCondition, 'written' | 'datePart'> {
	const [first] = periods;
	const text = first!.rangeText ?? periods.map((p) => p.text).join(', ');
	const base = { start: -1, end: -1, percent: false, text, upper: null };
	if (periods.length === 1 && !first!.bounds && first!.month !== null) {
		const { year, month, day } = first!;
		if (year === null) return { written: { ...base, comparator: 'eq', value: String(month) }, datePart: 'month' };
		const ymd = (d: number) => String(year * 10000 + month! * 100 + d);
		return day !== null
			? { written: { ...base, comparator: 'eq', value: ymd(day) }, datePart: 'day' }
			: { written: { ...base, comparator: 'between', value: ymd(1), upper: ymd(31) }, datePart: 'day' };
	}
	return { written: yearsAsCondition(periods), datePart: 'year' };
}

/** "after 1990", "the 1990s", "in 1990" as a condition on a year: between the first and last year asked. */
function yearsAsCondition(periods: readonly PeriodQuery[]): WrittenCondition {
	const years = periods.flatMap((p) => (p.year === null ? [] : [p.year]));
	let [first, last] = [Math.min(...years), Math.max(...years)];
	const bounds = periods[0]!.bounds;
	let comparator: WrittenCondition['comparator'] = first === last ? 'eq' : 'between';
	if (bounds && (bounds.from === null || bounds.to === null)) {
		const open = bounds.from === null ? 'to' : 'from';
		comparator = open === 'from' ? (bounds.inclusive ? 'ge' : 'gt') : bounds.inclusive ? 'le' : 'lt';
		first = last = (bounds.from ?? bounds.to)!;
	} else if (bounds) [first, last] = [bounds.from!, bounds.to!];
	return {
		comparator,
		value: String(first),
		upper: comparator === 'between' ? String(last) : null,
		text: periods[0]!.rangeText ?? periods.map((p) => p.text).join(', '),
		start: -1,
		end: -1,
		percent: false,
	};
}

/** "how many teams …": a descriptive column named right after "how many" / "number of", whose values are counted. */
function countedAttribute(catalogue: Catalogue, parsed: ParsedQuestion, signals: Signals): Attribute | null {
	const at = new Map(parsed.functionWords.map((w) => [w.at, w.word]));
	for (const m of parsed.mentions) {
		// "how many teams", "how many different series"
		let before = m.position - 1;
		const wordAt = (i: number) => at.get(i) ?? parsed.mentions.find((x) => x.position === i)?.phrase ?? '';
		while (before > 0 && KIND_WORDS.has(wordAt(before))) before--;
		if (!asksCount(at.get(before - 1) ?? '', at.get(before) ?? '')) continue;
		// The column's whole name or alias ("teams"), not one word of a longer one ("years" of "years manufactured").
		const meaning = catalogue.vocabulary.phrases.get(m.phrase)?.find((x) => x.kind === 'attributeName');
		if (meaning?.kind === 'attributeName' && signals.attributeNames.has(meaning.attribute))
			return meaning.attribute;
	}
	return null;
}

/**
 * "more bronze medals than Sweden": the named row's figure for the measure, in the period asked (else
 * the latest), as the number rows are compared with.
 */
function relativeCondition(scope: Scope, relative: RelativeCondition): RowCondition | Outcome {
	const { catalogue, select, periods, signals, notes } = scope;
	const metric =
		relative.metric ??
		(signals.metrics.size === 1 ? [...signals.metrics][0]! : null) ??
		(catalogue.dataset.metrics.length === 1 ? catalogue.dataset.metrics[0]! : null);
	const named = relative.mention.meanings.flatMap((x) => (x.kind === 'value' ? [x] : []));
	if (!metric || named.length !== 1)
		return notFound(`I can't tell which figure of ${relative.mention.phrase} to compare with.`, [], notes);
	const { dimension, value } = named[0]!;
	const figures = select(periods, new Map([[dimension, { kind: 'values', values: [value.id] }]])).filter(
		(f) => f.metric === metric,
	);
	const latestKey = periodsOf(figures).at(-1)?.key;
	const own = figures.filter((f) => f.period.key === latestKey);
	if (own.length === 0)
		return notFound(`The data has no ${metric.label.toLowerCase()} for ${value.label} to compare with.`, [], notes);
	const figure = mostExact(own);
	return {
		written: {
			comparator: relative.comparator,
			value: figure.value,
			upper: null,
			text: `${relative.comparator === 'gt' ? 'more than' : 'less than'} ${value.label} (${figure.value})`,
			start: -1,
			end: -1,
			percent: false,
		},
		metric,
	};
}

/** The rows a group shows of those it adds up or lists; the rest are counted. */
const MAX_GROUP_ROWS = 5;

/**
 * One measure grouped by a descriptive column ("medals by continent", "life expectancy by region"):
 * for the period asked (else the latest), the rows of each value of the column. A count is added up,
 * the sum labelled as the sum of the rows and its inputs shown; an average or a rate is never added,
 * each group lists its rows. Rows without the column are left out, and said.
 */
/** The values a count lists; the rest are counted. */
const MAX_COUNTED_SHOWN = 10;

/**
 * How many values of a dimension have rows under the question's filters, in the period asked (else
 * the latest): the number, and the first values, each cited by a row.
 */
function countAnswer(
	{ catalogue, reading, select, selectBare, periods, signals, notes }: Scope,
	dimension: Dimension,
): Outcome {
	const rows = rowsOf(catalogue, reading, signals.levels);
	rows.set(dimension, rowsOfLevel(dimension, signals.levels));
	const all = select(periods, rows);
	if (all.length === 0) return periodNotFound(catalogue, select(null), periods ?? [], notes);
	const latest = periodsOf(all).at(-1)!;
	// Rows with figures of no period (a park's area) beside dated ones (its visits in 2009) are
	// rows of no period: all counted; rows measured again each period (a census), in the latest.
	// So are rows each of their own period (a career's series, season by season).
	const undated =
		all.some((f) => f.period.grain === 'none') ||
		(periodsOf(all).length > 1 &&
			!measuredAgain(
				all,
				(f) => f.dims[dimension.id]!,
				(f) => f.period.key,
			));
	const inPeriod = periods === null && !undated ? all.filter((f) => f.period.key === latest.key) : all;
	const extra = [...notes];
	if (periods === null && !undated && periodsOf(all).length > 1)
		extra.push(
			`Counted for the latest period with figures, ${periodLabel(latest)}; ask for another ("in 2005") to count that.`,
		);
	// A level named ("how many countries" over regions and countries): its values only.
	const level = signals.levels.get(dimension);
	const counted =
		level === undefined ? inPeriod : inPeriod.filter((f) => depthOf(dimension, f.dims[dimension.id]!) === level);
	const byValue = [...groupBy(counted, (f) => f.dims[dimension.id]!)]
		.map(([id, figures]) => [valuePosition(dimension, id), mostExact(figures)] as const)
		.sort(([a], [b]) => a - b);
	// A row that gives no figure (a park listed without them) is a value counted all the same. (The
	// values counted are indexed only where there are such rows to tell apart from them.)
	const candidates = undated || periods !== null ? selectBare(periods, rows) : [];
	const seen = candidates.length > 0 ? new Set(counted.map((f) => f.dims[dimension.id])) : null;
	const bare = candidates.filter((r) => {
		const id = r.dims[dimension.id]!;
		const fresh = !seen!.has(id) && (level === undefined || depthOf(dimension, id) === level);
		return fresh && (seen!.add(id), true);
	});
	if (bare.length > 0)
		extra.push(
			`Counted with ${bare.length === 1 ? 'a row that gives' : `${bare.length} rows that give`} no figures: ${bare
				.slice(0, 3)
				.map(
					(r) =>
						`${dimensionValue(dimension, r.dims[dimension.id]!)?.label} (${r.row.file}, line ${r.row.line})`,
				)
				.join('; ')}${bare.length > 3 ? `, and ${bare.length - 3} more` : ''}.`,
		);
	return answered(
		{
			kind: 'count',
			count: {
				dimension,
				count: byValue.length + bare.length,
				shown: byValue.slice(0, MAX_COUNTED_SHOWN).map(([, figure]) => figure),
				period: undated ? null : periods === null || periods.length === 1 ? latest : null,
			},
		},
		extra,
	);
}

/** The rows of a table, not its totals: every dimension the question does not name is a row's own. */
/**
 * A group named where rows are counted, listed or ranked ("how many mainland areas …", "which
 * African country …"): its rows are the parts listed under it, not the group's own total row.
 */
function groupsAsParts(reading: Reading): Map<Dimension, DimFilter> {
	const parts = new Map<Dimension, DimFilter>();
	for (const [dimension, values] of reading) {
		const children = values.map((v) => childrenOf(dimension, v.id));
		if (children.length > 0 && children.every((c) => c.length > 0))
			parts.set(dimension, { kind: 'values', values: children.flat() });
	}
	return parts;
}

function rowsOf(
	catalogue: Catalogue,
	reading: Reading,
	levels: ReadonlyMap<Dimension, number> = new Map(),
): Map<Dimension, DimFilter> {
	const rows = new Map<Dimension, DimFilter>();
	for (const dimension of catalogue.dataset.dimensions)
		if (!reading.has(dimension) && dimension.default === null) rows.set(dimension, rowsOfLevel(dimension, levels));
	return rows;
}

/**
 * A dimension's rows, one level of them: where values have parents, those of the level a word names
 * ("how many regions"), else those under the top (council areas, not the mainland and the islands
 * they make up) — as rankings rank them. Rows of two levels counted or added up count twice.
 */
function rowsOfLevel(dimension: Dimension, levels: ReadonlyMap<Dimension, number>): DimFilter {
	if (!hasHierarchy(dimension)) return { kind: 'set' };
	const level = levels.get(dimension) ?? 1;
	const byLevel = LEVEL_VALUES.get(dimension) ?? LEVEL_VALUES.set(dimension, new Map()).get(dimension)!;
	const values =
		byLevel.get(level) ??
		byLevel
			.set(
				level,
				dimension.values.filter((v) => depthOf(dimension, v.id) === level).map((v) => v.id),
			)
			.get(level)!;
	return { kind: 'values', values };
}
/** A dimension's value ids by level, worked out once per dimension (a dataset's dimensions do not change). */
const LEVEL_VALUES = new WeakMap<Dimension, Map<number, string[]>>();

function groupedAnswer(
	{ catalogue, reading, select, periods, notes, signals }: Scope,
	attribute: Attribute,
	direction: 'highest' | 'lowest' | null = null,
): Outcome {
	const rows = rowsOf(catalogue, reading, signals.levels);
	let all = select(periods, rows);
	let metrics = new Set(all.map((f) => f.metric));
	// Ranked by how many rows each value has ("which party had the most candidates win"): one figure a row.
	const byRows = direction !== null && signals.metrics.size === 0;
	if (byRows) {
		const perRow = groupBy(all, (f) => `${dimsKey(f)}\u0000${f.period.key}`);
		all = [...perRow.values()].map(mostExact);
		metrics = new Set();
	}
	if (metrics.size > 1)
		return notFound(
			`Name one measure to group by ${attribute.label.toLowerCase()}: ${[...metrics].map((m) => m.label).join(', ')}.`,
			[],
			notes,
		);
	// Rows that are periods (a career by season): every period; else the period asked, or the latest.
	const latestKey = periodsOf(all).at(-1)?.key;
	const inPeriod = rows.size === 0 && periods === null ? all : all.filter((f) => f.period.key === latestKey);
	const withValue = inPeriod.filter((f) => f.attrs[attribute.id] !== undefined);
	if (withValue.length === 0)
		return notFound(
			`The data gives no ${attribute.label.toLowerCase()} for these rows.`,
			catalogue.overviewSuggestions(),
			notes,
		);
	const extra = [...notes];
	if (withValue.length < inPeriod.length)
		extra.push(
			`${inPeriod.length - withValue.length} rows give no ${attribute.label.toLowerCase()} and are left out.`,
		);
	const count = byRows || isCountUnit(withValue[0]!.metric.unit) || ADDITIVE_AMOUNT.test(withValue[0]!.metric.unit);
	if (!count && direction !== null)
		return notFound(
			`${withValue[0]!.metric.label} is not a count or an amount, so ${attribute.label.toLowerCase()} values are not ranked by adding their rows up.`,
			catalogue.overviewSuggestions(),
			extra,
		);
	if (!count)
		extra.push(`${withValue[0]!.metric.label} is not a count, so the rows of each group are listed, not added up.`);
	const byValue = [...groupBy(withValue, (f) => f.attrs[attribute.id]!)].map(([value, figures]) => ({
		value: attribute.type === 'text' ? (dimensionValue(attribute, value)?.label ?? value) : value,
		position: attribute.type === 'text' ? valuePosition(attribute, value) : 0,
		figures,
	}));
	byValue.sort((a, b) => a.position - b.position || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
	const groups = byValue.map(({ value, figures }) => ({
		value,
		sum: byRows ? { value: String(figures.length), bound: 'exact' as const } : count ? total(figures) : null,
		shown: figures.slice(0, MAX_GROUP_ROWS),
		of: figures.length,
	}));
	if (direction !== null) {
		const sign = direction === 'highest' ? -1 : 1;
		groups.sort((a, b) => sign * compareDecimalText(a.sum!.value, b.sum!.value));
	}
	return answered(
		{ kind: 'grouped', grouped: { attribute, groups, ...(direction ? { direction, byRows } : {}) } },
		extra,
	);
}

/** The most rows an answer about a descriptive column lists. */
const MAX_ATTRIBUTE_ROWS = 10;

/** What the descriptive columns asked for say for each row the question names, each row cited. */
function attributeAnswer({ catalogue, select, periods, signals, notes }: Scope, attributes: Attribute[]): Outcome {
	const figures = select(periods);
	if (figures.length === 0) return periodNotFound(catalogue, select(null), periods ?? [], notes);
	const items = onePerRow(figures).map((figure) => ({ figure, values: columnsOf(figure, attributes) }));
	if (items.every((item) => item.values.every((v) => v === null)))
		return notFound(
			`The data gives no ${attributes.map((a) => a.label.toLowerCase()).join(' or ')} for this.`,
			items.slice(0, MAX_SUGGESTIONS).map((i) => catalogue.suggestionFor(i.figure)),
			notes,
		);
	if (signals.sources.size > 0) notes.push('A row has one value for each column, whichever source is asked.');
	return answered(
		{ kind: 'attributes', attributes: { attributes, items: items.slice(0, MAX_ATTRIBUTE_ROWS), of: items.length } },
		notes,
	);
}

/** One figure per table row, the most exact, to cite the row by. */
const onePerRow = (figures: readonly Figure[]): Figure[] =>
	[...groupBy(figures, (f) => (f.row ? `${f.row.file}\u0000${f.row.line}` : f.id)).values()].map(mostExact);

/** A row's values of the columns asked: a text column's value by its label, others as written; null where empty. */
const columnsOf = (figure: Figure, attributes: readonly Attribute[]): (string | null)[] =>
	attributes.map((attribute) => {
		const written = figure.attrs[attribute.id];
		if (written === undefined) return null;
		return attribute.type === 'text' ? (dimensionValue(attribute, written)?.label ?? written) : written;
	});

/**
 * The row first or last by a column of dates (a date written in full, or a year), with the columns
 * asked: "when did the last episode air" → the last episode's air date. Rows on the same date are
 * given together; a row whose date cannot be read is left out, and said.
 */
function rowByDate(
	{ catalogue, reading, select, periods, notes, signals }: Scope,
	column: Attribute,
	which: 'first' | 'last',
	asked: Attribute[],
): Outcome {
	const figures = select(periods, rowsOf(catalogue, reading, signals.levels));
	const rows = onePerRow(figures);
	const key = (f: Figure) => {
		const written = f.attrs[column.id] ?? '';
		return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(written) ? written : null;
	};
	const dated = rows.filter((f) => key(f) !== null);
	if (dated.length === 0)
		return notFound(`The data gives no ${column.label.toLowerCase()} to order the rows by.`, [], notes);
	const sorted = [...dated].sort((a, b) => key(a)!.localeCompare(key(b)!));
	const end = which === 'first' ? key(sorted[0]!) : key(sorted.at(-1)!);
	const chosen = sorted.filter((f) => key(f) === end);
	const extra = [
		...notes,
		`The ${which} of ${dated.length} rows by ${column.label.toLowerCase()}${chosen.length > 1 ? `; ${chosen.length} share it` : ''}.`,
		...(dated.length < rows.length
			? [`${rows.length - dated.length} rows give no ${column.label.toLowerCase()} and are left out.`]
			: []),
	];
	const items = chosen.slice(0, MAX_ATTRIBUTE_ROWS).map((figure) => ({ figure, values: columnsOf(figure, asked) }));
	return answered(
		{ kind: 'attributes', attributes: { attributes: asked, items, of: chosen.length, byDate: column } },
		extra,
	);
}

/**
 * A year asked where the data has seasons ("in 2007", "the 2013 season"): the year's own figures
 * where there are any; else the one season it falls in, saying so; two seasons are asked back.
 */
function yearOfSeasons(
	catalogue: Catalogue,
	figures: Figure[],
	asked: PeriodQuery,
	notes: string[],
): Figure[] | Outcome {
	const own = figures.filter((f) => f.period.grain !== 'season');
	if (own.length > 0) return own;
	const seasons = periodsOf(figures);
	const labels = seasons.map((p) => periodLabel(p));
	if (seasons.length === 1) {
		notes.push(`Read ${asked.text} as the ${labels[0]} season.`);
		return figures;
	}
	return ambiguous(
		seasons.map((season) => catalogue.suggestionFor(latest(figures.filter((f) => f.period.key === season.key)))),
		[`${asked.text} falls in ${seasons.length} seasons, ${labels.join(' and ')}: which one?`, ...notes],
	);
}

/**
 * "since 2023": the range runs to this year, but the data may end earlier. The years after its
 * last figure are left out, and the answer says where the data ends; a year missing inside is kept,
 * so that it is named as missing.
 */
function openRangeWithin(
	available: readonly Figure[],
	periods: readonly PeriodQuery[],
	notes: string[],
): readonly PeriodQuery[] {
	let [first, last] = [Infinity, -Infinity];
	for (const f of available) [first, last] = [Math.min(first, f.period.year), Math.max(last, f.period.year)];
	const kept = periods.filter((p) => p.range !== 'open' || p.year === null || (p.year <= last && p.year >= first));
	const open = periods.find((p) => p.range === 'open');
	if (kept.length < periods.length && open && Number.isFinite(last)) {
		const cut = periods.some((p) => p.range === 'open' && p.year !== null && p.year > last);
		notes.push(
			`${capitalize(open.rangeText ?? `since ${open.year}`)}: the data for this ${cut ? `runs to ${last}` : `starts in ${first}`}.`,
		);
	}
	return kept.length > 0 ? kept : periods;
}

/**
 * A whole period asked where the data has only parts of it ("2025" where only Q1 2025 is given):
 * the parts, each cited, saying that the total is not in the data and why, as the figures' notes
 * give it with each part. Never a total made from the parts.
 */
function partsOf(
	catalogue: Catalogue,
	available: Figure[],
	asked: readonly PeriodQuery[],
	signals: Signals,
	notes: string[],
): Outcome | null {
	if (asked.length !== 1) return null;
	const whole = asked[0]!;
	const parts = available.filter((f) => within(f.period, whole));
	if (parts.length === 0) return null;
	const labels = [...new Set(parts.map((f) => periodLabel(f.period)))];
	// Each part's own note (the dataset's reason for the gap) is shown with its figure.
	return answered({ kind: 'figures', groups: catalogue.groupBySlice(parts, signals.sources) }, [
		`The data has no figure for the whole of ${whole.text} for this, only for part of it (${labels.join(', ')}); the total for ${whole.text} is not in the data.`,
		...notes,
	]);
}

/** Whether a period lies inside a longer one asked: Q1 2025 in 2025, March 2025 in Q1 2025. */
function within(period: Period, whole: PeriodQuery): boolean {
	if (whole.year === null || period.year !== whole.year) return false;
	switch (whole.grain) {
		case 'year':
			// Quarters, months and days of the year; a season or span is no part of one calendar year.
			return period.grain === 'quarter' || period.grain === 'month' || period.grain === 'day';
		case 'quarter':
			return (
				(period.grain === 'month' || period.grain === 'day') &&
				Math.ceil((period.month ?? 0) / 3) === whole.quarter
			);
		case 'month':
			return period.grain === 'day' && period.month === whole.month;
		case 'day':
		case 'season':
		case 'fiscal':
		case 'span':
		case 'none':
			return false;
	}
}

/**
 * "2024 and 2025 combined": the figure of each period asked, added up. One source throughout (the
 * one that leads the first period), never a sum across sources; a period the data lacks is named,
 * and no total is given without it.
 */
function sumAnswer({ catalogue, select, signals, notes }: Scope, periods: readonly PeriodQuery[]): Outcome {
	const figures = select(periods);
	const missing = periods.filter((p) => !figures.some((f) => periodMatches(f, p))).map((p) => p.text);
	if (missing.length > 0)
		return notFound(
			`The data has no figure for ${missing.join(' or ')} for this, so there is no total.`,
			figures.map((f) => catalogue.suggestionFor(f)),
			notes,
		);
	const groups = periods.map((p) =>
		catalogue.group(
			figures.filter((f) => periodMatches(f, p)),
			signals.sources.size > 0 ? signals.sources : null,
		),
	);
	// The same source for every part: the one leading the first period, where it gives the others.
	const source = groups[0]!.primary.source;
	const parts = groups.map((g) => {
		const same = [g.primary, ...g.others.map((o) => o.figure)].find(
			(f) => f.source === source && dimsKey(f) === dimsKey(g.primary) && f.metric === g.primary.metric,
		);
		return same && same !== g.primary ? catalogue.group([same], new Set([source])) : g;
	});
	if (parts.some((g) => g.primary.source !== source))
		notes.push('The parts come from different sources; each is cited.');
	if (new Set(parts.map((g) => g.primary.metric.unit)).size > 1)
		return notFound('These figures are in different units and cannot be added up.', [], notes);
	return answered({ kind: 'sum', sum: { parts, total: total(parts.map((g) => g.primary)) } }, notes);
}

/**
 * More than two periods asked ("2023, 2024 and 2025"): every one of them, never a silent pick of
 * two. Periods the data lacks are named.
 */
function seriesAnswer({ catalogue, select, signals, notes }: Scope, periods: readonly PeriodQuery[]): Outcome {
	const figures = select(periods);
	if (figures.length === 0) return periodNotFound(catalogue, select(null), periods, notes);
	const missing = periods.filter((p) => !figures.some((f) => periodMatches(f, p))).map((p) => p.text);
	if (missing.length > 0) notes.push(`The data has no figure for ${missing.join(' or ')} for this.`);
	if (signals.intents.has('compare'))
		notes.push('A comparison takes two periods; here is each period asked. Ask for two to compare them.');
	return answered({ kind: 'figures', groups: catalogue.groupBySlice(figures, signals.sources) }, notes);
}

function periodNotFound(
	catalogue: Catalogue,
	available: Figure[],
	asked: readonly PeriodQuery[],
	notes: string[],
): Outcome {
	const wanted = asked.map((p) => p.text).join(' and ');
	const distanceTo = periodDistance(asked);
	const ranked = [...available].sort(
		(a, b) => distanceTo(a) - distanceTo(b) || QUALIFIER_RANK[a.qualifier] - QUALIFIER_RANK[b.qualifier],
	);
	const seen = new Set<string>();
	const suggestions = ranked
		.filter((f) => !seen.has(sliceKey(f)) && seen.add(sliceKey(f)))
		.slice(0, MAX_SUGGESTIONS)
		.map((f) => catalogue.suggestionFor(f));
	return notFound(
		`The data has no figure for ${wanted} for this. It covers: ${coveredPeriods(available)}.`,
		suggestions,
		notes,
	);
}

/** Nothing matches all the values named: says so, and offers the figures nearest to the question. */
function closestInstead(catalogue: Catalogue, parsed: ParsedQuestion, signals: Signals): Outcome {
	const { dataset, index } = catalogue;
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
	const suggestions =
		best.length > 0 ? best.map((b) => catalogue.suggestionFor(b.figure)) : catalogue.overviewSuggestions();
	const what =
		[
			...asked,
			...[...signals.attributeValues.values()].flat().map((v) => v.label),
			...[...signals.sources].map((s) => s.originator),
		].join(', ') || 'this';
	return notFound(`The data has no figure that matches ${what} together.`, suggestions);
}

/** The one value a dimension asked to rank has across the figures in scope, or null where it has more (or none). */
function onlyValue(
	{ select, periods }: Scope,
	dimensions: readonly Dimension[],
): { dimension: Dimension; label: string } | null {
	for (const dimension of dimensions) {
		const ids = new Set(select(periods, new Map([[dimension, { kind: 'set' }]])).map((f) => f.dims[dimension.id]));
		if (ids.size !== 1) return null;
		const [id] = ids;
		return { dimension, label: dimensionValue(dimension, id!)?.label ?? id! };
	}
	return null;
}
