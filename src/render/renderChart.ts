import { createRequire } from 'node:module';
import type * as ResvgJs from '@resvg/resvg-js';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { CHART_HEIGHT, CHART_WIDTH, type Chart } from '../present/chart.js';
import { CONTROL_CHARS } from '../present/controls.js';
import { fontCoverage } from './fontCoverage.js';

/**
 * Draws a chart: Vega-Lite → Vega → SVG (no browser, no canvas), framed with its title, notes and
 * source line on a light card, then SVG → PNG with resvg. The fonts ship with the project
 * (dejavu-fonts-ttf) and are the only ones resvg sees, so a chart renders the same on a bare server.
 */
const require = createRequire(import.meta.url);

/**
 * Vega, Vega-Lite and resvg are loaded on the first chart, not with the module: a command that
 * draws no chart (most `ask` runs) does not pay for them.
 */
type Libraries = [typeof Vega, typeof VegaLite, typeof ResvgJs];
let libraries: Promise<Libraries> | null = null;
const load = () => (libraries ??= Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]));
type Compile = (typeof VegaLite)['compile'];
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
	require.resolve(`dejavu-fonts-ttf/ttf/${file}`),
);
const FONT = 'DejaVu Sans';

/** What the chart's font can draw (the bold face covers the same characters). */
let drawable: ((codePoint: number) => boolean) | null = null;

/** Said under a chart whose text had characters the font cannot draw (emoji, Chinese, Japanese …). */
export const UNDRAWN_NOTE =
	'Characters the chart font cannot draw (such as emoji or CJK) are left out here; the text reply has them.';

/**
 * The chart with every string made safe to draw: bidirectional controls removed (a right-to-left
 * override would show "2025" as "5202"), and characters the font lacks left out rather than drawn
 * as empty boxes, with a note saying so. Labels are compared within the spec (a filter on a series
 * name), so every string is treated alike.
 */
export function drawableChart(chart: Chart): Chart {
	drawable ??= fontCoverage(FONT_FILES[0]!);
	let undrawn = false;
	const clean = (text: string) => {
		let out = '';
		for (const char of text.replace(CONTROL_CHARS, (c) => (c === '\n' || c === '\t' ? ' ' : ''))) {
			const code = char.codePointAt(0)!;
			if (code <= 0x20 || drawable!(code)) out += char;
			else if (!/\p{M}|\u200d|\ufe0f/u.test(char)) undrawn = true;
		}
		return out;
	};
	const deep = (value: unknown): unknown =>
		typeof value === 'string'
			? clean(value)
			: Array.isArray(value)
				? value.map(deep)
				: value !== null && typeof value === 'object'
					? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v)]))
					: value;
	const cleaned = deep(chart) as Chart;
	return undrawn ? { ...cleaned, notes: [...cleaned.notes, UNDRAWN_NOTE] } : cleaned;
}

const MARGIN = 40;
const TITLE_SIZE = 28;
const NOTE_SIZE = 17;
const FOOT_SIZE = 15;
const LINE = 1.35;
/** Characters per title or note line before it wraps, at those sizes across 1,120 pixels. */
const TITLE_CHARS = 70;
const NOTE_CHARS = 118;
const FOOT_CHARS = 135;

const escapeXml = (text: string) =>
	text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

/** Words wrapped into lines of at most `width` characters (a word longer than that stands alone). */
function wrap(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line !== '' && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line === '' ? word : `${line} ${word}`;
	}
	if (line !== '') lines.push(line);
	return lines;
}

