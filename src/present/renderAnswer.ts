import type { Dataset, Figure, Source, Statement, TableRow } from '../data/types.js';
import { dimensionValue } from '../data/dimensionValues.js';
import { dimsKey } from '../data/integrity.js';
import { comparePeriods } from '../data/period.js';
import type { Answer, Citation, FigureGroup } from '../engine/answer.js';
import { capitalize, figureLabel, rowName, sliceLabel } from '../engine/labels.js';
import { periodLabel } from '../question/periods.js';
import { plural } from '../model/plural.js';
import { readAs } from './readAs.js';
import {
	formatDifference,
	formatFigureValue,
	formatFigureWithUnit,
	revisionNote,
	formatPercent,
	formatRatio,
	formatScaled,
	groupThousands,
	formatComputed,
	formatDate,
	formatExact,
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
	/** Each source's quotes already cited, with their number: a 100,000-row answer is not a scan per row. */
	private readonly numbers = new Map<Source, Map<string, number>>();
	cite(source: Source, quote: string, row: TableRow | null = null): string {
		let bySource = this.numbers.get(source);
		if (!bySource) this.numbers.set(source, (bySource = new Map()));
		let index = bySource.get(quote);
		if (index === undefined) {
			index = this.list.push({ source, quote, row }) - 1;
			bySource.set(quote, index);
		}
		return `[${index + 1}]`;
	}
	figure = (f: Figure) => this.cite(f.source, f.quote, f.row);
	statement = (s: Statement) => this.cite(s.source, s.quote);
}

/** The most figures an answer lists one by one; past this it is summarised. */
const MAX_LISTED = 25;

/**
 * A long answer of figures, summarised: a series (one thing over many periods) by its first, last,
 * lowest and highest figures and the span it covers; anything else by its first figures and how
 * many more there are. Every figure shown is cited as always.
 */
