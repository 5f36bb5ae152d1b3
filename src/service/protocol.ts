import type { LibraryStats } from './operations.js';

/** What a data worker is started with. */
export interface WorkerOptions {
	dir: string;
	maxFigures?: number;
	/**
	 * A reload, loading beside a worker that serves: it loads at a lower CPU priority. The first load
	 * (and a load after a fault) has no one else to serve and runs at full speed.
	 */
	background: boolean;
}

export type ToWorker = { id: number; op: string; args: unknown };

export type FromWorker =
	| { type: 'ready'; stats: LibraryStats; /** The nice value the load ran at. */ priority: number; loadMs: number }
	| { type: 'failed'; invalid: boolean; issues: number; error: string }
	| { type: 'result'; id: number; ok: true; result: unknown }
	| { type: 'result'; id: number; ok: false; error: string };
