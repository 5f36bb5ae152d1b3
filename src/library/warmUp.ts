import { checkMessage } from './checkClaims.js';
import type { Library } from './createLibrary.js';

/**
 * Builds every index the library builds on first use and runs each answering path once (a first
 * question costs ~50× a later one), so that the first keystroke, question, /calc or check after a
 * load never waits for them. The data worker runs this before it reports ready.
 */
export function warmUp(library: Library): void {
	const now = new Date();
	for (const dataset of library.datasets) {
		const figure = dataset.figures[0];
		// A question naming one figure exactly, as a user would write it: parsed, routed, answered.
		const words = figure ? library.labelOf(figure).replace(/[→,]/g, ' ') : dataset.title;
		library.suggest(words.slice(0, 3), { limit: 25 });
		library.suggest(words, { limit: 25 });
		library.ask(words, now);
		// A misspelling takes the spelling-correction path; an unknown word the "not found" one.
		library.ask(`${words.replace(/[aeiou]/, '')} totl`, now);
		library.ask('qqxz', now);
		// A claim about the figure, and one with a number traced back to its figures.
		if (figure) {
			checkMessage(library, `${figure.value} ${words} qqxz`, now);
			library.ask(`where does ${figure.value} come from`, now);
		}
	}
	// The calculator's names, and its sorted list for autocomplete (at 1M figures: seconds).
	const { calculator } = library;
	calculator.namesStartingWith('', 1);
	const first = library.datasets.find((d) => d.figures.length > 0)?.figures[0];
	if (first) calculator.evaluate(`${calculator.nameOf(first)} * 2`);
}
