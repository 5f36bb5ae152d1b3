import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Place } from '../src/data/gazetteer.js';
import { parsePeriodKey } from '../src/data/period.js';
import type { Dataset, Dimension, Figure, Source } from '../src/data/types.js';

/**
 * Writes a dataset folder of `count` article figures to disk, as a data editor would: one source text
 * with one sentence per figure, each figure quoting its sentence. Origins × destinations × years ×
 * purposes, with totals for each route and year so that breakdowns are checked.
 */
export function writeDataset(dir: string, count: number): void {
	mkdirSync(join(dir, 'sources'), { recursive: true });
	const purposes = ['tourism', 'business', 'study', 'personal', 'work'];
	const places = Array.from({ length: 400 }, (_, i) => `place_${i}`);
	const rows: string[] = ['id,metric,period,origin,destination,purpose,value,qualifier,display,source,quote,note'];
	const sentences: string[] = [];
	let n = 0;
	outer: for (const origin of places) {
		for (const destination of places) {
			if (origin === destination) continue;
			for (let year = 2000; year < 2025; year++) {
				for (const purpose of ['', ...purposes]) {
					if (n >= count) break outer;
					// A route's total above each of its parts, as a count's must be (a part above its total is a load error).
					const value = purpose === '' ? 1_000_000 + (n % 1000) : 1000 + ((n * 7919) % 190_000);
					const sentence = `In ${year}, ${value.toLocaleString('en-US')} people travelled from ${origin} to ${destination}${purpose ? ` for ${purpose}` : ''} (record ${n}).`;
					sentences.push(sentence);
					rows.push(
						`f${n},trips,${year},${origin},${destination},${purpose},${value},exact,,gen,"${sentence}",`,
					);
					n++;
				}
			}
		}
	}
	const used = new Set(rows.slice(1).flatMap((r) => r.split(',').slice(3, 5)));
	const values = (ids: string[]) => ids.map((id) => ({ id, label: id.replace('_', ' '), aliases: [] }));
	writeFileSync(join(dir, 'sources', 'gen.txt'), sentences.join('\n'));
	writeFileSync(join(dir, 'figures.csv'), `${rows.join('\n')}\n`);
	writeFileSync(
		join(dir, 'sources.json'),
		JSON.stringify([
			{ id: 'gen', outlet: 'Generated', originator: 'Bench', published: null, text: 'sources/gen.txt' },
		]),
	);
	writeFileSync(
		join(dir, 'dataset.json'),
		JSON.stringify({
			id: `generated-${count}`,
			title: 'Generated travel',
			description: 'Generated figures for the benchmark.',
			metrics: [{ id: 'trips', label: 'trips', unit: 'trips', aliases: [] }],
			dimensions: [
				{
					id: 'origin',
					label: 'Origin',
					role: 'origin',
					default: null,
					values: values(places.filter((p) => used.has(p))),
				},
				{
					id: 'destination',
					label: 'Destination',
					role: 'destination',
					default: null,
					values: values(places.filter((p) => used.has(p))),
				},
				{ id: 'purpose', label: 'Purpose', role: null, default: null, values: values(purposes) },
			],
			conflicts: [],
		}),
	);
}

/**
 * Writes an in-memory dataset to disk as a statistics table, the way a newsroom adds one: a
 * dataset.json mapping tables/figures.csv (one row per figure), and a sources.json without texts.
 */
export function writeTableDataset(dataset: Dataset, dir: string): void {
	mkdirSync(join(dir, 'tables'), { recursive: true });
	const dimensions = dataset.dimensions.map((d) => d.id);
	const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
	const rows = dataset.figures.map((f) =>
		[...dimensions.map((d) => f.dims[d] ?? ''), f.period.key, f.value].map(quote).join(','),
	);
	writeFileSync(
		join(dir, 'tables', 'figures.csv'),
		`${[...dimensions, 'period', 'value'].join(',')}\n${rows.join('\n')}\n`,
	);
	const source = dataset.figures[0]!.source;
	writeFileSync(
		join(dir, 'sources.json'),
		JSON.stringify([
			{
				id: source.id,
				outlet: source.outlet,
				originator: source.originator,
				published: null,
				aliases: source.aliases,
				licence: 'CC BY 4.0',
			},
		]),
	);
	writeFileSync(
		join(dir, 'dataset.json'),
		JSON.stringify({
			id: dataset.id,
			title: dataset.title,
			description: dataset.description,
			metrics: dataset.metrics,
			dimensions: dataset.dimensions,
			tables: [
				{
					file: 'tables/figures.csv',
					source: source.id,
					period: 'period',
					dimensions: Object.fromEntries(dimensions.map((d) => [d, d])),
					metrics: { value: dataset.metrics[0]!.id },
				},
			],
		}),
	);
}

