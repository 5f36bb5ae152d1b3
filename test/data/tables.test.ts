import { describe, expect, it } from 'vitest';
import { DatasetError, parseDataset } from '../../src/data/parseDataset.js';
import type { Dataset } from '../../src/data/types.js';

const meta = (table: Record<string, unknown> = {}, dimensions?: unknown[]) =>
	JSON.stringify({
		id: 'crossings',
		title: 'Border crossings',
		description: 'Crossings by country, quarter and purpose.',
		metrics: [
			{ id: 'trips', label: 'trips', unit: 'trips' },
			{ id: 'share', label: 'share of trips', unit: '%' },
		],
		dimensions: dimensions ?? [
			{ id: 'origin', label: 'Country', values: [{ id: 'cn', label: 'China', aliases: ['chinese'] }] },
			{ id: 'purpose', label: 'Purpose' },
		],
		tables: [
			{
				file: 'tables/border-crossings.csv',
				source: 'fsb-border',
				period: 'quarter',
				dimensions: { origin: 'country', purpose: 'purpose' },
				metrics: { trips: 'trips', share_pct: 'share' },
				...table,
			},
		],
	});
const SOURCES = JSON.stringify([{ id: 'fsb-border', outlet: 'FSB statistics', originator: 'FSB border service', published: null, licence: 'CC BY 4.0' }]);
const CSV = ['\uFEFFcountry,quarter,purpose,trips,share_pct', 'China,2025-Q3,tourism,412301,61.5', 'cn,2025-Q3,business,9000,', 'South Korea,2025-Q3,tourism,"1,2",', '"Korea, North",2025-Q4,,77,'].join('\r\n');

function load(files: Record<string, string | undefined>): Dataset {
	const all: Record<string, string | undefined> = { 'dataset.json': meta(), 'sources.json': SOURCES, 'tables/border-crossings.csv': CSV, ...files };
	return parseDataset((name) => all[name], 'data/crossings');
}
function errors(files: Record<string, string | undefined>): string {
	try {
		load(files);
	} catch (error) {
		expect(error).toBeInstanceOf(DatasetError);
		return (error as Error).message;
	}
	throw new Error('accepted');
}
const good = (csv = CSV) => load({ 'tables/border-crossings.csv': csv });

