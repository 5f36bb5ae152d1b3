import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import type { Chart } from '../present/chart.js';

/** Draws a chart as PNG bytes. The bot's charts come from a worker; tools may draw in-process. */
export interface ChartRenderer {
	render(chart: Chart): Promise<Uint8Array>;
}

/**
 * The longest a chart may take, waiting included, before the reply goes on without it (drawing
 * takes ~100 ms): every chart drawn arrives within 5 s of its answer, or not at all.
 */
export const CHART_TIMEOUT_MS = 5_000;

/** Charts kept once drawn, for the same chart asked again (same answer, same data): most recent first. */
const CACHED_CHARTS = 64;

/** Every worker is drawing and the queue is full: the reply goes without its chart at once. */
export class ChartsBusyError extends Error {
	override name = 'ChartsBusyError';
	constructor() {
		super('charts are busy just now');
	}
}

export interface ChartServiceOptions {
	workerUrl: URL;
	logger: Logger;
	timeoutMs?: number;
	/** Workers drawing at once: default one fewer than the machine's cores, from 1 to 4. */
	workers?: number;
	/**
	 * Charts waiting for a worker before more are refused as busy: default 24 a worker, about 3 s of
	 * drawing at ~120 ms a chart, inside the 5 s a chart may take.
	 */
	maxQueued?: number;
	/** Each worker's JavaScript heap, in MB: a chart past it stops its worker, not the bot. Default 256. */
	memoryMb?: number;
}

interface Job {
	id: number;
	chart: Chart;
	resolve(png: Uint8Array): void;
	reject(error: Error): void;
	timer: NodeJS.Timeout;
	/** The worker drawing it, once one is. */
	slot: Slot | null;
}

interface Slot {
	worker: Worker;
	job: Job | null;
}

/**
 * Charts drawn by a small pool of worker threads (dist/chart-worker.mjs), started as charts come. A
 * chart waits in a bounded queue for a free worker; past the queue's size it is refused at once as
 * busy, so a burst of /chart costs the replies their charts, never their answers or the bot's
 * memory. A chart that fails or takes too long rejects, and the caller sends its text answer; a
 * worker that dies, hangs or outgrows its heap is replaced. A chart asked again (the same answer
 * over the same data) is drawn once: the PNG is kept for the most recent charts.
 */
export class ChartService implements ChartRenderer {
	private readonly slots: Slot[] = [];
	private readonly queue: Job[] = [];
	private nextId = 1;
	private closed = false;
	readonly size: number;
	private readonly maxQueued: number;

	constructor(private readonly options: ChartServiceOptions) {
		this.size = options.workers ?? Math.min(4, Math.max(1, availableParallelism() - 1));
		this.maxQueued = options.maxQueued ?? this.size * 24;
	}

	/** Workers drawing, charts waiting: for tests and metrics. */
	get load(): { drawing: number; queued: number; workers: number } {
		return {
			drawing: this.slots.filter((s) => s.job).length,
			queued: this.queue.length,
			workers: this.slots.length,
		};
	}

	/** PNGs of charts drawn, by the chart's JSON (its data and words): drawn once, however often asked. */
	private readonly drawn = new Map<string, Uint8Array>();
	/** Charts being drawn, by the same key: a second ask waits for the first drawing. */
	private readonly pending = new Map<string, Promise<Uint8Array>>();

	/** Charts answered from those already drawn: for tests and metrics. */
	reused = 0;

	render(chart: Chart): Promise<Uint8Array> {
		if (this.closed) return Promise.reject(new Error('the chart service is closed'));
		const key = createHash('sha256').update(JSON.stringify(chart)).digest('base64');
		const done = this.drawn.get(key);
		if (done) {
			// Most recently used last: the first key is the one to drop.
			this.drawn.delete(key);
			this.drawn.set(key, done);
			this.reused++;
			return Promise.resolve(done);
		}
		const waiting = this.pending.get(key);
		if (waiting) {
			this.reused++;
			return waiting;
		}
		const drawing = this.draw(chart).then((png) => {
			this.drawn.set(key, png);
			if (this.drawn.size > CACHED_CHARTS) this.drawn.delete(this.drawn.keys().next().value!);
			return png;
		});
		this.pending.set(key, drawing);
		const forget = () => this.pending.delete(key);
		drawing.then(forget, forget);
		return drawing;
	}

	private draw(chart: Chart): Promise<Uint8Array> {
		const idle = this.slots.some((s) => !s.job) || this.slots.length < this.size;
		if (!idle && this.queue.length >= this.maxQueued) return Promise.reject(new ChartsBusyError());
		return new Promise<Uint8Array>((resolve, reject) => {
			const timeoutMs = this.options.timeoutMs ?? CHART_TIMEOUT_MS;
			const job: Job = {
				id: this.nextId++,
				chart,
				resolve,
				reject,
				slot: null,
				timer: setTimeout(() => {
					reject(new Error(`the chart took longer than ${timeoutMs} ms`));
					const queued = this.queue.indexOf(job);
					if (queued >= 0) this.queue.splice(queued, 1);
					// A worker that does not answer in time may be stuck: it is replaced.
					else if (job.slot) this.replace(job.slot);
				}, timeoutMs),
			};
			job.timer.unref();
			this.queue.push(job);
			this.pump();
		});
	}

	async close(): Promise<void> {
		this.closed = true;
		for (const job of this.queue.splice(0)) {
			clearTimeout(job.timer);
			job.reject(new Error('the chart service is closed'));
		}
		await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
	}

	/** Gives waiting charts to idle workers, starting workers up to the pool's size. */
	private pump(): void {
		while (this.queue.length > 0) {
			const slot = this.slots.find((s) => !s.job) ?? (this.slots.length < this.size ? this.start() : null);
			if (!slot) return;
			const job = this.queue.shift()!;
			slot.job = job;
			job.slot = slot;
			slot.worker.postMessage({ id: job.id, chart: job.chart });
		}
	}

	private start(): Slot {
		const memoryMb = this.options.memoryMb ?? 256;
		const worker = new Worker(this.options.workerUrl, {
			resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, memoryMb / 4) },
		});
		worker.unref();
		const slot: Slot = { worker, job: null };
		worker.on('message', (message: { id: number; ok: boolean; png?: Uint8Array; error?: string }) => {
			const job = slot.job;
			if (!job || job.id !== message.id) return;
			slot.job = null;
			clearTimeout(job.timer);
			if (message.ok && message.png) job.resolve(message.png);
			else job.reject(new Error(message.error ?? 'the chart could not be drawn'));
			this.pump();
		});
		worker.on('error', (error) => this.options.logger.warn({ err: error }, 'chart worker failed'));
		worker.on('exit', (code) => {
			const at = this.slots.indexOf(slot);
			if (at >= 0) this.slots.splice(at, 1);
			if (slot.job) {
				clearTimeout(slot.job.timer);
				slot.job.reject(new Error(`the chart worker stopped (exit ${code}; out of memory?)`));
				slot.job = null;
			}
			if (!this.closed) this.pump();
		});
		this.slots.push(slot);
		return slot;
	}

	/** Stops a worker (its job has already been answered) and lets the queue go on without it. */
	private replace(slot: Slot): void {
		slot.job = null;
		const at = this.slots.indexOf(slot);
		if (at >= 0) this.slots.splice(at, 1);
		void slot.worker.terminate();
		this.pump();
	}
}
