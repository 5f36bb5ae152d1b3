import { parentPort } from 'node:worker_threads';
import type { Chart } from '../present/chart.js';
import { renderChartPng } from './renderChart.js';

/**
 * The chart worker: draws charts off the bot's event loop (Vega and resvg take ~100 ms a chart).
 * Each message is one chart; the PNG goes back as a transferred buffer, or the error as text.
 */
parentPort?.on('message', async ({ id, chart }: { id: number; chart: Chart }) => {
	try {
		const { png } = await renderChartPng(chart);
		const copy = new Uint8Array(png); // its own buffer, so that transferring it moves nothing else
		parentPort?.postMessage({ id, ok: true, png: copy }, [copy.buffer]);
	} catch (error) {
		parentPort?.postMessage({ id, ok: false, error: (error as Error)?.stack ?? String(error) });
	}
});
