import { Writable } from 'node:stream';
import { commands } from '../../commands/index.js';
import { DigestRunner, type SendMessage } from '../../src/digest/runner.js';
import { startScheduler } from '../../src/digest/scheduler.js';
import { DigestStore } from '../../src/digest/store.js';
import { tempDb } from './digests.js';
import type { SlashCommand } from '../../src/bot/command.js';
import { type Bot, createBot } from '../../src/bot/createBot.js';
import { createGapRecorder } from '../../src/bot/gaps.js';
import { restSender } from '../../src/bot/postMessage.js';
import { createLogger } from '../../src/logger.js';
import { type Metrics, createMetrics } from '../../src/metrics.js';
import { DATA_DIR, NOW } from './engine.js';
import { DataService } from '../../src/service/dataService.js';
import { ChartService, type ChartRenderer } from '../../src/service/chartService.js';
import type { DataSource } from '../../src/service/dataSource.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { APPLICATION_ID, FakeDiscord } from './fakeDiscord.js';
import { Routes } from 'discord.js';
import { Refresher, type RefresherOptions, serviceChecker } from '../../src/live/refresher.js';
import { recentBotMessages } from '../../src/bot/channelHistory.js';

/** The data worker as `npm run build` bundles it (test/support/globalSetup.ts builds it before the tests). */
export const DATA_WORKER = new URL('../../dist/data-worker.mjs', import.meta.url);
export const CHART_WORKER = new URL('../../dist/chart-worker.mjs', import.meta.url);

export const TOKEN = 'MTExMTExMTExMTExMTExMTEx.test-token.do-not-log-me';

/** Log lines the bot wrote, parsed. */
export class LogCapture extends Writable {
	readonly lines: Record<string, unknown>[] = [];
	raw = '';
	override _write(chunk: Buffer, _encoding: string, done: () => void): void {
		this.raw += chunk.toString();
		for (const line of chunk.toString().split('\n').filter(Boolean))
			this.lines.push(JSON.parse(line) as Record<string, unknown>);
		done();
	}
}

export interface Harness {
	server: FakeDiscord;
	bot: Bot;
	logs: LogCapture;
	store: DigestStore | null;
	data: DataService;
	metrics: Metrics;
	/** Live tables (with `live`): fetched and checked in the data worker, notes posted to Discord. */
	refresher: Refresher | null;
	stop(): Promise<void>;
}

