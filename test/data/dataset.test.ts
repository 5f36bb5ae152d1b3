import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DatasetError, parseDataset, quoteOccursIn } from '../../src/data/parseDataset.js';
import { DATA_DIR, dataset } from '../support/engine.js';

const files = (overrides: Record<string, string | undefined>) => {
	const read = (name: string) => (name in overrides ? overrides[name] : (() => {
		try {
			return readFileSync(`${DATA_DIR}/${name}`, 'utf8');
		} catch {
			return undefined;
		}
	})());
	return read;
};

function errorsFor(overrides: Record<string, string | undefined>): string {
	try {
		parseDataset(files(overrides), 'data/test');
	} catch (error) {
		expect(error).toBeInstanceOf(DatasetError);
		return (error as Error).message;
	}
	throw new Error('dataset was accepted');
}

const figuresCsv = readFileSync(`${DATA_DIR}/figures.csv`, 'utf8');

describe('the shipped dataset', () => {
	it('GIVEN every figure and statement THEN its quote occurs verbatim in its source text (data/*/sources/, the articles\' own copies)', () => {
		for (const item of [...dataset.figures, ...dataset.statements]) {
			expect(quoteOccursIn(item.quote, item.source.text), item.id).toBe(true);
		}
	});

	it('GIVEN every figure THEN its value is written in its quote (as digits or in its display scale)', () => {
		for (const figure of dataset.figures) {
			const digits = figure.quote.replaceAll(',', '');
			const scaled = figure.display === 'million' ? String(Number(figure.value) / 1e6) : figure.value;
			expect(digits.includes(scaled), `${figure.id}: ${scaled}`).toBe(true);
		}
	});

	it('holds the seed figures: yearly totals, purposes, modes, quarters, comparison countries, North Koreans and Kozlov', () => {
		const value = (id: string) => dataset.figures.find((f) => f.id === id)?.value;
		expect([value('ru-nk-2023-total'), value('ru-nk-2024-total'), value('ru-nk-2025-total')]).toEqual(['1238', '6469', '9985']);
		expect(dataset.figures.filter((f) => f.dims.purpose && f.period.key === '2025')).toHaveLength(5);
		expect(dataset.figures.filter((f) => f.dims.mode)).toHaveLength(3);
		expect(dataset.figures.filter((f) => f.dims.origin === 'north_korea').map((f) => f.period.key).sort()).toEqual(['2024', '2024-Q4', '2025-Q1']);
		expect(dataset.figures.filter((f) => f.source.id === 'kozlov-tourism-projects').map((f) => f.qualifier)).toEqual(['approximately', 'estimate']);
		expect(new Set(dataset.figures.map((f) => f.dims.destination))).toEqual(new Set(['north_korea', 'south_korea', 'turkey', 'egypt', 'thailand', 'russia']));
	});

	it('GIVEN FSB and Kozlov figures for the same year THEN they are linked as a conflict', () => {
		const conflictIds = dataset.conflicts.map((c) => c.figures.map((f) => f.id));
		expect(conflictIds.some((ids) => ids.includes('ru-nk-2025-total') && ids.includes('kozlov-ru-nk-2025'))).toBe(true);
		expect(conflictIds.some((ids) => ids.includes('ru-nk-2024-total') && ids.includes('kozlov-ru-nk-2024'))).toBe(true);
	});

	it('GIVEN the purposes of 2025 THEN the breakdown check records that they fall 5 short of the total', () => {
		const purpose = dataset.breakdowns.find((b) => b.total.id === 'ru-nk-2025-total' && b.dimension.id === 'purpose');
		expect(purpose).toMatchObject({ partsSum: '9980', gap: '5' });
		const mode = dataset.breakdowns.find((b) => b.total.id === 'ru-nk-2025-total' && b.dimension.id === 'mode');
		expect(mode).toMatchObject({ partsSum: '9985', gap: '0' });
	});
});

