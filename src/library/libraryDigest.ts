import type { Dataset, Figure } from '../data/types.js';
import type { Digest, DigestHistory } from '../engine/digest.js';

/** A digest of every dataset in a library: one part per dataset, one figure of the day in all. */
export interface LibraryDigest {
	parts: { dataset: Dataset; digest: Digest }[];
	/** Every figure's fingerprint, keyed `<dataset>/<figure id>`, to compare the next digest against. */
	snapshot: Record<string, string>;
	/** The figure of the day, as `<dataset>/<figure id>`; null when nothing new is worth a digest. */
	figureOfDay: string | null;
	/** Every figure of every dataset has been shown: the rotation starts again. */
	rotationRestarted: boolean;
	nothingNew: boolean;
}

const SEPARATOR = '/';

/**
 * The dataset that entries written before digests spanned a library belong to (they carry no
 * dataset id): the one holding most of those figure ids. Null when there are none.
 */
function legacyHome(datasets: readonly Dataset[], history: DigestHistory): Dataset | null {
	const keys = [...Object.keys(history.previous?.snapshot ?? {}), ...history.shown].filter(
		(k) => !k.includes(SEPARATOR),
	);
	if (keys.length === 0) return null;
	const wanted = new Set(keys);
	const held = datasets.map((d) => d.figures.reduce((n, f) => n + (wanted.has(f.id) ? 1 : 0), 0));
	return datasets[held.indexOf(Math.max(...held))] ?? null;
}

/** What one dataset's digest knew before: the entries of the channel's history keyed by this dataset. */
function historyOf(dataset: Dataset, legacy: boolean, history: DigestHistory): DigestHistory {
	const prefix = `${dataset.id}${SEPARATOR}`;
	const own = (key: string) =>
		key.startsWith(prefix) ? key.slice(prefix.length) : legacy && !key.includes(SEPARATOR) ? key : null;
	const snapshot = Object.fromEntries(
		Object.entries(history.previous?.snapshot ?? {}).flatMap(([key, value]) => {
			const id = own(key);
			return id === null ? [] : [[id, value]];
		}),
	);
	// A dataset this channel was never sent (added to the library since) gets a first digest, not
	// every one of its figures listed as new.
	const previous =
		history.previous && Object.keys(snapshot).length > 0 ? { sentAt: history.previous.sentAt, snapshot } : null;
	return { previous, shown: history.shown.flatMap((key) => own(key) ?? []) };
}

/**
 * Builds each dataset's digest from its own share of the history and joins them. The figure of the
 * day rotates through the datasets in order: the first dataset with a figure not yet shown gives it.
 */
export function combineDigests(
	datasets: readonly Dataset[],
	history: DigestHistory,
	build: (dataset: Dataset, history: DigestHistory) => Digest,
): LibraryDigest {
	const home = legacyHome(datasets, history);
	const parts = datasets.map((dataset) => ({
		dataset,
		digest: build(dataset, historyOf(dataset, dataset === home, history)),
	}));
	const snapshot: Record<string, string> = {};
	for (const { dataset, digest } of parts)
		for (const [id, value] of Object.entries(digest.snapshot)) snapshot[`${dataset.id}${SEPARATOR}${id}`] = value;
	const fresh = parts.find((p) => p.digest.figureOfDay !== null && !p.digest.rotationRestarted);
	const restarted = !fresh && parts.some((p) => p.digest.figureOfDay !== null);
	const chosen = fresh ?? (restarted ? parts.find((p) => p.digest.figureOfDay !== null) : undefined);
	// Only the chosen part shows a figure of the day.
	for (const part of parts) {
		if (part === chosen) continue;
		part.digest = { ...part.digest, figureOfDay: null, rotationRestarted: false };
	}
	const figure: Figure | null = chosen?.digest.figureOfDay ?? null;
	const nothingNew = parts.every((p) => p.digest.nothingNew);
	return {
		parts,
		snapshot,
		figureOfDay: figure && chosen ? `${chosen.dataset.id}${SEPARATOR}${figure.id}` : null,
		rotationRestarted: restarted,
		nothingNew,
	};
}
