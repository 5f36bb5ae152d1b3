import { createRequire } from 'node:module';
import type * as ResvgJs from '@resvg/resvg-js';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { CHART_HEIGHT, CHART_WIDTH, type Chart, type EndLabel, SHORT_MONTHS, TIME_LABELS } from '../present/chart.js';
import { CONTROL_CHARS } from '../present/controls.js';
import { fontCoverage } from './fontCoverage.js';
import { type FontMetrics, fontMetrics } from './fontMetrics.js';

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

/**
 * Discord shows a chart about 400 pixels wide. The chart is laid out on a canvas of 800×450 and
 * drawn at 1.5×, 1200×675 pixels: no text is under 15 units, 22.5 pixels of the PNG, a third of
 * that as shown.
 */
export const DRAW_SCALE = 1.5;
const WIDTH = CHART_WIDTH / DRAW_SCALE;
const HEIGHT = CHART_HEIGHT / DRAW_SCALE;
export const MIN_TEXT = 15;
const MARGIN = 24;
const TITLE_SIZE = 20;
const NOTE_SIZE = MIN_TEXT;
const FOOT_SIZE = MIN_TEXT;
const LINE = 1.3;
/** The plot keeps at least half the canvas, whatever the notes and the source lines need. */
const MIN_PLOT = HEIGHT / 2;

let metrics: { regular: FontMetrics; bold: FontMetrics } | null = null;
/** The fonts' own widths: what the PNG will draw. */
export function textWidth(text: string, size: number, bold = false): number {
	metrics ??= { regular: fontMetrics(FONT_FILES[0]!), bold: fontMetrics(FONT_FILES[1]!) };
	return (bold ? metrics.bold : metrics.regular).width(text, size);
}

const escapeXml = (text: string) =>
	text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

/**
 * Words wrapped into lines no wider than `width` as the font draws them; a word wider than a line
 * is cut, with an ellipsis.
 */
function wrap(text: string, size: number, width: number, bold = false): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const joined = line === '' ? word : `${line} ${word}`;
		if (line !== '' && textWidth(joined, size, bold) > width) {
			lines.push(line);
			line = word;
		} else line = joined;
	}
	if (line !== '') lines.push(line);
	return lines.map((l) => (textWidth(l, size, bold) > width ? ellipsis(l, size, width, bold) : l));
}

/** A line cut to fit, ending in "…". */
function ellipsis(line: string, size: number, width: number, bold = false): string {
	let cut = line;
	while (cut.length > 1 && textWidth(`${cut}…`, size, bold) > width) cut = cut.slice(0, -1);
	return `${cut.trimEnd()}…`;
}

/** Lines, at most `max`: the last of them ends in "…" when there was more. */
function atMost(lines: readonly string[], max: number, size: number, width: number, bold = false): string[] {
	if (lines.length <= max) return [...lines];
	const kept = lines.slice(0, max);
	if (max > 0) kept[max - 1] = ellipsis(`${kept[max - 1]} ${lines[max]}`, size, width, bold);
	return kept;
}

/** A line of the chart's frame, placed: what a test checks for size, overlap and the canvas's edges. */
export interface FrameText {
	text: string;
	x: number;
	/** The baseline. */
	y: number;
	size: number;
	bold: boolean;
}

/**
 * The title (at most two lines), the notes (as many lines as leave the plot half the canvas) and
 * the source lines (at most three), placed on the 800×450 canvas; and the plot's box between them.
 * Notes that do not fit are left out of the image (the reply's Chart field says every note).
 */
export function frameOf(chart: Chart): { texts: FrameText[]; plot: { top: number; height: number } } {
	const width = WIDTH - 2 * MARGIN;
	const title = atMost(wrap(chart.title, TITLE_SIZE, width, true), 2, TITLE_SIZE, width, true);
	// The source lines in full where they fit in three lines (who, when, the licence): a later line
	// (the table files) is left out before the first is cut.
	const foot: string[] = [];
	for (const [i, line] of chart.footer.entries()) {
		const lines = wrap(line, FOOT_SIZE, width);
		if (i > 0 && foot.length + lines.length > 3) break;
		foot.push(...atMost(lines, 3 - foot.length, FOOT_SIZE, width));
	}
	const titleBottom = MARGIN + title.length * TITLE_SIZE * LINE;
	const footTop = HEIGHT - MARGIN / 2 - foot.length * FOOT_SIZE * LINE;
	const room = Math.max(0, Math.floor((footTop - 8 - MIN_PLOT - titleBottom - 8) / (NOTE_SIZE * LINE)));
	const notes: string[] = [];
	for (const note of chart.notes) {
		const lines = wrap(note, NOTE_SIZE, width);
		if (notes.length + lines.length > room) break;
		notes.push(...lines);
	}
	const texts: FrameText[] = [];
	let y = MARGIN;
	for (const line of title) {
		y += TITLE_SIZE * LINE;
		texts.push({ text: line, x: MARGIN, y: y - 6, size: TITLE_SIZE, bold: true });
	}
	for (const line of notes) {
		y += NOTE_SIZE * LINE;
		texts.push({ text: line, x: MARGIN, y: y - 4, size: NOTE_SIZE, bold: false });
	}
	foot.forEach((line, i) =>
		texts.push({
			text: line,
			x: MARGIN,
			y: footTop + (i + 1) * FOOT_SIZE * LINE - 4,
			size: FOOT_SIZE,
			bold: false,
		}),
	);
	const top = y + 8;
	return { texts, plot: { top, height: Math.floor(footTop - 8 - top) } };
}

