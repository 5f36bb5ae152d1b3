import type { Dataset } from '../data/types.js';
import type { Answer } from '../engine/answer.js';
import { citationByline } from './format.js';
import { renderAnswer } from './renderAnswer.js';

const plain = (line: string) => line.replaceAll('**', '');

/** The answer as a person reads it in a terminal: headline, lines, notes, then numbered sources. */
export function presentText(answer: Answer, dataset: Dataset): string {
	const r = renderAnswer(answer, dataset);
	const out = [r.title, '', ...r.lines.map(plain)];
	if (r.notes.length > 0) out.push('', ...r.notes.map((n) => `Note: ${n}`));
	if (r.citations.length > 0) {
		out.push('', 'Sources:');
		r.citations.forEach((c, i) => {
			out.push(
				`[${i + 1}] ${c.source.outlet} — ${citationByline(c.source, ' — ')}`,
				`    ${c.row ? c.quote : `“${c.quote}”`}`,
			);
		});
	}
	return out
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trimEnd();
}
