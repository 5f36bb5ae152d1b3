import {
	absDependencies,
	addDependencies,
	bignumberDependencies,
	compileDependencies,
	create,
	divideDependencies,
	maxDependencies,
	minDependencies,
	modDependencies,
	multiplyDependencies,
	parseDependencies,
	powDependencies,
	roundDependencies,
	sqrtDependencies,
	subtractDependencies,
	unaryMinusDependencies,
	unaryPlusDependencies,
	type BigNumber,
	type FactoryFunctionMap,
	type MathNode,
} from 'mathjs';
import type { Dataset, Figure } from '../data/types.js';
import type { Bound } from './answer.js';
import { boundOf } from './compute.js';

/** Longest expression /calc reads. */
export const MAX_EXPRESSION_CHARS = 200;
const MAX_NODES = 60;
const MAX_DEPTH = 12;
const MAX_EXPONENT = 1000;
/**
 * Every number an evaluation touches (written, a figure, or an intermediate result) must lie within
 * 1e-1000 … 1e1000 or be zero. decimal.js works in time proportional to its precision for + − × ÷
 * and ^, but `%` and rendering take time proportional to the spread of exponents: bounding them keeps
 * the worst expression within the length limit near 10 ms (see `npm run bench`).
 */
export const MAX_MAGNITUDE_EXPONENT = 1000;
/** Results shown in plain digits between 1e-7 and 1e21; scientific outside. */
const PLAIN_MIN_EXPONENT = -7;
const PLAIN_MAX_EXPONENT = 20;
const SIGNIFICANT_DIGITS = 15;
/** decimal.js working precision, in significant digits. */
const PRECISION = 64;
/** A number written with more digits than this would be rounded by the arithmetic: refused instead. */
const MAX_WRITTEN_DIGITS = 34;

/**
 * The calculator's own mathjs instance, created on first use (the ask command never needs it).
 * The functions mathjs's security page names are disabled inside expressions after the parser is
 * kept for our own use; the allow-list below refuses them anyway.
 */
function limitedMath() {
	const math = create(
		{
			absDependencies,
			addDependencies,
			bignumberDependencies,
			compileDependencies,
			divideDependencies,
			maxDependencies,
			minDependencies,
			modDependencies,
			multiplyDependencies,
			parseDependencies,
			powDependencies,
			roundDependencies,
			sqrtDependencies,
			subtractDependencies,
			unaryMinusDependencies,
			unaryPlusDependencies,
		} as Record<string, FactoryFunctionMap>,
		{ number: 'BigNumber', precision: PRECISION },
	);
	const parse = math.parse;
	const disabled = (name: string) => () => {
		throw new Error(`Function ${name} is disabled`);
	};
	math.import(
		Object.fromEntries(
			[
				'import',
				'createUnit',
				'reviver',
				'evaluate',
				'parse',
				'simplify',
				'derivative',
				'resolve',
				'compile',
			].map((n) => [n, disabled(n)]),
		),
		{ override: true },
	);
	return { math, parse };
}

const OPERATORS = new Set(['add', 'subtract', 'multiply', 'divide', 'pow', 'mod', 'unaryMinus', 'unaryPlus']);
const FUNCTIONS = new Set(['round', 'abs', 'min', 'max', 'sqrt']);

export type CalcResult =
	| { ok: true; expression: string; value: string; bound: Bound; figures: Figure[]; substituted: string }
	| { ok: false; expression: string; reason: string };

export interface Calculator {
	/** Names usable in expressions, in dataset order; a figure may have two (plain and qualified). */
	readonly names: ReadonlyMap<string, Figure>;
	evaluate(expression: string): CalcResult;
	/** The name a figure is shown with: the shortest that names only it. */
	nameOf(figure: Figure): string;
	/** Up to `limit` names starting with `prefix`, in name order (autocomplete). */
	namesStartingWith(prefix: string, limit: number): string[];
}

/** A reason to refuse an expression found while computing it (a division by zero, a number out of range). */
class CalcRefusal extends Error {
	override name = 'CalcRefusal';
}

/** Zero, or a finite number whose magnitude lies within 1e±MAX_MAGNITUDE_EXPONENT; else a refusal. */
function bounded(value: BigNumber): BigNumber {
	if (value.isNaN() || !value.isFinite())
		throw new CalcRefusal(
			'The result is not a finite number (a division by zero, or a square root of a negative?).',
		);
	if (!value.isZero() && Math.abs(value.e) > MAX_MAGNITUDE_EXPONENT) {
		throw new CalcRefusal(
			`A number in this calculation is ${value.e > 0 ? 'larger' : 'smaller'} than /calc works with (between 1e-${MAX_MAGNITUDE_EXPONENT} and 1e${MAX_MAGNITUDE_EXPONENT}, or 0).`,
		);
	}
	return value;
}

/**
 * The result to 15 significant digits: plain digits between 1e-7 and 1e21, scientific notation
 * ("1.5e+25", "3e-12") outside, so no result renders as thousands of zeros.
 */
