import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { chartFor } from '../../src/present/chart.js';
import { ChartService, ChartsBusyError } from '../../src/service/chartService.js';
import { CHART_WORKER } from '../support/bot.js';
import { NOW, dataset, engine } from '../support/engine.js';

const chart = chartFor(engine.ask('russians to north korea by year', NOW), dataset).chart!;
const logger = createLogger('silent');

describe('the chart workers: a small pool, a bounded queue, a capped heap', () => {
	it('GIVEN more charts at once than the pool and its queue hold THEN the rest are refused as busy at once, and the others drawn', async () => {
		const charts = new ChartService({ workerUrl: CHART_WORKER, logger, workers: 2, maxQueued: 1 });
		try {
			const another = (n: number) => ({ ...chart, title: `${chart.title} (${n})` });
			const drawn = [charts.render(another(1)), charts.render(another(2)), charts.render(another(3))];
			expect(charts.load).toEqual({ drawing: 2, queued: 1, workers: 2 });
			await expect(charts.render(another(4))).rejects.toBeInstanceOf(ChartsBusyError);
			for (const png of await Promise.all(drawn)) expect(decode(png).width).toBe(1200);
			expect(charts.load).toEqual({ drawing: 0, queued: 0, workers: 2 });
		} finally {
			await charts.close();
		}
	});

	it('GIVEN the same chart asked again, while drawn or after THEN it is drawn once and the same PNG given', async () => {
		const charts = new ChartService({ workerUrl: CHART_WORKER, logger, workers: 2 });
		try {
			const [a, b] = [charts.render(chart), charts.render({ ...chart })];
			expect(charts.load).toEqual({ drawing: 1, queued: 0, workers: 1 });
			const [first, second] = await Promise.all([a, b]);
			expect(second).toBe(first);
			expect(await charts.render(chart)).toBe(first);
			expect(charts.reused).toBe(2);
			// A chart of other data is another chart.
			const other = await charts.render({ ...chart, alt: `${chart.alt} ` });
			expect(other).not.toBe(first);
		} finally {
			await charts.close();
		}
	});

	it("GIVEN a chart that outgrows its worker's heap THEN that chart fails, the worker is replaced, and the bot goes on", async () => {
		const starved = new ChartService({ workerUrl: CHART_WORKER, logger, workers: 1, memoryMb: 4 });
		try {
			await expect(starved.render(chart)).rejects.toThrow(/chart worker stopped|out of memory/i);
			expect(starved.load.workers).toBe(0);
		} finally {
			await starved.close();
		}
	});
});
