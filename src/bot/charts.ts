import type { ChatInputCommandInteraction } from 'discord.js';
import type { Chart } from '../present/chart.js';
import { CHART_FILE, type MessageBody, chartAltText, withChart, withoutChart } from '../present/presentReply.js';
import { ChartsBusyError } from '../service/chartService.js';
import type { BotDeps } from './command.js';
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
 * The reply with its chart drawn and attached, or the text answer when the bot draws no charts or
 * the chart fails (logged, and said in the reply when the chart was asked for with /chart).
 */
export async function drawChart(
	answer: AnswerWithChart,
	deps: BotDeps,
	asked: boolean,
	context: Record<string, unknown> = {},
): Promise<ChartedBody> {
	const { reply, chart } = answer;
	if (chart === null || !deps.charts)
		return asked ? withoutChart(reply, answer.reason ?? 'this bot draws no charts.') : reply;
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
				: reply;
		}
		deps.logger.warn({ ...context, err: error }, 'chart failed; the answer goes without it');
		return asked ? withoutChart(reply, 'the chart could not be drawn this time; here is the answer.') : reply;
	}
}

/**
 * Answers an interaction with a question's answer and its chart. With a chart coming the reply is
 * deferred at once (drawing takes ~100 ms, and Discord's first reply must come within 3 s);
 * without one it is sent as soon as it is ready, deferred only past DEFER_AFTER_MS.
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
	const drawing = (a: AnswerWithChart) => a.chart !== null && deps.charts !== undefined;
	if (first !== null && !drawing(first)) {
		await interaction.reply(await drawChart(first, deps, asked));
		return;
	}
	await interaction.deferReply();
	const ready = first ?? (await answer);
	await interaction.editReply(await drawChart(ready, deps, asked, { interactionId: interaction.id }));
}
