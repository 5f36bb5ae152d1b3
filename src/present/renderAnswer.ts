import type { Dataset, Figure, Source, Statement, TableRow } from '../data/types.js';
import { dimensionValue } from '../data/dimensionValues.js';
import type { Answer, Citation, FigureGroup } from '../engine/answer.js';
import { figureLabel, sliceLabel } from '../engine/labels.js';
import { periodLabel } from '../engine/periods.js';
import {
	formatDifference,
	formatFigureValue,
	formatFigureWithUnit,
	formatPercent,
	formatRatio,
	formatScaled,
	groupThousands,
	formatComputed,
	formatDate,
} from './format.js';

/** An answer laid out once, for every medium: the terminal, Discord embeds, JSON lines. */
export interface RenderedAnswer {
	status: Answer['status'];
	title: string;
	lines: string[];
	notes: string[];
	/** Numbered as the lines cite them: [1] is citations[0]. */
	citations: Citation[];
	/** Readings or suggestions the user can pick, in order. */
	choices: { label: string; query: string }[];
}

/** Numbers citations in the order they are first used: [1], [2] … */
export class Citations {
	readonly list: Citation[] = [];
	cite(source: Source, quote: string, row: TableRow | null = null): string {
		let index = this.list.findIndex((c) => c.source === source && c.quote === quote);
		if (index < 0) index = this.list.push({ source, quote, row }) - 1;
		return `[${index + 1}]`;
	}
	figure = (f: Figure) => this.cite(f.source, f.quote, f.row);
	statement = (s: Statement) => this.cite(s.source, s.quote);
}

