import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';

const run = (args: string[], input = '') =>
	spawnSync(process.execPath, ['scripts/run.mjs', 'ask', '--now', '2026-03-15', ...args], {
		input,
		encoding: 'utf8',
		timeout: 60_000,
	});

describe('ask --chart: the chart the bot would attach, for editors and tests without Discord', () => {
	it('GIVEN a series THEN the PNG is written (1200×675), the answer printed, exit 0', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'factdesk-chart-')), 'chart.png');
		const result = run(['--chart', file, 'russians to north korea by year']);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('9,985');
		expect(result.stderr).toContain(`chart written to ${file}`);
		const image = decode(readFileSync(file));
		expect([image.width, image.height]).toEqual([1200, 675]);
	});

	it('GIVEN a single figure THEN no file, the reason on stderr, exit 3', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'factdesk-chart-')), 'chart.png');
		const result = run(['--chart', file, 'tourists 2025']);
		expect(result.status).toBe(3);
		expect(result.stderr).toContain('no chart: A single figure');
		expect(existsSync(file)).toBe(false);
	});
});

describe('the ask command', () => {
	it('GIVEN a question as arguments THEN it prints the answer with its sources', () => {
		const result = run(['How many Russians visited North Korea in 2025?']);
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('9,985');
		expect(result.stdout).toContain('Sources:');
	});

	it('GIVEN --jsonl THEN every input line gets exactly one JSON object, in order, even empty, huge and binary lines', () => {
		const lines = [
			'tourists 2025',
			'',
			'x'.repeat(200_000),
			'\u0000\u0001\uFFFD\uD800garbage',
			'@everyone compare tourists 2024 and 2025',
			'How many Germans visited North Korea?',
		];
		const result = run(['--jsonl'], `${lines.join('\n')}\n`);
		expect(result.status).toBe(0);
		const out = result.stdout
			.trimEnd()
			.split('\n')
			.map(
				(l) =>
					JSON.parse(l) as {
						question: string;
						status: string;
						text: string;
						citations: { source: string; quote: string }[];
					},
			);
		expect(out).toHaveLength(lines.length);
		expect(out.map((o) => o.status)).toEqual([
			'answered',
			'not_found',
			'not_found',
			'not_found',
			'answered',
			'not_found',
		]);
		expect(out[0]!.text).toContain('5,075');
		expect(out[0]!.citations[0]).toMatchObject({
			source: 'fsb-border-data-2025',
			quote: 'The largest category of visitors was tourists, with 5,075 people.',
		});
		expect(out[4]!.question).toBe(lines[4]);
	});

	it('GIVEN an invalid dataset THEN it exits 1 with the file and line, and no stack trace', () => {
		const result = run(['--data', 'test/fixtures/bad-dataset', 'tourists']);
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(/figures\.csv:3: value: must be a number/);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('GIVEN a dataset of tables THEN --jsonl names the dataset and cites each table figure by file and line', () => {
		const result = run(['--data', 'data/natural-disasters', '--jsonl'], 'deaths from earthquakes in 2010\n');
		expect(result.status).toBe(0);
		const record = JSON.parse(result.stdout) as {
			dataset: string;
			status: string;
			figures: string[];
			citations: Record<string, unknown>[];
		};
		expect(record).toMatchObject({ dataset: 'natural-disasters', status: 'answered' });
		expect(record.citations).toEqual([
			{
				source: 'owid-emdat-disasters',
				outlet: 'Our World in Data (as packaged in vega-datasets 3.2.1)',
				originator: 'EM-DAT, CRED / UCLouvain',
				published: null,
				licence: 'CC BY 4.0 (Our World in Data); EM-DAT terms of use',
				quote: 'tables/deaths-by-disaster.csv, line 261: Entity: Earthquake · Year: 2010 · Deaths: 226733',
				file: 'tables/deaths-by-disaster.csv',
				line: 261,
			},
		]);
	});

	it("GIVEN --suggest --jsonl THEN each typed line gets the choices the bot would send, within Discord's limits, and the engine time", () => {
		const typed = ['t', 'touri', '2010 earth', '', 'x'.repeat(500), '\u0000@everyone'];
		const result = run(['--suggest', '--jsonl'], `${typed.join('\n')}\n`);
		expect(result.status).toBe(0);
		const records = result.stdout
			.trimEnd()
			.split('\n')
			.map((l) => JSON.parse(l) as { input: string; choices: { name: string; value: string }[]; ms: number });
		expect(records.map((r) => r.input)).toEqual(typed);
		for (const r of records) {
			expect(r.choices.length).toBeLessThanOrEqual(25);
			for (const c of r.choices) {
				expect(c.name.length).toBeLessThanOrEqual(100);
				expect(c.value.length).toBeLessThanOrEqual(100);
			}
			expect(typeof r.ms).toBe('number');
		}
		expect(records[2]!.choices.map((c) => c.value)).toContain(
			'figure:natural-disasters/deaths-by-disaster-261-deaths',
		);
		expect(records[1]!.choices.every((c) => /^(figure|statement):nk-travel\//.test(c.value))).toBe(true);
	});
	it('GIVEN --check --jsonl THEN each message gets one {"input", "claims", "text"} line: each claim with its verdict and the figures compared', () => {
		const messages = [
			'9,985 Russians visited North Korea in 2025, and 40,000 visited South Korea.',
			'is it true that 7000 russians visited north korea in 2025?',
			'Russian tourism to North Korea tripled in 2025',
			'500 Germans visited North Korea in 2025',
			'no numbers here',
		];
		const result = run(['--check', '--jsonl'], `${messages.join('\n')}\n`);
		expect(result.status).toBe(0);
		const records = result.stdout
			.trim()
			.split('\n')
			.map(
				(l) =>
					JSON.parse(l) as {
						input: string;
						claims: { claim: string; verdict: string; figures: string[] }[];
						text: string;
					},
			);
		expect(records.map((r) => r.input)).toEqual(messages);
		expect(records.map((r) => r.claims.map((c) => c.verdict))).toEqual([
			['matches', 'differs'],
			['disputed'],
			['differs'],
			['not_in_data'],
			[],
		]);
		expect(records[0]!.claims[0]).toMatchObject({
			claim: '9,985 Russians visited North Korea in 2025',
			figures: expect.arrayContaining(['nk-travel/ru-nk-2025-total']),
		});
		expect(records[4]!.text).toContain('No checkable claim found');
		const single = run(['--check', 'Deaths from earthquakes in 2010 were over 200,000']);
		expect(single.status).toBe(0);
		expect(single.stdout).toContain('matches the data');
		expect(single.stdout).toContain('tables/deaths-by-disaster.csv, line 261');
	});
});

describe('ask --jsonl over a wide table', () => {
	it('GIVEN a figure read from a wide table THEN its citation carries the file, the line and the column', () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'factdesk-wide-')), 'wide');
		mkdirSync(join(dir, 'tables'), { recursive: true });
		writeFileSync(
			join(dir, 'dataset.json'),
			JSON.stringify({
				id: 'wide',
				title: 'Population',
				description: 'A wide table, for tests.',
				metrics: [{ id: 'population', label: 'population', unit: 'people' }],
				dimensions: [{ id: 'country', label: 'Country' }],
				tables: [
					{
						file: 'tables/pop.csv',
						source: 'stats',
						layout: 'wide',
						columnsAre: 'period',
						metric: 'population',
						dimensions: { country: 'Country' },
					},
				],
			}),
		);
		writeFileSync(
			join(dir, 'sources.json'),
			JSON.stringify([{ id: 'stats', outlet: 'Stats', originator: 'Stats', published: null }]),
		);
		writeFileSync(join(dir, 'tables', 'pop.csv'), 'Country,2022,2023\nChile,"19,603,733","19,658,839"\n');
		const result = run(['--data', dir, '--jsonl'], 'population of chile in 2023\n');
		expect(result.status).toBe(0);
		const record = JSON.parse(result.stdout.trim()) as { citations: Record<string, unknown>[] };
		expect(record.citations).toEqual([
			expect.objectContaining({
				file: 'tables/pop.csv',
				line: 2,
				column: '2023',
				quote: 'tables/pop.csv, line 2, column "2023": Country: Chile · 2023: 19,658,839',
			}),
		]);
	});
});
