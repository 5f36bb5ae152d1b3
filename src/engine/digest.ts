import { dimsKey } from '../data/integrity.js';
import { comparePeriods } from '../data/period.js';
import type { Conflict, Dataset, Figure } from '../data/types.js';
import type { Computed } from './answer.js';
import { QUALIFIER_RANK, statedGap } from './compute.js';

/** What a digest shows, built from the dataset at send time. Pure: the clock and history come in. */
export interface Digest {
	generatedAt: Date;
	/** The broadest figures: totals per route, latest year, the best-qualified source first. */
	headline: Figure[];
	/** null for a channel's first digest. */
	changes: {
		added: Figure[];
		revised: { figure: Figure; before: string }[];
		removed: string[];
		since: number;
	} | null;
	conflicts: { figures: Figure[]; note: string | null; gaps: { figure: Figure; gap: Computed }[] }[];
	figureOfDay: Figure | null;
	/** Every figure has been the figure of the day: the rotation starts again with this one. */
	rotationRestarted: boolean;
	/** A later digest with no changes says so in one line instead of repeating all this. */
	nothingNew: boolean;
	/** What this digest knew, to compare the next one against. */
	snapshot: Record<string, string>;
}

export interface DigestHistory {
	/** The snapshot and time of this channel's previous digest, if any. */
	previous: { snapshot: Record<string, string>; sentAt: number } | null;
	/** Figures already shown as figure of the day in this rotation. */
	shown: readonly string[];
}

const HEADLINE_COUNT = 6;

export const fingerprint = (f: Figure): string =>
	`${f.value}|${f.qualifier}|${f.period.key}|${f.source.id}|${f.quote.length}`;

export function buildDigest(dataset: Dataset, history: DigestHistory, now: Date): Digest {
	const snapshot = Object.fromEntries(dataset.figures.map((f) => [f.id, fingerprint(f)]));
	const roleDims = new Set(dataset.dimensions.filter((d) => d.role !== null).map((d) => d.id));

	// Headline: totals (no category breakdown), the latest period of each route, years before finer
	// periods (a year's total is the headline; its months are detail), the best-qualified first.
	const latest = new Map<string, Figure>();
	const better = (f: Figure, current: Figure) =>
		Number(f.period.grain === 'year') - Number(current.period.grain === 'year') ||
		comparePeriods(f.period, current.period) ||
		QUALIFIER_RANK[current.qualifier] - QUALIFIER_RANK[f.qualifier];
	for (const f of dataset.figures) {
		if (Object.keys(f.dims).some((d) => !roleDims.has(d))) continue;
		const route = `${f.metric.id}|${dimsKey(f)}`;
		const current = latest.get(route);
		if (!current || better(f, current) > 0) latest.set(route, f);
	}
	const isDefault = (f: Figure) => dataset.dimensions.every((d) => d.default === null || f.dims[d.id] === d.default);
	const headline = [...latest.values()]
		.sort((a, b) => Number(isDefault(b)) - Number(isDefault(a)) || comparePeriods(b.period, a.period))
		.slice(0, HEADLINE_COUNT);

	let changes: Digest['changes'] = null;
	if (history.previous) {
		const before = history.previous.snapshot;
		changes = {
			added: dataset.figures.filter((f) => before[f.id] === undefined),
			revised: dataset.figures
				.filter((f) => before[f.id] !== undefined && before[f.id] !== snapshot[f.id])
				.map((f) => ({ figure: f, before: before[f.id] as string })),
			removed: Object.keys(before).filter((id) => snapshot[id] === undefined),
			since: history.previous.sentAt,
		};
	}
	const nothingNew = changes !== null && changes.added.length + changes.revised.length + changes.removed.length === 0;

	const conflicts = dataset.conflicts.map((c: Conflict) => {
		const [first, ...rest] = [...c.figures].sort(
			(a, b) => QUALIFIER_RANK[a.qualifier] - QUALIFIER_RANK[b.qualifier],
		);
		return {
			figures: [first as Figure, ...rest],
			note: c.note,
			gaps: rest.map((f) => ({ figure: f, gap: statedGap(f, first as Figure).gap })),
		};
	});

	const shown = new Set(history.shown);
	let figureOfDay = dataset.figures.find((f) => !shown.has(f.id)) ?? null;
	const rotationRestarted = figureOfDay === null && dataset.figures.length > 0;
	if (rotationRestarted) figureOfDay = dataset.figures[0] ?? null;

	return { generatedAt: now, headline, changes, conflicts, figureOfDay, rotationRestarted, nothingNew, snapshot };
}