function summarise(groups: readonly FigureGroup[]): { line: string; shown: [string, FigureGroup][] } {
	const lead = groups[0]!.primary;
	const series = groups.every((g) => g.primary.metric === lead.metric && dimsKey(g.primary) === dimsKey(lead));
	const count = groupThousands(String(groups.length));
	if (!series)
		return {
			line: `${count} figures answer this; the first ${MAX_LISTED} are shown. Ask more narrowly (a period, a place) for the others.`,
			shown: groups.slice(0, MAX_LISTED).map((g) => ['', g]),
		};
	let [first, last, lowest, highest] = [groups[0]!, groups[0]!, groups[0]!, groups[0]!];
	for (const g of groups) {
		if (comparePeriods(g.primary.period, first.primary.period) < 0) first = g;
		if (comparePeriods(g.primary.period, last.primary.period) > 0) last = g;
		// Of equal values, the earliest (as the chart's description names it).
		const [value, earlier] = [
			Number(g.primary.value),
			(o: FigureGroup) => comparePeriods(g.primary.period, o.primary.period) < 0,
		];
		const [low, high] = [Number(lowest.primary.value), Number(highest.primary.value)];
		if (value < low || (value === low && earlier(lowest))) lowest = g;
		if (value > high || (value === high && earlier(highest))) highest = g;
	}
	// A lowest or highest value that other periods share says how many (the one shown is the first met).
	const sharing = (g: FigureGroup, role: string) => {
		const others = groups.filter((o) => o !== g && Number(o.primary.value) === Number(g.primary.value)).length;
		return others > 0
			? `${role} (also ${groupThousands(String(others))} other period${others === 1 ? '' : 's'})`
			: role;
	};
	const roles = new Map<FigureGroup, string[]>();
	for (const [role, g] of [
		['First', first],
		['Last', last],
		[sharing(lowest, 'Lowest'), lowest],
		[sharing(highest, 'Highest'), highest],
	] as const)
		roles.set(g, [...(roles.get(g) ?? []), role]);
	return {
		line: `${count} figures, from ${periodLabel(first.primary.period)} to ${periodLabel(last.primary.period)}: shown are the first, the last, the lowest and the highest. Ask for a period to see its figure.`,
		shown: [...roles].map(([g, r]) => [r.join(', '), g]),
	};
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
			`${prefix}${label(f)}: **${formatFigureWithUnit(f)}**${revisionNote(f)} ${citations.figure(f)}${f.note ? ` — ${f.note}` : ''}`,
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
					const summary = body.groups.length > MAX_LISTED ? summarise(body.groups) : null;
					if (summary) {
						lines.push(summary.line);
						for (const [role, group] of summary.shown)
							lines.push(...figureLine(group, role ? `${role}: ` : ''));
					} else for (const group of body.groups) lines.push(...figureLine(group));
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
					const { dimension, total, parts, of, check } = body.breakdown;
					const reference = total?.primary ?? parts[0]?.group.primary;
					title = `${reference ? sliceLabel(dataset, total?.primary.dims ?? {}, reference.metric) : dataset.title} by ${dimension.label.toLowerCase()}${reference ? `, ${periodLabel(reference.period)}` : ''}`;
					if (total) lines.push(...figureLine(total, 'Total — '));
					// A breakdown into more parts than a reply can show lists the first ones and says so.
					if (of > parts.length)
						lines.push(
							`${groupThousands(String(of))} ${dimension.label.toLowerCase()} values; the first ${parts.length} are shown. Ask for one by name, or for the largest ("which … the most").`,
						);
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
					const { dimension, direction, items, of, labels = [] } = body.ranking;
					const first = items[0]?.group.primary;
					const what = dimension.label.toLowerCase();
					title = `${dimension.label} by ${first?.metric.label ?? 'value'}, ${direction} first${first ? `, ${periodLabel(first.period)}` : ''}`;
					for (const { group, rank } of items) {
						const value = group.primary.dims[dimension.id];
						// Named as the question names rows ("which winner"): with those columns' values.
						// Asked for by a column ("which film"): named by it first, then by the row.
						const own = labels.flatMap((a) => {
							const written = group.primary.attrs[a.id];
							if (written === undefined) return [];
							return [a.type === 'text' ? (dimensionValue(a, written)?.label ?? written) : written];
						});
						const name = [...own, dimensionValue(dimension, value)?.label ?? value].join(', ');
						lines.push(
							`${rank}. ${name}: **${formatFigureWithUnit(group.primary)}** ${citations.figure(group.primary)}`,
							...othersLines(group),
						);
					}
					if (items.length < of)
						notes.push(`The ${items.length} ${direction} of ${of} ${what} values with figures.`);
					break;
				}
				case 'changes': {
					const { dimension, from, to, by, order, items, of } = body.changes;
					const first = items[0]?.a.primary;
					const measure = first?.metric.label ?? 'value';
					const span = `${periodLabel(from)} → ${periodLabel(to)}`;
					title = `${dimension.label} by ${by === 'percent' ? '% change' : 'change'} in ${measure}, ${span}, ${order === 'largest' ? 'highest' : 'lowest'} first`;
					for (const { rank, a, b, difference, percentChange } of items) {
						const value = a.primary.dims[dimension.id]!;
						const scale = a.primary.display === b.primary.display ? a.primary.display : null;
						const change = `${formatDifference(difference, scale)}${percentChange ? `, ${formatPercent(percentChange, true)}` : ''}`;
						lines.push(
							`${rank}. ${dimensionValue(dimension, value)?.label ?? value}: **${by === 'percent' && percentChange ? `${formatPercent(percentChange, true)}, ${formatDifference(difference, scale)}` : change}** (${formatFigureWithUnit(b.primary)} ${citations.figure(b.primary)} → ${formatFigureWithUnit(a.primary)} ${citations.figure(a.primary)})`,
						);
					}
					if (items.length < of)
						notes.push(
							`The ${items.length} ${order === 'largest' ? 'highest' : 'lowest'} of ${of} ${dimension.label.toLowerCase()} values with figures for both periods.`,
						);
					break;
				}
				case 'totals': {
					const { dimension, operation, direction, from, to, items, of } = body.totals;
					const first = items[0]?.shown[0];
					const measure = first?.metric.label ?? 'value';
					const span = from.key === to.key ? periodLabel(from) : `${periodLabel(from)}–${periodLabel(to)}`;
					title = `${dimension.label} by ${operation === 'sum' ? 'total' : 'average'} ${measure}, ${span}, ${direction} first`;
					let rounded = false;
					for (const { rank, value, result, shown, of: periods } of items) {
						const name = dimensionValue(dimension, value)?.label ?? value;
						const exact = formatExact(result, 4);
						rounded ||= exact.rounded;
						const rows = shown
							.map((f) => `${periodLabel(f.period)} ${formatFigureValue(f)} ${citations.figure(f)}`)
							.join(', ');
						lines.push(
							`${rank}. ${name}: **${exact.text} ${first?.metric.unit ?? ''}** — the ${operation === 'sum' ? 'sum' : 'mean'} of ${periods} period${periods === 1 ? '' : 's'}: ${rows}${periods > shown.length ? `, and ${periods - shown.length} more` : ''}`,
						);
					}
					if (rounded) notes.push('Values with more than 4 decimal places are shown rounded to 4.');
					if (items.length < of)
						notes.push(
							`The ${items.length} ${direction} of ${of} ${dimension.label.toLowerCase()} values.`,
						);
					break;
				}
				case 'sum': {
					const { parts, total } = body.sum;
					const first = parts[0]!.primary;
					// Periods of one thing added up ("2024 + 2025"), or separate parts of one row ("gold + silver").
					const ofMeasures = parts.some((g) => g.primary.metric !== first.metric);
					title = ofMeasures
						? `${capitalize(parts.map((g) => g.primary.metric.label).join(' + '))}: ${[rowName(dataset, first), periodLabel(first.period)].filter(Boolean).join(', ')}`
						: `${sliceLabel(dataset, first.dims, first.metric)}: ${parts.map((g) => periodLabel(g.primary.period)).join(' + ')}`;
					for (const group of parts) lines.push(...figureLine(group));
					lines.push(
						'',
						`Total: **${formatComputed(total)} ${ofMeasures ? first.metric.unit : first.metric.label}** (${parts.map((g) => groupThousands(g.primary.value)).join(' + ')})`,
					);
					break;
				}
				case 'attributes': {
					const { attributes, items, of, byDate } = body.attributes;
					// A row picked by a date is named with it ("Episode 13, 1 July 2012"), else with its period.
					const named = (figure: Figure) =>
						[
							rowName(dataset, figure),
							byDate && figure.attrs[byDate.id]
								? writtenDate(figure.attrs[byDate.id]!)
								: periodLabel(figure.period),
						]
							.filter(Boolean)
							.join(', ');
					title = `${attributes.map((a) => a.label).join(', ')}: ${items.length === 1 ? named(items[0]!.figure) : dataset.title}`;
					for (const { figure, values } of items) {
						const shown = attributes
							.map(
								(a, i) =>
									`${a.label}: **${values[i] === null ? 'not given' : a.type === 'date' ? writtenDate(values[i]!) : values[i]}**`,
							)
							.join(' · ');
						lines.push(`• ${named(figure)}: ${shown} ${citations.figure(figure)}`);
					}
					if (of > items.length) notes.push(`The first ${items.length} of ${of} rows are listed.`);
					break;
				}
				case 'grouped': {
					const { attribute, groups, direction, byRows } = body.grouped;
					if (direction) {
						const first = groups[0]!.shown[0]!;
						const measure = byRows ? 'rows' : `total ${first.metric.label.toLowerCase()}`;
						title = `${attribute.label} by ${measure}, ${direction} first`;
						let rank = 0;
						groups.slice(0, 10).forEach((g, i) => {
							if (i === 0 || g.sum!.value !== groups[i - 1]!.sum!.value) rank = i + 1;
							const from = `${g.value}: computed from ${g.of} row${g.of === 1 ? '' : 's'}`;
							const rows = g.shown
								.map(
									(f) =>
										`${rowName(dataset, f) || periodLabel(f.period)} ${byRows ? '' : `${formatFigureValue(f)} `}${citations.figure(f)}`,
								)
								.join(', ');
							const unit = byRows ? (g.of === 1 ? 'row' : 'rows') : first.metric.unit;
							lines.push(
								`${rank}. ${g.value}: **${formatComputed(g.sum!)}** ${unit} ${citations.cite(first.source, from)} — ${byRows ? 'the rows' : 'the sum of'}: ${rows}${g.of > g.shown.length ? `, and ${g.of - g.shown.length} more` : ''}`,
							);
						});
						if (groups.length > 10)
							notes.push(`The first 10 of ${groups.length} ${attribute.label.toLowerCase()} values.`);
						break;
					}
					const first = groups[0]!.shown[0]!;
					// Rows across periods (a career by season) are named with their period.
					const onePeriod = groups.every((g) => g.shown.every((f) => f.period.key === first.period.key));
					const what = attribute.label.toLowerCase();
					title = `${capitalize(first.metric.label)} by ${what}${onePeriod ? `, ${periodLabel(first.period)}` : ''}`;
					const named = (f: Figure) =>
						[rowName(dataset, f), onePeriod ? '' : periodLabel(f.period)].filter(Boolean).join(', ');
					for (const { value, sum, shown, of } of groups) {
						const rows = shown.map((f) => `${named(f)} ${formatFigureValue(f)} ${citations.figure(f)}`);
						const more = of > shown.length ? `, and ${of - shown.length} more` : '';
						const count = `${of} row${of === 1 ? '' : 's'}`;
						lines.push(
							sum
								? `• ${value}: **${formatComputed(sum)}** — the sum of ${count}: ${rows.join(', ')}${more}`
								: `• ${value} (${count}): ${rows.join(', ')}${more}`,
						);
					}
					if (groups.some((g) => g.of > g.shown.length))
						notes.push(
							`Each group shows its first rows; a sum counts every row of its group. Ask for one ${what} ("… in ${groups[0]!.value}") to see its rows.`,
						);
					break;
				}
				case 'count': {
					const { dimension, count, shown, period } = body.count;
					const what = dimension.label.toLowerCase();
					title = `Number of ${plural(what)}${period ? `, ${periodLabel(period)}` : ''}`;
					const from = `counted from the rows with figures`;
					const source = shown[0]?.source;
					lines.push(
						`${title}: **${groupThousands(String(count))}** ${source ? citations.cite(source, from) : ''}`.trimEnd(),
						`${count > shown.length ? `The first ${shown.length} of ${count}` : `The ${count}`} ${count === 1 ? what : plural(what)}:`,
					);
					for (const figure of shown) {
						const value = figure.dims[dimension.id];
						lines.push(`• ${dimensionValue(dimension, value)?.label ?? value} ${citations.figure(figure)}`);
					}
					break;
				}
				case 'aggregate': {
					const { operation, metric, result, over, rows, of, conditions, period, distinct, bareRows } =
						body.aggregate;
					const one = distinct
						? distinct.label.toLowerCase()
						: over
							? body.aggregate.rowsAreValues
								? over.label.toLowerCase()
								: 'row'
							: 'period';
					const what = plural(one);
					const where =
						conditions.length > 0
							? ` with ${conditions.map((c) => `${c.metric ? `${c.metric.label.toLowerCase()} ` : ''}${c.text}`).join(' and ')}`
							: '';
					const when = period ? `, ${periodLabel(period)}` : '';
					const measure = metric?.label.toLowerCase() ?? '';
					// "1 period", "1 row": one of them, named in the singular.
					const counted = of === 1 ? one : what;
					const name = {
						count: `Number of ${what}${where}`,
						sum: `Total ${measure}, ${of} ${counted}${where}`,
						average: `Average ${measure}, ${of} ${counted}${where}`,
						median: `Median ${measure}, ${of} ${counted}${where}`,
					}[operation];
					title = `${capitalize(name)}${when}`;
					const files = [...new Set(rows.flatMap((f) => (f.row ? [f.row.file] : [])))];
					const source = rows[0]?.source;
					const from = `computed from ${of} row${of === 1 ? '' : 's'}${files.length > 0 ? ` of ${files.join(', ')}` : ''}`;
					const shown = formatExact(result, 4);
					if (shown.rounded) notes.push(`Rounded to 4 decimal places from ${groupThousands(result.value)}.`);
					const unit = operation === 'count' ? '' : ` ${metric?.unit ?? ''}`.trimEnd();
					if (operation === 'sum')
						lines.push(
							`Total: **${shown.text}**${unit} (${from}) ${source ? citations.cite(source, from) : ''}`.trimEnd(),
						);
					else
						lines.push(
							`${capitalize(name)}${when}: **${shown.text}**${unit} ${source ? citations.cite(source, from) : ''}`.trimEnd(),
						);
					const listed = rows.length + bareRows.length;
					if (listed > 0)
						lines.push(
							of > listed
								? `The first ${listed} of ${of} rows:`
								: `The ${of === 1 ? 'row' : `${of} rows`}:`,
						);
					// A row counted that gives no figure: named, and cited by its line.
					for (const r of bareRows) {
						const quote = `${r.row.file}, line ${r.row.line}: ${r.row.cells.map(([c, v]) => `${c}: ${v}`).join(' · ')}`;
						lines.push(
							`• ${rowName(dataset, r)}: no figures given ${citations.cite(r.source, quote, r.row)}`,
						);
					}
					for (const f of rows) {
						const own = distinct ? f.attrs[distinct.id] : undefined;
						const named = [own ?? rowName(dataset, f), period ? '' : periodLabel(f.period)]
							.filter(Boolean)
							.join(', ');
						lines.push(
							`• ${named || label(f)}: ${formatFigureWithUnit(f)}${revisionNote(f)} ${citations.figure(f)}`,
						);
					}
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
						lines.push(
							`• ${label(f)}: **${formatFigureWithUnit(f)}**${revisionNote(f)} ${citations.figure(f)}`,
						);
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
	// How the question was read comes first: a reader sees at once whether it is their question.
	if (answer.status === 'answered' && answer.query) lines.unshift(readAs(answer.query));
	const choices = answer.status === 'ambiguous' ? answer.candidates : answer.suggestions;
	return { status: answer.status, title, lines, notes, citations: citations.list, choices };
}

/**
 * How a reply is laid out, for tools that read its text: an answer computed over rows is laid out
 * as a sum (its "Total:" line) or as figures (its first "label: value [n]" line is the answer).
 */
export function layoutKind(body: Answer['body']): string | null {
	if (!body) return null;
	if (body.kind === 'aggregate') return body.aggregate.operation === 'sum' ? 'sum' : 'figures';
	if (body.kind === 'count') return 'figures';
	// A row's columns are laid out as figure lines ("• Episode 13, 1 July 2012: Air date: … [1]").
	if (body.kind === 'attributes') return 'figures';
	if (body.kind === 'grouped' && body.grouped.direction) return 'ranking';
	// Values ranked by their change or their total: "1. Milton: +56.5% …" lines, as a ranking.
	if (body.kind === 'changes' || body.kind === 'totals') return 'ranking';
	return body.kind;
}

/** A date of a column as people write it: "2012-07-01" → "1 July 2012"; a year or other text as written. */
function writtenDate(written: string): string {
	return /^\d{4}-\d{2}-\d{2}$/.test(written) ? formatDate(written) : written;
}
