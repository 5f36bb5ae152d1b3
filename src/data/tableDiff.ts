import { dimsKey } from './integrity.js';
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
 * The figures of one copy by cell: its measure, period, dimension values and source, not its line
 * (rows move when a publisher sorts or inserts), nor its value. A tree of maps, one level for each
 * part, keyed by the strings the figures already hold: 100,000 cells are found without building a
 * key for each.
 */
class Cells {
	private readonly root: Level = new Map();

	constructor(
		figures: readonly Figure[],
		/** The dataset's dimensions, in order: one level each ('' where a figure has no value). */
		private readonly dimensions: readonly string[],
	) {
		for (const f of figures) {
			let level = this.root;
			for (const part of this.path(f)) {
				let next = level.get(part) as Level | undefined;
				if (!next) level.set(part, (next = new Map()));
				level = next;
			}
			level.set(f.source.id, f);
		}
	}

	private path(f: Figure): string[] {
		return [f.metric.id, f.period.key, ...this.dimensions.map((d) => f.dims[d] ?? '')];
	}

	/** The figure of the same cell as `f`, taken out (what is left at the end was not matched). */
	take(f: Figure): Figure | undefined {
		let level: Level | undefined = this.root;
		for (const part of this.path(f)) level = level?.get(part) as Level | undefined;
		const found = level?.get(f.source.id) as Figure | undefined;
		if (found) level!.delete(f.source.id);
		return found;
	}

	/** The figures not taken. */
	rest(): Figure[] {
		const out: Figure[] = [];
		const walk = (level: Level, depth: number) => {
			for (const next of level.values())
				if (depth === this.dimensions.length + 2) out.push(next as Figure);
				else walk(next as Level, depth + 1);
		};
		walk(this.root, 0);
		return out;
	}
}

type Level = Map<string, Level | Figure>;

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

/**
 * Marks each revised figure of the new copy with what the copy before gave, and the day (ISO) of
 * the refresh that changed it: what answers say of it ("revised from 4.1 on 14 March").
 */
export function markRevised(change: TableChange, on: string): void {
	for (const { before, after } of change.revised)
		after.revised = { value: before.value, qualifier: before.qualifier, display: before.display, on };
}

/** The differences between the figures `before` and `after` read from one table file. */
export function diffTable(before: Dataset, after: Dataset, file: string): TableChange {
	const was = ofTable(before, file);
	const old = new Cells(
		was,
		after.dimensions.map((d) => d.id),
	);
	const now = ofTable(after, file);
	const oldPeriods = new Set(was.map((f) => f.period.key));
	const newPeriods = new Map<string, { period: Period; figures: number; rows: Set<string> }>();
	const added: Figure[] = [];
	const revised: Revision[] = [];
	for (const f of now) {
		const same = old.take(f);
		if (same) {
			if (same.value !== f.value || same.qualifier !== f.qualifier) revised.push({ before: same, after: f });
		} else if (oldPeriods.has(f.period.key)) added.push(f);
		else {
			const entry = newPeriods.get(f.period.key) ?? { period: f.period, figures: 0, rows: new Set<string>() };
			entry.figures++;
			entry.rows.add(dimsKey(f));
			newPeriods.set(f.period.key, entry);
		}
	}
	// In the old copy's order, as its rows were.
	const gone = new Set(old.rest());
	const removed = was.filter((f) => gone.has(f));
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
