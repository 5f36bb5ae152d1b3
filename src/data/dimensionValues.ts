import type { DimensionValue } from './types.js';

/** A dimension or an attribute: anything with a list of values by id. */
type Valued = { readonly values: readonly DimensionValue[] };

/**
 * Each dimension's values by id, with their place in the list: a table of 100,000 districts is
 * looked up in constant time, never by scanning the list (which made loading and answering
 * quadratic). A dimension's list only grows (a table adds the values it brings while it loads), so
 * the index catches up with any values added since it was built.
 */
const indexes = new WeakMap<Valued, { byId: Map<string, number>; covered: number }>();

function indexOf(dimension: Valued): Map<string, number> {
	let index = indexes.get(dimension);
	if (!index) indexes.set(dimension, (index = { byId: new Map(), covered: 0 }));
	const { values } = dimension;
	for (; index.covered < values.length; index.covered++) {
		const id = values[index.covered]!.id;
		if (!index.byId.has(id)) index.byId.set(id, index.covered);
	}
	return index.byId;
}

/** The value of `dimension` with this id. */
export function dimensionValue(dimension: Valued, id: string | undefined): DimensionValue | undefined {
	if (id === undefined) return undefined;
	const at = indexOf(dimension).get(id);
	return at === undefined ? undefined : dimension.values[at];
}

/** Where the value with this id stands in the dimension's list (the order a breakdown keeps); -1 if absent. */
export function valuePosition(dimension: Valued, id: string | undefined): number {
	return id === undefined ? -1 : (indexOf(dimension).get(id) ?? -1);
}
