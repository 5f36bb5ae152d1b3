import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestStore } from '../../src/digest/store.js';
import { addSubscription, tempDb } from '../support/digests.js';
import { FakeDiscord } from '../support/fakeDiscord.js';

const WORKER = 'dist/test-digest-worker.mjs';
let server: FakeDiscord;
beforeAll(async () => {
	server = await FakeDiscord.start();
	await build({
		entryPoints: ['test/support/digestWorker.ts'],
		outfile: WORKER,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node22',
		logLevel: 'warning',
		external: ['discord.js', '@discordjs/*', 'better-sqlite3', 'pino', 'world-countries'],
		banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
	});
});
afterAll(async () => {
	await server.close();
});

function runWorker(env: Record<string, string>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [WORKER], {
			env: { PATH: process.env.PATH ?? '', API_URL: server.apiUrl, ...env },
			stdio: 'inherit',
		});
		child.on('exit', (code, signal) => resolve({ code, signal }));
	});
}

let channelSeq = 600000000000000000n;

describe('exactly one message per slot when the bot is killed mid-delivery and restarted', () => {
	it.each([
		['before the send', 'intent-recorded', 1],
		['between send and record', 'sent', 2],
		['after the record', 'recorded', 1],
	])(
		'GIVEN a kill %s THEN after a restart the channel holds exactly one digest for the slot',
		async (_, crashAt, expectedPosts) => {
			const db = tempDb();
			const channel = String(++channelSeq);
			const store = new DigestStore(db);
			const sub = addSubscription(store, { channelId: channel, createdAt: Date.parse('2025-06-01T07:00:00Z') });
			const slot = Date.parse('2025-06-01T08:00:00Z');

			const killed = await runWorker({ DIGEST_DB: db, NOW: '2025-06-01T08:00:05Z', CRASH_AT: crashAt });
			expect(killed.signal).toBe('SIGKILL');
			const restarted = await runWorker({ DIGEST_DB: db, NOW: '2025-06-01T08:00:30Z' });
			expect(restarted.code).toBe(0);
			const again = await runWorker({ DIGEST_DB: db, NOW: '2025-06-01T08:01:00Z' });
			expect(again.code).toBe(0);

			expect(server.messagesIn(channel)).toHaveLength(1);
			expect(
				server.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`),
			).toHaveLength(expectedPosts);
			expect(store.sent(sub.id).map((d) => d.slotAt)).toEqual([slot]);
			expect(store.delivery(sub.id, slot)?.messageId).toBe((server.messagesIn(channel)[0] as { id: string }).id);
			store.close();
		},
		// Nine node processes, each waited for by its exit event: the limit only stops a hang, and is
		// far above what a busy 2-core machine takes (~5 s alone, 20 s seen under load).
		120_000,
	);
});
