import { compareDecimalText, dec, sub, sum, toPlain } from '../math/decimal.js';
import { isCountUnit } from './constraints.js';
import { childrenOf, hasHierarchy, parentOf } from './hierarchy.js';
import type { BreakdownCheck, Conflict, Dataset, Figure } from './types.js';

export interface IntegrityIssue {
	file: string;
	line: number | null;
	field: string | null;
	message: string;
}

export interface IntegrityResult {
	issues: IntegrityIssue[];
	/** Declared conflicts plus every group of same-slice figures whose values differ. */
	conflicts: Conflict[];
	breakdowns: BreakdownCheck[];
}

/** What a figure is a figure of: metric, period and every dimension value. */
export function sliceKey(figure: Figure): string {
	let key = sliceKeys.get(figure);
	if (key === undefined) {
		key = computeSliceKey(figure);
		sliceKeys.set(figure, key);
	}
	return key;
}

/**
 * Figures are immutable once loaded, so their keys are computed once. They are kept as long as the
 * figures: each is joined, never concatenated, as a concatenation is kept as a chain of its pieces.
 */
const sliceKeys = new WeakMap<Figure, string>();

function computeSliceKey(figure: Figure): string {
	return [figure.metric.id, figure.period.key, dimsKey(figure)].join('|');
}

/** A figure's dimension values alone, in a stable order: "destination=north_korea,origin=russia". */
export function dimsKey(figure: Figure): string {
	let key = dimsKeys.get(figure);
	if (key === undefined) {
		key = computeDimsKey(figure.dims);
		dimsKeys.set(figure, key);
	}
	return key;
}
const dimsKeys = new WeakMap<Figure, string>();

/** The key of a set of dimension values, as `dimsKey` gives it for a figure. */
export function computeDimsKey(dims: Figure['dims']): string {
	const ids = Object.keys(dims);
	if (ids.length > 1) ids.sort();
	const parts: string[] = [];
	for (const id of ids) parts.push(id, '=', dims[id]!, ',');
	parts.pop();
	return parts.join('');
}

/** Where a figure is written, for an issue: its file and line ("figures.csv:12", "tables/x.csv:4"). */
function whereIs(figure: Figure): { file: string; line: number } {
	const [file, line] = figure.origin.split(':');
	return { file: file ?? 'figures.csv', line: Number(line) };
}

/**
 * Cross-row checks that a schema cannot express. Duplicated figures are errors; conflicts and
 * breakdowns that do not add up are facts about the sources, kept so every answer can show them.
 */
export function checkIntegrity(dataset: Dataset): IntegrityResult {
	const issues: IntegrityIssue[] = [];
	const bySlice = new Map<string, Figure[]>();
	for (const figure of dataset.figures) {
		const group = bySlice.get(sliceKey(figure)) ?? [];
		const twin = group.find((f) => f.source === figure.source && f.value === figure.value && f.qualifier === figure.qualifier);
		if (twin) {
			issues.push({ ...whereIs(figure), field: 'id', message: `"${figure.id}" repeats figure "${twin.id}" (same slice, source and value)` });
		}
		group.push(figure);
		bySlice.set(sliceKey(figure), group);
	}

	const declared = dataset.conflicts;
	const covered = (ids: Set<string>) => declared.some((c) => [...ids].every((id) => c.figures.some((f) => f.id === id)));
	const detected: Conflict[] = [];
	for (const group of bySlice.values()) {
		if (group.length < 2 || new Set(group.map((f) => f.value)).size < 2) continue;
		if (!covered(new Set(group.map((f) => f.id)))) detected.push({ figures: group, note: null });
	}

	const breakdowns = findBreakdowns(dataset);
	// A count larger than its total, where none is negative: one of the two lines is wrong (a dimension
	// whose values overlap says "additive": false). Averages, rates and densities do not add up, and a
	// total of them may be below a part.
	for (const { total, dimension, parts } of breakdowns) {
		// A parent and its children ("Africa", "Algeria") are not a total and its parts: a source may
		// group them differently over time, and the gap is shown with the answer instead.
		if (total.dims[dimension.id] !== undefined) continue;
		if (dimension.additive === false || !isCountUnit(total.metric.unit)) continue;
		if (total.qualifier !== 'exact' || total.value.startsWith('-')) continue;
		if (parts.some((p) => p.value.startsWith('-'))) continue;
		for (const part of parts) {
			if (part.qualifier !== 'exact' || compareDecimalText(part.value, total.value) <= 0) continue;
			issues.push({ ...whereIs(part), field: part.metric.id, message: `${part.value} for ${dimension.label.toLowerCase()} "${part.dims[dimension.id]}" is more than its total, ${total.value} at ${total.origin}: one of the two is wrong (if the ${dimension.label.toLowerCase()} values overlap, say "additive": false on the dimension)` });
		}
	}
	return { issues, conflicts: [...declared, ...detected], breakdowns };
}

