import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEntry } from '../support/spawn.js';

const check = (dir?: string) => runEntry('data-check', {}, 60_000, dir === undefined ? [] : [dir]);

describe('npm run data:check -- [DIR]', () => {
	it('GIVEN the shipped library THEN it lists each dataset with its figures and sources and exits 0', async () => {
		const run = await check();
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(
			/^nk-travel: 24 figures, 14 statements, 2 sources: fsb-border-data-2025 \(NK News and Verstka, date not stated\); kozlov-tourism-projects \(.*, 2025-12-28\)$/m,
		);
		expect(run.stdout).toMatch(/^natural-disasters: 803 figures, 0 statements, 1 sources: owid-emdat-disasters/m);
		expect(run.stdout).toMatch(/^ok: 2 datasets, 827 figures, 14 statements, 3 sources$/m);
	});

	it('GIVEN a library with a good and a broken dataset THEN every error as file:line: message and exit 1', async () => {
		const library = mkdtempSync(join(tmpdir(), 'factdesk-library-'));
		cpSync('data/nk-travel', join(library, 'good'), { recursive: true });
		cpSync('data/nk-travel', join(library, 'typo'), { recursive: true });
		const csv = join(library, 'typo', 'figures.csv');
		writeFileSync(csv, readFileSync(csv, 'utf8').replace(',9985,exact,', ',99850,exact,'));
		const run = await check(library);
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/^nk-travel: 24 figures/m);
		expect(run.stderr.trim().split('\n')).toEqual([
			expect.stringMatching(/typo\/figures\.csv:2: value: 99850 is not written in its quote/),
		]);
	});

	it('GIVEN a folder with no dataset THEN it says so and exits 1', async () => {
		const run = await check(mkdtempSync(join(tmpdir(), 'factdesk-empty-')));
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/no dataset\.json here or in its subfolders/);
	});
});
