// What users and the process go through while the data worker does something heavy (a reload, a
// live table's refresh): measured the same way for each.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { DataService } from '../src/service/dataService.js';

/** The value at a percentile of sorted times (NaN for none). */
export const percentile = (sorted: readonly number[], p: number) =>
	sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export interface Meanwhile {
	/** How long each interaction waited, sorted. */
	waits: number[];
	/** The longest the bot's own event loop was held (ms). */
	lagMaxMs: number;
	/** The process's memory (the bot and its data workers) before, and at most while measured. */
	steadyRss: number;
	peakRss: number;
}

/**
 * Runs `work` while users type and ask against `data` (two keystrokes of autocomplete for each
 * question, 5 ms apart, from `typed`), measuring their waits, the bot's event loop and memory.
 */
export async function whileUsersAsk<T>(
	data: DataService,
	typed: readonly string[],
	now: number,
	work: () => Promise<T>,
): Promise<{ result: T; meanwhile: Meanwhile }> {
	const lag = monitorEventLoopDelay({ resolution: 1 });
	const waits: number[] = [];
	let working = true;
	const users = (async () => {
		for (let i = 0; working; i++) {
			const begin = performance.now();
			if (i % 3 === 2) await data.request('ask', { question: typed[i % typed.length]!, now });
			else await data.request('suggest', { text: typed[i % typed.length]!, figuresOnly: false });
			waits.push(performance.now() - begin);
			await new Promise((r) => setTimeout(r, 5));
		}
	})();
	const steadyRss = process.memoryUsage().rss;
	let peakRss = steadyRss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
	lag.enable();
	let result: T;
	try {
		result = await work();
	} finally {
		clearInterval(sampler);
		working = false;
		await users;
		lag.disable();
	}
	waits.sort((a, b) => a - b);
	return { result, meanwhile: { waits, lagMaxMs: lag.max / 1e6, steadyRss, peakRss } };
}
