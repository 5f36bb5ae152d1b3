import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
});
