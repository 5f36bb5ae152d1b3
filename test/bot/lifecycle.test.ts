import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSubscription, tempDb } from '../support/digests.js';
import { DigestStore } from '../../src/digest/store.js';
import { loadLibrary } from '../../src/data/loadLibrary.js';
import { APPLICATION_ID, BOT_USER, CHANNEL_ID, FakeDiscord, HUMAN } from '../support/fakeDiscord.js';

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
/** Every bot process a test started: one a failing test left running is killed after it. */
const started = new Set<ChildProcess>();

function startBot(server: FakeDiscord, env: Record<string, string> = {}): Running {
	const child = spawn(process.execPath, ['scripts/run.mjs', 'start'], {
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			DISCORD_TOKEN: TOKEN,
			DISCORD_APPLICATION_ID: APPLICATION_ID,
			DISCORD_API_URL: server.apiUrl,
			DIGEST_DB: tempDb(),
			FACTDESK_WATCH: 'false',
			LOG_LEVEL: 'debug',
			...env,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	started.add(child);
	child.on('exit', () => started.delete(child));
	const running: Running = {
		child,
		stdout: '',
		stderr: '',
		exited: new Promise(() => undefined),
		waitForLog: (msg, timeoutMs = 20_000) =>
			new Promise((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`no "${msg}" in the log; stderr: ${running.stderr}`)),
					timeoutMs,
				);
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
	running.exited = new Promise((resolve) =>
		child.on('exit', (code) => resolve({ code, ms: signalledAt ? Date.now() - signalledAt : 0 })),
	);
	return running;
}

/** A digest every second to the newsroom channel. */
const subscribeEverySecond = (store: DigestStore, createdAt: number) =>
	addSubscription(store, { cron: '* * * * * *', scheduleText: 'every second', createdAt });

let server: FakeDiscord;
beforeEach(async () => {
	server = await FakeDiscord.start();
});
afterEach(async () => {
	for (const child of started) child.kill('SIGKILL');
	started.clear();
	await server.close();
});

describe('running in production (the real start script, as a child process)', () => {
	it('GIVEN SIGTERM THEN it stops taking work, disconnects and exits 0 within 8 seconds, never logging the token', async () => {
		const bot = startBot(server);
		await bot.waitForLog('ready');
		bot.child.kill('SIGTERM');
		const { code } = await bot.exited;
		// Exit 0: drained in time (past its 8 s limit the bot gives up and exits 1).
		expect(code).toBe(0);
		expect(bot.stdout).toContain('"msg":"shutting down"');
		expect(bot.stdout + bot.stderr).not.toContain('never-in-logs');
	});

	/** A bot with a digest due every second whose message Discord is slow to accept. */
	async function botWithDigestInFlight(delayMs: number) {
		const db = tempDb();
		const store = new DigestStore(db);
		const sub = subscribeEverySecond(store, Date.now());
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
		const store = new DigestStore(db);
		expect(store.sent(subscriptionId)).toHaveLength(1);
		store.close();
	});

	it('GIVEN SIGTERM while /digest send-now is posting, in a process that does not schedule THEN it finishes and records that post before exiting 0', async () => {
		const db = tempDb();
		const store = new DigestStore(db);
		const sub = addSubscription(store, { cron: '0 8 1 1 *', scheduleText: 'yearly' });
		// Another process schedules: this one only answers commands.
		store.acquireLock({ id: 'elsewhere', pid: 1, host: 'another-host' }, Date.now(), 600_000, () => true);
		store.close();
		server.delay('POST', new RegExp(`^/channels/${CHANNEL_ID}/messages$`), 1_500);
		const bot = startBot(server, { DIGEST_DB: db });
		await bot.waitForLog('ready');
		server.rawCommand(
			'digest',
			[{ name: 'send-now', type: 1, options: [{ name: 'id', type: 4, value: sub.id }] }],
			{
				member: FakeDiscord.member('32'),
			},
		);
		await server.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);
		bot.child.kill('SIGTERM');
		const { code } = await bot.exited;
		expect(code).toBe(0);
		const check = new Database(db, { readonly: true });
		expect(check.prepare("SELECT status FROM deliveries WHERE kind = 'manual'").all()).toEqual([
			{ status: 'sent' },
		]);
		check.close();
	});

	it('GIVEN a second signal during shutdown THEN it exits at once', async () => {
		const { bot } = await botWithDigestInFlight(6_000);
		bot.child.kill('SIGTERM');
		await bot.waitForLog('shutting down');
		bot.child.kill('SIGTERM');
		const { code } = await bot.exited;
		// 130: the second signal's exit, not the drain (0) nor the 8 s give-up (1).
		expect(code).toBe(130);
		expect(bot.stdout).toContain('"msg":"second stop request: exiting now"');
	});

	it.each([
		[4004, /refused the token \(gateway close 4004\)/],
		[4014, /refused the gateway intents \(close 4014\)/],
	])(
		'GIVEN the gateway closes with %i THEN one clear line and a non-zero exit, not a reconnect loop',
		async (closeCode, message) => {
			const bot = startBot(server);
			await bot.waitForLog('ready');
			const identifies = server.identifies;
			server.closeGateway(closeCode);
			const { code } = await bot.exited;
			expect(code).toBe(1);
			expect(bot.stderr.trim().split('\n')).toHaveLength(1);
			expect(bot.stderr).toMatch(message);
			expect(server.identifies).toBe(identifies);
		},
	);

	it('GIVEN a REST 401 while running THEN it stops with one clear line', async () => {
		const bot = startBot(server);
		await bot.waitForLog('ready');
		server.fail('POST', /^\/channels\/\d+\/messages$/, 401);
		server.message(`<@${BOT_USER.id}> tourists 2025`, [BOT_USER]);
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

	/** A /fact question through the running bot; resolves with the callback body. */
	const ask = async (query: string) => {
		const { token } = server.command('fact', { query });
		return (
			await server.waitForRequest((r) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`), 15_000)
		).body as { data: { embeds: { description: string }[] } };
	};

	it('GIVEN another process locks the database for 7 s THEN the bot keeps answering, logs it, and posts the digest once it is free', async () => {
		const db = tempDb();
		const store = new DigestStore(db);
		const sub = subscribeEverySecond(store, Date.now() + 2_000);
		store.close();
		const bot = startBot(server, { DIGEST_DB: db });
		await bot.waitForLog('ready');
		const other = new Database(db);
		other.exec('BEGIN EXCLUSIVE');
		other.prepare("UPDATE scheduler_lock SET heartbeat_at = heartbeat_at WHERE name = 'digest'").run();
		const asked = Date.now();
		// Answered while the store is locked (the lock is held until after the second answer).
		expect((await ask('russians to north korea 2025')).data.embeds[0]?.description).toContain('9,985');
		await bot.waitForLog('digest store unavailable; digests wait, the bot keeps answering', 10_000);
		await new Promise((resolve) => setTimeout(resolve, 7_000 - (Date.now() - asked)));
		expect((await ask('tourists 2024')).data.embeds[0]?.description).toContain('1,957');
		other.exec('COMMIT');
		other.close();
		await server.waitForRequest(
			(r) =>
				r.method === 'POST' &&
				r.path === `/channels/${CHANNEL_ID}/messages` &&
				typeof (r.body as { nonce?: string }).nonce === 'string',
			70_000,
		);
		expect(bot.child.exitCode).toBeNull();
		const check = new DigestStore(db);
		await expect.poll(() => check.sent(sub.id).length, { timeout: 15_000 }).toBeGreaterThan(0);
		check.close();
		bot.child.kill('SIGTERM');
		expect((await bot.exited).code).toBe(0);
	}, 90_000);

	it('GIVEN the scheduler lock held at start by a process elsewhere THEN the bot keeps trying and takes over when it is released', async () => {
		const db = tempDb();
		const store = new DigestStore(db);
		subscribeEverySecond(store, Date.now());
		store.acquireLock({ id: 'elsewhere', pid: 1, host: 'another-host' }, Date.now(), 60_000, () => true);
		const bot = startBot(server, { DIGEST_DB: db });
		await bot.waitForLog(
			'another Factdesk process runs the digest scheduler on this database; this one will take over if it stops',
		);
		store.releaseLock({ id: 'elsewhere', pid: 1, host: 'another-host' });
		store.close();
		await bot.waitForLog('took the digest scheduler lock; posting digests from this process', 15_000);
		await server.waitForRequest(
			(r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`,
			10_000,
		);
		bot.child.kill('SIGTERM');
		expect((await bot.exited).code).toBe(0);
	});

	it('GIVEN an interaction whose permissions field is malformed THEN the bot logs it and keeps answering', async () => {
		const bot = startBot(server);
		await bot.waitForLog('ready');
		server.interaction(
			2,
			{ id: '1', name: 'fact', type: 1, options: [{ name: 'query', type: 3, value: 'tourists 2025' }] },
			{
				member: {
					user: HUMAN,
					roles: [],
					permissions: 'not-a-number',
					joined_at: '2025-01-01T00:00:00.000Z',
					deaf: false,
					mute: false,
					flags: 0,
				},
				app_permissions: '{}',
			},
		);
		expect((await ask('tourists 2025')).data.embeds[0]?.description).toContain('5,075');
		expect(bot.child.exitCode).toBeNull();
		await bot.waitForLog('unhandled promise rejection; the bot keeps running', 3_000);
		bot.child.kill('SIGTERM');
		expect((await bot.exited).code).toBe(0);
	});

	it.each([
		[
			'FACTDESK_DATA naming a file',
			() => ({ FACTDESK_DATA: 'data/nk-travel/figures.csv' }),
			/^factdesk: cannot start: the data in data\/nk-travel\/figures\.csv is invalid:\n.*figures\.csv: is not a folder/,
		],
		[
			'DIGEST_DB under a file',
			() => {
				const file = join(mkdtempSync(join(tmpdir(), 'factdesk-')), 'plain-file');
				writeFileSync(file, 'x');
				return { DIGEST_DB: join(file, 'digests.db') };
			},
			/^factdesk: cannot start: cannot open the digest database .*digests\.db: /,
		],
	])('GIVEN %s THEN one line on stderr and exit 1, no stack trace', async (_, env, message) => {
		const bot = startBot(server, env());
		const { code } = await bot.exited;
		expect(code).toBe(1);
		expect(bot.stderr).toMatch(message);
		expect(bot.stderr).not.toMatch(/\n\s+at /);
	});

	it('GIVEN a stop that cannot finish within 8 seconds THEN the watchdog exits non-zero', async () => {
		const { bot } = await botWithDigestInFlight(12_000);
		bot.child.kill('SIGTERM');
		const { code, ms } = await bot.exited;
		expect(code).toBe(1);
		expect(ms).toBeGreaterThanOrEqual(7_500);
		expect(bot.stdout).toContain('"msg":"shutdown took too long; exiting anyway"');
	}, 20_000);

	it('GIVEN Discord unreachable at start THEN it says "could not reach Discord", retries with back-off, and connects once Discord answers', async () => {
		const port = await freePort();
		const bot = startBot(server, { DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
		await bot.waitForLog(
			'could not reach Discord (ECONNREFUSED); check the network, DNS and any proxy or firewall; retrying',
		);
		expect(bot.child.exitCode).toBeNull();
		expect(bot.stdout + bot.stderr).not.toMatch(/refused the token/);
		const late = await FakeDiscord.start(port);
		try {
			await bot.waitForLog('ready', 30_000);
			const attempts = bot.stdout
				.split('\n')
				.filter((l) => l.includes('could not reach Discord'))
				.map((l) => JSON.parse(l) as { attempt: number; retryInMs: number; time: string });
			expect(attempts[0]).toMatchObject({ attempt: 1, retryInMs: 1000 });
			expect(attempts[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			bot.child.kill('SIGTERM');
			expect((await bot.exited).code).toBe(0);
		} finally {
			await late.close();
		}
	}, 60_000);

	it('GIVEN HEALTH_PORT THEN /metrics gives Prometheus text with interactions, reply and autocomplete latency, digests and the data served', async () => {
		const port = await freePort();
		const bot = startBot(server, { HEALTH_PORT: String(port), HEALTH_HOST: '127.0.0.1' });
		await bot.waitForLog('ready');
		await ask('tourists 2025');
		const { token } = server.autocomplete('fact', 'query', 'touri');
		await server.waitForRequest((r) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`));
		const metrics = async () => {
			const response = await fetch(`http://127.0.0.1:${port}/metrics`);
			expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
			return response.text();
		};
		await expect
			.poll(async () => await metrics())
			.toMatch(/^factdesk_autocomplete_seconds_count\{command="fact"\} 1$/m);
		const text = await metrics();
		expect(text).toMatch(/^factdesk_interactions_total\{command="fact",outcome="ok"\} 2$/m);
		expect(text).toMatch(/^factdesk_reply_seconds_bucket\{le="\+Inf",command="fact"\} 1$/m);
		// With no FACTDESK_DATA the bot serves the whole shipped library.
		const shipped = loadLibrary('data');
		expect(text).toMatch(
			new RegExp(`^factdesk_library_figures ${shipped.reduce((n, d) => n + d.figures.length, 0)}$`, 'm'),
		);
		expect(text).toMatch(new RegExp(`^factdesk_library_datasets ${shipped.length}$`, 'm'));
		expect(shipped.length).toBeGreaterThan(1);
		expect(text).toMatch(/^factdesk_digests_total\{outcome="sent"\} 0$/m);
		expect(text).toContain('# TYPE factdesk_errors_total counter');
		expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
		bot.child.kill('SIGTERM');
		expect((await bot.exited).code).toBe(0);
	});
});
