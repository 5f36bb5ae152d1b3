import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetFolders } from '../data/loadLibrary.js';
import { datasetMetaSchema } from '../data/schema.js';

/** A table published elsewhere and fetched again on its schedule (dataset.json → tables[].url). */
export interface LiveTable {
	datasetId: string;
	datasetTitle: string;
	/** The dataset's folder. */
	dir: string;
	/** The channel told of changes and refusals; null for none. */
	notify: string | null;
	/** The table's path in the folder. */
	file: string;
	url: string;
	/** Its cron expression; null: fetched only when asked (`/data refresh`, `npm run data:refresh`). */
	refresh: string | null;
	timezone: string;
}

/**
 * The live tables of a library (or of one dataset folder), read from each dataset.json. A dataset
 * whose dataset.json is invalid has none here: the loader reports why.
 */
export function liveTables(libraryDir: string): LiveTable[] {
	let folders: string[];
	try {
		folders = datasetFolders(libraryDir);
	} catch {
		return [];
	}
	return folders.flatMap((dir) => {
		try {
			const meta = datasetMetaSchema.safeParse(JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8')));
			if (!meta.success) return [];
			return meta.data.tables.flatMap((t) =>
				t.url === undefined
					? []
					: [
							{
								datasetId: meta.data.id,
								datasetTitle: meta.data.title,
								dir,
								notify: meta.data.notify,
								file: t.file,
								url: t.url,
								refresh: t.refresh ?? null,
								timezone: t.timezone,
							},
						],
			);
		} catch {
			return [];
		}
	});
}