/** The whole chart as SVG text on its 800×450 canvas (drawn at 1.5×): what the PNG shows, and what tests read. */
export async function renderChartSvg(given: Chart): Promise<string> {
	const chart = drawableChart(given);
	const { texts, plot } = frameOf(chart);
	const fill = (t: FrameText) =>
		t.bold ? '#1a1a1a' : t.size === FOOT_SIZE && t.y > plot.top ? '#555555' : '#444444';
	const text = texts.map(
		(t) =>
			`<text x="${t.x}" y="${t.y.toFixed(1)}" font-family="${FONT}" font-size="${t.size}"${t.bold ? ' font-weight="bold"' : ''} fill="${fill(t)}">${escapeXml(t.text)}</text>`,
	);
	const width = WIDTH - 2 * MARGIN;
	const drawn = await plotSvg(chart, width, plot.height);
	// The plot keeps its own coordinates inside a nested <svg> placed below the title.
	const nested = drawn.replace(/^<svg\b[^>]*>/, (open) => {
		const viewBox = /viewBox="([^"]+)"/.exec(open)?.[1] ?? `0 0 ${width} ${plot.height}`;
		return `<svg x="${MARGIN}" y="${plot.top.toFixed(1)}" width="${width}" height="${plot.height}" viewBox="${viewBox}" preserveAspectRatio="xMinYMin meet">`;
	});
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
		`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
		`<rect x="0.5" y="0.5" width="${WIDTH - 1}" height="${HEIGHT - 1}" fill="none" stroke="#d0d0d0"/>`,
		...text,
		nested,
		'</svg>',
	].join('\n');
}

/** Tick steps, in periods of the grain, from the finest: round periods (every 5 years, every quarter …). */
const STEPS: Readonly<Record<'year' | 'quarter' | 'month', readonly number[]>> = {
	year: [1, 2, 5, 10, 20, 25, 50, 100, 200, 500],
	quarter: [1, 2, 4, 8, 20, 40, 80, 200],
	month: [1, 2, 3, 6, 12, 24, 60, 120, 240, 600],
};
/** Periods a year holds, by grain. */
const PER_YEAR = { year: 1, quarter: 4, month: 12 } as const;

/**
 * A series' time axis: ticks at round periods (2000, 2005 …; "Jan 2009", "Apr 2009" …; a long
 * monthly series by its years), as many as the labels' own widths let fit, never piled into one
 * strip; a step of the data's own (every 5 years) is never split.
 */
export function timeTicks(
	time: NonNullable<Chart['time']>,
	width: number,
): { values: number[]; labelExpr: string; labels: string[] } {
	const { grain, first, last } = time;
	const perYear = PER_YEAR[grain];
	const label = (o: number, byYear: boolean) =>
		byYear || grain === 'year'
			? String(Math.floor(o / perYear))
			: grain === 'quarter'
				? `Q${(o % 4) + 1} ${Math.floor(o / 4)}`
				: `${SHORT_MONTHS[o % 12]} ${Math.floor(o / 12)}`;
	const steps = STEPS[grain].filter((s) => s % time.step === 0 || s >= time.step * 2);
	for (const step of steps) {
		const byYear = step >= perYear;
		const values: number[] = [];
		for (let o = Math.ceil(first / step) * step; o <= last; o += step) values.push(o);
		if (values.length < 2 && step !== steps.at(-1)) continue;
		const labels = values.map((o) => label(o, byYear));
		const widest = Math.max(0, ...labels.map((l) => textWidth(l, MIN_TEXT)));
		if (values.length * (widest + 16) <= width)
			return {
				values,
				labels,
				labelExpr: byYear && grain !== 'year' ? `'' + floor(datum.value / ${perYear})` : TIME_LABELS[grain],
			};
	}
	return { values: [first, last], labels: [label(first, false), label(last, false)], labelExpr: TIME_LABELS[grain] };
}

/**
 * End labels moved apart where they would crowd: each placed at its line's end, then pushed down
 * below the one above it (17 units a line and a small gap), and the column kept inside the plot;
 * `at` is the value the moved label's middle is drawn at. The value scale is Vega's own, as the
 * plot will have it (zero included, nice bounds).
 */
function withEndLabels(spec: Record<string, unknown>, height: number, vega: typeof Vega): Record<string, unknown> {
	type Layer = { data?: { values?: EndLabel[] } };
	const layers = (spec.layer ?? []) as Layer[];
	const at = layers.findIndex((l) => l.data?.values?.[0]?.lines !== undefined);
	if (at < 0) return spec;
	const rows = ((spec.data as { values?: { value: number | null }[] } | undefined)?.values ?? []).flatMap((r) =>
		r.value === null ? [] : [r.value],
	);
	const labels = layers[at]!.data!.values!;
	const values = [...rows, ...labels.map((l) => l.value), 0];
	const scale = vega
		.scale('linear')()
		.domain([Math.min(...values), Math.max(...values)])
		.nice()
		.range([height, 0]);
	const placed = [...labels]
		.map((l) => ({ label: l, half: (l.lines.length * 17) / 2, y: scale(l.value) as number }))
		.sort((a, b) => a.y - b.y);
	for (let i = 1; i < placed.length; i++) {
		const above = placed[i - 1]!;
		placed[i]!.y = Math.max(placed[i]!.y, above.y + above.half + placed[i]!.half + 4);
	}
	const last = placed.at(-1);
	const overflow = last ? last.y + last.half - height : 0;
	if (overflow > 0) for (const p of placed) p.y -= overflow;
	const moved = placed.map((p) => ({ ...p.label, at: scale.invert(p.y) as number }));
	return { ...spec, layer: layers.map((l, i) => (i === at ? { ...l, data: { values: moved } } : l)) };
}

/** The spec with its time axis' ticks chosen for the plot's width. */
function withTimeAxis(chart: Chart, width: number): Record<string, unknown> {
	if (!chart.time) return chart.spec;
	const { values, labelExpr } = timeTicks(chart.time, width);
	type Layer = { encoding?: { x?: { field?: string; axis?: object } } };
	return {
		...chart.spec,
		layer: ((chart.spec.layer ?? []) as Layer[]).map((l) =>
			l.encoding?.x?.field === 'order'
				? {
						...l,
						encoding: {
							...l.encoding,
							x: { ...l.encoding.x, axis: { ...l.encoding.x.axis, values, labelExpr } },
						},
					}
				: l,
		),
	};
}

async function plotSvg(chart: Chart, width: number, height: number): Promise<string> {
	const spec = {
		...withTimeAxis(chart, width),
		width,
		height,
		autosize: { type: 'fit', contains: 'padding' },
		background: null,
		config: {
			font: FONT,
			axis: {
				labelFontSize: MIN_TEXT,
				titleFontSize: MIN_TEXT,
				// Labels that would overlap are left out (every other one, as often as needed), and the
				// first and last kept inside the plot.
				labelOverlap: true,
				labelFlush: true,
				titleFontWeight: 'normal',
				labelColor: '#333333',
				titleColor: '#333333',
				gridColor: '#e6e6e6',
			},
			legend: {
				labelFontSize: MIN_TEXT,
				titleFontSize: MIN_TEXT,
				titleFontWeight: 'normal',
				symbolSize: 120,
				labelLimit: 700,
			},
			view: { stroke: null },
			// Axis titles (a measure's long name and its unit) cut to the plot's sides.
			axisY: { titleLimit: height },
			axisX: { titleLimit: width },
		},
	};
	const [vega, { compile }] = await load();
	const placed = withEndLabels(spec, height, vega);
	// Vega-Lite's types describe every spec it accepts; ours is built as plain data and checked by tests.
	// Vega-Lite's warnings are about the spec, which tests check; they are not for a server's log.
	const quiet = { level: () => quiet, error: () => quiet, warn: () => quiet, info: () => quiet, debug: () => quiet };
	const { spec: vegaSpec } = compile(placed as unknown as Parameters<Compile>[0], {
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
		fitTo: { mode: 'zoom', value: DRAW_SCALE },
		font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT, sansSerifFamily: FONT },
		background: '#ffffff',
	})
		.render()
		.asPng();
	return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), svg };
}
