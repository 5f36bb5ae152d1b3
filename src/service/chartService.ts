import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import type { Chart } from '../present/chart.js';

/** Draws a chart as PNG bytes. The bot's charts come from a worker; tools may draw in-process. */
export interface ChartRenderer {
	render(chart: Chart): Promise<Uint8Array>;
}

/** The longest a chart may take before the reply goes without it (a chart takes ~100 ms). */
export const CHART_TIMEOUT_MS = 10_000;

interface Pending {
	resolve(png: Uint8Array): void;
	reject(error: Error): void;
	timer: NodeJS.Timeout;
}

/**
 * Charts drawn in a worker thread (dist/chart-worker.mjs), started on the first chart. A chart that
 * fails or takes too long rejects, and the caller sends its text answer; a worker that dies or
 * hangs is replaced on the next chart.
 */
export class ChartService implements ChartRenderer {
	private worker: Worker | null = null;
	private readonly pending = new Map<number, Pending>();
	private nextId = 1;

	constructor(private readonly options: { workerUrl: URL; logger: Logger; timeoutMs?: number }) {}

	render(chart: Chart): Promise<Uint8Array> {
		const worker = this.worker ?? this.start();
		const id = this.nextId++;
		return new Promise<Uint8Array>((resolve, reject) => {
			const timer = setTimeout(() => {
				this.pending.delete(id);
				reject(new Error(`the chart took longer than ${this.options.timeoutMs ?? CHART_TIMEOUT_MS} ms`));
				// A worker that does not answer in time may be stuck: the next chart gets a fresh one.
				this.stop(worker);
			}, this.options.timeoutMs ?? CHART_TIMEOUT_MS);
			timer.unref();
			this.pending.set(id, { resolve, reject, timer });
			worker.postMessage({ id, chart });
		});
	}

	async close(): Promise<void> {
		if (this.worker) await this.worker.terminate();
		this.worker = null;
	}

	private start(): Worker {
		const worker = new Worker(this.options.workerUrl);
		worker.unref();
		worker.on('message', (message: { id: number; ok: boolean; png?: Uint8Array; error?: string }) => {
			const pending = this.pending.get(message.id);
			if (!pending) return;
			this.pending.delete(message.id);
			clearTimeout(pending.timer);
			if (message.ok && message.png) pending.resolve(message.png);
			else pending.reject(new Error(message.error ?? 'the chart could not be drawn'));
		});
		const fail = (error: Error) => {
			if (this.worker === worker) this.worker = null;
			for (const [id, pending] of this.pending) {
				clearTimeout(pending.timer);
				pending.reject(error);
				this.pending.delete(id);
			}
		};
		worker.on('error', (error) => {
			this.options.logger.warn({ err: error }, 'chart worker failed');
			fail(error);
		});
		worker.on('exit', (code) => fail(new Error(`the chart worker exited (code ${code})`)));
		this.worker = worker;
		return worker;
	}

	private stop(worker: Worker): void {
		if (this.worker === worker) this.worker = null;
		void worker.terminate();
	}
}
