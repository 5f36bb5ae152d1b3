import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { ReloadableEngine } from '../../src/reloadableEngine.js';
import { LogCapture } from '../support/bot.js';
import { NOW, gazetteer } from '../support/engine.js';

function copyOfData(): string {
	const dir = join(mkdtempSync(join(tmpdir(), 'factdesk-data-')), 'nk-travel');
	cpSync('data/nk-travel', dir, { recursive: true });
	return dir;
}

describe('reloading the data', () => {
	it('GIVEN a valid edit THEN the new figure is served at once', () => {
		const dir = copyOfData();
		const data = new ReloadableEngine(dir, gazetteer, createLogger('silent'));
		const before = data.current();
		const csv = readFileSync(join(dir, 'figures.csv'), 'utf8');
		writeFileSync(join(dir, 'figures.csv'), csv.replace('ru-nk-2025-sea,visits,2025,russia,north_korea,,sea,161,', 'ru-nk-2025-sea,visits,2025,russia,north_korea,,sea,161,').replace(',161,exact,', ',161,approximately,'));
		expect(data.reload()).toMatchObject({ ok: true, figures: 24 });
		expect(data.current()).not.toBe(before);
		expect(data.current().ask('sea arrivals 2025', NOW).body).toMatchObject({ kind: 'figures', groups: [{ primary: { qualifier: 'approximately' } }] });
	});

	it('GIVEN an invalid edit THEN it is refused with file:line errors and the old data keeps being served', () => {
		const dir = copyOfData();
		const logs = new LogCapture();
		const data = new ReloadableEngine(dir, gazetteer, createLogger('info', logs));
		const before = data.current();
		const csv = readFileSync(join(dir, 'figures.csv'), 'utf8');
		writeFileSync(join(dir, 'figures.csv'), csv.replace(',161,exact,', ',one hundred,exact,'));
		const outcome = data.reload();
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.error).toMatch(/figures\.csv:14: value: must be a number/);
		expect(data.current()).toBe(before);
		expect(data.current().ask('sea arrivals 2025', NOW).status).toBe('answered');
		expect(logs.lines.some((l) => l.msg === 'dataset reload refused; still serving the previous data')).toBe(true);
	});

	it.each([
		['a FIFO in place of statements.csv', (dir: string) => (rmSync(join(dir, 'statements.csv')), execFileSync('mkfifo', [join(dir, 'statements.csv')])), /statements\.csv: is not a regular file/],
		['a source text symlinked to a file outside the folder', (dir: string) => {
			const outside = join(mkdtempSync(join(tmpdir(), 'factdesk-outside-')), 'secret.txt');
			writeFileSync(outside, readFileSync(join(dir, 'sources/kozlov-tourism-projects.txt')));
			rmSync(join(dir, 'sources/kozlov-tourism-projects.txt'));
			symlinkSync(outside, join(dir, 'sources/kozlov-tourism-projects.txt'));
		}, /kozlov-tourism-projects\.txt: leads outside the dataset folder/],
	])('GIVEN %s THEN the watcher\'s reload refuses it, says why, and keeps serving the old data', async (_, damage, reason) => {
		const dir = copyOfData();
		const logs = new LogCapture();
		const data = new ReloadableEngine(dir, gazetteer, createLogger('info', logs));
		const before = data.current();
		data.watch(20);
		try {
			damage(dir);
			// Editors' writes come in bursts; some reload along the way must give this reason.
			await expect.poll(() => logs.lines.some((l) => l.msg === 'dataset reload refused; still serving the previous data' && reason.test(String(l.error))), { timeout: 5_000 }).toBe(true);
			expect(data.current()).toBe(before);
			expect(data.reload()).toMatchObject({ ok: false, error: expect.stringMatching(reason) });
		} finally {
			data.close();
		}
	});

	it('GIVEN a folder in place of figures.csv (EISDIR) THEN /reload refuses it and keeps serving the old data', () => {
		const dir = copyOfData();
		const data = new ReloadableEngine(dir, gazetteer, createLogger('silent'));
		const before = data.current();
		rmSync(join(dir, 'figures.csv'));
		mkdirSync(join(dir, 'figures.csv'));
		expect(data.reload()).toMatchObject({ ok: false, error: expect.stringMatching(/figures\.csv: is not a regular file/) });
		expect(data.current()).toBe(before);
	});

	it('GIVEN FACTDESK_DATA naming a file, or a folder that does not exist THEN a one-line DatasetError', () => {
		expect(() => new ReloadableEngine('data/nk-travel/figures.csv', gazetteer, createLogger('silent'))).toThrow(/figures\.csv: is not a folder/);
		expect(() => new ReloadableEngine('data/no-such-dataset', gazetteer, createLogger('silent'))).toThrow(/no-such-dataset: cannot be read: not found \(ENOENT\)/);
	});
});
