import { Writable } from 'node:stream';
import { commands } from '../../commands/index.js';
import type { SlashCommand } from '../../src/bot/command.js';
import { type Bot, createBot } from '../../src/bot/createBot.js';
import { createLogger } from '../../src/logger.js';
import { NOW, engine } from './engine.js';
import { FakeDiscord } from './fakeDiscord.js';

export const TOKEN = 'MTExMTExMTExMTExMTExMTEx.test-token.do-not-log-me';

/** Log lines the bot wrote, parsed. */
export class LogCapture extends Writable {
	readonly lines: Record<string, unknown>[] = [];
	raw = '';
	override _write(chunk: Buffer, _encoding: string, done: () => void): void {
		this.raw += chunk.toString();
		for (const line of chunk.toString().split('\n').filter(Boolean)) this.lines.push(JSON.parse(line) as Record<string, unknown>);
		done();
	}
}

export interface Harness {
	server: FakeDiscord;
	bot: Bot;
	logs: LogCapture;
	stop(): Promise<void>;
}

/** The real bot (real discord.js client) logged in to a fresh local Discord-compatible server. */
export async function startHarness(extraCommands: SlashCommand[] = []): Promise<Harness> {
	const server = await FakeDiscord.start();
	const logs = new LogCapture();
	const bot = createBot({
		token: TOKEN,
		apiUrl: server.apiUrl,
		commands: [...commands, ...extraCommands],
		deps: { engine: () => engine, now: () => NOW, logger: createLogger('info', logs) },
		clientOptions: { ws: { buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: () => Promise.resolve() }) } as never },
	});
	await bot.start();
	return {
		server,
		bot,
		logs,
		async stop() {
			// Destroy the client before closing the server, or it reconnects forever.
			await bot.stop();
			await server.close();
		},
	};
}

export const callbackOf = (token: string) => (r: { method: string; path: string }) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`);
