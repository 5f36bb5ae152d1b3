// The data worker: loads a library (reads, parses and validates every file, builds the indexes)
// and answers the bot's operations from it, off the bot's event loop. One worker serves one load of
// the data; a reload starts a new worker and the service swaps to it once it is ready.
import { parentPort, workerData } from 'node:worker_threads';
import { loadGazetteer } from '../data/gazetteer.js';
import { loadLibrary } from '../data/loadLibrary.js';
import { DatasetError } from '../data/parseDataset.js';
import { type Library, createLibrary } from '../library/createLibrary.js';
import { type OperationName, perform, statsOf } from './operations.js';
import type { FromWorker, ToWorker, WorkerOptions } from './protocol.js';

const port = parentPort!;
const options = workerData as WorkerOptions;
const post = (message: FromWorker) => port.postMessage(message);

let library: Library;
try {
	library = createLibrary(loadLibrary(options.dir, options.maxFigures), loadGazetteer());
	// Autocomplete's indexes are built now, so the first keystroke after the swap never waits for them.
	library.suggest('', { limit: 1 });
	post({ type: 'ready', stats: statsOf(library) });
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
