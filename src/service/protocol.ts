import type { CopyToCheck } from '../live/checkCopy.js';
import type { ChangeNote } from '../present/presentRefresh.js';
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
	/** A live table's new copy: the library is loaded with it in place, and the note of what it changes sent back. */
	copy?: CopyToCheck;
}

export type ToWorker = { id: number; op: string; args: unknown };

export type FromWorker =
	| {
			type: 'ready';
			stats: LibraryStats;
			/** The nice value the load ran at. */
			priority: number;
			loadMs: number;
			/** With a copy to check: what it changes. */
			note?: ChangeNote;
	  }
	| { type: 'failed'; invalid: boolean; issues: number; error: string }
	| { type: 'result'; id: number; ok: true; result: unknown }
	| { type: 'result'; id: number; ok: false; error: string };
