import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadGazetteer } from '../data/gazetteer.js';
import { loadLibrary } from '../data/loadLibrary.js';
import { DatasetError } from '../data/parseDataset.js';
import type { Dataset, Figure, Statement } from '../data/types.js';
import { type Answer, figuresOf } from '../engine/answer.js';
import { asksForCheck } from '../engine/claims.js';
import { type MessageCheck, checkMessage } from '../library/checkClaims.js';
import { type Library, createLibrary } from '../library/createLibrary.js';
import { chartFor } from '../present/chart.js';
import { presentCheckText } from '../present/presentCheck.js';
import { renderChartPng } from '../render/renderChart.js';
import { toChoices } from '../present/presentChoices.js';
import { presentText } from '../present/presentText.js';
import { layoutKind } from '../present/renderAnswer.js';

const USAGE = `usage: npm run ask -- [--data DIR] [--now ISO-DATE] "question"
       npm run ask                      (interactive; Ctrl-D to quit)
       npm run --silent ask -- --jsonl  (one question per stdin line → one JSON object per line)
       npm run --silent ask -- --suggest --jsonl  (what is typed into /fact, a line each → its choices)
       npm run ask -- --check "a sentence with numbers"   (each claim judged against the data)
       npm run --silent ask -- --check --jsonl  (one message per stdin line → its claims and verdicts)
       npm run ask -- --chart FILE.png "question"  (the answer's chart as the bot attaches it; exit 3 if none)`;

/** The JSON-lines record for one checked message: each claim, its verdict and the figures compared. */
export function checkRecord(input: string, check: MessageCheck) {
	return {
		input,
		claims: check.checks.map((c) => ({
			claim: c.claim,
			verdict: c.verdict,
			figures: c.figures.map((f) => (c.dataset ? `${c.dataset.id}/${f.id}` : f.id)),
		})),
		unchecked: check.unchecked,
		text: presentCheckText(check),
	};
}

/** The JSON-lines record for a question that asked for a check: the verdicts as the answer. */
export function checkAnswerRecord(question: string, check: MessageCheck) {
	const judged = check.checks.find((c) => c.dataset !== null);
	const figures = check.checks.flatMap((c) => c.figures);
	return {
		question,
		dataset: judged?.dataset?.id ?? null,
		status: 'answered' as const,
		kind: 'check' as const,
		text: presentCheckText(check),
		citations: citationsOf(figures),
		figures: figures.map((f) => f.id),
		claims: checkRecord(question, check).claims,
		candidates: [],
		suggestions: [],
		notes: [],
	};
}

/** Each source passage quoted, once: outlet, originator, date, licence, and the file and line of a table row. */
function citationsOf(quoted: readonly (Figure | Statement)[]) {
	return [...new Map(quoted.map((q) => [`${q.source.id}\u0000${q.quote}`, q])).values()].map((q) => ({
		source: q.source.id,
		outlet: q.source.outlet,
		originator: q.source.originator,
		published: q.source.published,
		licence: q.source.licence,
		quote: q.quote,
		// A table figure is cited by file and line (relative to its dataset folder), and in a wide
		// table by the column it is read from; a live table's, by the day its copy was fetched.
		...('row' in q && q.row
			? {
					file: q.row.file,
					line: q.row.line,
					...(q.row.column === null ? {} : { column: q.row.column }),
					...(q.row.asOf ? { asOf: q.row.asOf } : {}),
				}
			: {}),
		...('revised' in q && q.revised ? { revisedFrom: q.revised.value, revisedOn: q.revised.on } : {}),
	}));
}

/** The JSON-lines record for one answer: what other tools read. */
export function answerRecord(answer: Answer, dataset: Dataset) {
	const text = presentText(answer, dataset);
	const body = answer.body;
	const figures = body ? figuresOf(body) : [];
	const quoted = [...figures, ...(body?.kind === 'statements' || body?.kind === 'source' ? body.statements : [])];
	const citations = citationsOf(quoted);
	return {
		question: answer.question,
		dataset: dataset.id,
		status: answer.status,
		kind: layoutKind(body),
		text,
		citations,
		figures: figures.map((f) => f.id),
		candidates: answer.candidates,
		suggestions: answer.suggestions,
		notes: answer.notes,
		query: answer.query ?? null,
	};
}

interface Options {
	jsonl: boolean;
	suggest: boolean;
	check: boolean;
	data: string;
	now: Date | null;
	question: string;
	/** --chart FILE.png: where to write the answer's chart. */
	chart: string | null;
}

