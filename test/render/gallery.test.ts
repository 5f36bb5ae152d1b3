import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/createEngine.js';
import { DRAW_SCALE, MIN_TEXT, renderChartSvg, textWidth, timeTicks } from '../../src/render/renderChart.js';
import { gazetteer } from '../support/engine.js';
import { chartOf, gallery, monthsWithGap } from '../support/gallery.js';
import { oneTableDataset } from '../support/tables.js';

// Awkward charts (test/support/gallery.ts), drawn as the bot draws them, and proved legible from the
// SVG with the font's own widths: no text under the minimum size, none off the canvas, no two texts
// on each other, every gap in a series broken, and the alt text within Discord's 1,024 characters.

const CANVAS = { width: 1200 / DRAW_SCALE, height: 675 / DRAW_SCALE };

interface Box {
	text: string;
	left: number;
	right: number;
	top: number;
	bottom: number;
	size: number;
}

/**
 * Every text of an SVG that is drawn (not transparent), placed on the canvas: the translations of
 * the groups and nested <svg> it is in, its anchor, and its width by the font. Rotated text (an
 * axis title along the side) is placed by its height instead.
 */
function textsOf(svg: string): Box[] {
	const boxes: Box[] = [];
	const stack: [number, number][] = [[0, 0]];
	const tag = /<(\/?)([a-zA-Z]+)([^>]*?)(\/?)>([^<]*)/g;
	for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
		const [, closing, name, attrs, selfClosing, content] = m as unknown as string[];
		const [ox, oy] = stack.at(-1)!;
		if (name === 'g' || name === 'svg') {
			if (closing) stack.pop();
			else {
				const t = /transform="translate\(([-\d.e]+),([-\d.e]+)\)"/.exec(attrs!);
				const x = Number(/\sx="([-\d.]+)"/.exec(attrs!)?.[1] ?? 0);
				const y = Number(/\sy="([-\d.]+)"/.exec(attrs!)?.[1] ?? 0);
				const [dx, dy] = t ? [Number(t[1]), Number(t[2])] : name === 'svg' ? [x, y] : [0, 0];
				if (!selfClosing) stack.push([ox + dx, oy + dy]);
			}
			continue;
		}
		if (name !== 'text' || closing || /opacity="0"/.test(attrs!)) continue;
		const text = (content ?? '')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&apos;/g, "'")
			.replace(/&quot;/g, '"')
			.replace(/&#39;/g, "'")
			.replace(/&amp;/g, '&')
			.trim();
		if (text === '') continue;
		const size = Number(/font-size="([\d.]+)/.exec(attrs!)?.[1]);
		const bold = /font-weight="bold"/.test(attrs!);
		const t = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(attrs!);
		const x = ox + Number(t?.[1] ?? /\sx="([-\d.]+)"/.exec(attrs!)?.[1] ?? 0);
		const y = oy + Number(t?.[2] ?? /\sy="([-\d.]+)"/.exec(attrs!)?.[1] ?? 0);
		const width = textWidth(text, size, bold);
		if (/rotate\(-90\)/.test(attrs!)) {
			boxes.push({ text, left: x - size, right: x, top: y - width / 2, bottom: y + width / 2, size });
			continue;
		}
		const anchor = /text-anchor="(start|middle|end)"/.exec(attrs!)?.[1] ?? 'start';
		const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
		boxes.push({ text, left, right: left + width, top: y - 0.8 * size, bottom: y + 0.25 * size, size });
	}
	return boxes;
}

const overlaps = (a: Box, b: Box) =>
	a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

