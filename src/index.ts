import { commands } from '../commands/index.js';
import { createBot } from './bot/createBot.js';
import { EnvError, loadEnv } from './config/env.js';
import { loadGazetteer } from './data/gazetteer.js';
import { loadDataset } from './data/loadDataset.js';
import { DatasetError } from './data/parseDataset.js';
import { createEngine } from './engine/createEngine.js';
import { createLogger } from './logger.js';

/** Startup: environment → data → engine → Discord client. Any failure is one clear line and exit 1. */
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
	const bot = createBot({ token: env.DISCORD_TOKEN, apiUrl: env.DISCORD_API_URL, commands, deps: { engine: () => engine, now: () => new Date(), logger } });
	const stop = async (signal: string) => {
		logger.info({ signal }, 'shutting down');
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
		return 1;
	}
	return 0;
}

const code = await main();
if (code !== 0) process.exit(code);
