import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH, chartFor } from '../../src/present/chart.js';
import { FONT_FILES, drawableChart, renderChartPng, renderChartSvg } from '../../src/render/renderChart.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { NOW, dataset, engine, gazetteer } from '../support/engine.js';
import { harvests } from '../support/tables.js';

const chartOf = (question: string) => {
	const result = chartFor(engine.ask(question, NOW), dataset);
	if (result.chart === null) throw new Error(result.reason);
	return result.chart;
};

describe('charts drawn: Vega-Lite → SVG → PNG with the fonts the project ships', () => {
	it('GIVEN a series THEN a PNG of 1200×675 that decodes, under 200 KB', async () => {
		const { png } = await renderChartPng(chartOf('russians to north korea by year'));
		const image = decode(png);
		expect([image.width, image.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
		expect(png.byteLength).toBeLessThan(200 * 1024);
		// A light card, inside its hairline border: white, readable in both Discord themes.
		const at = (10 * image.width + 10) * image.channels;
		expect([...image.data.slice(at, at + 3)]).toEqual([255, 255, 255]);
	});

	it('GIVEN a chart THEN its SVG holds the title, the unit on the axis, the source line and the labelled values', async () => {
		const svg = await renderChartSvg(chartOf('russians to north korea by year'));
		expect(svg).toContain('Russians → North Korea: visitors, 2023–2025');
		expect(svg).toContain('visitors (people)');
		expect(svg).toContain('Sources: Russian Federal Security Service (FSB) border data via NK News and Verstka');
		expect(svg).toContain('an estimated 7,000');
		expect(svg).toContain('9,985');
		expect(svg).toMatch(/font-family="DejaVu Sans"/);
	});

	it('GIVEN labels with emoji, Chinese and a right-to-left override THEN those are left out (saying so), never drawn as boxes or reversed', async () => {
		const crops = harvests('year,crop,tonnes\n2023,Rice 🌾 稻米,5\n2024,Rice 🌾 稻米,6\n2025,Rice 🌾 稻米,8\n');
		const chart = chartFor(createEngine(crops, gazetteer).ask('rice harvest by year', NOW), crops).chart!;
		const hostile = {
			...chart,
			title: `\u202e${chart.title} 2025`,
			footer: [...chart.footer, 'Café Ürümqi Москва'],
		};
		const svg = await renderChartSvg(hostile);
		expect(svg).not.toMatch(/[\u{1F33E}\u7a3b\u7c73\u202e]/u);
		expect(svg).toContain('Rice');
		// What the font has stays: accents, Cyrillic.
		expect(svg).toContain('Café Ürümqi Москва');
		expect(svg).toContain('Characters the chart font cannot draw (such as emoji or CJK) are left out here');
		expect(drawableChart(chartOf('russians to north korea by year'))).toEqual(
			chartOf('russians to north korea by year'),
		);
	});

	it('GIVEN a quarter missing from a series THEN the drawn line is two paths, not one through the gap', async () => {
		const crops = harvests(
			'quarter,crop,tonnes\n2024-Q3,Wheat,5\n2024-Q4,Wheat,6\n2025-Q2,Wheat,8\n2025-Q3,Wheat,9\n',
			'quarter',
		);
		const result = chartFor(createEngine(crops, gazetteer).ask('wheat harvest', NOW), crops);
		const svg = await renderChartSvg(result.chart!);
		const line = /<g[^>]*class="mark-line[^"]*"[^>]*>\s*<path[^>]*\sd="([^"]+)"/.exec(svg)?.[1] ?? '';
		expect(line.match(/M/g)).toHaveLength(2);
	});

	it('GIVEN text from the data with markup in it THEN it is escaped, never read as SVG', async () => {
		const chart = { ...chartOf('compare tourists 2024 and 2025'), title: 'A <script>&"quoted"</script> title' };
		const svg = await renderChartSvg(chart);
		expect(svg).not.toContain('<script>');
		expect(svg).toContain('A &lt;script&gt;&amp;&quot;quoted&quot;&lt;/script&gt; title');
	});

	it('the fonts are files of the project (dejavu-fonts-ttf), not the system', () => {
		expect(FONT_FILES.every((f) => f.includes('node_modules/dejavu-fonts-ttf/ttf/'))).toBe(true);
	});
});
