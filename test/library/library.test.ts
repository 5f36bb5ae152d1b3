import { cpSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/data/loadLibrary.js';
import { parseDataset } from '../../src/data/parseDataset.js';
import { createLibrary } from '../../src/library/createLibrary.js';
import { NOW, gazetteer } from '../support/engine.js';
import { oneTableDataset } from '../support/tables.js';

const shipped = loadLibrary('data');
const library = createLibrary(shipped, gazetteer);
const ask = (q: string) => library.ask(q, NOW);

describe('a library of datasets: each question goes to the dataset that answers it', () => {
	it('GIVEN the shipped library THEN both datasets are served', () => {
		expect(shipped.map((d) => d.id)).toEqual(['natural-disasters', 'nk-travel']);
	});

	it.each([
		['deaths from earthquakes in 2010', 'natural-disasters', '226733'],
		['How many Russians visited North Korea in 2025?', 'nk-travel', '9985'],
		['tourists 2024', 'nk-travel', '1957'],
		['flood deaths 1931', 'natural-disasters', '3700000'],
	])('"%s" → %s', (question, datasetId, value) => {
		const { answer, dataset } = ask(question);
		expect(answer.status).toBe('answered');
		expect(dataset.id).toBe(datasetId);
		expect(answer.body?.kind === 'figures' ? answer.body.groups[0]?.primary.value : null).toBe(value);
	});

	it('GIVEN a question neither answers THEN the "not found" comes from the dataset that knows its words', () => {
		const { answer, dataset } = ask('north koreans who entered russia in 2023');
		expect(answer.status).toBe('not_found');
		expect(dataset.id).toBe('nk-travel');
		expect(answer.reason).toMatch(/It covers: Q1 2025, Q4 2024, 2024/);
	});

	it("GIVEN references THEN qualified ones go to their dataset, and today's unqualified names still work", () => {
		expect(ask('figure:nk-travel/ru-nk-2025-rail').answer.body).toMatchObject({
			kind: 'figures',
			groups: [{ primary: { id: 'ru-nk-2025-rail' } }],
		});
		expect(ask('figure:ru-nk-2025-rail').answer.body).toMatchObject({
			kind: 'figures',
			groups: [{ primary: { id: 'ru-nk-2025-rail' } }],
		});
		const suggestions = ask('How many Germans visited North Korea?').answer.suggestions;
		expect(suggestions.length).toBeGreaterThan(0);
		for (const s of suggestions) expect(s.query).toMatch(/^figure:(nk-travel|natural-disasters)\//);
	});

	it('GIVEN two datasets that answer the same question THEN it is asked back, naming each, and a pick goes to that dataset', () => {
		const [, travel] = shipped;
		const copy = { ...travel!, id: 'nk-travel-copy', title: 'A copy of the travel data' };
		const twin = createLibrary([travel!, copy], gazetteer);
		const { answer } = twin.ask('tourists 2025', NOW);
		expect(answer.status).toBe('ambiguous');
		expect(answer.candidates.map((c) => c.label)).toEqual([
			expect.stringMatching(/^Russian travel to North Korea: /),
			expect.stringMatching(/^A copy of the travel data: /),
		]);
		expect(new Set(answer.candidates.map((c) => c.query)).size).toBe(2);
		for (const c of answer.candidates) expect(c.query.length).toBeLessThanOrEqual(100);
		const picked = twin.ask(answer.candidates[1]!.query, NOW);
		expect(picked).toMatchObject({ dataset: { id: 'nk-travel-copy' }, answer: { status: 'answered' } });
	});

	it('GIVEN a measure called "Total" in one dataset and a total to add up in another THEN the word does not pick one: asked back', () => {
		const village = oneTableDataset({
			id: 'village',
			title: 'A village by census',
			metric: { id: 'pop', label: 'population', unit: 'people', aliases: ['total'] },
			period: 'year',
			valueColumn: 'Total',
			csv: 'year,Total\n2002,5506\n2011,5000\n',
		});
		const towns = oneTableDataset({
			id: 'towns',
			title: 'Towns of a county',
			metric: { id: 'pop', label: 'population', unit: 'people' },
			period: 'year',
			dimensions: [{ id: 'town', label: 'Town', aliases: [] }],
			valueColumn: 'pop',
			csv: 'year,town,pop\n2002,Ada,100\n2002,Bel,200\n2011,Ada,120\n2011,Bel,210\n',
		});
		const both = createLibrary([village, towns], gazetteer);
		for (const dataset of [village, towns])
			expect(createLibrary([dataset], gazetteer).ask('total population in 2002', NOW).answer.status).toBe(
				'answered',
			);
		const { answer } = both.ask('total population in 2002', NOW);
		expect(answer.status).toBe('ambiguous');
		expect(answer.candidates.map((c) => c.label)).toEqual([
			expect.stringMatching(/^A village by census: /),
			expect.stringMatching(/^Towns of a county: /),
		]);
		// A word of its own that is not an operation still routes: the town named.
		expect(both.ask('population of Ada in 2002', NOW).dataset.id).toBe('towns');
	});

	it('GIVEN words naming periods ("yearly", "over all the seasons") THEN the dataset with several such periods explains them; without them, asked back', () => {
		const career = oneTableDataset({
			id: 'career',
			title: 'A driver by season',
			metric: { id: 'points', label: 'points', unit: 'points' },
			period: 'year',
			dimensions: [{ id: 'driver', label: 'Driver', aliases: [] }],
			valueColumn: 'points',
			csv: 'year,driver,points\n2001,Ann Lee,10\n2002,Ann Lee,40\n2003,Ann Lee,25\n',
		});
		const race = oneTableDataset({
			id: 'race',
			title: 'One race',
			metric: { id: 'points', label: 'points', unit: 'points' },
			period: 'year',
			dimensions: [{ id: 'driver', label: 'Driver', aliases: [] }],
			valueColumn: 'points',
			csv: 'year,driver,points\n2007,Bo,5\n2007,Cy,9\n2007,Di,7\n',
		});
		const both = createLibrary([race, career], gazetteer);
		expect(both.ask('the difference between the greatest points and the least', NOW).answer.status).toBe(
			'ambiguous',
		);
		const yearly = both.ask('the difference between her greatest yearly points and her least', NOW);
		expect(yearly.dataset.id).toBe('career');
		expect(yearly.answer.query).toMatchObject({ operation: 'range', over: { kind: 'periods' } });
		expect(yearly.answer.body?.kind === 'comparison' && yearly.answer.body.comparison.difference.value).toBe('30');
		expect(both.ask('total points over all the seasons', NOW).dataset.id).toBe('career');
		// "What driver … the least" ranks drivers: the career has one, so only the race answers.
		const least = both.ask('what driver got the least points?', NOW);
		expect(least.dataset.id).toBe('race');
		expect(
			least.answer.body?.kind === 'ranking' && least.answer.body.ranking.items[0]!.group.primary.dims.driver,
		).toBe('bo');
	});

	it('GIVEN a dimension one dataset holds a single value of THEN its name ("all stadiums") does not route there', () => {
		const stadium = oneTableDataset({
			id: 'ground',
			title: 'One ground by season',
			metric: { id: 'crowd', label: 'attendance', unit: 'spectators' },
			period: 'year',
			dimensions: [{ id: 'stadium', label: 'Stadium', aliases: [] }],
			valueColumn: 'crowd',
			csv: 'year,stadium,crowd\n2009,Tardi,100\n2010,Tardi,120\n',
		});
		const league = oneTableDataset({
			id: 'league',
			title: 'A league',
			metric: { id: 'crowd', label: 'attendance', unit: 'spectators' },
			period: 'year',
			dimensions: [{ id: 'stadium', label: 'Stadium', aliases: [] }],
			valueColumn: 'crowd',
			csv: 'year,stadium,crowd\n2010,Alba,10\n2010,Brio,20\n2010,Cora,30\n',
		});
		const both = createLibrary([stadium, league], gazetteer);
		const question = 'attendance of all stadiums in 2010';
		for (const dataset of [stadium, league])
			expect(createLibrary([dataset], gazetteer).ask(question, NOW).answer.status).toBe('answered');
		const asked = both.ask(question, NOW);
		expect(asked.dataset.id).toBe('league');
		expect(asked.answer.body?.kind === 'breakdown' && asked.answer.body.breakdown.parts).toHaveLength(3);
	});

	it('GIVEN one dataset reading every word as written and another taking one for its own ("series" for "Serie") THEN the exact reading answers', () => {
		const careers = oneTableDataset({
			id: 'career',
			title: 'A driver by series',
			metric: { id: 'wins', label: 'wins', unit: 'races' },
			period: 'year',
			dimensions: [{ id: 'series', label: 'Series', aliases: ['series'] }],
			valueColumn: 'wins',
			csv: 'year,series,wins\n2010,Indy Lights,1\n2011,GP3,0\n2012,Indy Lights,2\n',
		});
		// A ground's seasons, the league of each a column of the table ("Serie A").
		const groundFiles: Record<string, string> = {
			'dataset.json': JSON.stringify({
				id: 'ground',
				title: 'A ground by season',
				description: 'For tests.',
				metrics: [{ id: 'crowd', label: 'attendance', unit: 'spectators', aliases: [] }],
				dimensions: [{ id: 'ground', label: 'Ground', aliases: [] }],
				attributes: [{ id: 'league', label: 'League', aliases: ['serie'] }],
				tables: [
					{
						file: 'tables/ground.csv',
						source: 'stats',
						period: 'Season',
						fixed: { ground: 'tardi' },
						attributes: { league: 'League' },
						metrics: { Crowd: 'crowd' },
					},
				],
			}),
			'sources.json': JSON.stringify([{ id: 'stats', outlet: 'Stats', originator: 'Stats', published: null }]),
			'tables/ground.csv': 'Season,League,Crowd\n2010,Serie A,100\n2011,Serie B,120\n',
		};
		const ground = parseDataset((name) => groundFiles[name], 'data/ground');
		const question = 'how many different series are listed?';
		// Each alone answers it (the ground's by reading "series" as "serie")…
		expect(createLibrary([ground], gazetteer).ask(question, NOW).answer.notes).toContain(
			'Read "series" as "serie".',
		);
		// …together, the one that guessed no word gives way.
		const asked = createLibrary([careers, ground], gazetteer).ask(question, NOW);
		expect([asked.answer.status, asked.dataset.id]).toEqual(['answered', 'career']);
		// Where both take the word for their own, neither reading is the more exact: asked back.
		const leagues = (id: string) =>
			oneTableDataset({
				id,
				title: `Club ${id} by season`,
				metric: { id: 'crowd', label: 'attendance', unit: 'spectators' },
				period: 'year',
				dimensions: [{ id: 'division', label: 'Division', aliases: ['league'] }],
				valueColumn: 'crowd',
				csv: 'year,division,crowd\n2010,Premier,100\n2011,Second,120\n',
			});
		const twice = 'how many leagus are listed?';
		expect(createLibrary([leagues('alba')], gazetteer).ask(twice, NOW).answer.notes).toContain(
			'Read "leagus" as "league".',
		);
		expect(createLibrary([leagues('alba'), leagues('brio')], gazetteer).ask(twice, NOW).answer.status).toBe(
			'ambiguous',
		);
	});

	it('GIVEN typing THEN autocomplete spans every dataset, with references qualified by dataset', () => {
		const choices = library.suggest('2010', { limit: 25 });
		expect(choices.some((c) => c.query.startsWith('figure:natural-disasters/'))).toBe(true);
		expect(library.suggest('touri', { limit: 25 }).some((c) => c.query.startsWith('figure:nk-travel/'))).toBe(true);
		expect(library.suggest('', { limit: 25 })).toHaveLength(25);
	});

	it.each(['tour', 'touris', 'earthq'])(
		'GIVEN "%s", a prefix of one dataset\'s own words THEN its figures come before any spelling correction in another',
		(typed) => {
			const choices = library.suggest(typed, { limit: 25 });
			const own = choices.filter((c) => !c.corrected);
			expect(own.length).toBeGreaterThan(0);
			// Every exact match before the first corrected one.
			expect(choices.slice(0, own.length)).toEqual(own);
			const words = typed.startsWith('earth') ? /earthquake/i : /tourist/i;
			for (const c of own.slice(0, 2)) expect(c.label).toMatch(words);
		},
	);
});

describe('loading a library', () => {
	const copyOf = (...names: string[]) => {
		const dir = mkdtempSync(join(tmpdir(), 'factdesk-library-'));
		for (const name of names) cpSync(`data/${name}`, join(dir, name), { recursive: true });
		return dir;
	};

	it('GIVEN a dataset folder THEN it is a library of one, with unqualified references', () => {
		const one = createLibrary(loadLibrary('data/nk-travel'), gazetteer);
		expect(one.datasets).toHaveLength(1);
		expect(one.ask('How many Germans visited North Korea?', NOW).answer.suggestions[0]?.query).toMatch(
			/^figure:[a-z0-9-]+$/,
		);
	});

	it('GIVEN two datasets with one id THEN the library is refused, naming both', () => {
		const dir = copyOf('nk-travel');
		cpSync(join(dir, 'nk-travel'), join(dir, 'again'), { recursive: true });
		expect(() => loadLibrary(dir)).toThrow(/nk-travel\/dataset\.json: id: "nk-travel" is also the id of .*\/again/);
	});

	it('GIVEN more figures than the library may hold THEN it is refused with the count, before any file is parsed', () => {
		expect(() => loadLibrary('data', 100)).toThrow(
			/^data: holds up to 827 figures \(each row of figures\.csv, and each table row times its value columns\); a library may hold at most 100/,
		);
		// A broken file is never reached: the count alone refuses it.
		const dir = copyOf('nk-travel');
		const csv = join(dir, 'nk-travel', 'figures.csv');
		writeFileSync(csv, readFileSync(csv, 'utf8').replace(',9985,exact,', ',nine,exact,'));
		let message = '';
		try {
			loadLibrary(dir, 10);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/holds up to 24 figures/);
		expect(message).not.toMatch(/must be a number/);
		expect(loadLibrary('data', 827).reduce((n, d) => n + d.figures.length, 0)).toBe(827);
	});

	it('GIVEN a data file over 100 MB THEN it is refused without being read', () => {
		const dir = copyOf('natural-disasters');
		const table = join(dir, 'natural-disasters', 'tables', 'deaths-by-disaster.csv');
		writeFileSync(table, readFileSync(table));
		truncateSync(table, 101 * 1024 * 1024);
		expect(() => loadLibrary(dir)).toThrow(/deaths-by-disaster\.csv: is 101 MB; data files may be at most 100 MB/);
	});
});

describe('table values that name countries', () => {
	const table = oneTableDataset({
		id: 'arrivals',
		title: 'Arrivals',
		metric: { id: 'arrivals', label: 'arrivals', unit: 'people', aliases: ['visitors'] },
		dimensions: [{ id: 'origin', label: 'Country', role: 'origin' }],
		columns: { origin: 'country' },
		period: 'year',
		valueColumn: 'arrivals',
		csv: 'country,year,arrivals\nGermany,2024,1200\nUnited States,2024,800\nAtlantis Republic,2024,5\n',
	});
	const arrivals = createLibrary([table], gazetteer);
	const lead = (q: string) => {
		const { answer } = arrivals.ask(q, NOW);
		return answer.body?.kind === 'figures' ? answer.body.groups.map((g) => g.primary.value) : answer.status;
	};

	it.each([
		['arrivals from Germany 2024', ['1200']],
		['how many Germans arrived in 2024', ['1200']],
		['visitors from the United States in 2024', ['800']],
		['Americans 2024', ['800']],
		['Atlantis Republic 2024', ['5']],
		['US visitors 2024', ['800']],
		['arrivals from the USA in 2024', ['800']],
		['DE 2024', ['1200']],
		['tell us the arrivals from Germany in 2024', ['1200']],
	])('"%s" → %j', (question, values) => {
		expect(lead(question)).toEqual(values);
	});

	it("GIVEN a country the table does not have THEN it is not found, never a neighbour's figure", () => {
		expect(lead('arrivals from France 2024')).toBe('not_found');
	});
});
