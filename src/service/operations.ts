import { MessageFlags } from 'discord-api-types/v10';
import type { AnswerStatus } from '../engine/answer.js';
import { MAX_EXPRESSION_CHARS } from '../engine/calc.js';
import type { DigestHistory } from '../engine/digest.js';
import { normalizePhrase } from '../question/normalize.js';
import { asksForCheck } from '../engine/claims.js';
import { checkMessage } from '../library/checkClaims.js';
import { tracedNumber } from '../library/traceNumbers.js';
import type { Library } from '../library/createLibrary.js';
import { type Chart, type ChartResult, chartFor, digestChart } from '../present/chart.js';
import { citeLine, formatFigureValue } from '../present/format.js';
import { guardChoices, guardMessage } from '../present/outputGuard.js';
import { presentCalc } from '../present/presentCalc.js';
import { toChoices } from '../present/presentChoices.js';
import { type DigestMessage, presentLibraryDigest } from '../present/presentDigest.js';
import { presentLibrary } from '../present/presentLibrary.js';
import {
	type MessageBody,
	type ReplyBody,
	answerReply,
	checkReply,
	ephemeralAnswerReply,
	helpReply,
} from '../present/presentReply.js';

export type Choice = { name: string; value: string };

/** The figure name being typed at the end of a /calc expression, if any. */
const TRAILING_NAME = /[a-z0-9_]*$/i;

/** How many figures, statements and sources a library holds, for logs, /reload and /metrics. */
export interface LibraryStats {
	datasets: number;
	figures: number;
	statements: number;
	sources: number;
}

export function statsOf(library: Library): LibraryStats {
	const count = (of: (d: Library['datasets'][number]) => number) => library.datasets.reduce((n, d) => n + of(d), 0);
	return {
		datasets: library.datasets.length,
		figures: count((d) => d.figures.length),
		statements: count((d) => d.statements.length),
		sources: count((d) => d.sources.length),
	};
}

/**
 * Everything the bot asks of the data, each answered with what it sends to Discord: a message body or
 * autocomplete choices. Arguments and results are plain data (structured-cloneable), so the same
 * operations run in-process or in the data worker. Times travel as epoch milliseconds.
 */
