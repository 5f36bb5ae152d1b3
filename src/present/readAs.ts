import type { Query } from '../model/query.js';
import { plural } from '../model/plural.js';
import { ordinal } from '../model/ordinal.js';

const lower = (s: string) => s.toLowerCase();

/**
 * The reading of a question in words, the first line of an answer: "Read as: total gold medals,
 * Italy + Spain, 2005". It says what was measured, over which rows and periods, under which
 * conditions, and what was done with it, so a reader sees at once whether their question was the one
 * answered.
 */
export function readAs(query: Query): string {
	const { operation, metrics, rows, attributes, periods, conditions, over, direction, n, columns, place } = query;
	const nth = place ? `${ordinal(place)} ` : '';
	const measure = metrics.map((m) => lower(m.label)).join(' and ') || 'figures';
	const joiner = operation === 'sum' ? ' + ' : operation === 'compare' ? ' vs ' : ' or ';
	const named = rows.map((r) => r.values.map((v) => v.label).join(joiner));
	const having = attributes.map((a) => `${lower(a.attribute.label)} ${a.values.join(' or ')}`);
	const where = [...having, ...conditions.map((c) => `${c.metric ? `${lower(c.metric.label)} ` : ''}${c.text}`)];
	const withWhere = where.length > 0 ? ` with ${where.join(' and ')}` : '';
	const what =
		over?.kind === 'dimension'
			? plural(lower(over.dimension.label))
			: over?.kind === 'periods'
				? 'periods'
				: 'rows';
	const most = direction === 'lowest' ? 'the lowest' : 'the highest';
	let head: string;
	switch (operation) {
		case 'sum':
			head = `total ${measure}`;
			break;
		case 'average':
		case 'median':
			head = `${operation} ${measure}`;
			break;
		case 'count':
			head = `number of ${columns.length === 1 ? plural(lower(columns[0]!.label)) : what}`;
			break;
		case 'which':
			head = query.change
				? `the period with the ${most.slice(4)} ${query.change === 'percent' ? '% change' : 'change'} in ${measure} from the one before`
				: `the ${over?.kind === 'periods' ? 'period' : 'row'} with the ${nth}${most.slice(4)} ${measure}`;
			break;
		case 'first':
		case 'last':
			// A row first or last by a column of dates ("the last episode by air date"), else a period.
			head =
				over?.kind === 'table'
					? `${measure} of the row listed ${operation} in ${over.file}`
					: columns.length === 1
						? `the ${operation} ${over?.kind === 'dimension' ? lower(over.dimension.label) : 'row'} by ${lower(columns[0]!.label)}`
						: `the ${operation} period`;
			break;
		case 'rank':
			head = query.total
				? `${what} by ${query.total === 'sum' ? 'total' : 'average'} ${measure}, ${direction === 'lowest' ? 'lowest' : 'highest'} first`
				: query.change
					? `${what} by ${query.change === 'percent' ? '% change' : 'change'} in ${measure}, ${direction === 'lowest' ? 'lowest' : 'highest'} first`
					: place
						? `the ${over?.kind === 'dimension' ? lower(over.dimension.label) : 'row'} with the ${nth}${direction === 'lowest' ? 'lowest' : 'highest'} ${measure}`
						: `${what === 'rows' ? '' : `${what} by `}${measure}, ${direction === 'lowest' ? 'lowest' : 'highest'} first${n ? ` (top ${n})` : ''}`;
			break;
		case 'compare':
			head = `${measure}, compared`;
			break;
		case 'range':
			head = `${measure}, the highest less the lowest${over ? ` of the ${what}` : ''}`;
			break;
		case 'share':
			head = `share of ${measure}`;
			break;
		case 'breakdown':
			head = `${measure} by ${over?.kind === 'dimension' ? lower(over.dimension.label) : 'part'}`;
			break;
		case 'attribute':
			head = columns.map((c) => lower(c.label)).join(' and ') || measure;
			break;
		case 'group':
			head = `${direction ? (metrics.length > 0 ? `total ${measure}` : 'rows') : measure} by ${columns.map((c) => lower(c.label)).join(' and ')}${direction ? `, ${direction} first` : ''}`;
			break;
		default:
			head = measure;
	}
	// "figures of the row listed after Cádiz in tables/provinces.csv"
	if (over?.kind === 'table' && over.next)
		head = `${measure} of the row listed ${over.next.direction} ${over.next.of} in ${over.file}`;
	const parts = [
		head + (operation === 'rank' && where.length > 0 ? `,${withWhere}` : withWhere),
		...named,
		periods.length > 0 ? periods.join(', ') : '',
	].filter((p) => p !== '');
	return `Read as: ${parts.join(', ')}`;
}
