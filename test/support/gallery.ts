import type { Dataset } from '../../src/data/types.js';
import { parseDataset } from '../../src/data/parseDataset.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { type Chart, chartFor } from '../../src/present/chart.js';
import { NOW, dataset, engine, gazetteer } from './engine.js';
import { oneTableDataset } from './tables.js';

/**
 * Awkward charts (a gap in a long series, five-yearly data, 10-digit values, long names, negative
 * values, two sources with estimates), built from data as the bot builds them: proved legible by
 * test/render/gallery.test.ts, and written as PNGs by `npm run charts:gallery -- DIR`.
 */
export const chartOf = (question: string, data: Dataset = dataset, e = engine): Chart => {
	const result = chartFor(e.ask(question, NOW), data);
	if (result.chart === null) throw new Error(`no chart for "${question}": ${result.reason}`);
	return result.chart;
};

/** A one-measure table of the rows given, asked as the test says. */
function table(id: string, period: string, rows: string[], label = 'value', unit = 'tonnes'): Dataset {
	return oneTableDataset({
		id,
		title: `Table ${id}`,
		metric: { id: 'v', label, unit, aliases: [] },
		period,
		valueColumn: 'v',
		csv: `${period},v\n${rows.join('\n')}\n`,
	});
}

/** Months from January 1970, with five years missing from January 1990: 390 points over 450 months. */
export function monthsWithGap(): Dataset {
	const rows: string[] = [];
	for (let m = 0; m < 450; m++) {
		const year = 1970 + Math.floor(m / 12);
		if (year >= 1990 && year < 1995) continue;
		rows.push(`${year}-${String((m % 12) + 1).padStart(2, '0')},${1000 + ((m * 37) % 500)}`);
	}
	return table('monthly', 'month', rows);
}

/** One measure by year as 14 sources give it, each its own table: 14 lines. */
export function fourteenSources(): Dataset {
	const sources = Array.from({ length: 14 }, (_, i) => ({
		id: `s${i + 1}`,
		outlet: `Outlet ${i + 1}`,
		originator: `Statistics office number ${i + 1}`,
		published: null,
	}));
	const files: Record<string, string> = {
		'dataset.json': JSON.stringify({
			id: 'many',
			title: 'Many sources',
			description: 'One measure as fourteen sources give it, for tests.',
			metrics: [{ id: 'v', label: 'value', unit: 'tonnes', aliases: [] }],
			dimensions: [],
			tables: sources.map((src, i) => ({
				file: `tables/t${i + 1}.csv`,
				source: src.id,
				period: 'year',
				metrics: { v: 'v' },
			})),
		}),
		'sources.json': JSON.stringify(sources),
	};
	sources.forEach((_, i) => {
		files[`tables/t${i + 1}.csv`] =
			`year,v\n${[2019, 2020, 2021, 2022, 2023].map((y, k) => `${y},${100 + i * 10 + k * (i + 1)}`).join('\n')}\n`;
	});
	return parseDataset((name) => files[name], 'data/many');
}

export const gallery: [string, () => Chart][] = [
	['the shipped series, two sources and estimates', () => chartOf('russians to north korea by year')],
	['a breakdown that does not add up', () => chartOf('purposes of russian trips in 2025')],
	['sources that disagree on one number', () => chartOf('russians to north korea 2025')],
	[
		'fourteen sources',
		() => {
			const data = fourteenSources();
			return chartOf('value', data, createEngine(data, gazetteer));
		},
	],
	['two years added up', () => chartOf('russians to north korea 2023 and 2024 combined')],
	[
		'390 months with a five-year gap',
		() => {
			const data = monthsWithGap();
			return chartOf('value', data, createEngine(data, gazetteer));
		},
	],
	[
		'five-yearly data',
		() => {
			const data = table(
				'census',
				'year',
				[1950, 1955, 1960, 1965, 1970, 1975, 1980, 1985, 1990, 1995, 2000].map((y, i) => `${y},${100 + i * 7}`),
			);
			return chartOf('value', data, createEngine(data, gazetteer));
		},
	],
	[
		'10-digit values',
		() => {
			const data = table(
				'big',
				'year',
				[2015, 2016, 2017, 2018, 2019, 2020].map((y, i) => `${y},${1_234_567_890 + i * 987_654_321}`),
				'gross domestic product',
				'dollars',
			);
			return chartOf('gross domestic product', data, createEngine(data, gazetteer));
		},
	],
	[
		'a very long name',
		() => {
			const data = oneTableDataset({
				id: 'long',
				title: 'Long names',
				metric: {
					id: 'v',
					label: 'Average annual net migration of working-age residents with a tertiary education',
					unit: 'people',
					aliases: ['migration'],
				},
				period: 'year',
				dimensions: [{ id: 'region', label: 'Region', aliases: ['regions'] }],
				valueColumn: 'v',
				csv: [
					'year,region,v',
					'2024,The Autonomous Region of the Far Northern Highlands and Outer Islands,12',
					'2024,Southern Lowlands,40',
					'2024,Capital District,75',
				].join('\n'),
			});
			return chartOf('migration by region 2024', data, createEngine(data, gazetteer));
		},
	],
	[
		'negative bars',
		() => {
			const data = oneTableDataset({
				id: 'balance',
				title: 'Balance',
				metric: { id: 'v', label: 'net migration', unit: 'balance', aliases: ['migration'] },
				period: 'year',
				dimensions: [{ id: 'region', label: 'Region', aliases: ['regions'] }],
				valueColumn: 'v',
				csv: 'year,region,v\n2024,North,-1250\n2024,South,3400\n2024,East,-80\n2024,West,900\n',
			});
			return chartOf('migration by region 2024', data, createEngine(data, gazetteer));
		},
	],
	[
		'negative values',
		() => {
			const data = table(
				'net',
				'year',
				['2021,-40', '2022,25', '2023,-12', '2024,8'],
				'net migration',
				'balance',
			);
			return chartOf('net migration', data, createEngine(data, gazetteer));
		},
	],
];
