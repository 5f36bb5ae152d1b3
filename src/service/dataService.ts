import { type FSWatcher, watch } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { CopyToCheck } from '../live/checkCopy.js';
import { CopyRefused } from '../live/refresh.js';
import type { Logger } from '../logger.js';
import type { ChangeNote } from '../present/presentRefresh.js';
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
	/**
	 * How long the worker may go without answering anything while it has work before it is taken to be
	 * stuck: it is replaced from disk, the request it was stuck on is dropped, and the others are sent
	 * to the new worker. Default 20 s, twice the longest deadline of a request.
	 */
	stallMs?: number;
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
	message: ToWorker;
}

/** One worker holding one load of the library. */
class DataWorker {
	/** Requests someone is still waiting for. */
	readonly pending = new Map<number, Pending>();
	/**
	 * Every request posted and not yet answered, waited for or not (one past its deadline still holds
	 * the worker), in the order the worker takes them: the first is the one it is working on.
	 */
	readonly unanswered = new Map<number, OperationName>();
	/** When the worker last showed progress: its last answer, or the post that gave an idle worker work. */
	progressAt = 0;
	stats: LibraryStats | null = null;
	/** Loaded with a live table's new copy: what it changes. */
	note: ChangeNote | null = null;
	exited = false;
	/** Called when the worker stops by itself (a crash, an out-of-memory kill). */
	onExit: (reason: string) => void = () => undefined;

	constructor(readonly worker: Worker) {}

	post(message: ToWorker): void {
		if (this.unanswered.size === 0) this.progressAt = Date.now();
		this.unanswered.set(message.id, message.op as OperationName);
		this.worker.postMessage(message);
	}

	answered(id: number): void {
		this.unanswered.delete(id);
		this.progressAt = Date.now();
	}