describe('statistics tables: figures from CSV rows, cited by row', () => {
	it('GIVEN a table THEN each non-empty metric cell is one figure, an empty cell none, and no figures.csv is needed', () => {
		const csv = CSV.replace('"1,2"', '12');
		const dataset = good(csv);
		expect(dataset.figures.map((f) => [f.metric.id, f.period.key, f.dims, f.value])).toEqual([
			['trips', '2025-Q3', { origin: 'cn', purpose: 'tourism' }, '412301'],
			['share', '2025-Q3', { origin: 'cn', purpose: 'tourism' }, '61.5'],
			['trips', '2025-Q3', { origin: 'cn', purpose: 'business' }, '9000'],
			['trips', '2025-Q3', { origin: 'south-korea', purpose: 'tourism' }, '12'],
			['trips', '2025-Q4', { origin: 'korea-north' }, '77'],
		]);
	});

	it('GIVEN cells that name listed values by id or label in any case, or values no list names THEN listed ones match and the others become values labelled as the cell', () => {
		const dataset = good(CSV.replace('"1,2"', '12').replace('China,', 'CHINA,'));
		const origin = dataset.dimensions.find((d) => d.id === 'origin')!;
		expect(origin.values.map((v) => [v.id, v.label])).toEqual([
			['cn', 'China'],
			['south-korea', 'South Korea'],
			['korea-north', 'Korea, North'],
		]);
		expect(dataset.dimensions.find((d) => d.id === 'purpose')!.values.map((v) => v.id)).toEqual(['tourism', 'business']);
	});

	it("GIVEN a figure from a table THEN it is cited by file and 1-based physical line with the row's cells, and its source needs no text", () => {
		const figure = good(CSV.replace('"1,2"', '12')).figures[0]!;
		const { file, line, cells } = figure.row!;
		expect({ file, line, cells }).toEqual({
			file: 'tables/border-crossings.csv',
			line: 2,
			cells: [
				['country', 'China'],
				['quarter', '2025-Q3'],
				['purpose', 'tourism'],
				['trips', '412301'],
				['share_pct', '61.5'],
			],
		});
		const quote = 'tables/border-crossings.csv, line 2: country: China · quarter: 2025-Q3 · purpose: tourism · trips: 412301 · share_pct: 61.5';
		expect(figure.quote).toBe(quote);
		expect(figure.origin).toBe('tables/border-crossings.csv:2');
		expect(figure.source.licence).toBe('CC BY 4.0');
		// Written out when asked for, and in its JSON as any figure's are.
		expect(JSON.parse(JSON.stringify(figure))).toMatchObject({ id: figure.id, value: '412301', quote, origin: 'tables/border-crossings.csv:2', row: { line: 2 } });
	});

	it('GIVEN a quoted cell spanning lines THEN later rows keep their physical line numbers', () => {
		const csv = CSV.replace('"1,2"', '12').replace('"Korea, North"', '"Korea,\r\nNorth"');
		expect(good(csv).figures.at(-1)!.row!.line).toBe(5);
		expect(good(csv.replace('cn,2025-Q3,business', '"c\r\nn",2025-Q3,business')).figures.at(-1)!.row!.line).toBe(6);
	});

	it('GIVEN a totals word THEN rows carrying it are totals, so breakdowns are checked against them', () => {
		const csv = ['country,quarter,purpose,trips,share_pct', 'China,2025-Q3,All purposes,100,', 'China,2025-Q3,tourism,60,', 'China,2025-Q3,business,39,'].join('\n');
		const dataset = load({ 'dataset.json': meta({ totals: { purpose: 'all purposes' } }), 'tables/border-crossings.csv': csv });
		expect(dataset.figures[0]!.dims).toEqual({ origin: 'cn' });
		expect(dataset.breakdowns.find((b) => b.dimension.id === 'purpose')).toMatchObject({ partsSum: '99', gap: '1' });
	});

	it.each([
		['a cell that is not a number as sources write them', CSV, /border-crossings\.csv:4: trips: "1,2" is not a number as sources write them .*"decimal": ","/],
		['two rows for one metric, period and dimensions', `${CSV.replace('"1,2"', '12')}\r\nChina,2025-Q3,tourism,5,`, /border-crossings\.csv:6: trips: line 2 already gives trips for the same period and dimensions/],
		['a period that is no period', CSV.replace('"1,2"', '12').replace('cn,2025-Q3', 'cn,third quarter'), /border-crossings\.csv:3: quarter: "third quarter" is not a period/],
		['a month that does not exist', CSV.replace('"1,2"', '12').replace('cn,2025-Q3', 'cn,2025-13'), /border-crossings\.csv:3: quarter: "2025-13" is not a period/],
		['a day that does not exist', CSV.replace('"1,2"', '12').replace('cn,2025-Q3', 'cn,2025-02-29'), /border-crossings\.csv:3: quarter: "2025-02-29" is not a period/],
		['a column named in dataset.json missing from the header', CSV.replace('share_pct', 'share'), /border-crossings\.csv:1: column "share_pct" named in dataset\.json is not in the header/],
		['a file saved with semicolons (European decimals in its cells)', CSV.replace('"1,2"', '12').replace(/,/g, ';').replace('61.5', '61,5'), /border-crossings\.csv:1: the header reads as one column: is the delimiter ";"\?/],
		['a file saved with tabs', CSV.replace('"1,2"', '12').replace(/,/g, '\t'), /border-crossings\.csv:1: the header reads as one column: is the delimiter a tab\?/],
	])('GIVEN %s THEN a load error at file:line naming the column', (_, csv, pattern) => {
		expect(errors({ 'tables/border-crossings.csv': csv })).toMatch(pattern);
	});

	it('GIVEN a table file outside the folder, an unknown source or metric, or a missing file THEN a clear error', () => {
		expect(errors({ 'dataset.json': meta({ file: '../x.csv' }) })).toMatch(/tables\[0\]\.file: must stay inside the dataset folder/);
		expect(errors({ 'dataset.json': meta({ source: 'nowhere' }) })).toMatch(/unknown source "nowhere"/);
		expect(errors({ 'dataset.json': meta({ metrics: { trips: 'visits' } }) })).toMatch(/unknown metric "visits"/);
		expect(errors({ 'tables/border-crossings.csv': undefined })).toMatch(/border-crossings\.csv: file not found/);
	});
});