/**
 * Every total with its parts along one dimension (same metric, period and source, and the total's
 * dimension values plus one more). Parts are found through an index keyed by what they would be a
 * part of, so this is linear in the figures rather than a scan of all figures per total.
 */
function findBreakdowns(dataset: Dataset): BreakdownCheck[] {
	const partOf = (f: Figure, dims: string, dimensionId: string) => `${f.metric.id}|${f.period.key}|${f.source.id}|${dims}#${dimensionId}`;
	// Parts have exactly one dimension more than their total, within one metric, period and source:
	// a group whose figures all have as many dimensions holds no total and no part.
	const breadths = new Map<string, Set<number>>();
	for (const f of dataset.figures) {
		const group = `${f.metric.id}|${f.period.key}|${f.source.id}`;
		let set = breadths.get(group);
		if (!set) breadths.set(group, (set = new Set()));
		set.add(Object.keys(f.dims).length);
	}
	// A value with a parent ("Algeria" in "Africa") is a part of its parent, at the same breadth.
	const nested = dataset.dimensions.filter(hasHierarchy);
	const byId = new Map(dataset.dimensions.map((d) => [d.id, d]));
	const mayNest = (f: Figure) => nested.length > 0 || (breadths.get(`${f.metric.id}|${f.period.key}|${f.source.id}`)?.size ?? 0) > 1;
	const partsByTotal = new Map<string, Figure[]>();
	for (const figure of dataset.figures) {
		if (!mayNest(figure)) continue;
		const entries = dimsKey(figure).split(',');
		for (const [i, entry] of entries.entries()) {
			if (entry === '') continue;
			// The figure's dimension values without this one, still in dimsKey's order.
			const rest = [...entries.slice(0, i), ...entries.slice(i + 1)].join(',');
			const dimensionId = entry.slice(0, entry.indexOf('='));
			const parent = nested.length > 0 ? parentOf(byId.get(dimensionId)!, entry.slice(entry.indexOf('=') + 1)) : null;
			const key = partOf(figure, rest, parent === null ? dimensionId : `${dimensionId}^${parent}`);
			const parts = partsByTotal.get(key);
			if (parts) parts.push(figure);
			else partsByTotal.set(key, [figure]);
		}
	}
	const checks: BreakdownCheck[] = [];
	for (const total of dataset.figures) {
		if (!mayNest(total)) continue;
		for (const dimension of dataset.dimensions) {
			const own = total.dims[dimension.id];
			// A total over the dimension (its top-level values are its parts), or a parent value (its children).
			if (own !== undefined && childrenOf(dimension, own).length === 0) continue;
			const key =
				own === undefined
					? partOf(total, dimsKey(total), dimension.id)
					: partOf(total, dimsKey(total).split(',').filter((e) => !e.startsWith(`${dimension.id}=`)).join(','), `${dimension.id}^${own}`);
			const parts = partsByTotal.get(key);
			if (!parts) continue;
			const partsSum = sum(parts.map((p) => dec(p.value)));
			checks.push({ total, dimension, parts, partsSum: toPlain(partsSum), gap: toPlain(sub(dec(total.value), partsSum)) });
		}
	}
	return checks;
}