	/** How long the worker has held work without answering any of it (0 when it has none). */
	stalledFor(now: number): number {
		return this.unanswered.size === 0 ? 0 : now - this.progressAt;
	}

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
const DEFAULT_STALL_MS = 2 * DEFAULT_TIMEOUT_MS;
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
	/** Loads that swap workers (reloads, live tables' new copies) run one after another, in this lane. */
	private lane: Promise<unknown> = Promise.resolve();
	private reloadAgain = false;
	private watcher: FSWatcher | null = null;
	private closed = false;
	private restarts = 0;
	/** Requests taken from a stuck worker, sent to the worker that replaces it once it has loaded. */
	private carried = new Map<number, Pending>();
	private watchdog: NodeJS.Timeout | null = null;
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
		const loaded = await service.spawn(false);
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
					// Wherever it waits: in the worker it was sent to, or carried to the next one.
					this.current?.pending.delete(id);
					target.pending.delete(id);
					this.carried.delete(id);
					this.options.logger.warn(
						{ op, timeoutMs: timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS },
						'data operation timed out',
					);
					reject(new DataUnavailableError('The data took too long to answer; please try again.'));
				},
				timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			);
			const message: ToWorker = { id, op, args };
			target.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer, message });
			target.post(message);
			this.armWatchdog();
		});
	}

	/** Checks, while the serving worker has work, that it keeps answering. */
	private armWatchdog(): void {
		if (this.watchdog || this.closed) return;
		const stallMs = this.options.stallMs ?? DEFAULT_STALL_MS;
		const check = () => {
			this.watchdog = null;
			const worker = this.current;
			if (!worker || this.closed) return;
			const stalled = worker.stalledFor(Date.now());
			if (stalled >= stallMs) this.stuck(worker, stalled);
			else if (worker.unanswered.size > 0) {
				this.watchdog = setTimeout(check, stallMs - stalled);
				this.watchdog.unref();
			}
		};
		this.watchdog = setTimeout(check, stallMs);
		this.watchdog.unref();
	}

	/**
	 * The serving worker has answered nothing for too long: it is stuck on the first request it was
	 * given and not answered. That request is dropped (its asker told), the worker is stopped, and
	 * a new one loads the data; the requests that were queued behind go to it.
	 */
	private stuck(worker: DataWorker, stalledMs: number): void {
		const [stuckId, stuckOp] = worker.unanswered.entries().next().value as [number, OperationName];
		const dropped = worker.pending.get(stuckId);
		worker.pending.delete(stuckId);
		if (dropped) {
			clearTimeout(dropped.timer);
			dropped.reject(new DataUnavailableError('That request took too long and was stopped; please try again.'));
		}
		for (const [id, pending] of worker.pending) this.carried.set(id, pending);
		worker.pending.clear();
		this.options.logger.error(
			{ op: stuckOp, stalledMs, requeued: this.carried.size },
			'the data worker stopped answering; replacing it',
		);
		void worker.worker.terminate();
		this.lost(worker, `no answer for ${stalledMs} ms`, 0);
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
				outcome = await this.exclusive(() => this.reloadOnce());
			} while (this.reloadAgain && !this.closed);
			this.reloading = null;
			return outcome;
		})();
		return this.reloading;
	}

	/** Runs `task` once every load before it has finished (whatever its outcome). */
	private exclusive<T>(task: () => Promise<T>): Promise<T> {
		const run = this.lane.then(task, task);
		this.lane = run.catch(() => undefined);
		return run;
	}

	/**
	 * A live table's new copy: the library is loaded with it in place in a new worker, beside the one
	 * serving and at its lower priority, as a reload is. Refused (CopyRefused, with the loader's
	 * reasons) when it fails any check; else `swap` puts the copy in place on disk and only then is
	 * the new worker served from. One at a time with reloads: a reload asked meanwhile runs after.
	 */
	stage(copy: CopyToCheck, swap: (note: ChangeNote) => Promise<void>): Promise<ChangeNote> {
		return this.exclusive(async () => {
			const loaded = await this.spawn(true, copy);
			if ('error' in loaded) throw loaded.invalid ? new CopyRefused(loaded.error) : new Error(loaded.error);
			const note = loaded.worker.note!;
			try {
				if (this.closed) throw new Error('the bot is stopping');
				await swap(note);
			} catch (error) {
				await loaded.worker.worker.terminate();
				throw error;
			}
			this.lastReload = { ok: true, at: Date.now() };
			this.adopt(loaded.worker);
			this.options.logger.info(
				{ dataset: copy.table.datasetId, file: copy.table.file, ...loaded.worker.stats },
				'live table refreshed; serving the new copy',
			);
			return note;
		});
	}

	private async reloadOnce(): Promise<ReloadOutcome> {
		const { dir, logger } = this.options;
		const loaded = await this.spawn(true);
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

	/**
	 * Starts a worker on the data and waits until it has loaded it, or says why it could not. In the
	 * background (a reload beside a serving worker) it loads at a lower CPU priority.
	 */
	private spawn(
		background: boolean,
		copy?: CopyToCheck,
	): Promise<{ worker: DataWorker } | { error: string; invalid: boolean; issues: number }> {
		const { dir, maxFigures, workerUrl, logger } = this.options;
		return new Promise((resolve) => {
			let worker: Worker;
			try {
				worker = new Worker(workerUrl, {
					workerData: { dir, maxFigures, background, ...(copy ? { copy } : {}) } satisfies WorkerOptions,
				});
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
					holder.note = message.note ?? null;
					logger.info(
						{ ...message.stats, loadMs: message.loadMs, priority: message.priority, background },
						'data worker loaded',
					);
					settled = true;
					resolve({ worker: holder });
				} else if (message.type === 'failed') {
					settled = true;
					resolve({ error: message.error, invalid: message.invalid, issues: message.issues });
				} else {
					holder.answered(message.id);
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
		if (this.carried.size > 0) {
			for (const [id, pending] of this.carried) {
				next.pending.set(id, pending);
				next.post(pending.message);
			}
			this.carried.clear();
			this.armWatchdog();
		}
	}

	private async retire(worker: DataWorker): Promise<void> {
		const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
		while (worker.pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
		await worker.worker.terminate();
	}

	/** The serving worker died or was stopped: nothing is served until a new one has loaded the data. */
	private lost(worker: DataWorker, reason: string, delayMs?: number): void {
		if (this.current !== worker || this.closed) return;
		this.current = null;
		worker.onExit = () => undefined;
		const delay = delayMs ?? RESTART_BACKOFF_MS[Math.min(this.restarts++, RESTART_BACKOFF_MS.length - 1)]!;
		this.options.logger.error({ reason, retryInMs: delay }, 'the data worker stopped; loading the data again');
		const retry = () => {
			if (this.closed || this.current) return;
			void this.spawn(false).then((loaded) => {
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
		this.watcher = watch(this.options.dir, { recursive: true }, (_event, name) => {
			// A live table's copy being fetched, and the record of copies, are not the data: a new copy
			// is served by the refresh that checked it.
			if (name && (/(^|[\\/])\.refresh([\\/]|$)/.test(name) || name.endsWith('.incoming'))) return;
			if (timer) clearTimeout(timer);
			timer = setTimeout(() => void this.reload(), debounceMs);
		});
		this.watcher.on('error', (error) => this.options.logger.warn({ err: error }, 'dataset watch stopped'));
	}

	async close(): Promise<void> {
		this.closed = true;
		this.watcher?.close();
		if (this.watchdog) clearTimeout(this.watchdog);
		for (const [, pending] of this.carried) {
			clearTimeout(pending.timer);
			pending.reject(new DataUnavailableError('The bot is stopping.'));
		}
		this.carried.clear();
		const worker = this.current;
		this.current = null;
		if (worker) {
			worker.onExit = () => undefined;
			worker.fail('The bot is stopping.');
			await worker.worker.terminate();
		}
	}
}
