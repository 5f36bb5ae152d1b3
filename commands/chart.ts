import { questionCommand } from './question.js';

/** /chart: the answer with its chart, or the answer and why there is nothing to chart. */
export default questionCommand({
	name: 'chart',
	description: 'Chart a series, comparison, breakdown or ranking, e.g. "russians to north korea by year"',
	queryDescription: 'What to chart, e.g. "purposes of russian trips in 2025"',
	chartAsked: true,
});
