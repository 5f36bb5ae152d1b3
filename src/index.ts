import type { Server } from 'node:http';
import { commands } from '../commands/index.js';
import { createBot } from './bot/createBot.js';
import { createGapRecorder } from './bot/gaps.js';
import { EnvError, loadEnv } from './config/env.js';
import { describeFsError } from './data/loadDataset.js';
import { recentBotMessages } from './bot/channelHistory.js';
import { networkErrorCode, unreachable } from './bot/networkError.js';
import { DigestRunner, type PostedMessage, type SendMessage } from './digest/runner.js';
import { restSender } from './bot/postMessage.js';
import { type Scheduler, startScheduler } from './digest/scheduler.js';
import { DigestStore } from './digest/store.js';
import { startHealthServer } from './health.js';
import { createLogger } from './logger.js';
import { ChartService } from './service/chartService.js';
import { Refresher, serviceChecker } from './live/refresher.js';
import { createMetrics } from './metrics.js';
import { DataLoadError, DataService } from './service/dataService.js';

/** The data worker's bundle, built next to this one (dist/data-worker.mjs). */
const DATA_WORKER = new URL('./data-worker.mjs', import.meta.url);
/** The chart worker's bundle (dist/chart-worker.mjs): charts are drawn off the event loop. */
const CHART_WORKER = new URL('./chart-worker.mjs', import.meta.url);

/** How often live tables are looked at: a refresh is due at most once a minute. */
const REFRESH_TICK_MS = 15_000;
/** How long a graceful stop may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 8_000;
/** Connecting to Discord is retried 1 s, 2 s, 4 s … apart while the network fails, at most this far apart. */
const CONNECT_MAX_BACKOFF_MS = 60_000;

/** One line on stderr, then exit: for problems a person must fix (never a stack trace, never the token). */
function die(message: string): never {
	console.error(`factdesk: ${message}`);
	process.exit(1);
}

