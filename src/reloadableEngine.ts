import { type FSWatcher, watch } from 'node:fs';
import type { Place } from './data/gazetteer.js';
import { loadDataset } from './data/loadDataset.js';
import type { Dataset } from './data/types.js';
import { DatasetError } from './data/parseDataset.js';
import { type Engine, createEngine } from './engine/createEngine.js';
import type { Logger } from './logger.js';

export type ReloadOutcome =
	{ ok: true; figures: number; statements: number; sources: number } | { ok: false; error: string };

/**
 * The engine the bot serves, reloadable from disk without downtime: a new dataset is loaded and
 * validated completely before it replaces the old engine in one assignment; an invalid one is
 * refused with its file:line errors and the old data keeps being served.
 */
export class ReloadableEngine {
	private engine: Engine;
	private watcher: FSWatcher | null = null;
	/** The last reload's outcome and time (ms), for /metrics; null until the first reload. */
	lastReload: { ok: boolean; at: number } | null = null;

	constructor(
		private readonly dir: string,
		private readonly gazetteer: readonly Place[],
		private readonly logger: Logger,
	) {
		this.engine = served(loadDataset(dir), gazetteer);
	}

	current(): Engine {
		return this.engine;
	}

	reload(): ReloadOutcome {
		try {
			const next = served(loadDataset(this.dir), this.gazetteer);
			this.engine = next;
			this.lastReload = { ok: true, at: Date.now() };
			const outcome = {
				ok: true as const,
				figures: next.dataset.figures.length,
				statements: next.dataset.statements.length,
				sources: next.dataset.sources.length,
			};
			this.logger.info({ dir: this.dir, ...outcome }, 'dataset reloaded');
			return outcome;
		} catch (error) {
			// Whatever went wrong (invalid data, an unreadable file, a bug), the old data keeps being served.
			this.lastReload = { ok: false, at: Date.now() };
			const message =
				error instanceof DatasetError
					? error.message
					: `the data could not be loaded: ${(error as Error)?.message ?? String(error)}`;
			if (error instanceof DatasetError)
				this.logger.warn(
					{ dir: this.dir, issues: error.issues.length, error: message },
					'dataset reload refused; still serving the previous data',
				);
			else
				this.logger.error(
					{ dir: this.dir, err: error },
					'dataset reload failed; still serving the previous data',
				);
			return { ok: false, error: message };
		}
	}

	/** Reloads when a file in the dataset folder changes (debounced: editors write in bursts). */
	watch(debounceMs = 500): void {
		let timer: NodeJS.Timeout | null = null;
		this.watcher = watch(this.dir, { recursive: true }, () => {
			if (timer) clearTimeout(timer);
			timer = setTimeout(() => void this.reload(), debounceMs);
		});
		this.watcher.on('error', (error) => this.logger.warn({ err: error }, 'dataset watch stopped'));
	}

	close(): void {
		this.watcher?.close();
	}
}

/** An engine ready to serve: its autocomplete index built now, so the first keystroke never waits for it. */
function served(dataset: Dataset, gazetteer: readonly Place[]): Engine {
	const engine = createEngine(dataset, gazetteer);
	engine.suggest('', { limit: 1 });
	return engine;
}
