import { computeDimsKey } from './integrity.js';
import { comparePeriods } from './period.js';
import type { Dataset, Figure, Period } from './types.js';

/** A figure of one copy of a table and the same cell in the next, with a different value or qualifier. */
export interface Revision {
	before: Figure;
	after: Figure;
}

/** What changed in one table between two copies: the reason a refresh is worth a note. */
export interface TableChange {
	/** The table's path in its dataset folder. */
	file: string;
	/** Periods the new copy has and the old did not, in order, with how many figures and rows each brings. */
	addedPeriods: { period: Period; figures: number; rows: number }[];
	/** Figures new in periods the old copy already had (a row added to last year). */
	added: Figure[];
	/** Cells whose value (or qualifier) changed, the largest relative change first. */
	revised: Revision[];
	/** Figures of the old copy the new one no longer has. */
	removed: Figure[];
	/** Periods the old copy had and the new has none of. */
	removedPeriods: Period[];
}

/**
 * A cell's identity across copies: its measure, period, dimension values and source. Not its line
 * (rows move when a publisher sorts or inserts), nor its value.
 */
export const cellKey = (f: Figure): string =>
	`${f.metric.id}\u0000${f.period.key}\u0000${computeDimsKey(f.dims)}\u0000${f.source.id}`;

const ofTable = (dataset: Dataset, file: string) => dataset.figures.filter((f) => f.row?.file === file);

/** Whether a change has anything in it (a refresh that changes nothing is not worth a word). */
export const isUnchanged = (change: TableChange): boolean =>
	change.addedPeriods.length === 0 &&
	change.added.length === 0 &&
	change.revised.length === 0 &&
	change.removed.length === 0;

/** The relative change of a revision, as a number (Infinity from zero); for ordering and notes. */
export function relativeChange({ before, after }: Revision): number {
	const a = Number(before.value);
	const b = Number(after.value);
	if (a === b) return 0;
	return a === 0 ? Infinity : (b - a) / Math.abs(a);
}

/** The differences between the figures `before` and `after` read from one table file. */
export function diffTable(before: Dataset, after: Dataset, file: string): TableChange {
	const old = new Map(ofTable(before, file).map((f) => [cellKey(f), f]));
	const now = ofTable(after, file);
	const oldPeriods = new Set([...old.values()].map((f) => f.period.key));
	const newPeriods = new Map<string, { period: Period; figures: number; rows: Set<string> }>();
	const added: Figure[] = [];
	const revised: Revision[] = [];
	const seen = new Set<string>();
	for (const f of now) {
		const key = cellKey(f);
		seen.add(key);
		const was = old.get(key);
		if (was) {
			if (was.value !== f.value || was.qualifier !== f.qualifier) revised.push({ before: was, after: f });
		} else if (oldPeriods.has(f.period.key)) added.push(f);
		else {
			const entry = newPeriods.get(f.period.key) ?? { period: f.period, figures: 0, rows: new Set<string>() };
			entry.figures++;
			entry.rows.add(computeDimsKey(f.dims));
			newPeriods.set(f.period.key, entry);
		}
	}
	const removed = [...old].filter(([key]) => !seen.has(key)).map(([, f]) => f);
	const stillThere = new Set(now.map((f) => f.period.key));
	const removedPeriods = [
		...new Map(removed.filter((f) => !stillThere.has(f.period.key)).map((f) => [f.period.key, f.period])).values(),
	].sort(comparePeriods);
	// (Largest first; changes from zero, infinite, ahead of all, in the copy's order among themselves.)
	const size = new Map(revised.map((r) => [r, Math.abs(relativeChange(r))]));
	revised.sort((a, b) => (size.get(a)! === size.get(b)! ? 0 : size.get(a)! < size.get(b)! ? 1 : -1));
	return {
		file,
		addedPeriods: [...newPeriods.values()]
			.sort((a, b) => comparePeriods(a.period, b.period))
			.map(({ period, figures, rows }) => ({ period, figures, rows: rows.size })),
		added,
		revised,
		removed,
		removedPeriods,
	};
}
