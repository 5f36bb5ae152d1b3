import { Routes } from 'discord.js';
import { commands } from '../commands/index.js';
import { createBot } from './bot/createBot.js';
import { EnvError, loadEnv } from './config/env.js';
import { loadGazetteer } from './data/gazetteer.js';
import { loadDataset } from './data/loadDataset.js';
import { DatasetError } from './data/parseDataset.js';
import { DigestRunner } from './digest/runner.js';
import { type Scheduler, startScheduler } from './digest/scheduler.js';
import { DigestStore } from './digest/store.js';
import { createEngine } from './engine/createEngine.js';
import { createLogger } from './logger.js';

/** Startup: environment → data → engine → digest store → Discord client → scheduler. */
async function main(): Promise<number> {
	let env;
	try {
		env = await loadEnv();
	} catch (error) {
		if (error instanceof EnvError) {
			console.error(`factdesk: cannot start: ${error.message.split('\n').join('; ')}`);
			return 1;
		}
		throw error;
	}
	const logger = createLogger(env.LOG_LEVEL);
	let engine;
	try {
		engine = createEngine(loadDataset(env.FACTDESK_DATA), loadGazetteer());
	} catch (error) {
		if (error instanceof DatasetError) {
			console.error(`factdesk: cannot start: the dataset in ${env.FACTDESK_DATA} is invalid:\n${error.message}`);
			return 1;
		}
		throw error;
	}
	logger.info({ dataset: engine.dataset.id, figures: engine.dataset.figures.length }, 'dataset loaded');

	let store: DigestStore;
	try {
		store = new DigestStore(env.DIGEST_DB);
	} catch (error) {
		console.error(`factdesk: cannot start: cannot open the digest database ${env.DIGEST_DB}: ${(error as Error).message}`);
		return 1;
	}
	const now = () => new Date();
	let send = async (_channelId: string, _body: Record<string, unknown>): Promise<{ id: string }> => {
		throw new Error('the Discord client is not ready');
	};
	const runner = new DigestRunner({ store, engine: () => engine, send: (c, b) => send(c, b), logger, graceMs: env.DIGEST_GRACE_MINUTES * 60_000 });
	const bot = createBot({ token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, commands, deps: { engine: () => engine, now, logger, digests: { store, runner } } });
	send = (channelId, body) => bot.client.rest.post(Routes.channelMessages(channelId), { body }) as Promise<{ id: string }>;

	let scheduler: Scheduler | null = null;
	const stop = async (signal: string) => {
		logger.info({ signal }, 'shutting down');
		await scheduler?.stop();
		runner.release();
		store.close();
		await bot.stop();
		process.exit(0);
	};
	process.once('SIGINT', () => void stop('SIGINT'));
	process.once('SIGTERM', () => void stop('SIGTERM'));
	try {
		await bot.start();
	} catch (error) {
		const { code, message } = error as { code?: string; message?: string };
		console.error(`factdesk: cannot connect to Discord: ${code === 'TokenInvalid' ? 'the token was refused (check DISCORD_TOKEN)' : (message ?? 'unknown error')}`);
		await bot.stop();
		store.close();
		return 1;
	}
	if (runner.acquire(now())) scheduler = startScheduler(runner, now);
	return 0;
}

const code = await main();
if (code !== 0) process.exit(code);