/** The real bot (real discord.js client) logged in to a fresh local Discord-compatible server. */
export async function startHarness(
	extraCommands: SlashCommand[] = [],
	options: {
		digests?: boolean;
		data?: string;
		dataDelayMs?: number;
		charts?: ChartRenderer | null;
		/** Another data worker (test/support/stallingWorker.mjs) and how long it may stall. */
		dataWorker?: { url: URL; stallMs: number };
		/** Register the commands first, as `npm run deploy-commands` does: Discord then sends each only where it was registered for. */
		register?: boolean;
		/** Live tables of `data`, with a store at this path (a restart opens the same one). */
		live?: { store?: string } & Partial<Pick<RefresherOptions, 'fetch' | 'onRefresh' | 'onNote' | 'nonceWindowMs'>>;
	} = {},
): Promise<Harness> {
	const server = await FakeDiscord.start();
	const logs = new LogCapture();
	const logger = createLogger('info', logs);
	// Digests run on the real clock (a real schedule ticks in the test); answers on a fixed one.
	const now = options.digests ? () => new Date() : () => NOW;
	let send: SendMessage = () => Promise.reject(new Error('not ready'));
	// The real data service: the library loads and answers in the data worker, built by globalSetup.
	const data = await DataService.start({
		dir: options.data ?? DATA_DIR,
		workerUrl: options.dataWorker?.url ?? DATA_WORKER,
		logger,
		...(options.dataWorker ? { stallMs: options.dataWorker.stallMs } : {}),
	});
	// A data side slower than Discord's 3 seconds allow (a huge library on a slow disk), when asked for.
	const delay = options.dataDelayMs ?? 0;
	const source: DataSource =
		delay > 0
			? { request: (op, args, timeoutMs) => sleep(delay).then(() => data.request(op, args, timeoutMs)) }
			: data;
	const charts =
		options.charts === undefined ? new ChartService({ workerUrl: CHART_WORKER, logger }) : options.charts;
	const store = options.digests || options.live ? new DigestStore(options.live?.store ?? tempDb()) : null;
	const runner =
		store && options.digests
			? new DigestRunner({
					store,
					data,
					send: (c, b, files) => send(c, b, files),
					...(charts ? { charts } : {}),
					logger,
					graceMs: 60_000,
				})
			: null;
	let recent: RefresherOptions['recent'] = () => Promise.resolve([]);
	const refresher =
		store && options.live
			? new Refresher(
					{
						dir: options.data ?? DATA_DIR,
						store,
						checker: serviceChecker(data),
						send: (c, b, files) => send(c, b, files),
						recent: (c) => recent!(c),
						logger,
						...(({ store: _path, ...rest }) => rest)(options.live),
					},
					Date.now(),
				)
			: null;
	const metrics = createMetrics({
		figures: () => data.stats().figures,
		datasets: () => data.stats().datasets,
		lastReload: () => data.lastReload,
	});
	const bot = createBot({
		token: TOKEN,
		apiUrl: server.apiUrl,
		commands: [...commands, ...extraCommands],
		deps: {
			data: source,
			now,
			logger,
			reload: () => data.reload(),
			...(refresher ? { refresher } : {}),
			metrics,
			// Charts drawn by the real chart worker, unless a test gives its own renderer (or none).
			...(charts ? { charts } : {}),
			...(store && runner
				? {
						digests: { store, runner, limits: { minIntervalMs: 2_000 } },
						gaps: createGapRecorder(store, logger, now),
					}
				: {}),
		},
		clientOptions: {
			ws: {
				buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: () => Promise.resolve() }),
			} as never,
		},
	});
	send = restSender(bot.client.rest);
	recent = (channelId) => recentBotMessages(bot.client.rest, channelId, bot.client.user?.id);
	await bot.start();
	if (options.register)
		await bot.client.rest.put(Routes.applicationCommands(APPLICATION_ID), {
			body: [...commands, ...extraCommands].map((c) => c.data),
		});
	const scheduler = runner?.acquire(now()) ? startScheduler(runner, now, 250) : null;
	return {
		server,
		bot,
		logs,
		store,
		data,
		metrics,
		refresher,
		async stop() {
			await scheduler?.stop();
			runner?.release();
			// Destroy the client before closing the server, or it reconnects forever.
			await bot.stop();
			await server.close();
			if (charts instanceof ChartService) await charts.close();
			store?.close();
			await data.close();
		},
	};
}

/** A message body the bot sent (a reply, an edit, a follow-up): the fields tests read. */
export type SentMessage = {
	flags?: number;
	content?: string;
	embeds?: {
		title?: string;
		description?: string;
		image?: { url?: string };
		fields?: { name: string; value: string }[];
		footer?: { text: string };
	}[];
	components?: { components: { custom_id?: string; label?: string; type: number }[] }[];
};

/** An interaction's callback: its type (4 a reply, 5 deferred, 7 an update) and message. */
export type SentCallback = {
	type: number;
	data: SentMessage;
};

/** The callback the bot sent for an interaction, once it comes. */
export const callbackTo = async (server: FakeDiscord, token: string): Promise<SentCallback> =>
	(await server.waitForRequest(callbackOf(token))).body as SentCallback;

export const callbackOf = (token: string) => (r: { method: string; path: string }) =>
	r.method === 'POST' && r.path.endsWith(`/${token}/callback`);
