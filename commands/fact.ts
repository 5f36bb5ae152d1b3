import { questionCommand } from './question.js';

/** /fact: a figure or fact; a series, comparison, breakdown or ranking comes with its chart. */
export default questionCommand({
	name: 'fact',
	description: 'Look up a sourced figure or fact',
	queryDescription: 'What to look up, e.g. "tourists 2025"',
	chartAsked: false,
});
