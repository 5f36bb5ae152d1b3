import { describe, expect, it } from 'vitest';
import { DatasetError, parseDataset } from '../../src/data/parseDataset.js';
import type { Dataset } from '../../src/data/types.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, gazetteer } from '../support/engine.js';

// Fixtures written here in the layouts statistics offices publish (no network): the World Bank's CSV
// download, a Eurostat TSV, and an election table with one column per candidate.

const SOURCES = JSON.stringify([
	{ id: 'stats', outlet: 'Statistics office', originator: 'Statistics office', published: null, licence: 'CC BY 4.0' },
]);

function dataset(meta: Record<string, unknown>, files: Record<string, string>): Dataset {
	const all: Record<string, string> = {
		'dataset.json': JSON.stringify({ id: 'wide', title: 'Wide tables', description: 'For tests.', ...meta }),
		'sources.json': SOURCES,
		...files,
	};
	return parseDataset((name) => all[name], 'data/wide');
}
function errors(meta: Record<string, unknown>, files: Record<string, string>): string {
	try {
		dataset(meta, files);
	} catch (error) {
		expect(error).toBeInstanceOf(DatasetError);
		return (error as Error).message;
	}
	throw new Error('accepted');
}

/** The World Bank's download: four lines before the header, years as columns, a comma ending each line. */
const WORLD_BANK = [
	'"Data Source","World Development Indicators",',
	'',
	'"Last Updated Date","2025-07-01",',
	'',
	'"Country Name","Country Code","Indicator Name","Indicator Code","2021","2022","2023",',
	'"Austria","AUT","Population, total","SP.POP.TOTL","8955797","9041851","9131761",',
	'"Chile","CHL","Population, total","SP.POP.TOTL","19493184","19603733","",',
	'"Austria","AUT","Surface area (sq. km)","AG.SRF.TOTL.K2","83879","83879","",',
].join('\r\n');
const worldBank = {
	metrics: [
		{ id: 'population', label: 'population', unit: 'people' },
		{ id: 'area', label: 'surface area', unit: 'square kilometres' },
	],
	dimensions: [{ id: 'country', label: 'Country', aliases: ['nation'] }],
	tables: [
		{
			file: 'tables/API_SP.POP.TOTL.csv',
			source: 'stats',
			skipLines: 4,
			layout: 'wide',
			columnsAre: 'period',
			metricColumn: 'Indicator Code',
			metrics: { 'SP.POP.TOTL': 'population', 'AG.SRF.TOTL.K2': 'area' },
			dimensions: { country: 'Country Name' },
			ignore: ['Country Code', 'Indicator Name'],
		},
	],
};

/** Eurostat's TSV: the first column packs the codes ("freq,unit,geo\TIME_PERIOD"), flags after numbers. */
const EUROSTAT = [
	'freq,unit,geo\\TIME_PERIOD\t2021 \t2022 \t2023 ',
	'A,THS_PER,AT\t8 932.7 \t9 041.9 e\t: ',
	'A,THS_PER,CL\t19 493.2 \t19 603.7 p\t19 658.8 bp',
].join('\n');
const eurostat = {
	metrics: [{ id: 'population', label: 'population', unit: 'thousand people' }],
	dimensions: [{ id: 'geo', label: 'Country', values: [{ id: 'at', label: 'AT', aliases: ['Austria'] }] }],
	tables: [
		{
			file: 'tables/demo_pjan.csv',
			source: 'stats',
			delimiter: '\t',
			splitColumn: { column: 'freq,unit,geo\\TIME_PERIOD', separator: ',', into: ['freq', 'unit', 'geo'] },
			layout: 'wide',
			columnsAre: 'period',
			metric: 'population',
			dimensions: { geo: 'geo' },
			ignore: ['freq', 'unit'],
		},
	],
};

