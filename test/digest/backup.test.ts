import { copyFileSync, existsSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DigestStore } from '../../src/digest/store.js';
import { tempDb } from '../support/digests.js';
import { runEntry } from '../support/spawn.js';

const subscribe = (store: DigestStore, channelId: string) =>
	store.addSubscription({
		guildId: '333333333333333333',
		channelId,
		cron: '0 8 * * *',
		scheduleText: 'daily 08:00',
		timezone: 'UTC',
		createdAt: Date.parse('2026-01-01T00:00:00Z'),
		createdBy: 'test',
	});

describe('npm run backup -- FILE', () => {
	it('GIVEN the store open in another process with writes still in its WAL THEN the copy opens and holds every subscription', async () => {
		const db = tempDb();
		const running = new DigestStore(db); // stays open, like the running bot
		for (let i = 0; i < 3; i++) subscribe(running, String(444444444444444440n + BigInt(i)));
		expect(existsSync(`${db}-wal`)).toBe(true);
		const target = join(tempDb(), '..', 'backup.db');
		const run = await runEntry('backup', { DIGEST_DB: db }, 60_000, [target]);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`copied the store ${db} to`);
		expect(run.stdout).toMatch(/\(3 subscriptions, integrity ok, one self-contained file\)/);
		// One file: not in WAL mode, nothing beside it, no partial copy left in its folder.
		expect(readdirSync(dirname(target)).filter((f) => f.includes('backup'))).toEqual(['backup.db']);
		running.close();
		const file = new Database(target, { readonly: true });
		expect(file.pragma('journal_mode', { simple: true })).toBe('delete');
		file.close();
		const copy = new DigestStore(target);
		expect(copy.subscriptions().map((s) => s.channelId)).toEqual([
			'444444444444444440',
			'444444444444444441',
			'444444444444444442',
		]);
		copy.close();
		const raw = new Database(target, { readonly: true });
		expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
		raw.close();
	});

	it('GIVEN FILE a symbolic link, even a dangling one THEN it refuses and writes nothing through it', async () => {
		const db = tempDb();
		const store = new DigestStore(db);
		subscribe(store, '444444444444444449');
		store.close();
		const folder = dirname(tempDb());
		const elsewhere = join(folder, 'elsewhere.db');
		symlinkSync(elsewhere, join(folder, 'link.db'));
		const run = await runEntry('backup', { DIGEST_DB: db }, 60_000, [join(folder, 'link.db')]);
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/link\.db is a symbolic link/);
		expect(existsSync(elsewhere)).toBe(false);
		expect(readdirSync(folder).filter((f) => f.endsWith('.partial'))).toEqual([]);
	});

	it('GIVEN a store with no subscriptions THEN it names the store and refuses, unless --allow-empty', async () => {
		const db = tempDb();
		new DigestStore(db).close();
		const target = join(dirname(tempDb()), 'empty.db');
		const refused = await runEntry('backup', { DIGEST_DB: db }, 60_000, [target]);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain(
			`the store at ${db} holds no subscriptions: is DIGEST_DB the store the bot runs on?`,
		);
		expect(existsSync(target)).toBe(false);
		const allowed = await runEntry('backup', { DIGEST_DB: db }, 60_000, [target, '--allow-empty']);
		expect(allowed.code).toBe(0);
		expect(allowed.stdout).toMatch(/\(0 subscriptions, integrity ok/);
	});

	it('GIVEN a FILE that exists, or no FILE THEN it refuses in one line and writes nothing', async () => {
		const db = tempDb();
		const store = new DigestStore(db);
		subscribe(store, '444444444444444448');
		store.close();
		const existing = join(tempDb(), '..', 'taken.db');
		writeFileSync(existing, 'keep me');
		const taken = await runEntry('backup', { DIGEST_DB: db }, 60_000, [existing]);
		expect(taken.code).toBe(1);
		expect(taken.stderr).toMatch(/^backup: .*taken\.db already exists/);
		const none = await runEntry('backup', { DIGEST_DB: db }, 60_000, []);
		expect(none.code).toBe(2);
		expect(none.stderr).toMatch(/^usage: npm run backup -- FILE/);
	});

	it("GIVEN the README's restore (stop, copy the backup over DIGEST_DB, delete -wal and -shm, start) THEN the store is the backup's", async () => {
		const db = tempDb();
		const running = new DigestStore(db);
		subscribe(running, '444444444444444450');
		const target = join(dirname(tempDb()), 'before.db');
		expect((await runEntry('backup', { DIGEST_DB: db }, 60_000, [target])).code).toBe(0);
		subscribe(running, '444444444444444451'); // after the backup: forgotten by the restore
		running.close(); // 1. stop the bot
		copyFileSync(target, db); // 2. copy the backup over DIGEST_DB
		for (const sidecar of [`${db}-wal`, `${db}-shm`]) rmSync(sidecar, { force: true }); // 3.
		const restored = new DigestStore(db); // 4. start
		expect(restored.subscriptions().map((s) => s.channelId)).toEqual(['444444444444444450']);
		restored.close();
	});
});