export function renderAnswer(answer: Answer, dataset: Dataset): RenderedAnswer {
	const citations = new Citations();
	const lines: string[] = [];
	const notes = [...answer.notes];
	let title: string;
	const label = (f: Figure) => figureLabel(dataset, f);

	const othersLines = (group: FigureGroup) =>
		group.others.map(({ figure, gap, change, note }) => {
			const vs = `${formatDifference(gap, figure.display === group.primary.display ? figure.display : null)}${change ? `, ${formatPercent(change, true)}` : ''} vs ${formatFigureValue(group.primary)}`;
			const what = label(figure) === label(group.primary) ? '' : ` for ${label(figure)}`;
			return `  ↳ ${figure.source.originator} gives ${formatFigureValue(figure)}${what} (${vs}) ${citations.figure(figure)}${note ? ` — ${note}` : ''}`;
		});
	const figureLine = (group: FigureGroup, prefix = '') => {
		const f = group.primary;
		return [
			`${prefix}${label(f)}: **${formatFigureWithUnit(f)}** ${citations.figure(f)}${f.note ? ` — ${f.note}` : ''}`,
			...othersLines(group),
		];
	};

	switch (answer.status) {
		case 'not_found':
			title = 'Not in the data';
			lines.push(answer.reason ?? 'The data does not answer this.');
			if (answer.suggestions.length > 0)
				lines.push('', 'What the data does have:', ...answer.suggestions.map((s) => `• ${s.label}`));
			break;
		case 'ambiguous':
			title = 'Which one do you mean?';
			lines.push(
				answer.reason ?? 'The question can be read in more than one way.',
				'',
				...answer.candidates.map((c, i) => `${i + 1}. ${c.label}`),
			);
			break;
		case 'answered': {
			const body = answer.body;
			if (!body) {
				title = 'No answer';
				break;
			}
			switch (body.kind) {
				case 'figures': {
					const [first] = body.groups;
					title =
						body.groups.length === 1 && first
							? label(first.primary)
							: first
								? sliceLabel(dataset, first.primary.dims, first.primary.metric)
								: dataset.title;
					for (const group of body.groups) lines.push(...figureLine(group));
					if (body.groups.some((g) => g.others.length > 0))
						notes.push(
							'Sources differ: each figure above is shown with the others for the same thing and the gap between them.',
						);
					break;
				}
				case 'comparison': {
					const { a, b, difference, percentChange, ratio, basis } = body.comparison;
					title =
						basis === 'period'
							? `${sliceLabel(dataset, a.primary.dims, a.primary.metric)}: ${periodLabel(b.primary.period)} → ${periodLabel(a.primary.period)}`
							: `${label(a.primary)} vs ${label(b.primary)}`;
					lines.push(...figureLine(a), ...figureLine(b), '');
					const scale = a.primary.display === b.primary.display ? a.primary.display : null;
					lines.push(
						`Difference: **${formatDifference(difference, scale)}** (${formatScaled(a.primary.value, scale)} − ${formatScaled(b.primary.value, scale)})`,
					);
					if (percentChange)
						lines.push(
							`${basis === 'period' ? 'Change' : 'Relative difference'}: **${formatPercent(percentChange, true)}** ((${formatScaled(a.primary.value, scale)} − ${formatScaled(b.primary.value, scale)}) ÷ ${formatScaled(b.primary.value, scale)})`,
						);
					if (ratio)
						lines.push(
							`Ratio: **${formatRatio(ratio)} times** (${formatScaled(a.primary.value, scale)} ÷ ${formatScaled(b.primary.value, scale)})`,
						);
					break;
				}
				case 'share': {
					const { part, total, percent } = body.share;
					title = `Share: ${label(part.primary)}`;
					lines.push(...figureLine(part, 'Part — '), ...figureLine(total, 'Total — '), '');
					lines.push(
						`Share: **${formatPercent(percent, false)}** (${groupThousands(part.primary.value)} ÷ ${groupThousands(total.primary.value)})`,
					);
					break;
				}
				case 'breakdown': {
					const { dimension, total, parts, check } = body.breakdown;
					const reference = total?.primary ?? parts[0]?.group.primary;
					title = `${reference ? sliceLabel(dataset, total?.primary.dims ?? {}) : dataset.title} by ${dimension.label.toLowerCase()}${reference ? `, ${periodLabel(reference.period)}` : ''}`;
					if (total) lines.push(...figureLine(total, 'Total — '));
					for (const { group, percentOfTotal } of parts) {
						const value = group.primary.dims[dimension.id];
						const name = dimensionValue(dimension, value)?.label ?? value;
						lines.push(
							`• ${name}: **${formatFigureValue(group.primary)}**${percentOfTotal ? ` (${formatPercent(percentOfTotal, false)} of total)` : ''} ${citations.figure(group.primary)}`,
							...othersLines(group),
						);
					}
					if (check && check.gap !== '0') {
						const gap = check.gap.startsWith('-')
							? `${groupThousands(check.gap.slice(1))} more than`
							: `${groupThousands(check.gap)} short of`;
						notes.push(
							`The parts add up to ${groupThousands(check.partsSum)}, ${gap} the total of ${groupThousands(check.total.value)}; the source does not explain the gap.`,
						);
					} else if (check) {
						notes.push(`The parts add up exactly to the total of ${groupThousands(check.total.value)}.`);
					}
					break;
				}
				case 'ranking': {
					const { dimension, direction, items, of } = body.ranking;
					const first = items[0]?.group.primary;
					const what = dimension.label.toLowerCase();
					title = `${dimension.label} by ${first?.metric.label ?? 'value'}, ${direction} first${first ? `, ${periodLabel(first.period)}` : ''}`;
					for (const { group, rank } of items) {
						const value = group.primary.dims[dimension.id];
						const name = dimensionValue(dimension, value)?.label ?? value;
						lines.push(
							`${rank}. ${name}: **${formatFigureWithUnit(group.primary)}** ${citations.figure(group.primary)}`,
							...othersLines(group),
						);
					}
					if (items.length < of)
						notes.push(`The ${items.length} ${direction} of ${of} ${what} values with figures.`);
					break;
				}
				case 'sum': {
					const { parts, total } = body.sum;
					const first = parts[0]!.primary;
					title = `${sliceLabel(dataset, first.dims, first.metric)}: ${parts.map((g) => periodLabel(g.primary.period)).join(' + ')}`;
					for (const group of parts) lines.push(...figureLine(group));
					lines.push(
						'',
						`Total: **${formatComputed(total)} ${first.metric.label}** (${parts.map((g) => groupThousands(g.primary.value)).join(' + ')})`,
					);
					break;
				}
				case 'statements': {
					title =
						body.statements.length === 1 && body.statements[0]
							? body.statements[0].subject
							: 'What the sources say';
					for (const s of body.statements) lines.push(`• ${s.subject} ${citations.statement(s)}`);
					break;
				}
				case 'source': {
					const { source, figures, statements } = body;
					title = `${source.originator} (${source.outlet})`;
					// Who, which outlet, when, under what terms: the answer to a question about the source.
					lines.push(
						`Said by: ${source.originator}`,
						`Published by: ${source.outlet}${source.outletNote ? ` (${source.outletNote})` : ''}`,
						`Published: ${formatDate(source.published)}`,
						...(source.title ? [`Title: ${source.title}`] : []),
						...(source.licence ? [`Licence: ${source.licence}`] : []),
						...(source.url ? [`Address: ${source.url}`] : []),
						'',
					);
					for (const f of figures)
						lines.push(`• ${label(f)}: **${formatFigureWithUnit(f)}** ${citations.figure(f)}`);
					for (const s of statements) lines.push(`• ${s.subject} ${citations.statement(s)}`);
					break;
				}
				case 'overview': {
					title = dataset.title;
					lines.push(dataset.description, '', `Periods covered: ${body.periods.join(', ')}.`, '', 'Sources:');
					for (const s of body.sources)
						lines.push(`• ${s.originator} — ${s.outlet} (ask "what did ${s.aliases[0] ?? s.id} say")`);
					lines.push(
						'',
						'Ask for a figure ("tourists 2025"), a comparison ("compare 2024 and 2025"), a share ("share of rail arrivals") or a breakdown ("visitors by mode of transport").',
					);
					break;
				}
			}
		}
	}
	const choices = answer.status === 'ambiguous' ? answer.candidates : answer.suggestions;
	return { status: answer.status, title, lines, notes, citations: citations.list, choices };
}
