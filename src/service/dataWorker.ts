// The data worker: loads a library (reads, parses and validates every file, builds the indexes)
// and answers the bot's operations from it, off the bot's event loop. One worker serves one load of
// the data; a reload starts a new worker and the service swaps to it once it is ready.
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { loadGazetteer } from '../data/gazetteer.js';
import { loadLibrary } from '../data/loadLibrary.js';
import { DatasetError } from '../data/parseDataset.js';
import { type Library, createLibrary } from '../library/createLibrary.js';
import { warmUp } from '../library/warmUp.js';
import { loadWithCopy } from '../live/checkCopy.js';
import { type OperationName, perform, statsOf } from './operations.js';
import type { FromWorker, ToWorker, WorkerOptions } from './protocol.js';

const port = parentPort!;
const options = workerData as WorkerOptions;
const post = (message: FromWorker) => port.postMessage(message);

/**
 * A reload runs at a lower CPU priority than the bot and the worker now serving (Linux threads have
 * their own nice value), so a reload on a small server never slows what users are waiting for.
 * Once loaded it serves at normal priority where the system lets it raise itself back. The first
 * load keeps normal priority: nothing is served until it is done.
 */
function threadPriority(priority: number): void {
	try {
		const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
		if (Number.isInteger(tid) && tid > 0) setPriority(tid, priority);
	} catch {
		// Not Linux, or not allowed to raise it back: the thread keeps the priority it has.
	}
}

/** This thread's nice value (the process's where threads have none of their own). */
function currentPriority(): number {
	try {
		return getPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()));
	} catch {
		return getPriority();
	}
}

let library: Library;
const started = performance.now();
if (options.background) threadPriority(10);
const priority = currentPriority();
try {
	const checked = options.copy ? loadWithCopy(options.dir, options.maxFigures, options.copy) : null;
	library = createLibrary(checked?.datasets ?? loadLibrary(options.dir, options.maxFigures), loadGazetteer());
	// Indexes built on first use are built now, off the serving path (see warmUp).
	warmUp(library);
	if (options.background) threadPriority(0);
	post({
		type: 'ready',
		stats: statsOf(library),
		priority,
		loadMs: Math.round(performance.now() - started),
		...(checked ? { note: checked.note } : {}),
	});
} catch (error) {
	post({
		type: 'failed',
		invalid: error instanceof DatasetError,
		issues: error instanceof DatasetError ? error.issues.length : 0,
		error:
			error instanceof DatasetError
				? error.message
				: `the data could not be loaded: ${(error as Error)?.message ?? String(error)}`,
	});
	process.exit(0);
}

port.on('message', ({ id, op, args }: ToWorker) => {
	try {
		post({ type: 'result', id, ok: true, result: perform(library, op as OperationName, args as never) });
	} catch (error) {
		post({ type: 'result', id, ok: false, error: (error as Error)?.stack ?? String(error) });
	}
});