/** A synthetic dataset over real country names: origins × destinations × purposes × years. */
export function generateDataset(
	gazetteer: readonly Place[],
	origins: number,
	destinations: number,
	purposes: number,
	years: number,
): Dataset {
	const countries = gazetteer.filter((p) => p.demonyms.length > 0);
	const source: Source = {
		id: 'synthetic',
		outlet: 'Synthetic',
		outletNote: null,
		originator: 'Generator',
		published: null,
		title: null,
		url: null,
		aliases: [],
		text: '',
		licence: null,
	};
	const place = (p: (typeof countries)[number]) => ({
		id: p.country.toLowerCase(),
		label: p.name,
		country: p.country,
		aliases: [],
	});
	const words = [
		'tourism',
		'business',
		'study',
		'work',
		'transit',
		'medical',
		'family',
		'sport',
		'religion',
		'diplomacy',
		'cruise',
		'conference',
	];
	const dims: Dimension[] = [
		{
			id: 'origin',
			label: 'Travellers',
			aliases: [],
			role: 'origin',
			default: null,
			values: countries.slice(0, origins).map(place),
		},
		{
			id: 'destination',
			label: 'Destination',
			aliases: [],
			role: 'destination',
			default: null,
			values: countries.slice(origins, origins + destinations).map(place),
		},
		{
			id: 'purpose',
			label: 'Purpose',
			aliases: [],
			role: null,
			default: null,
			values: words.slice(0, purposes).map((w) => ({ id: w, label: w, country: null, aliases: [`${w} trips`] })),
		},
	];
	const metric = {
		id: 'visits',
		label: 'visitors',
		unit: 'people',
		description: null,
		aliases: ['visits', 'trips', 'arrivals'],
	};
	const figures: Figure[] = [];
	for (const o of dims[0]!.values)
		for (const d of dims[1]!.values)
			for (const p of dims[2]!.values)
				for (let y = 0; y < years; y++) {
					const year = 2025 - y;
					figures.push({
						id: `f${figures.length}`,
						metric,
						period: parsePeriodKey(String(year))!,
						dims: { origin: o.id, destination: d.id, purpose: p.id },
						value: String(1000 + figures.length),
						qualifier: 'exact',
						display: null,
						source,
						quote: 'q',
						row: null,
						note: null,
						origin: 'generated',
						flags: [],
						attrs: {},
					});
				}
	return {
		id: 'synthetic',
		title: 'Synthetic',
		description: 'Generated',
		metrics: [metric],
		dimensions: dims,
		attributes: [],
		sources: [source],
		figures,
		bareRows: [],
		statements: [],
		conflicts: [],
		breakdowns: [],
	};
}

/** The dataset.json and sources.json of a one-table dataset whose rows `writeRows` writes. */
function writeOneTable(
	dir: string,
	meta: {
		id: string;
		title: string;
		metric: string;
		unit: string;
		dimension: string;
		label: string;
		values: string[];
	},
	header: string,
	rows: Iterable<string>,
): void {
	writeTableFiles(
		dir,
		{
			id: meta.id,
			title: meta.title,
			description: `${meta.title}, generated for the bench.`,
			metrics: [
				{
					id: meta.metric,
					label: meta.metric,
					unit: meta.unit,
					description: meta.metric,
					aliases: [meta.metric],
				},
			],
			dimensions: [
				{
					id: meta.dimension,
					label: meta.label,
					values: meta.values.map((label) => ({
						id: label.toLowerCase().replace(/\W+/g, '_'),
						label,
						aliases: [],
					})),
				},
			],
			tables: [
				{
					file: 'tables/rows.csv',
					source: 'office',
					period: 'period',
					dimensions: { [meta.dimension]: meta.dimension },
					metrics: { value: meta.metric },
				},
			],
		},
		header,
		rows,
	);
}

/** One place's daily rainfall over `days` days ending 2025-12-31: one long series ("rainfall oslo"). */
export function writeDailySeries(dir: string, days: number): void {
	const end = Date.UTC(2025, 11, 31);
	writeOneTable(
		dir,
		{
			id: 'daily-rain',
			title: 'Daily rainfall',
			metric: 'rainfall',
			unit: 'mm',
			dimension: 'station',
			label: 'Station',
			values: ['Oslo'],
		},
		'station,period,value',
		(function* () {
			for (let i = days - 1; i >= 0; i--) {
				const day = new Date(end - i * 86_400_000).toISOString().slice(0, 10);
				yield `Oslo,${day},${((i * 7919) % 301) / 10}`;
			}
		})(),
	);
}

