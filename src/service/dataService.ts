import { type FSWatcher, watch } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.js';
import { DataUnavailableError } from './errors.js';
import type { ArgsOf, LibraryStats, OperationName, ResultOf } from './operations.js';
import type { FromWorker, ToWorker, WorkerOptions } from './protocol.js';

export type ReloadOutcome = ({ ok: true } & LibraryStats) | { ok: false; error: string };

export interface DataServiceOptions {
	/** A library folder or one dataset folder (FACTDESK_DATA). */
	dir: string;
	/** The data worker's script: dist/data-worker.mjs next to the bundle that starts the service. */
	workerUrl: URL;
	logger: Logger;
	maxFigures?: number;
	/** How long an operation may take before the user is told to try again (autocomplete: 2.5 s). */
	timeoutMs?: number;
}

/** The first load failed: the message says why (file:line errors for invalid data). */
export class DataLoadError extends Error {
	override name = 'DataLoadError';
	constructor(
		message: string,
		/** The data was read and found invalid (rather than unreadable, or the worker failing). */
		readonly invalid: boolean,
	) {
		super(message);
	}
}

interface Pending {
	resolve(value: unknown): void;
	reject(error: Error): void;
	timer: NodeJS.Timeout;
}

/** One worker holding one load of the library. */
class DataWorker {
	readonly pending = new Map<number, Pending>();
	stats: LibraryStats | null = null;
	exited = false;
	/** Called when the worker stops by itself (a crash, an out-of-memory kill). */
	onExit: (reason: string) => void = () => undefined;

	constructor(readonly worker: Worker) {}

	/** Rejects everything still waiting: this worker will not answer. */
	fail(reason: string): void {
		for (const [, p] of this.pending) {
			clearTimeout(p.timer);
			p.reject(new DataUnavailableError(reason));
		}
		this.pending.clear();
	}
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Discord drops an autocomplete answer after 3 s; past this it is better to answer nothing. */
export const AUTOCOMPLETE_TIMEOUT_MS = 2_500;
const RESTART_BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * The library the bot serves, held in a worker thread so that loading 100,000 figures, building their
 * indexes, and answering never block the bot's event loop (its gateway heartbeat and every other
 * interaction). A reload starts a new worker and swaps to it in one assignment once it has loaded
 * everything; invalid data is refused with its file:line errors and the old worker keeps serving.
 * A worker that dies is replaced from disk, with back-off.
 */
export class DataService {
	private current: DataWorker | null = null;
	private nextId = 1;
	private reloading: Promise<ReloadOutcome> | null = null;
	private reloadAgain = false;
	private watcher: FSWatcher | null = null;
	private closed = false;
	private restarts = 0;
	/** The last reload's outcome and time (ms), for /metrics; null until the first reload. */
	lastReload: { ok: boolean; at: number } | null = null;

	private constructor(private readonly options: DataServiceOptions) {}

	/** Loads the library; rejects with a DataLoadError (one clear message) when it cannot be served. */
	static async start(options: DataServiceOptions): Promise<DataService> {
		// V8's garbage-collector helper threads are shared by every isolate of the process and run at
		// normal priority: a worker loading 100,000 figures would collect garbage on them, competing
		// with the worker that serves. Each isolate collects its own garbage on its own thread instead
		// (npm run bench: the longest wait during a 100k reload 12–40 ms, was up to 65 ms).
		setFlagsFromString('--single-threaded-gc');
		const service = new DataService(options);
		const loaded = await service.spawn();
		if ('error' in loaded) throw new DataLoadError(loaded.error, loaded.invalid);
		service.adopt(loaded.worker);
		return service;
	}

	/** What the served library holds. */
	stats(): LibraryStats {
		return this.current?.stats ?? { datasets: 0, figures: 0, statements: 0, sources: 0 };
	}

	/** Whether a worker is serving (false only while one is being replaced after a fault). */
	get serving(): boolean {
		return this.current !== null;
	}