export function renderResult(value: BigNumber): string {
	const rounded = value.toSignificantDigits(SIGNIFICANT_DIGITS);
	if (rounded.isZero() || (rounded.e >= PLAIN_MIN_EXPONENT && rounded.e <= PLAIN_MAX_EXPONENT))
		return rounded.toFixed();
	return rounded.toExponential();
}

/** A figure's name in expressions: its id with "-" as "_" (ru_nk_2025_total). */
export const calcName = (figure: Figure): string => figure.id.replaceAll('-', '_');

/**
 * Arithmetic over named figures and numbers. The expression is parsed, checked against an allow-list
 * of node types, operators and functions, bounded in size, depth and exponent, and only then
 * evaluated in BigNumber arithmetic with the figures as a Map scope.
 */
export function createCalculator(dataset: Dataset): Calculator {
	return createNamedCalculator(new Map(dataset.figures.map((f) => [calcName(f), f])), calcName);
}

/** A calculator over any named figures (a library names figures of several datasets). */
export function createNamedCalculator(
	names: ReadonlyMap<string, Figure>,
	nameOf: (figure: Figure) => string,
): Calculator {
	const { math, parse } = limitedMath();
	let sorted: string[] | null = null;
	function namesStartingWith(prefix: string, limit: number): string[] {
		sorted ??= [...names.keys()].sort();
		let [low, high] = [0, sorted.length];
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (sorted[mid]! < prefix) low = mid + 1;
			else high = mid;
		}
		const found: string[] = [];
		for (let i = low; i < sorted.length && found.length < limit && sorted[i]!.startsWith(prefix); i++)
			found.push(sorted[i]!);
		return found;
	}

	function check(root: MathNode): { error: string } | { used: Figure[]; usedNames: [string, Figure][] } {
		const used: Figure[] = [];
		const usedNames: [string, Figure][] = [];
		let count = 0;
		const visit = (node: MathNode, depth: number): string | null => {
			if (++count > MAX_NODES)
				return `The expression is too long (at most ${MAX_NODES} numbers, names and operators).`;
			if (depth > MAX_DEPTH) return `The expression is nested too deeply (at most ${MAX_DEPTH} levels).`;
			const n = node as MathNode & {
				type: string;
				fn?: unknown;
				name?: string;
				value?: unknown;
				args?: MathNode[];
				content?: MathNode;
			};
			switch (n.type) {
				case 'ConstantNode': {
					if (typeof n.value !== 'object' && typeof n.value !== 'number')
						return 'Only numbers may be written in an expression.';
					return null;
				}
				case 'SymbolNode': {
					const figure = names.get(String(n.name));
					if (!figure)
						return `"${String(n.name).slice(0, 40)}" is not a figure name. Type in the expression box to see the names.`;
					if (!used.includes(figure)) used.push(figure);
					if (!usedNames.some(([name]) => name === n.name)) usedNames.push([String(n.name), figure]);
					return null;
				}
				case 'ParenthesisNode':
					return n.content ? visit(n.content, depth + 1) : null;
				case 'OperatorNode': {
					if (!OPERATORS.has(String(n.fn)))
						return `The operator "${String((n as { op?: string }).op ?? n.fn)}" is not allowed; use + − × ÷ ^ %.`;
					if (n.fn === 'pow') {
						const exponent = n.args?.[1] as (MathNode & { type: string; value?: unknown }) | undefined;
						const small =
							exponent?.type === 'ConstantNode' && Math.abs(Number(exponent.value)) <= MAX_EXPONENT;
						if (!small) return `Exponents must be numbers of at most ${MAX_EXPONENT}.`;
					}
					break;
				}
				case 'FunctionNode': {
					const fnNode = n.fn as (MathNode & { type: string; name?: string }) | undefined;
					if (fnNode?.type !== 'SymbolNode' || !FUNCTIONS.has(String(fnNode.name)))
						return `Only these functions are allowed: ${[...FUNCTIONS].join(', ')}.`;
					if ((n.args?.length ?? 0) === 0 || (n.args?.length ?? 0) > 10)
						return 'A function takes between one and ten arguments.';
					break;
				}
				default:
					return `That kind of expression is not allowed here (${n.type.replace(/Node$/, '').toLowerCase()}); use numbers, figure names, + − × ÷ ^ %, parentheses and ${[...FUNCTIONS].join(', ')}.`;
			}
			for (const child of n.args ?? []) {
				const error = visit(child, depth + 1);
				if (error) return error;
			}
			return null;
		};
		const error = visit(root, 0);
		return error ? { error } : { used, usedNames };
	}

	type Operation = (...args: BigNumber[]) => unknown;
	const operations: ReadonlyMap<string, Operation> = new Map(
		Object.entries({
			add: math.add as Operation,
			subtract: math.subtract as Operation,
			multiply: math.multiply as Operation,
			divide: (a, b) => {
				if (b!.isZero()) throw new CalcRefusal('Division by zero.');
				return math.divide(a!, b!);
			},
			mod: (a, b) => {
				if (b!.isZero()) throw new CalcRefusal('The remainder of a division by zero (x % 0) is not defined.');
				// The quotient must fit the working precision, or the remainder would be silently wrong.
				if (!a!.isZero() && a!.e - b!.e >= PRECISION - 4)
					throw new CalcRefusal(`x % y needs x to be less than 1e${PRECISION - 4} times y to be exact.`);
				return math.mod(a!, b!);
			},
			pow: math.pow as Operation,
			unaryMinus: math.unaryMinus as Operation,
			unaryPlus: math.unaryPlus as Operation,
			round: (x, places) => {
				if (places !== undefined && (!places.isInteger() || places.lt(0) || places.gt(15)))
					throw new CalcRefusal('round(x, n) takes n from 0 to 15.');
				return places === undefined ? math.round(x!) : math.round(x!, places);
			},
			abs: math.abs as Operation,
			min: math.min as Operation,
			max: math.max as Operation,
			sqrt: (x) => {
				if (x!.isNegative())
					throw new CalcRefusal('The square root of a negative number is not a real number.');
				return math.sqrt(x!);
			},
		}),
	);

	/**
	 * Walks the already allow-listed tree and computes it one node at a time, so every number met on
	 * the way (not only the result) is checked against the magnitude bounds before it is used again.
	 */
	function evaluateBounded(root: MathNode, scope: ReadonlyMap<string, BigNumber>): BigNumber {
		const visit = (node: MathNode): BigNumber => {
			const n = node as MathNode & {
				type: string;
				fn?: unknown;
				name?: string;
				value?: unknown;
				args?: MathNode[];
				content?: MathNode;
			};
			switch (n.type) {
				case 'ConstantNode': {
					const value = math.bignumber(n.value as BigNumber);
					if (value.sd() > MAX_WRITTEN_DIGITS)
						throw new CalcRefusal(`Numbers may have at most ${MAX_WRITTEN_DIGITS} significant digits.`);
					return bounded(value);
				}
				case 'SymbolNode':
					return bounded(scope.get(String(n.name)) as BigNumber);
				case 'ParenthesisNode':
					return visit(n.content as MathNode);
				case 'OperatorNode':
				case 'FunctionNode': {
					const name = n.type === 'OperatorNode' ? String(n.fn) : String((n.fn as { name?: string }).name);
					const operation = operations.get(name);
					if (!operation) throw new CalcRefusal(`"${name}" is not allowed.`);
					const result = operation(...(n.args ?? []).map(visit));
					if (!math.isBigNumber(result)) throw new CalcRefusal('The result is not a real number.');
					return bounded(result);
				}
				default:
					throw new CalcRefusal('That kind of expression is not allowed here.');
			}
		};
		return visit(root);
	}

	function evaluate(input: string): CalcResult {
		const expression = input.replaceAll('×', '*').replaceAll('÷', '/').replaceAll('−', '-').trim();
		const fail = (reason: string): CalcResult => ({
			ok: false,
			expression: input.slice(0, MAX_EXPRESSION_CHARS),
			reason,
		});
		if (expression === '') return fail('Type an expression, such as ru_nk_2025_total - ru_nk_2024_total.');
		if (input.length > MAX_EXPRESSION_CHARS)
			return fail(`An expression is at most ${MAX_EXPRESSION_CHARS} characters.`);
		if (/[^\w\s.+\-*/^%(),]/.test(expression))
			return fail('Use only numbers, figure names, + − × ÷ ^ %, parentheses and commas.');
		let root: MathNode;
		try {
			root = parse(expression);
		} catch (error) {
			return fail(`That is not an expression I can read: ${(error as Error).message.slice(0, 120)}`);
		}
		const checked = check(root);
		if ('error' in checked) return fail(checked.error);
		let big: BigNumber;
		try {
			const scope = new Map<string, BigNumber>(
				checked.usedNames.map(([name, f]) => [name, math.bignumber(f.value)]),
			);
			big = evaluateBounded(root, scope);
		} catch (error) {
			if (error instanceof CalcRefusal) return fail(error.message);
			return fail(`The expression could not be computed: ${(error as Error).message.slice(0, 120)}`);
		}
		const exact = checked.used.every((f) => boundOf(f.qualifier) === 'exact');
		// The expression as mathjs reads it, each figure name replaced by its value.
		const substituted = root.toString({
			handler: (node: MathNode & { type: string; name?: string }) =>
				node.type === 'SymbolNode' && names.has(String(node.name))
					? names.get(String(node.name))!.value
					: undefined,
		});
		return {
			ok: true,
			expression,
			value: renderResult(big),
			bound: exact ? 'exact' : 'approximately',
			figures: checked.used,
			substituted,
		};
	}

	return { names, evaluate, nameOf, namesStartingWith };
}