/** Startup: environment → data → engine → digest store → Discord client → scheduler → health. */
async function main(): Promise<void> {
	let env;
	try {
		env = await loadEnv();
	} catch (error) {
		if (error instanceof EnvError) die(`cannot start: ${error.message.split('\n').join('; ')}`);
		throw error;
	}
	const logger = createLogger(env.LOG_LEVEL);
	// The data is loaded (in its worker) before the bot logs in: it never answers from half a library.
	let data: DataService;
	try {
		data = await DataService.start({ dir: env.FACTDESK_DATA, workerUrl: DATA_WORKER, logger });
	} catch (error) {
		if (error instanceof DataLoadError)
			die(
				`cannot start: the data in ${env.FACTDESK_DATA} ${error.invalid ? 'is invalid' : 'cannot be loaded'}:\n${error.message}`,
			);
		throw error;
	}
	logger.info({ ...data.stats() }, 'data loaded');

	let store: DigestStore;
	try {
		store = new DigestStore(env.DIGEST_DB);
	} catch (error) {
		die(
			`cannot start: cannot open the digest database ${env.DIGEST_DB}: ${describeFsError(error)}${/readonly/i.test(String((error as Error)?.message)) ? ' (the file or its folder is read-only; the bot needs to write it)' : ''}`,
		);
	}
	const now = () => new Date();
	let send: SendMessage = async () => {
		throw new Error('the Discord client is not ready');
	};
	let recent = async (_channelId: string): Promise<PostedMessage[]> => [];
	const metrics = createMetrics({
		figures: () => data.stats().figures,
		datasets: () => data.stats().datasets,
		lastReload: () => data.lastReload,
	});
	// Charts are drawn in their own worker, started on the first chart.
	const charts = new ChartService({ workerUrl: CHART_WORKER, logger });
	const runner = new DigestRunner({
		store,
		data,
		send: (c, b, files) => send(c, b, files),
		recent: (c) => recent(c),
		charts,
		logger,
		metrics,
		graceMs: env.DIGEST_GRACE_MINUTES * 60_000,
	});
	// Live tables: fetched on their schedules, checked in a data worker, their notes posted once.
	const refresher = new Refresher(
		{
			dir: env.FACTDESK_DATA,
			store,
			checker: serviceChecker(data),
			send: (c, b, files) => send(c, b, files),
			recent: (c) => recent(c),
			logger,
			fetch: { allowPrivate: env.FACTDESK_FETCH_ALLOW_PRIVATE },
		},
		now().getTime(),
	);
	let refreshTimer: NodeJS.Timeout | null = null;
	let scheduler: Scheduler | null = null;
	let health: Server | null = null;
	let stopping = false;

	const shutdown = async (why: string, code: number) => {
		if (stopping) {
			logger.warn({ why }, 'second stop request: exiting now');
			process.exit(code === 0 ? 130 : code);
		}
		stopping = true;
		logger.info({ why }, 'shutting down');
		setTimeout(() => {
			// Non-zero: a supervisor must know this stop was not clean.
			logger.error('shutdown took too long; exiting anyway');
			logger.flush();
			process.exit(code === 0 ? 1 : code);
		}, SHUTDOWN_GRACE_MS).unref();
		bot.drain();
		if (refreshTimer) clearInterval(refreshTimer);
		await scheduler?.stop(); // lets a digest in flight finish and record
		await runner.idle(); // and one sent now (/digest send-now), whether or not this process schedules
		runner.release();
		await bot.stop();
		store.close();
		await data.close();
		await charts.close();
		health?.close();
		logger.flush();
		process.exit(code);
	};

	const bot = createBot({
		token: env.DISCORD_TOKEN,
		apiUrl: env.DISCORD_API_URL,
		commands,
		deps: {
			data,
			now,
			logger,
			metrics,
			digests: { store, runner },
			charts,
			...(env.FACTDESK_GAPS ? { gaps: createGapRecorder(store, logger, now) } : {}),
			reload: () => data.reload(),
			refresher,
		},
		onFatal: (reason) => {
			console.error(`factdesk: stopping: ${reason}`);
			void shutdown(reason, 1);
		},
	});
	send = restSender(bot.client.rest);
	recent = (channelId) => recentBotMessages(bot.client.rest, channelId, bot.client.user?.id);
	process.on('SIGINT', () => void shutdown('SIGINT', 0));
	process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
	// Last resort. A rejected promise nobody awaited is a bug in one task, not in the process: log
	// it with what is known and keep serving. An uncaught exception may have left state half-changed:
	// log it and stop cleanly (exit 1) so the supervisor restarts a sound process.
	process.on('unhandledRejection', (reason) => {
		metrics.error('unhandled-rejection');
		logger.error({ err: reason }, 'unhandled promise rejection; the bot keeps running');
	});
	process.on('uncaughtException', (error, origin) => {
		logger.fatal({ err: error, origin }, 'uncaught exception; stopping cleanly');
		void shutdown('uncaught exception', 1);
	});

	if (env.HEALTH_PORT !== undefined) {
		try {
			health = await startHealthServer(
				env.HEALTH_HOST,
				env.HEALTH_PORT,
				() => ({ gateway: bot.client.isReady() && !stopping, data: data.serving && data.stats().figures > 0 }),
				metrics.registry,
			);
			logger.info({ host: env.HEALTH_HOST, port: env.HEALTH_PORT }, 'health and metrics endpoint listening');
		} catch (error) {
			die(
				`cannot start: HEALTH_HOST ${env.HEALTH_HOST} HEALTH_PORT ${env.HEALTH_PORT}: ${(error as Error).message}`,
			);
		}
	}
	// A network failure is retried with back-off (Discord may be unreachable for a while); a refusal
	// (a bad token, disallowed intents) is not: retrying cannot help.
	for (let attempt = 1; ; attempt++) {
		try {
			await bot.start();
			break;
		} catch (error) {
			if (stopping) return; // onFatal already said why and is shutting down, or a signal came
			const network = networkErrorCode(error);
			if (network) {
				const retryInMs = Math.min(CONNECT_MAX_BACKOFF_MS, 1000 * 2 ** (attempt - 1));
				logger.warn({ code: network, attempt, retryInMs }, `${unreachable(network)}; retrying`);
				await new Promise((resolve) => setTimeout(resolve, retryInMs));
				if (stopping) return;
				continue;
			}
			const { code, message } = error as { code?: string; message?: string };
			console.error(
				`factdesk: cannot connect to Discord: ${code === 'TokenInvalid' ? 'the token was refused (check DISCORD_TOKEN)' : (message ?? 'unknown error')}`,
			);
			await shutdown('connect failed', 1);
			return;
		}
	}
	// Without the lock (another process has it) the scheduler keeps trying and takes over when it can.
	try {
		runner.acquire(now());
	} catch (error) {
		logger.error({ err: error }, 'digest store unavailable at start; digests will start when it is');
	}
	scheduler = startScheduler(runner, now);
	if (env.FACTDESK_WATCH) data.watch();
	try {
		refresher.recover();
	} catch (error) {
		logger.error({ err: error }, 'live tables: notes left from before could not be read');
	}
	const refreshTick = () => void refresher.tick(now());
	refreshTimer = setInterval(refreshTick, REFRESH_TICK_MS);
	refreshTick();
}

try {
	await main();
} catch (error) {
	// Anything startup did not foresee still ends in one line, never a stack trace.
	die(`cannot start: ${describeFsError(error)}`);
}