describe('a bad dataset is refused with the file, line, field and reason', () => {
	it.each([
		['a value that is not a number', figuresCsv.replace(',9985,exact,', ',9,98x,exact,'), /figures\.csv:2: .*/],
		['an unknown source', figuresCsv.replace('6469,exact,,fsb-border-data-2025', '6469,exact,,nowhere'), /figures\.csv:4: source: unknown source "nowhere"/],
		['an unknown qualifier', figuresCsv.replace('1238,exact', '1238,roughly'), /figures\.csv:5: qualifier: must be one of/],
		['an unknown dimension value', figuresCsv.replace('2023,russia,north_korea', '2023,russia,narnia'), /figures\.csv:5: destination: unknown value "narnia"/],
		['a duplicate id', figuresCsv.replace('ru-nk-2023-total', 'ru-nk-2024-total'), /figures\.csv:5: id: duplicate figure id "ru-nk-2024-total"/],
		['a quote not in its source', figuresCsv.replace('showing a dramatic increase from 6,469 in 2024 and 1,238', 'showing an increase from 6,469 in 2024 and 1,238'), /figures\.csv:4: quote: not found in the text of source/],
		['an unknown column', figuresCsv.replace('id,metric,period', 'id,metric,colour,period'), /figures\.csv/],
		['an unclosed quote', `${figuresCsv}bad,visits,2025,russia,north_korea,,,1,exact,,fsb-border-data-2025,"unclosed\n`, /figures\.csv.*not valid CSV/],
	])('GIVEN %s', (_, csv, pattern) => {
		expect(errorsFor({ 'figures.csv': csv })).toMatch(pattern);
	});

	it('GIVEN a typo in a value (99850 for 9,985) THEN it is refused with file:line, the value and the quote', () => {
		const message = errorsFor({ 'figures.csv': figuresCsv.replace(',9985,exact,', ',99850,exact,') });
		expect(message).toMatch(/figures\.csv:2: value: 99850 is not written in its quote in any form/);
		expect(message).toContain('reveals that 9,985 Russians traveled to North Korea in 2025');
		expect(message.split('\n')).toHaveLength(1);
	});

	it.each([
		['a scaled value off by one digit', figuresCsv.replace(',6620000,exact,million,', ',6630000,exact,million,'), /figures\.csv:18: value: 6630000 is not written/],
		['a value that only shares digits with its quote', figuresCsv.replace(',161,exact,', ',16,exact,'), /figures\.csv:14: value: 16 is not written/],
		['an empty source', figuresCsv.replace('6469,exact,,fsb-border-data-2025', '6469,exact,,'), /figures\.csv:4: source: required$/m],
		['a value whose sign the quote does not give', figuresCsv.replace(',9985,exact,', ',-9985,exact,'), /figures\.csv:2: value: -9985 is not written/],
	])('GIVEN %s THEN it is refused', (_, csv, pattern) => {
		expect(errorsFor({ 'figures.csv': csv })).toMatch(pattern);
	});

	it('GIVEN a value computed from its quote with a note that says how THEN it loads', () => {
		const computed = figuresCsv.replace(
			'ru-nk-2025-sea,visits,2025,russia,north_korea,,sea,161,exact,',
			'ru-nk-2025-sea,visits,2025,russia,north_korea,,sea,161,exact,',
		).replace(/(ru-nk-2025-q4,visits,2025-Q4,[^\n]*?),2486,exact,,(fsb-border-data-2025,"[^"]*",)/, '$1,974,exact,,$2"computed: 3,460 − 2,486, the fall the article describes"');
		expect(computed).toContain(',974,exact,');
		expect(() => parseDataset((name) => (name === 'figures.csv' ? computed : readFileSync(`${DATA_DIR}/${name}`, 'utf8')), 'data/test')).not.toThrow();
		expect(errorsFor({ 'figures.csv': computed.replace('"computed: 3,460', '"3,460') })).toMatch(/figures\.csv:15: value: 974 is not written/);
	});

	it('GIVEN a published date the source text never gives THEN it is refused, unless outletNote says where it comes from', () => {
		const sources = readFileSync(`${DATA_DIR}/sources.json`, 'utf8');
		const swapped = sources.replace('"published": null', '"published": "2025-12-27"');
		expect(errorsFor({ 'sources.json': swapped })).toMatch(/sources\.json: \[0\]\.published: 2025-12-27 is not written in the source's text/);
		const explained = swapped.replace('it states no publication date', 'NK News dated it 27 December 2025 on its index page');
		expect(() => parseDataset((name) => (name === 'sources.json' ? explained : readFileSync(`${DATA_DIR}/${name}`, 'utf8')), 'data/test')).not.toThrow();
	});

	it('GIVEN the shipped sources THEN the dated one is the travel-news article, which opens "Published on December 28, 2025"', () => {
		expect(Object.fromEntries(dataset.sources.map((s) => [s.id, s.published]))).toEqual({ 'fsb-border-data-2025': null, 'kozlov-tourism-projects': '2025-12-28' });
	});

	it('GIVEN a missing file THEN it is named', () => {
		expect(errorsFor({ 'figures.csv': undefined })).toMatch(/data\/test\/figures\.csv: file not found/);
	});

	it('GIVEN JSON with a __proto__ or constructor key THEN it is refused', () => {
		const sources = readFileSync(`${DATA_DIR}/sources.json`, 'utf8');
		expect(errorsFor({ 'sources.json': sources.replace('"id": "fsb-border-data-2025",', '"__proto__": {"polluted": true}, "id": "fsb-border-data-2025",') })).toMatch(/forbidden key "__proto__"/);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		const meta = readFileSync(`${DATA_DIR}/dataset.json`, 'utf8');
		expect(errorsFor({ 'dataset.json': meta.replace('"id": "nk-travel",', '"constructor": 1, "id": "nk-travel",') })).toMatch(/forbidden key "constructor"/);
	});

	it('GIVEN a conflict naming an unknown figure THEN the JSON path is named', () => {
		const meta = readFileSync(`${DATA_DIR}/dataset.json`, 'utf8');
		expect(errorsFor({ 'dataset.json': meta.replace('"ru-nk-2025-headline"', '"no-such-figure"') })).toMatch(/dataset\.json: conflicts\[0\]\.figures: unknown figure id\(s\): no-such-figure/);
	});

	it('GIVEN a source text outside the dataset folder THEN it is refused', () => {
		const sources = readFileSync(`${DATA_DIR}/sources.json`, 'utf8');
		expect(errorsFor({ 'sources.json': sources.replace('sources/fsb-border-data-2025.txt', '../../etc/passwd.txt') })).toMatch(/sources\.json: \[0\]\.text/);
	});

	it('GIVEN several problems THEN all are listed, not only the first', () => {
		const bad = figuresCsv.replace('1238,exact', '1238,roughly').replace('6469,exact,,fsb-border-data-2025', '6469,exact,,nowhere');
		expect(errorsFor({ 'figures.csv': bad }).split('\n')).toHaveLength(2);
	});
});

describe('figures.csv has fixed columns', () => {
	it('GIVEN a column name written twice THEN refused at line 1 (a table numbers them; figures.csv does not)', () => {
		const [header, ...rows] = figuresCsv.split('\n');
		const doubled = [`${header},note`, ...rows.map((r) => (r.trim() === '' ? r : `${r},`))].join('\n');
		expect(errorsFor({ 'figures.csv': doubled })).toMatch(/figures\.csv:1: column "note" appears twice/);
	});
});
