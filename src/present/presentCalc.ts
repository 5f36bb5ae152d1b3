import type { APIEmbed } from 'discord-api-types/v10';
import type { Figure } from '../data/types.js';
import type { CalcResult } from '../engine/calc.js';
import { formatFigureValue, groupThousands } from './format.js';
import { EMBED_LIMITS, truncate } from './limits.js';
import { citationFields, fitTotal } from './presentEmbed.js';
import { Citations } from './renderAnswer.js';

/** "1234.5" → "1,234.5"; scientific results as "1.5 × 10^25" rather than e-notation. */
export function formatCalcValue(value: string): string {
	const [mantissa = '', exponent] = value.split('e');
	return exponent === undefined ? groupThousands(mantissa) : `${groupThousands(mantissa)} × 10^${Number(exponent)}`;
}

/** A /calc result: the result, the expression with each figure's value, and each figure's source. */
export function presentCalc(
	result: CalcResult,
	names: { label(figure: Figure): string; name(figure: Figure): string },
): APIEmbed {
	if (!result.ok) {
		return {
			title: 'Cannot calculate that',
			description: truncate(
				`\`${result.expression.replaceAll('`', "'")}\`\n\n${result.reason}`,
				EMBED_LIMITS.description,
			),
			color: 0x757575,
		};
	}
	const citations = new Citations();
	const lines = [
		`**${result.bound === 'exact' ? '' : 'about '}${formatCalcValue(result.value)}**`,
		`= \`${result.expression}\``,
		...(result.figures.length > 0 ? [`= \`${result.substituted}\``, ''] : []),
		...result.figures.map(
			(f) => `\`${names.name(f)}\` — ${names.label(f)}: ${formatFigureValue(f)} ${citations.figure(f)}`,
		),
	];
	if (result.bound !== 'exact')
		lines.push('', '-# An input is qualified (about, over or estimated), so the result is approximate.');
	return fitTotal({
		title: 'Calculation',
		description: truncate(lines.join('\n'), EMBED_LIMITS.description),
		color: 0x2e7d32,
		fields: citationFields(citations.list, EMBED_LIMITS.fields),
		footer: {
			text: 'Exact decimal arithmetic; shown to 15 significant digits (scientific notation below 1e-7 and from 1e21)',
		},
	});
}
