import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const LIVE_FILE = 'tables/rates.csv';

/** A month's rates for the industries given: "industry,month,rate" rows. */
export const monthRows = (month: string, rates: Record<string, string>): string =>
	Object.entries(rates)
		.map(([industry, rate]) => `${industry},${month},${rate}\n`)
		.join('');

export const HEADER = 'industry,month,rate\n';

/**
 * A library of one dataset whose one table is published at `url`: unemployment rates by industry
 * and month, as a statistics office's monthly download. Returns the library folder and the
 * dataset's folder; the served copy starts as `csv`.
 */
export function writeLiveLibrary(
	url: string,
	csv: string,
	options: { refresh?: string; notify?: string; id?: string } = {},
): { library: string; dir: string } {
	const library = mkdtempSync(join(tmpdir(), 'factdesk-live-'));
	const id = options.id ?? 'jobs';
	const dir = join(library, id);
	mkdirSync(join(dir, 'tables'), { recursive: true });
	writeFileSync(
		join(dir, 'dataset.json'),
		JSON.stringify({
			id,
			title: 'Unemployment by industry',
			description: 'Monthly unemployment rates by industry, from the statistics office.',
			...(options.notify ? { notify: options.notify } : {}),
			metrics: [{ id: 'rate', label: 'unemployment rate', unit: '%', aliases: ['unemployment'] }],
			dimensions: [{ id: 'industry', label: 'Industry' }],
			tables: [
				{
					file: LIVE_FILE,
					source: 'office',
					url,
					...(options.refresh ? { refresh: options.refresh } : {}),
					period: 'month',
					dimensions: { industry: 'industry' },
					metrics: { rate: 'rate' },
				},
			],
		}),
	);
	writeFileSync(
		join(dir, 'sources.json'),
		JSON.stringify([
			{
				id: 'office',
				outlet: 'Statistics office',
				originator: 'Statistics office',
				published: null,
				url,
				licence: 'CC BY 4.0',
			},
		]),
	);
	writeFileSync(join(dir, LIVE_FILE), csv);
	return { library, dir };
}