/** An election table: one column per candidate. */
const ELECTION = ['County,Obama,McCain', 'Adair,"1,842","2,432"', 'Andrew,"3,783","5,534"'].join('\n');
const election = {
	metrics: [{ id: 'votes', label: 'votes', unit: 'votes' }],
	dimensions: [
		{ id: 'county', label: 'County' },
		{ id: 'candidate', label: 'Candidate' },
	],
	tables: [
		{
			file: 'tables/missouri.csv',
			source: 'stats',
			asOf: '2008',
			layout: 'wide',
			columnsAre: 'candidate',
			metric: 'votes',
			dimensions: { county: 'County' },
		},
	],
};

const figures = (d: Dataset) => d.figures.map((f) => [f.metric.id, f.period.key, { ...f.dims }, f.value, [...f.flags]]);

describe('wide tables: values in columns headed by periods or by values of a dimension', () => {
	it("GIVEN the World Bank's download as it comes THEN one figure per filled year cell, by indicator and country", () => {
		const d = dataset(worldBank, { 'tables/API_SP.POP.TOTL.csv': WORLD_BANK });
		expect(figures(d)).toEqual([
			['population', '2021', { country: 'austria' }, '8955797', []],
			['population', '2022', { country: 'austria' }, '9041851', []],
			['population', '2023', { country: 'austria' }, '9131761', []],
			['population', '2021', { country: 'chile' }, '19493184', []],
			['population', '2022', { country: 'chile' }, '19603733', []],
			['area', '2021', { country: 'austria' }, '83879', []],
			['area', '2022', { country: 'austria' }, '83879', []],
		]);
	});

	it('GIVEN a figure from a wide table THEN it cites its file, its physical line and its column header, with the row\'s identifying cells', () => {
		const d = dataset(worldBank, { 'tables/API_SP.POP.TOTL.csv': WORLD_BANK });
		const figure = d.figures.find((f) => f.period.key === '2022' && f.dims.country === 'chile')!;
		expect(figure.row).toMatchObject({ file: 'tables/API_SP.POP.TOTL.csv', line: 7, column: '2022' });
		expect(figure.quote).toBe(
			'tables/API_SP.POP.TOTL.csv, line 7, column "2022": Country Name: Chile · Indicator Code: SP.POP.TOTL · 2022: 19603733',
		);
		const answer = createEngine(d, gazetteer).ask('population of chile in 2022', NOW);
		expect(answer.status).toBe('answered');
		expect(presentText(answer, d)).toContain('line 7, column "2022"');
	});

	it('GIVEN a Eurostat TSV THEN its packed first column is split, its flags kept and ":" is no figure', () => {
		const d = dataset(eurostat, { 'tables/demo_pjan.csv': EUROSTAT });
		expect(figures(d)).toEqual([
			['population', '2021', { geo: 'at' }, '8932.7', []],
			['population', '2022', { geo: 'at' }, '9041.9', ['estimated']],
			['population', '2021', { geo: 'cl' }, '19493.2', []],
			['population', '2022', { geo: 'cl' }, '19603.7', ['provisional']],
			['population', '2023', { geo: 'cl' }, '19658.8', ['break in series', 'provisional']],
		]);
		expect(d.figures[1]!.qualifier).toBe('estimate');
		const answer = createEngine(d, gazetteer).ask('population austria 2022', NOW);
		expect(presentText(answer, d)).toMatch(/an estimated 9,041\.9/);
	});

	it('GIVEN a table with one column per candidate THEN each column is a value of that dimension', () => {
		const d = dataset(election, { 'tables/missouri.csv': ELECTION });
		expect(figures(d)).toEqual([
			['votes', '2008', { county: 'adair', candidate: 'obama' }, '1842', []],
			['votes', '2008', { county: 'adair', candidate: 'mccain' }, '2432', []],
			['votes', '2008', { county: 'andrew', candidate: 'obama' }, '3783', []],
			['votes', '2008', { county: 'andrew', candidate: 'mccain' }, '5534', []],
		]);
		const answer = createEngine(d, gazetteer).ask('votes for mccain in andrew county 2008', NOW);
		expect(answer.body?.kind === 'figures' && answer.body.groups[0]!.primary.value).toBe('5534');
	});

	it('GIVEN two entries over one file THEN each reads its columns: a wide one for the periods, a long one for a total', () => {
		const csv = ['Region,1990–2001,2002–2010,Total', 'Africa,"55,560","31,419","87,000"'].join('\n');
		const d = dataset(
			{
				metrics: [{ id: 'immigrants', label: 'immigrants', unit: 'people' }],
				dimensions: [{ id: 'origin', label: 'Region' }],
				tables: [
					{ file: 'tables/aliyah.csv', source: 'stats', layout: 'wide', columnsAre: 'period', metric: 'immigrants', dimensions: { origin: 'Region' }, ignore: ['Total'] },
					{ file: 'tables/aliyah.csv', source: 'stats', dimensions: { origin: 'Region' }, metrics: { Total: { metric: 'immigrants', period: '1990–2010' } } },
				],
			},
			{ 'tables/aliyah.csv': csv },
		);
		expect(figures(d).map(([, period, , value]) => [period, value])).toEqual([
			['1990–2001', '55560'],
			['2002–2010', '31419'],
			['1990–2010', '87000'],
		]);
	});

	it('GIVEN a split by a pattern THEN its groups are the new columns; a row it does not fit is refused at its line', () => {
		const csv = ['Season,Average', '2001–02 Serie A,"17,956"', '2002–03 Serie B,"16,306"'].join('\n');
		const meta = {
			metrics: [{ id: 'attendance', label: 'average attendance', unit: 'spectators' }],
			dimensions: [{ id: 'league', label: 'League' }],
			tables: [
				{
					file: 'tables/tardini.csv',
					source: 'stats',
					splitColumn: { column: 'Season', pattern: '^(\\d{4}–\\d{2}) (.+)$', into: ['Season', 'League'] },
					period: 'Season',
					dimensions: { league: 'League' },
					metrics: { Average: 'attendance' },
				},
			],
		};
		expect(figures(dataset(meta, { 'tables/tardini.csv': csv }))).toEqual([
			['attendance', '2001/02', { league: 'serie-a' }, '17956', []],
			['attendance', '2002/03', { league: 'serie-b' }, '16306', []],
		]);
		expect(errors(meta, { 'tables/tardini.csv': `${csv}\nSerie A,"1,000"` })).toMatch(/tardini\.csv:4: Season: "Serie A" does not split into "Season", "League" by the pattern/);
	});

	it('GIVEN a wide table with an undeclared column, an unmapped indicator, or a pattern that could run for minutes THEN a clear error', () => {
		const undeclared = { ...worldBank, tables: [{ ...worldBank.tables[0], ignore: ['Country Code'] }] };
		expect(errors(undeclared, { 'tables/API_SP.POP.TOTL.csv': WORLD_BANK })).toMatch(/csv:5: Indicator Name: column "Indicator Name" is not a period, nor a column dataset\.json declares/);
		const unmapped = { ...worldBank, tables: [{ ...worldBank.tables[0], metrics: { 'SP.POP.TOTL': 'population' } }] };
		expect(errors(unmapped, { 'tables/API_SP.POP.TOTL.csv': WORLD_BANK })).toMatch(/csv:8: Indicator Code: "AG\.SRF\.TOTL\.K2" is not one of the metrics "metrics" maps/);
		const nested = { ...eurostat, tables: [{ ...eurostat.tables[0], splitColumn: { column: 'x', pattern: '^(a+)+$', into: ['a', 'b'] } }] };
		expect(errors(nested, { 'tables/demo_pjan.csv': EUROSTAT })).toMatch(/splitColumn\.pattern: must be a valid regular expression without nested quantifiers/);
		const neither = { ...worldBank, tables: [{ ...worldBank.tables[0], metricColumn: undefined }] };
		expect(errors(neither, { 'tables/API_SP.POP.TOTL.csv': WORLD_BANK })).toMatch(/gives its one "metric", or a "metricColumn"/);
	});
});
