import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/data/loadLibrary.js';
import type { Dataset } from '../../src/data/types.js';
import { buildDigest } from '../../src/engine/digest.js';
import { createLibrary } from '../../src/library/createLibrary.js';
import { citeLine } from '../../src/present/format.js';
import { presentCalc } from '../../src/present/presentCalc.js';
import { presentLibraryDigest } from '../../src/present/presentDigest.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, gazetteer } from '../support/engine.js';
import { oneTableDataset } from '../support/tables.js';

const shipped = loadLibrary('data');
const library = createLibrary(shipped, gazetteer);
const [disasters, travel] = shipped as [Dataset, Dataset];

/** A one-table dataset in millimetres whose figure ids clash with the travel data's. */
function rainfall(): Dataset {
	return oneTableDataset({
		id: 'rain',
		title: 'Rainfall',
		metric: { id: 'rain', label: 'rainfall', unit: 'mm', aliases: ['rain'] },
		period: 'year',
		valueColumn: 'rain_mm',
		csv: 'year,rain_mm\n2024,810\n2025,790\n',
	});
}

describe('/compare across the library', () => {
	it('GIVEN two figures of one dataset THEN it compares them as that dataset does', () => {
		const { answer, dataset } = library.compare('tourists 2025', 'tourists 2024', NOW);
		expect(dataset.id).toBe('nk-travel');
		expect(answer.body).toMatchObject({
			kind: 'comparison',
			comparison: { a: { primary: { value: '5075' } }, b: { primary: { value: '1957' } }, basis: 'period' },
		});
	});

	it('GIVEN figures of two datasets in one unit THEN the difference and ratio, each figure cited, and a note that they come from different datasets', () => {
		const { answer, dataset } = library.compare('earthquake deaths 2010', 'Russians to North Korea 2025', NOW);
		expect(answer.status).toBe('answered');
		expect(answer.body).toMatchObject({
			kind: 'comparison',
			comparison: {
				a: { primary: { value: '226733' } },
				b: { primary: { value: '9985' } },
				difference: { value: '216748' },
			},
		});
		expect(answer.notes.join(' ')).toContain(
			'different datasets: Deaths from natural disasters and Russian travel to North Korea',
		);
		const text = presentText(answer, dataset);
		expect(text).toContain('Deaths, Earthquake, 2010');
		expect(text).toContain('Russians → North Korea, 2025');
		expect(text).toContain('tables/deaths-by-disaster.csv, line 261');
	});

	it('GIVEN figures of two datasets in different units THEN it refuses, naming both units and datasets', () => {
		const withRain = createLibrary([travel, rainfall()], gazetteer);
		const { answer } = withRain.compare('rainfall 2025', 'Russians to North Korea 2025', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toMatch(
			/cannot be compared: Rainfall, 2025 \(Rainfall\) is in mm, .*\(Russian travel to North Korea\) in people/,
		);
	});

	it('GIVEN a side that names no single figure THEN the refusal says so', () => {
		const { answer } = library.compare('tourists', 'tourists 2024', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toMatch(/matches \d+ periods; name one/);
	});
});

describe('/calc across the library', () => {
	it('GIVEN a name only one dataset has THEN it works plainly and qualified; a clashing name must be qualified', () => {
		const rain = rainfall();
		const sources = rain.sources.map((s) => ({ ...s }));
		const clash = {
			...rain,
			id: 'rain-copy',
			sources,
			figures: rain.figures.map((f) => ({ ...f, source: sources[0]! })),
		};
		const calc = createLibrary([travel, rain, clash], gazetteer).calculator;
		expect(calc.evaluate('ru_nk_2025_total - ru_nk_2024_total')).toMatchObject({ ok: true, value: '3516' });
		expect(calc.evaluate('nk_travel__ru_nk_2025_total + 1')).toMatchObject({ ok: true, value: '9986' });
		const name = calc.nameOf(rain.figures[0]!);
		expect(name).toMatch(/^rain__/);
		expect(calc.evaluate(name.replace(/^rain__/, ''))).toMatchObject({
			ok: false,
			reason: expect.stringContaining('is not a figure name'),
		});
		expect(calc.evaluate(`${name} - rain_copy__${name.replace(/^rain__/, '')}`)).toMatchObject({
			ok: true,
			value: '0',
		});
	});

	it('GIVEN figures of two datasets THEN each is labelled and cited from its own dataset', () => {
		const calc = library.calculator;
		const quake = library.figure('figure:natural-disasters/deaths-by-disaster-261-deaths')!;
		const result = calc.evaluate(`${calc.nameOf(quake)} / ru_nk_2025_total`);
		expect(result.ok).toBe(true);
		const embed = presentCalc(result, { label: library.labelOf, name: calc.nameOf });
		expect(embed.description).toContain('Deaths, Earthquake, 2010: 226,733');
		expect(embed.description).toContain('Russians → North Korea, 2025: 9,985');
	});

	it('GIVEN the typed start of a name THEN names starting with it, in order', () => {
		const names = library.calculator.namesStartingWith('ru_nk_2025_t', 25);
		expect(names).toContain('ru_nk_2025_total');
		expect(names.every((n) => n.startsWith('ru_nk_2025_t'))).toBe(true);
		expect(library.calculator.namesStartingWith('zz_nothing', 25)).toEqual([]);
	});

	it('GIVEN references THEN figure() finds qualified ones, and plain ones only when one dataset has that id', () => {
		expect(library.figure('figure:ru-nk-2025-total')?.value).toBe('9985');
		expect(library.figure('figure:nk-travel/ru-nk-2025-total')?.value).toBe('9985');
		expect(library.figure('figure:natural-disasters/ru-nk-2025-total')).toBeUndefined();
		expect(library.figure('statement:ru-nk-2025-total')).toBeUndefined();
		const twin = createLibrary(
			[travel, { ...travel, id: 'twin', sources: travel.sources.map((s) => ({ ...s })) }],
			gazetteer,
		);
		expect(twin.figure('figure:ru-nk-2025-total')).toBeUndefined();
	});
});

describe('digests across the library', () => {
	it("GIVEN a channel's first digest THEN one part per dataset, keys qualified by dataset, and one figure of the day", () => {
		const digest = library.digest({ previous: null, shown: [] }, NOW);
		expect(digest.parts.map((p) => p.dataset.id)).toEqual(['natural-disasters', 'nk-travel']);
		expect(Object.keys(digest.snapshot)).toHaveLength(disasters.figures.length + travel.figures.length);
		expect(Object.keys(digest.snapshot).every((k) => /^(natural-disasters|nk-travel)\//.test(k))).toBe(true);
		expect(digest.figureOfDay).toMatch(/^natural-disasters\//);
		expect(digest.parts.filter((p) => p.digest.figureOfDay !== null)).toHaveLength(1);
		const message = presentLibraryDigest(digest, 'abc');
		expect(message.embeds.map((e) => e.title)).toEqual([
			'Deaths from natural disasters — digest',
			'Russian travel to North Korea — digest',
		]);
		expect(message.embeds.at(-1)?.footer?.text).toContain('digest ref abc');
	});

	it('GIVEN the next digest with nothing changed THEN one line naming every dataset', () => {
		const first = library.digest({ previous: null, shown: [] }, NOW);
		const next = library.digest(
			{ previous: { snapshot: first.snapshot, sentAt: NOW.getTime() }, shown: [first.figureOfDay!] },
			NOW,
		);
		expect(next.nothingNew).toBe(true);
		expect(presentLibraryDigest(next).content).toMatch(
			/^Deaths from natural disasters, Russian travel to North Korea: no new or revised figures/,
		);
	});

	it('GIVEN every figure of the first dataset shown THEN the next dataset gives the figure of the day', () => {
		const shown = disasters.figures.map((f) => `natural-disasters/${f.id}`);
		const digest = library.digest({ previous: null, shown }, NOW);
		expect(digest.figureOfDay).toMatch(/^nk-travel\//);
		expect(digest.rotationRestarted).toBe(false);
	});

	it('GIVEN a snapshot from before digests spanned a library THEN it counts for the dataset it came from, and a dataset the channel never saw gets a first digest', () => {
		const legacy = buildDigest(travel, { previous: null, shown: [] }, NOW).snapshot;
		const digest = library.digest(
			{ previous: { snapshot: legacy, sentAt: NOW.getTime() }, shown: ['ru-nk-2025-total'] },
			NOW,
		);
		const part = (id: string) => digest.parts.find((p) => p.dataset.id === id)!.digest;
		expect(part('nk-travel').nothingNew).toBe(true);
		expect(part('natural-disasters').changes).toBeNull();
		expect(part('natural-disasters').headline.length).toBeGreaterThan(0);
	});
});

describe('the Cite line', () => {
	it('GIVEN a table figure THEN the line names its value, what it counts, who, when, the licence, the row and the address', () => {
		const quake = library.figure('figure:natural-disasters/deaths-by-disaster-261-deaths')!;
		expect(citeLine(quake, library.labelOf(quake))).toBe(
			`226,733 deaths: Deaths, Earthquake, 2010 (EM-DAT, CRED / UCLouvain via ${quake.source.outlet}, date not stated, ${quake.source.licence}, tables/deaths-by-disaster.csv line 261) <https://ourworldindata.org/natural-catastrophes>`,
		);
	});
});
