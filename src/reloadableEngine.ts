import { type FSWatcher, watch } from 'node:fs';
import type { Place } from './data/gazetteer.js';
import { loadLibrary } from './data/loadLibrary.js';
import { DatasetError } from './data/parseDataset.js';
import type { Engine } from './engine/createEngine.js';
import { type Library, createLibrary } from './library/createLibrary.js';
import type { Logger } from './logger.js';

export type ReloadOutcome =
	{ ok: true; figures: number; statements: number; sources: number } | { ok: false; error: string };

/**
 * The library the bot serves (FACTDESK_DATA: a library folder or one dataset folder), reloadable
 * from disk without downtime: new data is loaded and validated completely before it replaces the old
 * in one assignment; invalid data is refused with its file:line errors and the old keeps being served.
 */
export class ReloadableEngine {
	private served: Library;
	private watcher: FSWatcher | null = null;
	/** The last reload's outcome and time (ms), for /metrics; null until the first reload. */
	lastReload: { ok: boolean; at: number } | null = null;

	constructor(
		private readonly dir: string,
		private readonly gazetteer: readonly Place[],
		private readonly logger: Logger,
	) {
		this.served = ready(createLibrary(loadLibrary(dir), gazetteer));
	}

	/** Every dataset, for the commands that route questions across them (/fact, mentions, menus). */
	library(): Library {
		return this.served;
	}

	/** The first dataset's engine, for the commands that serve one dataset (/compare, /calc, digests). */
	current(): Engine {
		return this.served.engine(this.served.datasets[0]!.id)!;
	}

	reload(): ReloadOutcome {
		try {
			const next = ready(createLibrary(loadLibrary(this.dir), this.gazetteer));
			this.served = next;
			this.lastReload = { ok: true, at: Date.now() };
			const count = (of: (d: Library['datasets'][number]) => number) =>
				next.datasets.reduce((n, d) => n + of(d), 0);
			const outcome = {
				ok: true as const,
				figures: count((d) => d.figures.length),
				statements: count((d) => d.statements.length),
				sources: count((d) => d.sources.length),
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

/** A library ready to serve: its autocomplete indexes built now, so the first keystroke never waits for them. */
function ready(library: Library): Library {
	library.suggest('', { limit: 1 });
	return library;
}
