// `npm run charts:gallery -- DIR`: the gallery of awkward charts (test/support/gallery.ts) written as
// PNGs for a person to look at, each as the bot attaches it (1200×675), with its alt text beside.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderChartPng } from '../src/render/renderChart.js';
import { gallery } from '../test/support/gallery.js';

const dir = process.argv[2];
if (!dir) {
	console.error('usage: npm run charts:gallery -- DIR');
	process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (const [index, [name, make]] of gallery.entries()) {
	const chart = make();
	const { png } = await renderChartPng(chart);
	const file = `${String(index + 1).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`;
	writeFileSync(join(dir, `${file}.png`), png);
	writeFileSync(join(dir, `${file}.txt`), `${chart.alt}\n`);
	console.log(`${resolve(dir, `${file}.png`)}  ${name}`);
}