/**
 * A table of `count` distinct places (districts, stations, companies), one row each for 2025. The
 * dataset lists none of them: the table brings its values, as a statistics office's download does.
 */
export function writeDistinctValues(dir: string, count: number): void {
	const names = Array.from({ length: count }, (_, i) => `District ${i.toString(36)} ${i}`);
	writeOneTable(
		dir,
		{
			id: 'districts',
			title: 'Population by district',
			metric: 'residents',
			unit: 'people',
			dimension: 'district',
			label: 'District',
			values: [],
		},
		'district,period,value',
		names.map((name, i) => `${name},2025,${1000 + i}`),
	);
}

/**
 * A wide table as statistics offices publish it (the World Bank's shape): one row per country, one
 * column per year, values written with thousands separators; `count` figures in all.
 */
export function writeWideTable(dir: string, count: number): void {
	const years = 50;
	const countries = Math.ceil(count / years);
	const columns = Array.from({ length: years }, (_, i) => String(1974 + i));
	const rows = Array.from({ length: countries }, (_, c) => {
		const cells = columns.map((_, y) => `"${(1_000_000 + c * 97 + y * 13).toLocaleString('en-US')}"`);
		return `Country ${c.toString(36)},C${c},${cells.join(',')}`;
	});
	writeTableFiles(
		dir,
		{
			id: 'wide',
			title: 'Population by country and year',
			description: 'A wide table generated for the bench.',
			metrics: [{ id: 'population', label: 'population', unit: 'people' }],
			dimensions: [{ id: 'country', label: 'Country' }],
			tables: [
				{
					file: 'tables/rows.csv',
					source: 'office',
					layout: 'wide',
					columnsAre: 'period',
					metric: 'population',
					dimensions: { country: 'Country Name' },
					ignore: ['Country Code'],
				},
			],
		},
		`Country Name,Country Code,${columns.join(',')}`,
		rows,
	);
}

/**
 * A long table with descriptive columns, the wide table's shape in long form: districts over 50
 * years (`count` rows in all), each row with its district's region (one of 50, a text attribute)
 * and the date the district was founded (a date attribute). With `distinct`, every row is its own
 * district instead (the worst case: as many dimension values as rows).
 */
export function writeAttributeTable(dir: string, count: number, distinct = false): void {
	const years = distinct ? 1 : 50;
	const rows = Array.from({ length: count }, (_, i) => {
		const district = Math.floor(i / years);
		const year = 2025 - (i % years);
		return `District ${district.toString(36)} ${district},Region ${district % 50},${1900 + (district % 120)}-01-01,${year},${1000 + i}`;
	});
	writeTableFiles(
		dir,
		{
			id: 'attributes',
			title: 'Residents by district',
			description: 'A long table with attributes generated for the bench.',
			metrics: [{ id: 'residents', label: 'residents', unit: 'people' }],
			dimensions: [{ id: 'district', label: 'District' }],
			attributes: [
				{ id: 'region', label: 'Region' },
				{ id: 'founded', label: 'Founded', type: 'date' },
			],
			tables: [
				{
					file: 'tables/rows.csv',
					source: 'office',
					period: 'year',
					dimensions: { district: 'district' },
					attributes: { region: 'region', founded: 'founded' },
					metrics: { value: 'residents' },
				},
			],
		},
		'district,region,founded,year,value',
		rows,
	);
}

/** A dataset folder of one table: dataset.json as given, one source, the CSV. */
function writeTableFiles(dir: string, meta: Record<string, unknown>, header: string, rows: Iterable<string>): void {
	mkdirSync(join(dir, 'tables'), { recursive: true });
	let csv = `${header}\n`;
	for (const row of rows) csv += `${row}\n`;
	writeFileSync(join(dir, 'tables', 'rows.csv'), csv);
	writeFileSync(
		join(dir, 'sources.json'),
		JSON.stringify([
			{
				id: 'office',
				outlet: 'Statistics office',
				originator: 'Statistics office',
				published: null,
				aliases: [],
				licence: 'CC BY 4.0',
			},
		]),
	);
	writeFileSync(join(dir, 'dataset.json'), JSON.stringify(meta));
}
