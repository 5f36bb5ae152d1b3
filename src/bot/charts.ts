import { type ChatInputCommandInteraction, MessageFlags, type REST } from 'discord.js';
import type { Chart } from '../present/chart.js';
import { CHART_FILE, type MessageBody, chartAltText, withChart, withoutChart } from '../present/presentReply.js';
import { ChartsBusyError } from '../service/chartService.js';
import type { BotDeps } from './command.js';
import { ChartBudget } from './chartBudget.js';
import { answersPrivately, asEdit, forCaller } from './caller.js';
import { DEFER_AFTER_MS } from './replies.js';

/** What the data side answers a question with: the message, and the chart's spec or why there is none. */
export interface AnswerWithChart {
	reply: MessageBody;
	chart: Chart | null;
	reason?: string;
}

/** A message body with its chart attached, as discord.js sends it. */
export type ChartedBody = MessageBody & {
	files?: { attachment: Buffer; name: string; description: string }[];
};

/**
 * The reply's chart, drawn: the body to edit the sent reply into, or (null) none to add. A chart
 * that fails, or does not come in time because the workers are busy, leaves the text answer as it
 * was sent; where the chart was asked for (/chart), the reply then says why it has none.
 */
export async function drawChart(
	answer: AnswerWithChart,
	deps: BotDeps,
	asked: boolean,
	context: Record<string, unknown> = {},
): Promise<ChartedBody | null> {
	const { reply, chart } = answer;
	if (chart === null || !deps.charts) return null;
	const started = performance.now();
	try {
		const png = await deps.charts.render(chart);
		deps.logger.info({ ...context, ms: Math.round(performance.now() - started), bytes: png.byteLength }, 'chart');
		return {
			...withChart(reply, chart),
			files: [
				{
					attachment: Buffer.from(png.buffer, png.byteOffset, png.byteLength),
					name: CHART_FILE,
					description: chartAltText(chart),
				},
			],
		};
	} catch (error) {
		if (error instanceof ChartsBusyError) {
			deps.logger.info(context, 'charts busy; the answer goes without its chart');
			return asked
				? withoutChart(
						reply,
						'charts are busy just now; here is the answer. Ask again for the chart in a minute.',
					)
				: null;
		}
		deps.logger.warn({ ...context, err: error }, 'chart failed; the answer goes without it');
		return asked ? withoutChart(reply, 'the chart could not be drawn this time; here is the answer.') : null;
	}
}

const budgets = new WeakMap<REST, ChartBudget>();
const budgetOf = (rest: REST) => {
	let budget = budgets.get(rest);
	if (!budget) budgets.set(rest, (budget = new ChartBudget(rest.options.globalRequestsPerSecond)));
	return budget;
};

/** An answer sent by a request Discord counts against the bot's requests a second. */
export function answerSent(rest: REST): void {
	budgetOf(rest).answered();
}

/**
 * Whether a chart may be edited into its reply now: only with room left by the answers (see
 * ChartBudget), and never while discord.js is already holding requests for the second's limit.
 */
export function roomForChart(rest: REST): boolean {
	const held = Date.now() < rest.globalReset && rest.globalRemaining <= 1;
	return !held && budgetOf(rest).takeForChart();
}

/** The reply as first sent: the text answer, or why there is no chart when one was asked for and cannot be drawn. */
export function textFirst(answer: AnswerWithChart, deps: BotDeps, asked: boolean): MessageBody {
	const { reply, chart } = answer;
	if (chart !== null && deps.charts) return reply;
	return asked ? withoutChart(reply, answer.reason ?? 'this bot draws no charts.') : reply;
}

/**
 * Answers an interaction with a question's answer, then its chart. The figure never waits for its
 * picture: the text answer goes as soon as it is ready (deferred only past DEFER_AFTER_MS, as
 * Discord's first reply must come within 3 s), and the chart is edited into the same message when
 * drawn (~100 ms; at most CHART_TIMEOUT_MS under load, else the text stands alone).
 */
export async function replyWithAnswer(
	interaction: ChatInputCommandInteraction,
	deps: BotDeps,
	answer: Promise<AnswerWithChart>,
	asked: boolean,
	deferAfterMs = DEFER_AFTER_MS,
): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), deferAfterMs)));
	const first = await Promise.race([answer, late]).finally(() => clearTimeout(timer));
	// Where a reporter installed the app themselves, the answer is theirs until they post it.
	const shaped = <Body extends MessageBody>(body: Body) => forCaller(interaction, body);
	let ready: AnswerWithChart;
	if (first !== null) {
		ready = first;
		await interaction.reply(shaped(textFirst(ready, deps, asked)));
	} else {
		await interaction.deferReply(answersPrivately(interaction) ? { flags: MessageFlags.Ephemeral } : {});
		ready = await answer;
		await interaction.editReply(asEdit(shaped(textFirst(ready, deps, asked))));
		answerSent(interaction.client.rest);
	}
	const context = { interactionId: interaction.id };
	if (ready.chart === null || !deps.charts) return;
	// A chart is drawn only where it can be sent: under load neither its drawing nor its edit takes
	// what the answers need.
	if (!roomForChart(interaction.client.rest)) {
		deps.logger.info(context, 'chart left out: requests to Discord kept for answers');
		return;
	}
	const charted = await drawChart(ready, deps, asked, context);
	if (charted) await interaction.editReply(asEdit(shaped(charted)));
}
