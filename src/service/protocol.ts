import type { LibraryStats } from './operations.js';

/** What a data worker is started with. */
export interface WorkerOptions {
	dir: string;
	maxFigures?: number;
}

export type ToWorker = { id: number; op: string; args: unknown };

export type FromWorker =
	| { type: 'ready'; stats: LibraryStats }
	| { type: 'failed'; invalid: boolean; issues: number; error: string }
	| { type: 'result'; id: number; ok: true; result: unknown }
	| { type: 'result'; id: number; ok: false; error: string };