describe('a gallery of awkward charts, legible at the size Discord shows them', () => {
	it.each(gallery)(
		'%s: no text under the minimum, off the canvas or on other text; alt text within 1,024',
		async (_, make) => {
			const chart = make();
			expect(chart.alt.length).toBeLessThanOrEqual(1024);
			const svg = await renderChartSvg(chart);
			const texts = textsOf(svg);
			expect(texts.length).toBeGreaterThan(3);
			// The data area keeps room whatever the notes, legend and source lines take: 40 % of the height.
			const view =
				/<g class="mark-group role-frame root"[^>]*><g[^>]*><path class="background"[^>]*d="M0,0h([\d.]+)v([\d.]+)/.exec(
					svg,
				);
			expect(Number(view?.[2])).toBeGreaterThanOrEqual(0.4 * CANVAS.height);
			// 15 units on the 800-wide canvas: 22.5 pixels of the 1200-pixel PNG.
			expect(texts.filter((t) => t.size < MIN_TEXT).map((t) => `${t.text} (${t.size})`)).toEqual([]);
			const off = texts.filter(
				(t) => t.left < 0 || t.right > CANVAS.width || t.top < 0 || t.bottom > CANVAS.height,
			);
			expect(off.map((t) => t.text)).toEqual([]);
			const collisions: string[] = [];
			texts.forEach((a, i) =>
				texts.slice(i + 1).forEach((b) => {
					if (overlaps(a, b)) collisions.push(`"${a.text}" × "${b.text}"`);
				}),
			);
			expect(collisions).toEqual([]);
		},
	);

	it('GIVEN 10-digit dollar values THEN axis and labels in words to three significant figures, with the sign, and the chart says so', async () => {
		const chart = gallery.find(([name]) => name === '10-digit values')![1]();
		// The measure named once, then the span.
		expect(chart.title).toBe('Gross domestic product, 2015–2020');
		expect(chart.notes).toContain(
			'Values from a million up are labelled to three significant figures; the reply gives them exactly.',
		);
		const texts = textsOf(await renderChartSvg(chart)).map((t) => t.text);
		expect(texts).toEqual(expect.arrayContaining(['$6.17 billion', '$1.23 billion', '$6 billion', '$0']));
		expect(texts.filter((t) => /\dG\b|e\+/.test(t))).toEqual([]);
		// The exact values stay in the words, with the unit's sign.
		expect(chart.alt).toContain('from $1,234,567,890 in 2015 to $6,172,839,495 in 2020');
	});

	it('GIVEN values below zero THEN the zero line is drawn, and minus signs are minus signs', async () => {
		const chart = gallery.find(([name]) => name === 'negative values')![1]();
		const svg = await renderChartSvg(chart);
		expect(svg).toMatch(/class="mark-rule/);
		expect(textsOf(svg).map((t) => t.text)).toEqual(expect.arrayContaining(['−40', '−12', '0']));
	});

	it('GIVEN series of years, five-yearly data, a long monthly series and a few months THEN ticks at round periods that fit', () => {
		expect(timeTicks({ grain: 'year', first: 1950, last: 2000, step: 5 }, 720).labels).toEqual([
			'1950',
			'1955',
			'1960',
			'1965',
			'1970',
			'1975',
			'1980',
			'1985',
			'1990',
			'1995',
			'2000',
		]);
		expect(timeTicks({ grain: 'year', first: 1901, last: 2023, step: 1 }, 720).labels[0]).toBe('1910');
		// 450 months: years, never "January 1970" piled on each other.
		const months = timeTicks({ grain: 'month', first: 1970 * 12, last: 1970 * 12 + 449, step: 1 }, 720);
		expect(months.labels).toEqual(['1970', '1975', '1980', '1985', '1990', '1995', '2000', '2005']);
		expect(months.labelExpr).toBe("'' + floor(datum.value / 12)");
		// Eight months: each labelled "Mar 2025".
		const few = timeTicks({ grain: 'month', first: 2025 * 12, last: 2025 * 12 + 7, step: 1 }, 720);
		expect(few.labels.slice(0, 3)).toEqual(['Jan 2025', 'Feb 2025', 'Mar 2025']);
		for (const { values, labels } of [months, few])
			expect(values.length * (Math.max(...labels.map((l) => textWidth(l, MIN_TEXT))) + 16)).toBeLessThanOrEqual(
				720,
			);
	});

	it('GIVEN a gap of five years in a monthly series THEN it takes the room of its months on the axis', async () => {
		const data = monthsWithGap();
		const chart = chartOf('value', data, createEngine(data, gazetteer));
		const svg = await renderChartSvg(chart);
		const x = (label: string) => textsOf(svg).find((t) => t.text === label)!.left;
		// 1980 → 1990 and 1990 → 2000 are as far apart, gap or no gap.
		expect(Math.abs(x('1990') - x('1980') - (x('2000') - x('1990')))).toBeLessThan(1);
	});

	it('GIVEN fourteen sources THEN seven in colours of their own, the rest grey and said so, the legend at the side', () => {
		const chart = gallery.find(([name]) => name === 'fourteen sources')![1]();
		type Line = {
			mark: { type: string };
			encoding: { color: { scale: { range: string[] }; legend: { values: string[]; orient: string } } };
		};
		const line = (chart.spec.layer as Line[]).find((l) => l.mark.type === 'line')!;
		const { range } = line.encoding.color.scale;
		expect(new Set(range.slice(0, 7)).size).toBe(7);
		expect(new Set(range.slice(7))).toEqual(new Set(['#b0b0b0']));
		expect(line.encoding.color.legend).toMatchObject({ orient: 'right' });
		expect(line.encoding.color.legend.values).toHaveLength(7);
		expect(chart.notes).toContain('7 more sources in grey (each cited in the reply).');
		expect(chart.footer[0]).toMatch(/; and 11 more, each cited in the reply$/);
	});

	it('GIVEN a rate in per cent, and a gap THEN the alt text gives each value with its %, and names the gap', () => {
		const rates = oneTableDataset({
			id: 'rate',
			title: 'Unemployment',
			metric: { id: 'v', label: 'unemployment rate', unit: '%', aliases: [] },
			period: 'year',
			valueColumn: 'v',
			csv: 'year,v\n2000,9.7\n2001,9.1\n2003,8.4\n2004,8.8\n',
		});
		const chart = chartOf('unemployment rate', rates, createEngine(rates, gazetteer));
		expect(chart.alt).toContain('from 9.7% in 2000 to 8.8% in 2004, highest 9.7% in 2000');
		expect(chart.alt).toMatch(/No figure for 2002\.$/);
	});

	it('GIVEN data every five years THEN a regular series of its own step: no gaps between, a missing step a gap', () => {
		const every5 = (years: number[]) => {
			const data = oneTableDataset({
				id: 'census',
				title: 'Census',
				metric: { id: 'v', label: 'value', unit: 'tonnes', aliases: [] },
				period: 'year',
				valueColumn: 'v',
				csv: `year,v\n${years.map((y) => `${y},${y - 1900}`).join('\n')}\n`,
			});
			return chartOf('value', data, createEngine(data, gazetteer));
		};
		const regular = every5([1950, 1955, 1960, 1965, 1970]);
		expect(regular.notes.join(' ')).not.toContain('No figure');
		expect((regular.spec.data as { values: { value: number | null }[] }).values).toHaveLength(5);
		expect(every5([1950, 1955, 1965, 1970]).notes.join(' ')).toContain('No figure for 1960: left as a gap');
	});

	it('GIVEN a gap in a series longer than a chart has slots for THEN the line still breaks there, and the gap is named', async () => {
		const data = monthsWithGap();
		const chart = chartOf('value', data, createEngine(data, gazetteer));
		expect(chart.notes.join(' ')).toContain('No figure for January 1990 to December 1994 (60 months)');
		const svg = await renderChartSvg(chart);
		const line = /<g[^>]*class="mark-line[^"]*"[^>]*>\s*<path[^>]*\sd="([^"]+)"/.exec(svg)?.[1] ?? '';
		expect(line.match(/M/g)).toHaveLength(2);
	});
});