describe('tables as sources publish them: cells, fixed values, periods for every row, file shape', () => {
	const figuresOf = (dataset: Dataset) =>
		dataset.figures.map((f) => [f.metric.id, f.period.key, { ...f.dims }, f.value, f.qualifier, [...f.flags]]);

	it('GIVEN cells with separators, signs, %, qualifiers, flags and marks for no figure THEN exact figures with their qualifier and flags', () => {
		const csv = ['country,quarter,purpose,trips,share_pct', 'China,2025-Q3,tourism,"~412,301",61.5%', 'cn,2025-Q3,business,9 000 p,:', 'South Korea,2025-Q3,tourism,1 234 (est.),n/a', 'Japan,2025-Q3,tourism,withheld,'].join('\n');
		const dataset = load({ 'dataset.json': meta({ missing: ['withheld'] }), 'tables/border-crossings.csv': csv });
		expect(figuresOf(dataset)).toEqual([
			['trips', '2025-Q3', { origin: 'cn', purpose: 'tourism' }, '412301', 'approximately', []],
			['share', '2025-Q3', { origin: 'cn', purpose: 'tourism' }, '61.5', 'exact', []],
			['trips', '2025-Q3', { origin: 'cn', purpose: 'business' }, '9000', 'exact', ['provisional']],
			['trips', '2025-Q3', { origin: 'south-korea', purpose: 'tourism' }, '1234', 'estimate', []],
		]);
	});

	it('GIVEN a bad cell THEN a load error at file:line naming the column and the reason', () => {
		const csv = (cell: string) => ['country,quarter,purpose,trips,share_pct', `China,2025-Q3,tourism,${cell},`].join('\n');
		expect(errors({ 'tables/border-crossings.csv': csv('10–15') })).toMatch(/border-crossings\.csv:2: trips: "10–15" is a range/);
		expect(errors({ 'tables/border-crossings.csv': csv('12%') })).toMatch(/border-crossings\.csv:2: trips: "12%" has a "%" but the metric's unit is "trips"/);
		expect(errors({ 'tables/border-crossings.csv': csv('$5') })).toMatch(/border-crossings\.csv:2: trips: "\$5" has a "\$"/);
	});

	it('GIVEN "decimal": "," and "delimiter": ";" THEN a European file is read as written', () => {
		const csv = ['country;quarter;purpose;trips;share_pct', 'China;2025-Q3;tourism;412.301;61,5'].join('\n');
		const dataset = load({ 'dataset.json': meta({ decimal: ',', delimiter: ';' }), 'tables/border-crossings.csv': csv });
		expect(dataset.figures.map((f) => f.value)).toEqual(['412301', '61.5']);
		expect(dataset.figures[0]!.row!.line).toBe(2);
	});

	it('GIVEN "skipLines" THEN the lines before the header are not read, and rows keep their physical line numbers', () => {
		const csv = ['"Data Source","Border statistics"', '', '"Last Updated","2025-12-01"', 'country,quarter,purpose,trips,share_pct', 'China,2025-Q3,tourism,412301,61.5', 'cn,2025-Q3,business,oops,'].join('\n');
		expect(errors({ 'dataset.json': meta({ skipLines: 3 }), 'tables/border-crossings.csv': csv })).toMatch(/border-crossings\.csv:6: trips: "oops"/);
		const dataset = load({ 'dataset.json': meta({ skipLines: 3 }), 'tables/border-crossings.csv': csv.replace('oops', '9000') });
		expect(dataset.figures.map((f) => f.row!.line)).toEqual([5, 5, 6]);
		expect(dataset.figures[0]!.quote).toMatch(/^tables\/border-crossings\.csv, line 5: country: China/);
	});

	it('GIVEN "fixed" values THEN every row has them; "asOf" gives every row its period; a metric may bring its own period and qualifier', () => {
		const csv = ['country,trips,Trips (2024),share_pct', 'China,412301,300000,61.5'].join('\n');
		const table = {
			period: undefined,
			asOf: '2025',
			dimensions: { origin: 'country' },
			fixed: { purpose: 'Tourism' },
			qualifier: 'estimate',
			metrics: { trips: 'trips', 'Trips (2024)': { metric: 'trips', period: '2024', qualifier: 'exact' }, share_pct: 'share' },
		};
		const dataset = load({ 'dataset.json': meta(table), 'tables/border-crossings.csv': csv });
		expect(figuresOf(dataset)).toEqual([
			['trips', '2025', { purpose: 'tourism', origin: 'cn' }, '412301', 'estimate', []],
			['trips', '2024', { purpose: 'tourism', origin: 'cn' }, '300000', 'exact', []],
			['share', '2025', { purpose: 'tourism', origin: 'cn' }, '61.5', 'estimate', []],
		]);
	});

	it('GIVEN "periodForm": "season" THEN a period column\'s "2012-13" is the 2012–13 season', () => {
		const csv = ['country,quarter,purpose,trips,share_pct', 'China,2012-13,tourism,5,', 'China,2013/14,tourism,6,'].join('\n');
		const dataset = load({ 'dataset.json': meta({ periodForm: 'season' }), 'tables/border-crossings.csv': csv });
		expect(dataset.figures.map((f) => [f.period.key, f.period.grain])).toEqual([['2012/13', 'season'], ['2013/14', 'season']]);
	});

	it('GIVEN a period twice, or a fixed value for a dimension read from a column THEN a clear error', () => {
		expect(errors({ 'dataset.json': meta({ asOf: '2025' }) })).toMatch(/tables\[0\]\.asOf: give either "period" \(a column\) or "asOf"/);
		expect(errors({ 'dataset.json': meta({ asOf: '2025-Q5', period: undefined }) })).toMatch(/tables\[0\]\.asOf: must be a year/);
		expect(errors({ 'dataset.json': meta({ fixed: { origin: 'cn' } }) })).toMatch(/fixed\.origin: the dimension is read from column "country" too/);
		expect(errors({ 'dataset.json': meta({ fixed: { nowhere: 'x' } }) })).toMatch(/fixed\.nowhere: unknown dimension/);
	});
});

describe('attributes: descriptive columns of a row', () => {
	const attributesMeta = (table: Record<string, unknown> = {}, attributes?: unknown[]) =>
		JSON.stringify({
			...JSON.parse(meta({ attributes: { region: 'region', founded: 'founded' }, ...table })),
			attributes: attributes ?? [
				{ id: 'region', label: 'Region', aliases: ['area'], values: [{ id: 'east', label: 'East Asia', aliases: ['the east'] }] },
				{ id: 'founded', label: 'Founded', type: 'date' },
			],
		});
	const CSV_WITH_ATTRIBUTES = ['country,quarter,purpose,trips,share_pct,region,founded', 'China,2025-Q3,tourism,10,,East Asia,1949', 'Chile,2025-Q3,tourism,3,,South America,1818', 'China,2025-Q3,,13,,East Asia,1949'].join('\n');

	it('GIVEN attribute columns THEN each figure carries its row\'s attributes; a text attribute\'s cells become its values; a total row has none', () => {
		const dataset = load({ 'dataset.json': attributesMeta(), 'tables/border-crossings.csv': CSV_WITH_ATTRIBUTES });
		expect(dataset.figures.map((f) => [{ ...f.dims }, { ...f.attrs }])).toEqual([
			[{ origin: 'cn', purpose: 'tourism' }, { region: 'east', founded: '1949' }],
			[{ origin: 'chile', purpose: 'tourism' }, { region: 'south-america', founded: '1818' }],
			[{ origin: 'cn' }, {}],
		]);
		expect(dataset.attributes.find((a) => a.id === 'region')!.values.map((v) => v.label)).toEqual(['East Asia', 'South America']);
	});

	it('GIVEN an unknown attribute, one sharing a dimension\'s id, or values listed for a date THEN a clear error', () => {
		expect(errors({ 'dataset.json': attributesMeta({ attributes: { nowhere: 'region' } }), 'tables/border-crossings.csv': CSV_WITH_ATTRIBUTES })).toMatch(/attributes\.nowhere: unknown attribute "nowhere"/);
		expect(errors({ 'dataset.json': attributesMeta({ attributes: {} }, [{ id: 'origin', label: 'Origin' }]), 'tables/border-crossings.csv': CSV_WITH_ATTRIBUTES })).toMatch(/attributes\[0\]\.id: "origin" is a dimension's id too/);
		expect(errors({ 'dataset.json': attributesMeta({ attributes: {} }, [{ id: 'founded', label: 'Founded', type: 'date', values: [{ id: 'x', label: 'X' }] }]), 'tables/border-crossings.csv': CSV_WITH_ATTRIBUTES })).toMatch(/a date attribute lists no values/);
		expect(errors({ 'dataset.json': attributesMeta({ attributes: { region: 'Region' } }), 'tables/border-crossings.csv': CSV_WITH_ATTRIBUTES })).toMatch(/column "Region" named in dataset\.json is not in the header/);
	});
});

describe('constraints: what a value may be', () => {
	const withMetrics = (metrics: unknown[], dimensions?: unknown[]) =>
		JSON.stringify({ ...JSON.parse(meta({}, dimensions)), metrics });
	const csv = (trips: string, share = '') => ['country,quarter,purpose,trips,share_pct', `China,2025-Q3,tourism,${trips},${share}`].join('\n');
	const trips = (more: Record<string, unknown> = {}) => [{ id: 'trips', label: 'trips', unit: 'trips', ...more }, { id: 'share', label: 'share of trips', unit: '%', max: 100 }];

	it('GIVEN a count unit THEN a value is a whole number of at least zero, unless the metric says otherwise', () => {
		expect(errors({ 'dataset.json': withMetrics(trips()), 'tables/border-crossings.csv': csv('12.5') })).toMatch(/csv:2: trips: 12\.5 is not a whole number, as a count of trips is/);
		expect(errors({ 'dataset.json': withMetrics(trips()), 'tables/border-crossings.csv': csv('-3') })).toMatch(/csv:2: trips: -3 is below 0, the least "trips" can be as a count of trips \(say "min"/);
		expect(load({ 'dataset.json': withMetrics(trips({ min: -1000 })), 'tables/border-crossings.csv': csv('-3') }).figures[0]!.value).toBe('-3');
		expect(load({ 'dataset.json': withMetrics(trips({ integer: false })), 'tables/border-crossings.csv': csv('12.5') }).figures[0]!.value).toBe('12.5');
		expect(load({ 'dataset.json': withMetrics(trips()), 'tables/border-crossings.csv': csv('12.0') }).figures[0]!.value).toBe('12.0');
	});

	it('GIVEN "max" THEN a value above it is a load error at its line', () => {
		expect(errors({ 'dataset.json': withMetrics(trips()), 'tables/border-crossings.csv': csv('12', '100.5') })).toMatch(/csv:2: share_pct: 100\.5 is above 100, the most "share" can be/);
	});

	it('GIVEN a count larger than its total THEN a load error naming both lines, unless the dimension says its values overlap', () => {
		const rows = ['country,quarter,purpose,trips,share_pct', 'China,2025-Q3,,100,', 'China,2025-Q3,tourism,60,', 'China,2025-Q3,business,140,'].join('\n');
		expect(errors({ 'dataset.json': withMetrics(trips()), 'tables/border-crossings.csv': rows })).toMatch(/csv:4: trips: 140 for purpose "business" is more than its total, 100 at tables\/border-crossings\.csv:2/);
		const overlapping = [
			{ id: 'origin', label: 'Country', values: [{ id: 'cn', label: 'China' }] },
			{ id: 'purpose', label: 'Purpose', additive: false },
		];
		expect(load({ 'dataset.json': withMetrics(trips(), overlapping), 'tables/border-crossings.csv': rows }).figures).toHaveLength(3);
	});
});

describe('rows that are not data, entries over some rows, names written twice', () => {
	it('GIVEN "skipRows" and "onlyRows" THEN an "Average" row is not read, and an entry reads only its own rows', () => {
		const csv = ['country,quarter,purpose,trips,share_pct', 'China,2025-Q3,tourism,10,', 'Average,2025-Q3,tourism,7,', 'Chile,2025-Q3,business,4,'].join('\n');
		const skipped = load({ 'dataset.json': meta({ skipRows: { country: ['average'] } }), 'tables/border-crossings.csv': csv });
		expect(skipped.figures.map((f) => f.value)).toEqual(['10', '4']);
		const only = load({ 'dataset.json': meta({ skipRows: { country: ['Average'] }, onlyRows: { purpose: ['Tourism'] } }), 'tables/border-crossings.csv': csv });
		expect(only.figures.map((f) => f.value)).toEqual(['10']);
		expect(errors({ 'dataset.json': meta({ skipRows: { Country: ['Average'] } }), 'tables/border-crossings.csv': csv })).toMatch(/csv:1: skipRows\.Country: column "Country" is not in the header/);
	});

	it('GIVEN a column name written twice in a table THEN the later ones are addressed by place ("trips #2"); in figures.csv it is refused', () => {
		const csv = ['country,quarter,purpose,trips,trips,share_pct', 'China,2025-Q3,tourism,10,12,'].join('\n');
		const dataset = load({ 'dataset.json': meta({ metrics: { 'trips #2': 'trips' } }), 'tables/border-crossings.csv': csv });
		expect(dataset.figures.map((f) => f.value)).toEqual(['12']);
		expect(dataset.figures[0]!.quote).toContain('trips: 10 · trips #2: 12');
	});
});

describe('live tables: where a table is published and when it is fetched again', () => {
	it('GIVEN a URL, a schedule, a time zone and a channel THEN the dataset loads from its file as ever', () => {
		const files = {
			'dataset.json': JSON.stringify({ ...JSON.parse(meta({ url: 'https://stats.example.org/crossings.csv', refresh: '0 6 * * 1-5', timezone: 'Europe/Berlin' })), notify: '123456789012345678' }),
			'tables/border-crossings.csv': CSV.replace('"1,2"', '12'),
		};
		expect(load(files).figures).toHaveLength(5);
	});

	it.each([
		[{ url: 'http://stats.example.org/x.csv' }, /tables\[0\]\.url: must be an https:\/\/ URL without a user name or password \(http:\/\/ only to this machine\)/],
		[{ url: 'https://user:pw@stats.example.org/x.csv' }, /tables\[0\]\.url: must be an https:\/\/ URL without a user name/],
		[{ url: 'file:///etc/passwd' }, /tables\[0\]\.url: must be an https:\/\/ URL of the CSV file/],
		[{ url: 'https://stats.example.org/x.csv', refresh: '*/10 * * * * *' }, /tables\[0\]\.refresh: must be a cron expression of 5 fields/],
		[{ url: 'https://stats.example.org/x.csv', refresh: '0 25 * * *' }, /tables\[0\]\.refresh: must be a cron expression of 5 fields/],
		[{ refresh: '0 6 * * *' }, /tables\[0\]\.refresh: a table refreshed on a schedule needs the "url"/],
		[{ url: 'https://stats.example.org/x.csv', timezone: 'Mars/Olympus' }, /tables\[0\]\.timezone: must be an IANA time zone name/],
	])('GIVEN %o THEN refused, naming the field', (table, pattern) => {
		expect(errors({ 'dataset.json': meta(table), 'tables/border-crossings.csv': CSV.replace('"1,2"', '12') })).toMatch(pattern);
	});

	it('GIVEN a notify that is not a channel id THEN refused', () => {
		const dataset = JSON.stringify({ ...JSON.parse(meta()), notify: '#newsroom' });
		expect(errors({ 'dataset.json': dataset })).toMatch(/notify: must be a Discord channel ID/);
	});
});
