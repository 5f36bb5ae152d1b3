import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../support/digests.js';
import { DigestStore } from '../../src/digest/store.js';
import { APPLICATION_ID, CHANNEL_ID, FakeDiscord, GUILD_ID } from '../support/fakeDiscord.js';

const TOKEN = 'MTExMTExMTExMTExMTExMTEx.lifecycle.never-in-logs';

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

interface Running {
	child: ChildProcess;
	stdout: string;
	stderr: string;
	exited: Promise<{ code: number | null; ms: number }>;
	waitForLog(msg: string, timeoutMs?: number): Promise<void>;
}

/** `npm start`'s entry as a child process against the local Discord-compatible server. */
function startBot(server: FakeDiscord, env: Record<string, string> = {}): Running {
	const child = spawn(process.execPath, ['scripts/run.mjs', 'start'], {
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: server.apiUrl, DIGEST_DB: tempDb(), FACTDESK_WATCH: 'false', LOG_LEVEL: 'debug', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const running: Running = {
		child,
		stdout: '',
		stderr: '',
		exited: new Promise(() => undefined),
		waitForLog: (msg, timeoutMs = 20_000) =>
			new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no "${msg}" in the log; stderr: ${running.stderr}`)), timeoutMs);
				const check = () => {
					if (running.stdout.split('\n').some((l) => l.includes(`"msg":"${msg}"`))) {
						clearTimeout(timer);
						resolve();
					} else setTimeout(check, 50);
				};
				check();
			}),
	};
	child.stdout!.on('data', (d: Buffer) => (running.stdout += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (running.stderr += d.toString()));
	let signalledAt = 0;
	child.on('spawn', () => undefined);
	const originalKill = child.kill.bind(child);
	child.kill = (signal?: NodeJS.Signals | number) => {
		if (signalledAt === 0) signalledAt = Date.now();
		return originalKill(signal);
	};
	running.exited = new Promise((resolve) => child.on('exit', (code) => resolve({ code, ms: signalledAt ? Date.now() - signalledAt : 0 })));
	return running;
}

let server: FakeDiscord;
beforeEach(async () => {
	server = await FakeDiscord.start();
});
afterEach(async () => {
	await server.close();
});

describe('running in production (the real start script, as a child process)', () => {
	it('GIVEN SIGTERM THEN it stops taking work, disconnects and exits 0 within 8 seconds, never logging the token', async () => {
		const bot = startBot(server);
		await bot.waitForLog('ready');
		bot.child.kill('SIGTERM');
		const { code, ms } = await bot.exited;
		expect(code).toBe(0);
		expect(ms).toBeLessThan(8_000);
		expect(bot.stdout).toContain('"msg":"shutting down"');
		expect(bot.stdout + bot.stderr).not.toContain('never-in-logs');
	});

	/** A bot with a digest due every second whose message Discord is slow to accept. */
	async function botWithDigestInFlight(delayMs: number) {
		const db = tempDb();
		const store = new DigestStore(db);
		const sub = store.addSubscription({ guildId: GUILD_ID, channelId: CHANNEL_ID, cron: '* * * * * *', scheduleText: 'every second', timezone: 'UTC', createdAt: Date.now(), createdBy: 'test' });
		store.close();
		server.delay('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), delayMs);
		const bot = startBot(server, { DIGEST_DB: db });
		await bot.waitForLog('ready');
		await server.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);
		return { bot, db, subscriptionId: sub.id };
	}

	it('GIVEN SIGTERM while a digest is being sent THEN it finishes and records that digest before exiting 0', async () => {
		const { bot, db, subscriptionId } = await botWithDigestInFlight(1_500);
		bot.child.kill('SIGTERM');
		const { code, ms } = await bot.exited;
		expect(code).toBe(0);
		expect(ms).toBeGreaterThan(500);
		expect(ms).toBeLessThan(8_000);
		const store = new DigestStore(db);
		expect(store.sent(subscriptionId)).toHaveLength(1);
		store.close();
	});

	it('GIVEN a second signal during shutdown THEN it exits at once', async () => {
		const { bot } = await botWithDigestInFlight(6_000);
		bot.child.kill('SIGTERM');
		await bot.waitForLog('shutting down');
		bot.child.kill('SIGTERM');
		const { code, ms } = await bot.exited;
		expect(code).toBe(130);
		expect(ms).toBeLessThan(3_000);
		expect(bot.stdout).toContain('"msg":"second stop request: exiting now"');
	});

	it.each([
		[4004, /refused the token \(gateway close 4004\)/],
		[4014, /refused the gateway intents \(close 4014\)/],
	])('GIVEN the gateway closes with %i THEN one clear line and a non-zero exit, not a reconnect loop', async (closeCode, message) => {
		const bot = startBot(server);
		await bot.waitForLog('ready');
		const identifies = server.identifies;
		server.closeGateway(closeCode);
		const { code } = await bot.exited;
		expect(code).toBe(1);
		expect(bot.stderr.trim().split('\n')).toHaveLength(1);
		expect(bot.stderr).toMatch(message);
		expect(server.identifies).toBe(identifies);
	});

	it('GIVEN a REST 401 while running THEN it stops with one clear line', async () => {
		const bot = startBot(server);
		await bot.waitForLog('ready');
		server.fail('POST', /^\/channels\/\d+\/messages$/, 401);
		server.message('<@111111111111111111> tourists 2025', [{ id: '111111111111111111', username: 'factdesk', discriminator: '0', global_name: 'Factdesk', avatar: null, bot: true }]);
		const { code } = await bot.exited;
		expect(code).toBe(1);
		expect(bot.stderr).toMatch(/refused the token \(HTTP 401 on POST \/channels\/:id\/messages\)/);
	});

	it('GIVEN HEALTH_PORT THEN /live and /ready answer on 127.0.0.1', async () => {
		const port = await freePort();
		const bot = startBot(server, { HEALTH_PORT: String(port) });
		await bot.waitForLog('ready');
		const live = await fetch(`http://127.0.0.1:${port}/live`);
		expect(live.status).toBe(200);
		const ready = await fetch(`http://127.0.0.1:${port}/ready`);
		expect(ready.status).toBe(200);
		expect(await ready.json()).toEqual({ ready: true, gateway: true, data: true });
		expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
		bot.child.kill('SIGTERM');
		expect((await bot.exited).code).toBe(0);
	});
});
