import type { Dataset, Figure } from '../data/types.js';
import type { Answer, FigureGroup } from '../engine/answer.js';
import { type WrittenNumber, tolerance, valueAgrees, writtenNumbers } from '../engine/claims.js';
import type { Engine } from '../engine/createEngine.js';
import { answered } from '../engine/outcome.js';
import { mostExact } from '../engine/compute.js';

/** Questions about where a number comes from: "where does 9,985 come from", "who said 7,000", "10k?". */
const PROVENANCE = [
	/^where (?:does|did|do|is|are) (?:the |that |this )?(.+?) (?:come from|from)$/i,
	/^who (?:said|says|gave|gives|reported|reports|counted|estimated|estimates|published) (?:the |that |this )?(.+?)$/i,
	/^(?:what is the |what's the |what is )?sources? (?:for|of|behind) (?:the |that |this )?(.+?)$/i,
	/^what (?:is|does) (?:the |that |this )?(.+?) (?:number|figure)(?: refer to| mean| stand for)?$/i,
	/^what (?:is|does) (?:the |that |this )?(?:number|figure|value) (.+?)(?: refer to| mean| stand for)?$/i,
	/^what (?:is|are|does|do) (?:the |that |this )?(.+?)(?: refer to| mean| stand for| count)?$/i,
	/^(.+?)$/,
];

/** "do we go with 9,985 or 10,000?", "9,985 or 10,000?": two numbers, one to choose. */
const CHOICE =
	/^(?:(?:do|should|shall|can|could) (?:we|i) )?(?:go with|use|run with|run|cite|quote|take|say|write|pick)?\s*(?:the )?(.+?),? or (?:the )?(.+?)$/i;

/** The two numbers a question asks to choose between, when it is only that. */
export function tracedChoice(question: string): [WrittenNumber, WrittenNumber] | null {
	const text = question.trim().replace(/[?!.\s]+$/, '');
	const match = CHOICE.exec(text);
	if (!match) return null;
	const [a, b] = [match[1]!.trim(), match[2]!.trim()];
	const [na, nb] = [writtenNumbers(a), writtenNumbers(b)];
	if (na.length !== 1 || nb.length !== 1) return null;
	if (a.replace(na[0]!.text, '').trim() !== '' || b.replace(nb[0]!.text, '').trim() !== '') return null;
	return [na[0]!, nb[0]!];
}

/** How many figures a traced number lists: the ones that carry it, most exact first. */
const MAX_TRACED = 10;

/** The number a provenance question asks about, when the question is only that ("10k?" included). */
export function tracedNumber(question: string): WrittenNumber | null {
	// "what is 5,075 in this data?": the data named is no word of the number's own.
	const text = question
		.trim()
		.replace(/[?!.\s]+$/, '')
		.replace(/\s+(?:in|from|of) (?:this|the|our) (?:data|dataset|library|table|sheet)$|\s+here$/i, '');
	for (const pattern of PROVENANCE) {
		const match = pattern.exec(text);
		if (!match) continue;
		const asked = match[1]!.replace(/\b(?:number|figure|value)\b/gi, ' ').trim();
		const numbers = writtenNumbers(asked);
		// Only a number: "the 6.62 million", "about 7,000", never a question with words of its own.
		if (numbers.length === 1 && asked.replace(numbers[0]!.text, '').trim() === '') return numbers[0]!;
	}
	return null;
}

/**
 * Figures of a library by value, sorted once: the figures a written number can be (within its
 * precision: "10k" is 9,500 to 10,500) are a binary search away.
 */
export class ValueIndex {
	private readonly sorted: { value: number; figure: Figure; dataset: Dataset }[];

	constructor(datasets: readonly Dataset[]) {
		this.sorted = datasets
			.flatMap((dataset) => dataset.figures.map((figure) => ({ value: Number(figure.value), figure, dataset })))
			.sort((a, b) => a.value - b.value);
	}

	/** Figures whose value the number can be, closest first. */
	find(number: WrittenNumber): { figure: Figure; dataset: Dataset }[] {
		const { low, high } = tolerance(number);
		let [lo, hi] = [0, this.sorted.length];
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.sorted[mid]!.value < low) lo = mid + 1;
			else hi = mid;
		}
		const found: { value: number; figure: Figure; dataset: Dataset }[] = [];
		for (let i = lo; i < this.sorted.length && this.sorted[i]!.value <= high; i++) {
			const entry = this.sorted[i]!;
			if (valueAgrees(number, entry.value) && number.percent === (entry.figure.metric.unit === '%'))
				found.push(entry);
		}
		return found
			.sort((a, b) => Math.abs(a.value - number.value) - Math.abs(b.value - number.value))
			.slice(0, MAX_TRACED * 5);
	}
}