function parseArgs(argv: string[]): Options | string {
	const options: Options = {
		jsonl: false,
		suggest: false,
		check: false,
		data: process.env.FACTDESK_DATA || 'data',
		now: null,
		question: '',
		chart: null,
	};
	const words: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		if (arg === '--jsonl') options.jsonl = true;
		else if (arg === '--suggest') options.suggest = true;
		else if (arg === '--check') options.check = true;
		else if (arg === '--data' || arg === '--now' || arg === '--chart') {
			const value = argv[++i];
			if (value === undefined) return `${arg} needs a value`;
			if (arg === '--data') options.data = value;
			else if (arg === '--chart') options.chart = value;
			else {
				const now = new Date(value);
				if (Number.isNaN(now.getTime())) return `--now: "${value}" is not a date`;
				options.now = now;
			}
		} else if (arg === '--help' || arg === '-h') return USAGE;
		else words.push(arg);
	}
	options.question = words.join(' ');
	return options;
}

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	if (typeof options === 'string') {
		console.error(options === USAGE ? USAGE : `ask: ${options}\n${USAGE}`);
		return options === USAGE ? 0 : 2;
	}
	let library: Library;
	try {
		library = createLibrary(loadLibrary(options.data), loadGazetteer());
	} catch (error) {
		if (error instanceof DatasetError) {
			console.error(`ask: the data in ${options.data} is invalid:\n${error.message}`);
			return 1;
		}
		throw error;
	}
	const now = () => options.now ?? new Date();
	const reply = (question: string) => library.ask(question, now());
	/**
	 * What the bot answers: "is it true that …", "… ok?" get the claim check's verdicts first, as
	 * /fact and mentions do; anything else, the answer.
	 */
	const respond = (question: string): { text: string; record: object } => {
		const check = asksForCheck(question) ? checkMessage(library, question, now()) : null;
		if (check && check.checks.length > 0)
			return { text: presentCheckText(check), record: checkAnswerRecord(question, check) };
		const { answer, dataset } = reply(question);
		return { text: presentText(answer, dataset), record: answerRecord(answer, dataset) };
	};

	if (options.suggest) {
		// Exactly the choices the bot sends for /fact as each line is typed, with the engine's time.
		const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
		for await (const input of lines) {
			const start = performance.now();
			const choices = toChoices(library.suggest(input, { limit: 25 }));
			const ms = performance.now() - start;
			process.stdout.write(`${JSON.stringify({ input, choices, ms: Number(ms.toFixed(3)) })}\n`);
		}
		return 0;
	}
	if (options.check) {
		const check = (message: string) => checkMessage(library, message, now());
		if (!options.jsonl) {
			if (options.question === '') return (console.error(`ask: --check needs a message\n${USAGE}`), 2);
			console.log(presentCheckText(check(options.question)));
			return 0;
		}
		const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
		for await (const input of lines) process.stdout.write(`${JSON.stringify(checkRecord(input, check(input)))}\n`);
		return 0;
	}
	if (options.jsonl) {
		const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
		for await (const line of lines) process.stdout.write(`${JSON.stringify(respond(line).record)}\n`);
		return 0;
	}
	if (options.chart !== null) {
		if (options.question === '') return (console.error(`ask: --chart needs a question\n${USAGE}`), 2);
		// The chart the bot would attach to this answer, or why there is none (exit 3).
		const { answer, dataset } = reply(options.question);
		console.log(presentText(answer, dataset));
		const result = chartFor(answer, dataset);
		if (result.chart === null) {
			console.error(`ask: no chart: ${result.reason}`);
			return 3;
		}
		const { png } = await renderChartPng(result.chart);
		writeFileSync(options.chart, png);
		console.error(
			`ask: chart written to ${options.chart} (${png.byteLength.toLocaleString('en')} bytes). ${result.chart.alt}`,
		);
		return 0;
	}
	if (options.question !== '') {
		console.log(respond(options.question).text);
		return 0;
	}
	const interactive = process.stdin.isTTY === true;
	const rl = createInterface({
		input: process.stdin,
		output: interactive ? process.stdout : undefined,
		terminal: interactive,
	});
	if (interactive) {
		console.log(`Factdesk — ${library.datasets.map((d) => d.title).join('; ')}. Ask a question; Ctrl-D to quit.`);
		rl.setPrompt('? ');
		rl.prompt();
	}
	for await (const line of rl) {
		if (line.trim() !== '') console.log(`${respond(line).text}\n`);
		if (interactive) rl.prompt();
	}
	return 0;
}

process.exitCode = await main();