	/** Runs one operation in the serving worker. */
	request<K extends OperationName>(op: K, args: ArgsOf<K>, timeoutMs?: number): Promise<ResultOf<K>> {
		const target = this.current;
		if (!target)
			return Promise.reject(
				new DataUnavailableError('The data is being reloaded after a fault; please try again in a moment.'),
			);
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() => {
					target.pending.delete(id);
					this.options.logger.warn(
						{ op, timeoutMs: timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS },
						'data operation timed out',
					);
					reject(new DataUnavailableError('The data took too long to answer; please try again.'));
				},
				timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			);
			target.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
			target.worker.postMessage({ id, op, args } satisfies ToWorker);
		});
	}

	/** Loads the data afresh in a new worker and swaps to it; one reload at a time, the last edit always loaded. */
	reload(): Promise<ReloadOutcome> {
		if (this.reloading) {
			this.reloadAgain = true;
			return this.reloading;
		}
		this.reloading = (async () => {
			let outcome: ReloadOutcome;
			do {
				this.reloadAgain = false;
				outcome = await this.reloadOnce();
			} while (this.reloadAgain && !this.closed);
			this.reloading = null;
			return outcome;
		})();
		return this.reloading;
	}

	private async reloadOnce(): Promise<ReloadOutcome> {
		const { dir, logger } = this.options;
		const loaded = await this.spawn();
		this.lastReload = { ok: !('error' in loaded), at: Date.now() };
		if ('error' in loaded) {
			const log = loaded.invalid ? logger.warn.bind(logger) : logger.error.bind(logger);
			log(
				{ dir, ...(loaded.invalid ? { issues: loaded.issues } : {}), error: loaded.error },
				loaded.invalid
					? 'dataset reload refused; still serving the previous data'
					: 'dataset reload failed; still serving the previous data',
			);
			return { ok: false, error: loaded.error };
		}
		if (this.closed) {
			await loaded.worker.worker.terminate();
			return { ok: false, error: 'the bot is stopping' };
		}
		this.adopt(loaded.worker);
		const stats = loaded.worker.stats!;
		logger.info({ dir, ...stats }, 'dataset reloaded');
		return { ok: true, ...stats };
	}

	/** Starts a worker on the data and waits until it has loaded it, or says why it could not. */
	private spawn(): Promise<{ worker: DataWorker } | { error: string; invalid: boolean; issues: number }> {
		const { dir, maxFigures, workerUrl } = this.options;
		return new Promise((resolve) => {
			let worker: Worker;
			try {
				worker = new Worker(workerUrl, { workerData: { dir, maxFigures } satisfies WorkerOptions });
			} catch (error) {
				resolve({
					error: `the data worker could not start: ${(error as Error).message}`,
					invalid: false,
					issues: 0,
				});
				return;
			}
			const holder = new DataWorker(worker);
			let settled = false;
			worker.on('message', (message: FromWorker) => {
				if (message.type === 'ready') {
					holder.stats = message.stats;
					settled = true;
					resolve({ worker: holder });
				} else if (message.type === 'failed') {
					settled = true;
					resolve({ error: message.error, invalid: message.invalid, issues: message.issues });
				} else {
					const pending = holder.pending.get(message.id);
					if (!pending) return;
					holder.pending.delete(message.id);
					clearTimeout(pending.timer);
					if (message.ok) pending.resolve(message.result);
					else pending.reject(new Error(`data operation failed in the worker: ${message.error}`));
				}
			});
			worker.on('error', (error) => {
				if (!settled) {
					settled = true;
					resolve({ error: `the data could not be loaded: ${error.message}`, invalid: false, issues: 0 });
				}
				holder.onExit(error.message);
			});
			worker.on('exit', (code) => {
				holder.exited = true;
				holder.fail('The data is being reloaded after a fault; please try again in a moment.');
				if (!settled) {
					settled = true;
					resolve({
						error: `the data worker stopped while loading (exit ${code})`,
						invalid: false,
						issues: 0,
					});
				}
				holder.onExit(`exit ${code}`);
			});
		});
	}

	/** Serves from this worker from now on; the one before finishes what it was asked, then stops. */
	private adopt(next: DataWorker): void {
		const previous = this.current;
		this.current = next;
		this.restarts = 0;
		next.onExit = (reason) => this.lost(next, reason);
		if (previous) {
			previous.onExit = () => undefined;
			void this.retire(previous);
		}
	}

	private async retire(worker: DataWorker): Promise<void> {
		const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
		while (worker.pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		await worker.worker.terminate();
	}

	/** The serving worker died: nothing is served until a new one has loaded the data. */
	private lost(worker: DataWorker, reason: string): void {
		if (this.current !== worker || this.closed) return;
		this.current = null;
		const delay = RESTART_BACKOFF_MS[Math.min(this.restarts++, RESTART_BACKOFF_MS.length - 1)]!;
		this.options.logger.error({ reason, retryInMs: delay }, 'the data worker stopped; loading the data again');
		const retry = () => {
			if (this.closed || this.current) return;
			void this.spawn().then((loaded) => {
				if ('error' in loaded) {
					const wait = RESTART_BACKOFF_MS[Math.min(this.restarts++, RESTART_BACKOFF_MS.length - 1)]!;
					this.options.logger.error(
						{ error: loaded.error, retryInMs: wait },
						'the data could not be loaded again',
					);
					setTimeout(retry, wait).unref();
				} else if (this.closed) void loaded.worker.worker.terminate();
				else {
					this.adopt(loaded.worker);
					this.options.logger.info({ ...loaded.worker.stats }, 'the data is served again');
				}
			});
		};
		setTimeout(retry, delay).unref();
	}

	/** Reloads when a file in the data folder changes (debounced: editors write in bursts). */
	watch(debounceMs = 500): void {
		let timer: NodeJS.Timeout | null = null;
		this.watcher = watch(this.options.dir, { recursive: true }, () => {
			if (timer) clearTimeout(timer);
			timer = setTimeout(() => void this.reload(), debounceMs);
		});
		this.watcher.on('error', (error) => this.options.logger.warn({ err: error }, 'dataset watch stopped'));
	}

	async close(): Promise<void> {
		this.closed = true;
		this.watcher?.close();
		const worker = this.current;
		this.current = null;
		if (worker) {
			worker.onExit = () => undefined;
			worker.fail('The bot is stopping.');
			await worker.worker.terminate();
		}
	}
}
