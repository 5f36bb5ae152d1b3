import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
					const value = 1000 + ((n * 7919) % 900_000);
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