/**
 * "Where does 9,985 come from": the figures carrying that number, each with its quote and source,
 * and each with the other figures for the same thing (10,000 is the same count as written in a
 * headline). The dataset of the first figure is the one the answer is presented with.
 */
export function traceAnswer(
	question: string,
	number: WrittenNumber,
	index: ValueIndex,
	engineOf: (dataset: Dataset) => Engine,
): { answer: Answer; dataset: Dataset } | null {
	const found = index.find(number);
	if (found.length === 0) return null;
	const seen = new Set<Figure>();
	const groups: FigureGroup[] = [];
	const dataset = found[0]!.dataset;
	for (const { figure, dataset: own } of found) {
		// One dataset per answer, so every figure is labelled in its dataset's words.
		if (own !== dataset || seen.has(figure)) continue;
		const group = engineOf(own).group(figure);
		for (const f of [group.primary, ...group.others.map((o) => o.figure)]) seen.add(f);
		groups.push(group);
		if (groups.length >= MAX_TRACED) break;
	}
	const others = new Set(found.filter((f) => f.dataset !== dataset).map((f) => f.dataset.title));
	return {
		answer: {
			question,
			...answered({ kind: 'figures', groups }, [
				`Figures in the data that ${number.hedge === 'exact' ? 'are' : 'can be'} ${number.text}, each with its source${groups.some((g) => g.others.length > 0) ? ', and the same thing as stated elsewhere' : ''}.`,
				...(others.size > 0
					? [`${[...others].join(' and ')} also ${others.size > 1 ? 'have' : 'has'} figures of this value.`]
					: []),
			]),
		},
		dataset,
	};
}

/**
 * "Do we go with 9,985 or 10,000?": each number traced to the figures carrying it. Where both are the
 * same thing as different sources or passages state it, the one that leads (the most exact, as every
 * answer leads with it) is named, with why; where they are different things, each is shown as what it
 * counts. Null when neither is in the data.
 */
export function traceChoice(
	question: string,
	[first, second]: [WrittenNumber, WrittenNumber],
	index: ValueIndex,
	engineOf: (dataset: Dataset) => Engine,
): { answer: Answer; dataset: Dataset } | null {
	const a = index.find(first)[0];
	const b = index.find(second)[0];
	const found = a ?? b;
	if (!found) return null;
	const dataset = found.dataset;
	const engine = engineOf(dataset);
	const groups: FigureGroup[] = [];
	const notes: string[] = [];
	const groupA = a && a.dataset === dataset ? engine.group(a.figure) : null;
	const members = (g: FigureGroup) => [g.primary, ...g.others.map((o) => o.figure)];
	if (groupA) groups.push(groupA);
	const sameThing = groupA !== null && b !== undefined && members(groupA).includes(b.figure);
	if (b && !sameThing && b.dataset === dataset) groups.push(engine.group(b.figure));
	const missing = [a ? null : first.text, b ? null : second.text].filter((t) => t !== null);
	if (sameThing) {
		// The most exact of the two leads (an exact count before its rounded headline), as in every answer.
		const lead = mostExact([a!.figure, b!.figure]);
		const [leadText, otherText] = lead === a!.figure ? [first.text, second.text] : [second.text, first.text];
		const other = lead === a!.figure ? b!.figure : a!.figure;
		const otherNote = engine.group(lead).others.find((o) => o.figure === other)?.note;
		const how = (f: Figure) =>
			f.qualifier === 'exact' ? 'exactly' : `qualified "${f.qualifier.replace('_', ' ')}"`;
		notes.push(
			`Both are given for the same thing. Go with ${leadText}: ${lead.source.originator} gives it ${how(lead)}, and it leads every answer. ${otherText} is how ${other.source.originator} gives it, ${how(other)}${otherNote ? `: ${otherNote}` : '.'}`,
		);
	} else if (missing.length > 0) {
		notes.push(
			`${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not a figure in the data; the other is shown as what it counts.`,
		);
	} else {
		notes.push(
			`These are different things in the data, each shown as what it counts: choose the one your sentence is about.`,
		);
	}
	return {
		answer: { question, ...answered({ kind: 'figures', groups }, notes) },
		dataset,
	};
}
