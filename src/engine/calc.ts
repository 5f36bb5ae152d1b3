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
 * The calculator's own mathjs instance, created on first use (the ask command never needs it).
 * The functions mathjs's security page names are disabled inside expressions after the parser is
 * kept for our own use; the allow-list below refuses them anyway.
 */
function limitedMath() {
	const math = create(
		{
			absDependencies, addDependencies, bignumberDependencies, compileDependencies, divideDependencies, maxDependencies, minDependencies,
			modDependencies, multiplyDependencies, parseDependencies, powDependencies, roundDependencies, sqrtDependencies, subtractDependencies,
			unaryMinusDependencies, unaryPlusDependencies,
		} as Record<string, FactoryFunctionMap>,
		{ number: 'BigNumber', precision: 64 },
	);
	const parse = math.parse;
	const disabled = (name: string) => () => {
		throw new Error(`Function ${name} is disabled`);
	};
	math.import(
		Object.fromEntries(['import', 'createUnit', 'reviver', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'compile'].map((n) => [n, disabled(n)])),
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
	/** Names usable in expressions, one per figure, in dataset order. */
	readonly names: ReadonlyMap<string, Figure>;
	evaluate(expression: string): CalcResult;
	nameOf(figure: Figure): string;
}

/** A figure's name in expressions: its id with "-" as "_" (ru_nk_2025_total). */
export const calcName = (figure: Figure): string => figure.id.replaceAll('-', '_');

/**
 * Arithmetic over named figures and numbers. The expression is parsed, checked against an allow-list
 * of node types, operators and functions, bounded in size, depth and exponent, and only then
 * evaluated in BigNumber arithmetic with the figures as a Map scope.
 */
export function createCalculator(dataset: Dataset): Calculator {
	const { math, parse } = limitedMath();
	const names = new Map(dataset.figures.map((f) => [calcName(f), f]));

	function check(root: MathNode): { error: string } | { used: Figure[] } {
		const used: Figure[] = [];
		let count = 0;
		const visit = (node: MathNode, depth: number): string | null => {
			if (++count > MAX_NODES) return `The expression is too long (at most ${MAX_NODES} numbers, names and operators).`;
			if (depth > MAX_DEPTH) return `The expression is nested too deeply (at most ${MAX_DEPTH} levels).`;
			const n = node as MathNode & { type: string; fn?: unknown; name?: string; value?: unknown; args?: MathNode[]; content?: MathNode };
			switch (n.type) {
				case 'ConstantNode': {
					if (typeof n.value !== 'object' && typeof n.value !== 'number') return 'Only numbers may be written in an expression.';
					return null;
				}
				case 'SymbolNode': {
					const figure = names.get(String(n.name));
					if (!figure) return `"${String(n.name).slice(0, 40)}" is not a figure name. Type in the expression box to see the names.`;
					if (!used.includes(figure)) used.push(figure);
					return null;
				}
				case 'ParenthesisNode':
					return n.content ? visit(n.content, depth + 1) : null;
				case 'OperatorNode': {
					if (!OPERATORS.has(String(n.fn))) return `The operator "${String((n as { op?: string }).op ?? n.fn)}" is not allowed; use + − × ÷ ^ %.`;
					if (n.fn === 'pow') {
						const exponent = n.args?.[1] as (MathNode & { type: string; value?: unknown }) | undefined;
						const small = exponent?.type === 'ConstantNode' && Math.abs(Number(exponent.value)) <= MAX_EXPONENT;
						if (!small) return `Exponents must be numbers of at most ${MAX_EXPONENT}.`;
					}
					break;
				}
				case 'FunctionNode': {
					const fnNode = n.fn as (MathNode & { type: string; name?: string }) | undefined;
					if (fnNode?.type !== 'SymbolNode' || !FUNCTIONS.has(String(fnNode.name))) return `Only these functions are allowed: ${[...FUNCTIONS].join(', ')}.`;
					if ((n.args?.length ?? 0) === 0 || (n.args?.length ?? 0) > 10) return 'A function takes between one and ten arguments.';
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
		return error ? { error } : { used };
	}

	function evaluate(input: string): CalcResult {
		const expression = input.replaceAll('×', '*').replaceAll('÷', '/').replaceAll('−', '-').trim();
		const fail = (reason: string): CalcResult => ({ ok: false, expression: input.slice(0, MAX_EXPRESSION_CHARS), reason });
		if (expression === '') return fail('Type an expression, such as ru_nk_2025_total - ru_nk_2024_total.');
		if (input.length > MAX_EXPRESSION_CHARS) return fail(`An expression is at most ${MAX_EXPRESSION_CHARS} characters.`);
		if (/[^\w\s.+\-*/^%(),]/.test(expression)) return fail('Use only numbers, figure names, + − × ÷ ^ %, parentheses and commas.');
		let root: MathNode;
		try {
			root = parse(expression);
		} catch (error) {
			return fail(`That is not an expression I can read: ${(error as Error).message.slice(0, 120)}`);
		}
		const checked = check(root);
		if ('error' in checked) return fail(checked.error);
		let result: unknown;
		try {
			const scope = new Map<string, BigNumber>(checked.used.map((f) => [calcName(f), math.bignumber(f.value)]));
			result = root.compile().evaluate(scope);
		} catch (error) {
			return fail(`The expression could not be computed: ${(error as Error).message.slice(0, 120)}`);
		}
		const big = result as BigNumber;
		if (!math.isBigNumber(big) || !big.isFinite() || big.isNaN()) return fail('The result is not a finite number (a division by zero, or a square root of a negative?).');
		if (big.abs().gt(1e30)) return fail('The result is too large to show meaningfully.');
		const exact = checked.used.every((f) => boundOf(f.qualifier) === 'exact');
		// The expression as mathjs reads it, each figure name replaced by its value.
		const substituted = root.toString({
			handler: (node: MathNode & { type: string; name?: string }) => (node.type === 'SymbolNode' && names.has(String(node.name)) ? names.get(String(node.name))!.value : undefined),
		});
		return { ok: true, expression, value: big.toSignificantDigits(15).toFixed(), bound: exact ? 'exact' : 'approximately', figures: checked.used, substituted };
	}

	return { names, evaluate, nameOf: calcName };
}

