import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { DataService } from '../../src/service/dataService.js';
import { DATA_WORKER, LogCapture } from '../support/bot.js';
import { NOW, gazetteer } from '../support/engine.js';
import { generateDataset, writeTableDataset } from '../../bench/writeDataset.js';

function copyOfData(): string {
	const dir = join(mkdtempSync(join(tmpdir(), 'factdesk-data-')), 'nk-travel');
	cpSync('data/nk-travel', dir, { recursive: true });
	return dir;
}

const start = (dir: string, logs?: LogCapture) =>
	DataService.start({ dir, workerUrl: DATA_WORKER, logger: logs ? createLogger('info', logs) : createLogger('silent') });

/** What the service answers about sea arrivals in 2025: its description shows the value and qualifier. */
const seaArrivals = async (data: DataService) =>
	(await data.request('ask', { question: 'sea arrivals 2025', now: NOW.getTime() })).reply.embeds?.[0]?.description ?? '';

describe('reloading the data (in the data worker)', () => {
	it('GIVEN a valid edit THEN the new figure is served once the reload is done', async () => {
		const dir = copyOfData();
		const data = await start(dir);
		try {
			expect(await seaArrivals(data)).toMatch(/\*\*161 visitors\*\*/);
			const csv = readFileSync(join(dir, 'figures.csv'), 'utf8');
			writeFileSync(join(dir, 'figures.csv'), csv.replace(',161,exact,', ',161,approximately,'));
			expect(await data.reload()).toMatchObject({ ok: true, figures: 24, datasets: 1 });
			expect(await seaArrivals(data)).toMatch(/about 161/);
			expect(data.lastReload?.ok).toBe(true);
		} finally {
			await data.close();
		}
	});

	it('GIVEN the first load THEN it runs at full priority; a reload, beside the serving worker, at a lower one', async () => {
		const logs = new LogCapture();
		const data = await start(copyOfData(), logs);
		try {
			const base = getPriority();
			const loads = () => logs.lines.filter((l) => l.msg === 'data worker loaded');
			expect(loads()).toMatchObject([{ background: false, priority: base, figures: 24 }]);
			await data.reload();
			expect(loads()[1]).toMatchObject({ background: true, priority: Math.max(10, base) });
		} finally {
			await data.close();
		}
	});

	it('GIVEN an invalid edit THEN it is refused with file:line errors and the old data keeps being served', async () => {
		const dir = copyOfData();
		const logs = new LogCapture();
		const data = await start(dir, logs);
		try {
			const csv = readFileSync(join(dir, 'figures.csv'), 'utf8');
			writeFileSync(join(dir, 'figures.csv'), csv.replace(',161,exact,', ',one hundred,exact,'));
			const outcome = await data.reload();
			expect(outcome.ok).toBe(false);
			if (!outcome.ok) expect(outcome.error).toMatch(/figures\.csv:14: value: must be a number/);
			expect(await seaArrivals(data)).toMatch(/\*\*161 visitors\*\*/);
			expect(logs.lines.some((l) => l.msg === 'dataset reload refused; still serving the previous data')).toBe(true);
			expect(data.lastReload?.ok).toBe(false);
		} finally {
			await data.close();
		}
	});

	it.each([
		['a FIFO in place of statements.csv', (dir: string) => (rmSync(join(dir, 'statements.csv')), execFileSync('mkfifo', [join(dir, 'statements.csv')])), /statements\.csv: is not a regular file/],
		['a source text symlinked to a file outside the folder', (dir: string) => {
			const outside = join(mkdtempSync(join(tmpdir(), 'factdesk-outside-')), 'secret.txt');
			writeFileSync(outside, readFileSync(join(dir, 'sources/kozlov-tourism-projects.txt')));
			rmSync(join(dir, 'sources/kozlov-tourism-projects.txt'));
			symlinkSync(outside, join(dir, 'sources/kozlov-tourism-projects.txt'));
		}, /kozlov-tourism-projects\.txt: leads outside the dataset folder/],
	])("GIVEN %s THEN the watcher's reload refuses it, says why, and keeps serving the old data", async (_, damage, reason) => {
		const dir = copyOfData();
		const logs = new LogCapture();
		const data = await start(dir, logs);
		data.watch(20);
		try {
			damage(dir);
			// Editors' writes come in bursts; some reload along the way must give this reason.
			await expect.poll(() => logs.lines.some((l) => l.msg === 'dataset reload refused; still serving the previous data' && reason.test(String(l.error))), { timeout: 10_000 }).toBe(true);
			expect(await seaArrivals(data)).toMatch(/161/);
			expect(await data.reload()).toMatchObject({ ok: false, error: expect.stringMatching(reason) });
		} finally {
			await data.close();
		}
	});

	it('GIVEN a folder in place of figures.csv (EISDIR) THEN /reload refuses it and keeps serving the old data', async () => {
		const dir = copyOfData();
		const data = await start(dir);
		try {
			rmSync(join(dir, 'figures.csv'));
			mkdirSync(join(dir, 'figures.csv'));
			expect(await data.reload()).toMatchObject({ ok: false, error: expect.stringMatching(/figures\.csv: is not a regular file/) });
			expect(await seaArrivals(data)).toMatch(/161/);
		} finally {
			await data.close();
		}
	});

	it('GIVEN FACTDESK_DATA naming a file, or a folder that does not exist THEN the start fails with one clear message', async () => {
		await expect(start('data/nk-travel/figures.csv')).rejects.toThrow(/figures\.csv: is not a folder/);
		await expect(start('data/no-such-dataset')).rejects.toThrow(/no-such-dataset: cannot be read: not found \(ENOENT\)/);
	});

	it('GIVEN edits during a reload THEN the last edit is loaded, one reload at a time', async () => {
		const dir = copyOfData();
		const data = await start(dir);
		try {
			const csv = readFileSync(join(dir, 'figures.csv'), 'utf8');
			const first = data.reload();
			writeFileSync(join(dir, 'figures.csv'), csv.replace(',161,exact,', ',161,approximately,'));
			const second = data.reload();
			await Promise.all([first, second]);
			expect(await seaArrivals(data)).toMatch(/about 161/);
		} finally {
			await data.close();
		}
	});

	it('GIVEN a reload of a large table in progress THEN questions are answered meanwhile from the old data, and from the new once swapped', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'factdesk-large-')), 'generated');
		writeTableDataset(generateDataset(gazetteer, 10, 40, 10, 10), dir);
		const data = await start(dir);
		try {
			const ask = () => data.request('suggest', { text: 'visitors', figuresOnly: false });
			let reloaded = false;
			const reload = data.reload().then((outcome) => ((reloaded = true), outcome));
			// Every answer during the reload comes while the new library is still loading.
			for (let i = 0; i < 5; i++) {
				expect((await ask()).length).toBeGreaterThan(0);
				expect(reloaded).toBe(false);
			}
			expect(await reload).toMatchObject({ ok: true, figures: 40_000 });
			expect((await ask()).length).toBeGreaterThan(0);
		} finally {
			await data.close();
		}
	});

	it('GIVEN the data worker dies THEN requests say the data is reloading, and it is served again from disk', async () => {
		const logs = new LogCapture();
		const data = await start(copyOfData(), logs);
		try {
			// A fault inside the worker (as an out-of-memory kill would be): it stops without a goodbye.
			await (data as unknown as { current: { worker: { terminate(): Promise<number> } } }).current.worker.terminate();
			await expect(data.request('ask', { question: 'tourists 2025', now: NOW.getTime() })).rejects.toThrow(/reloaded after a fault/);
			await expect.poll(() => data.serving, { timeout: 10_000 }).toBe(true);
			expect(await seaArrivals(data)).toMatch(/161/);
			expect(logs.lines.some((l) => l.msg === 'the data worker stopped; loading the data again')).toBe(true);
		} finally {
			await data.close();
		}
	});

	it('GIVEN a request the worker never finishes THEN it alone is dropped, the worker replaced, and the requests queued behind it answered by the new one', async () => {
		const logs = new LogCapture();
		const data = await DataService.start({
			dir: copyOfData(),
			workerUrl: new URL('../support/stallingWorker.mjs', import.meta.url),
			logger: createLogger('info', logs),
			timeoutMs: 120_000,
			// Long enough that a busy machine never makes the worker's quick answers look stuck.
			stallMs: 2_000,
		});
		type Echo = { threadId: number; args: { question: string } };
		const ask = (question: string) => data.request('ask', { question, now: 0 }) as unknown as Promise<Echo>;
		try {
			const first = await ask('ping');
			const hung = ask('hang');
			const behind = [ask('one'), ask('two')];
			await expect(hung).rejects.toThrow(/took too long and was stopped/);
			const answers = await Promise.all(behind);
			expect(answers.map((a) => a.args.question)).toEqual(['one', 'two']);
			for (const answer of answers) expect(answer.threadId).not.toBe(first.threadId);
			expect(logs.lines.find((l) => l.msg === 'the data worker stopped answering; replacing it')).toMatchObject({ op: 'ask', requeued: 2 });
			expect((await ask('after')).args.question).toBe('after');
		} finally {
			await data.close();
		}
	});
});