export const operations = {
	/** /fact, a pick from a menu, a mention: the answer to a question. */
	ask(
		library: Library,
		{ question, now }: { question: string; now: number },
	): { reply: MessageBody; status: AnswerStatus; dataset: string } & ChartResult {
		// "is it true that …", "… ok?": the claim check's verdict first, not keyword matches.
		if (asksForCheck(question)) {
			const check = checkMessage(library, question, new Date(now));
			if (check.checks.length > 0) {
				// In the channel, as /fact answers are, without the "Post to channel" button.
				const reply: MessageBody = guardMessage({ embeds: checkReply(check).embeds ?? [] });
				const judged = check.checks.find((c) => c.dataset !== null);
				return {
					reply,
					status: 'answered',
					dataset: judged?.dataset?.id ?? library.datasets[0]!.id,
					chart: null,
					reason: 'A check of a claim has nothing to chart.',
				};
			}
		}
		const { answer, dataset } = library.ask(question, new Date(now));
		// The chart's spec comes with the answer (small, plain data); the bot has it drawn.
		return {
			reply: answerReply(answer, dataset),
			status: answer.status,
			dataset: dataset.id,
			...chartFor(answer, dataset),
		};
	},
	/** /fact and /compare autocomplete. */
	suggest(library: Library, { text, figuresOnly }: { text: string; figuresOnly: boolean }): Choice[] {
		return toChoices(library.suggest(text, { limit: 25, figuresOnly }));
	},
	/** /compare: in the channel when answered; a refusal only for the person who asked. */
	compare(
		library: Library,
		{ a, b, now }: { a: string; b: string; now: number },
	): { reply: ReplyBody; status: AnswerStatus } {
		const { answer, dataset } = library.compare(a, b, new Date(now));
		const reply =
			answer.status === 'answered' ? answerReply(answer, dataset) : ephemeralAnswerReply(answer, dataset);
		return { reply, status: answer.status };
	},
	/** /calc: the result with each figure's value and source; a refusal is ephemeral. */
	calc(library: Library, { expression }: { expression: string }): { reply: ReplyBody; ok: boolean } {
		const { calculator } = library;
		const result = calculator.evaluate(expression);
		const body = guardMessage({
			embeds: [presentCalc(result, { label: library.labelOf, name: calculator.nameOf })],
		});
		return { reply: result.ok ? body : { ...body, flags: MessageFlags.Ephemeral }, ok: result.ok };
	},
	/** /calc autocomplete: names starting with the last word typed, then figures whose label matches it. */
	calcChoices(library: Library, { typed }: { typed: string }): Choice[] {
		const { calculator } = library;
		const text = typed.slice(0, MAX_EXPRESSION_CHARS);
		const partial = (TRAILING_NAME.exec(text)?.[0] ?? '').toLowerCase();
		const prefix = text.slice(0, text.length - partial.length);
		const byName = calculator.namesStartingWith(partial, 25).map((name) => calculator.names.get(name)!);
		const byLabel =
			partial.length >= 3
				? library
						.suggest(partial.replaceAll('_', ' '), { figuresOnly: true, limit: 25 })
						.map((s) => library.figure(s.query))
				: [];
		const figures = [...new Set([...byName, ...byLabel])].filter((f) => f !== undefined);
		return guardChoices(
			figures.map((f) => ({
				name: `${calculator.nameOf(f)} = ${formatFigureValue(f)}`,
				value: `${prefix}${calculator.nameOf(f)}`,
			})),
		);
	},
	/** /help and a bare mention. */
	help(library: Library, { now }: { now: number }): MessageBody {
		return helpReply(library, new Date(now));
	},
	/** /sources: every dataset with its sources and licences, or one source's figures and statements. */
	sources(library: Library, { source, now }: { source: string | null; now: number }): ReplyBody {
		if (source === null) return guardMessage({ embeds: [presentLibrary(library.datasets)] });
		// A picked source or figure, a number ("9,985": where it comes from), or a name ("Kozlov").
		const question = /^(?:source|figure):/.test(source) || tracedNumber(source) ? source : `what did ${source} say`;
		const { answer, dataset } = library.ask(question, new Date(now));
		return answerReply(answer, dataset);
	},
	/** /sources autocomplete: sources whose outlet, originator or aliases contain what is typed. */
	sourceChoices(library: Library, { typed }: { typed: string }): Choice[] {
		// A number typed: the figures carrying it, each with who gives it.
		if (tracedNumber(typed)) {
			const { answer } = library.ask(typed, new Date(0));
			const groups = answer.body?.kind === 'figures' ? answer.body.groups : [];
			return toChoices(
				groups.flatMap((g) =>
					[g.primary, ...g.others.map((o) => o.figure)].map((f) => ({
						label: `${formatFigureValue(f)} — ${library.labelOf(f)} (${f.source.originator.split(',')[0]})`,
						query: `figure:${library.datasetOf(f).id}/${f.id}`,
					})),
				),
			);
		}
		const words = normalizePhrase(typed);
		const { datasets } = library;
		return toChoices(
			datasets.flatMap((d) =>
				d.sources
					.filter(
						(s) =>
							words === '' ||
							normalizePhrase([s.outlet, s.originator, ...s.aliases].join(' ')).includes(words),
					)
					.map((s) => ({
						label: `${s.originator} — ${s.outlet}`,
						// Qualified by dataset when there are several, as every reference across a library is.
						query: datasets.length > 1 ? `source:${d.id}/${s.id}` : `source:${s.id}`,
					})),
			),
		);
	},
	/** A digest of every dataset for one channel, and what to remember of it for the next. */
	digest(
		library: Library,
		{ history, now, reference }: { history: DigestHistory; now: number; reference: string | null },
	): DigestOutcome {
		const digest = library.digest(history, new Date(now));
		const reporting = digest.nothingNew ? [] : digest.parts.filter((p) => !p.digest.nothingNew);
		return {
			message: presentLibraryDigest(digest, reference),
			// What the digest leads with, as a series where the data has one.
			chart: digestChart(reporting.map((p) => ({ dataset: p.dataset, lead: p.digest.headline[0] ?? null }))),
			snapshot: digest.snapshot,
			figureOfDay: digest.nothingNew ? null : digest.figureOfDay,
			rotationRestarted: digest.rotationRestarted,
			nothingNew: digest.nothingNew,
		};
	},
	/** /check and "Check numbers": each claim judged, for the person who asked, with a button to post it. */
	check(library: Library, { text, now }: { text: string; now: number }): { reply: ReplyBody; claims: number } {
		const check = checkMessage(library, text, new Date(now));
		return { reply: checkReply(check), claims: check.checks.length };
	},
	/** The Cite button: a copy-ready line for a draft, for the figure the button names. */
	cite(library: Library, { reference }: { reference: string }): ReplyBody {
		const figure = library.figure(`figure:${reference}`);
		const content = figure
			? citeLine(figure, library.labelOf(figure))
			: 'That figure is no longer in the data (it was edited or removed since this answer).';
		return { ...guardMessage({ content }), flags: MessageFlags.Ephemeral };
	},
	stats(library: Library): LibraryStats {
		return statsOf(library);
	},
};

/** A composed digest: the message, and what the store keeps to compare the next digest against. */
export interface DigestOutcome {
	message: DigestMessage;
	/** The chart the digest carries (its lead figure over time), or null. */
	chart: Chart | null;
	snapshot: Record<string, string>;
	figureOfDay: string | null;
	rotationRestarted: boolean;
	nothingNew: boolean;
}

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type ArgsOf<K extends OperationName> = Parameters<Operations[K]>[1];
export type ResultOf<K extends OperationName> = ReturnType<Operations[K]>;

/** Runs one operation against a library. */
export function perform<K extends OperationName>(library: Library, op: K, args: ArgsOf<K>): ResultOf<K> {
	return (operations[op] as (library: Library, args: ArgsOf<K>) => ResultOf<K>)(library, args);
}
