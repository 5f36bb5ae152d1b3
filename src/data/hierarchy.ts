import { dimensionValue } from './dimensionValues.js';
import type { Dimension } from './types.js';

/**
 * Values of a dimension that name a parent ("Algeria" in "Africa"): each value's children and depth,
 * built once per dimension after loading (a dimension's values do not change once loaded).
 */
interface Tree {
	children: Map<string, string[]>;
	depth: Map<string, number>;
}
const trees = new WeakMap<Dimension, Tree>();

function treeOf(dimension: Dimension): Tree {
	let tree = trees.get(dimension);
	if (tree) return tree;
	tree = { children: new Map(), depth: new Map() };
	for (const value of dimension.values) {
		if (!value.parent) continue;
		const siblings = tree.children.get(value.parent);
		if (siblings) siblings.push(value.id);
		else tree.children.set(value.parent, [value.id]);
	}
	const depth = (id: string, seen: Set<string>): number => {
		const known = tree!.depth.get(id);
		if (known !== undefined) return known;
		const parent = dimensionValue(dimension, id)?.parent;
		// A cycle is refused when the data loads; here it only must not loop.
		const d = parent && !seen.has(parent) ? depth(parent, seen.add(id)) + 1 : 0;
		tree!.depth.set(id, d);
		return d;
	};
	for (const value of dimension.values) depth(value.id, new Set());
	trees.set(dimension, tree);
	return tree;
}

/** Whether any value of the dimension names a parent. */
export const hasHierarchy = (dimension: Dimension): boolean => treeOf(dimension).children.size > 0;

/** The values whose parent is this one, in the dimension's order. */
export const childrenOf = (dimension: Dimension, id: string): readonly string[] => treeOf(dimension).children.get(id) ?? [];

/** How many parents up a value's line goes: 0 for a value with none. */
export const depthOf = (dimension: Dimension, id: string): number => treeOf(dimension).depth.get(id) ?? 0;

/** The parent a value names, or null. */
export const parentOf = (dimension: Dimension, id: string): string | null => dimensionValue(dimension, id)?.parent ?? null;