/** The whole chart as SVG text, 1200×675: what the PNG shows, and what tests read. */
export async function renderChartSvg(given: Chart): Promise<string> {
	const chart = drawableChart(given);
	const titleLines = wrap(chart.title, TITLE_CHARS).slice(0, 2);
	const noteLines = chart.notes.flatMap((n) => wrap(n, NOTE_CHARS)).slice(0, 4);
	const footLines = chart.footer.flatMap((f) => wrap(f, FOOT_CHARS)).slice(0, 4);
	let y = MARGIN;
	const text: string[] = [];
	for (const line of titleLines) {
		y += TITLE_SIZE * LINE;
		text.push(
			`<text x="${MARGIN}" y="${y - 8}" font-family="${FONT}" font-size="${TITLE_SIZE}" font-weight="bold" fill="#1a1a1a">${escapeXml(line)}</text>`,
		);
	}
	for (const line of noteLines) {
		y += NOTE_SIZE * LINE;
		text.push(
			`<text x="${MARGIN}" y="${y - 4}" font-family="${FONT}" font-size="${NOTE_SIZE}" fill="#444444">${escapeXml(line)}</text>`,
		);
	}
	const plotTop = y + 16;
	let foot = CHART_HEIGHT - MARGIN / 2 - (footLines.length - 1) * FOOT_SIZE * LINE;
	const footer = footLines.map((line) => {
		const out = `<text x="${MARGIN}" y="${foot}" font-family="${FONT}" font-size="${FOOT_SIZE}" fill="#555555">${escapeXml(line)}</text>`;
		foot += FOOT_SIZE * LINE;
		return out;
	});
	const plotBottom = CHART_HEIGHT - MARGIN / 2 - footLines.length * FOOT_SIZE * LINE - 12;
	const width = CHART_WIDTH - 2 * MARGIN;
	const height = Math.max(160, Math.floor(plotBottom - plotTop));
	const plot = await plotSvg(chart, width, height);
	// The plot keeps its own coordinates inside a nested <svg> placed below the title.
	const nested = plot.replace(/^<svg\b[^>]*>/, (open) => {
		const viewBox = /viewBox="([^"]+)"/.exec(open)?.[1] ?? `0 0 ${width} ${height}`;
		return `<svg x="${MARGIN}" y="${plotTop}" width="${width}" height="${height}" viewBox="${viewBox}" preserveAspectRatio="xMinYMin meet">`;
	});
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">`,
		`<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
		`<rect x="0.5" y="0.5" width="${CHART_WIDTH - 1}" height="${CHART_HEIGHT - 1}" fill="none" stroke="#d0d0d0"/>`,
		...text,
		nested,
		...footer,
		'</svg>',
	].join('\n');
}

async function plotSvg(chart: Chart, width: number, height: number): Promise<string> {
	const spec = {
		...chart.spec,
		width,
		height,
		autosize: { type: 'fit', contains: 'padding' },
		background: null,
		config: {
			font: FONT,
			axis: {
				labelFontSize: 15,
				titleFontSize: 16,
				titleFontWeight: 'normal',
				labelColor: '#333333',
				titleColor: '#333333',
				gridColor: '#e6e6e6',
			},
			legend: {
				labelFontSize: 15,
				titleFontSize: 15,
				titleFontWeight: 'normal',
				symbolSize: 160,
				labelLimit: 900,
			},
			view: { stroke: null },
		},
	};
	const [vega, { compile }] = await load();
	// Vega-Lite's types describe every spec it accepts; ours is built as plain data and checked by tests.
	// Vega-Lite's warnings are about the spec, which tests check; they are not for a server's log.
	const quiet = { level: () => quiet, error: () => quiet, warn: () => quiet, info: () => quiet, debug: () => quiet };
	const { spec: vegaSpec } = compile(spec as unknown as Parameters<Compile>[0], {
		logger: quiet as unknown as NonNullable<Parameters<Compile>[1]>['logger'],
	});
	const view = new vega.View(vega.parse(vegaSpec), { renderer: 'none', logLevel: vega.Error });
	try {
		return await view.toSVG();
	} finally {
		view.finalize();
	}
}

/** The chart as a PNG of 1200×675 pixels, drawn with the project's fonts only. */
export async function renderChartPng(chart: Chart): Promise<{ png: Uint8Array; svg: string }> {
	const svg = await renderChartSvg(chart);
	const { Resvg } = (await load())[2];
	const png = new Resvg(svg, {
		fitTo: { mode: 'original' },
		font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT, sansSerifFamily: FONT },
		background: '#ffffff',
	})
		.render()
		.asPng();
	return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), svg };
}
