import { compareDecimalText } from '../math/decimal.js';
import type { DisplayScale, Metric } from './types.js';

/**
 * Units that count things: a value in one is a whole number of at least zero unless the metric says
 * otherwise ("min": -1000 for a goal difference, "integer": false). Only plain plurals are listed; a
 * unit such as "people per km2", "million viewers" or "spectators per match" is no count.
 */
const COUNT_UNITS = new Set(
	`people persons visitors tourists travellers travelers trips visits arrivals departures passengers deaths births
	injuries casualties victims refugees migrants immigrants emigrants votes voters seats councillors members medals
	games matches goals tries races wins championships titles poles podiums tickets spectators viewers households
	companies firms employees workers students pupils patients cases crimes incidents flights vehicles cars units
	items municipalities districts sentences revolvers effigies strokes laps`.split(/\s+/),
);

/** Whether a unit counts things (people, votes, medals). */
export const isCountUnit = (unit: string): boolean => COUNT_UNITS.has(unit.trim().toLowerCase());

/**
 * Count units of things that happen in a period (arrivals, deaths, wins, votes cast): a period's
 * figures add up over several periods. A count of what there is at a moment (people, seats,
 * households, companies) does not: two censuses' populations added up are no population.
 */
const EVENT_UNITS = new Set(
	`visitors tourists travellers travelers trips visits arrivals departures passengers deaths births injuries
	casualties victims refugees migrants immigrants emigrants votes medals games matches goals tries races wins
	championships titles poles podiums tickets spectators viewers cases crimes incidents flights sentences revolvers
	effigies strokes laps`.split(/\s+/),
);

/** Whether a unit counts things that happen in a period, which add up over periods (wins, deaths). */
export const isEventUnit = (unit: string): boolean => EVENT_UNITS.has(unit.trim().toLowerCase());

/** How many units one of a scale is: a figure of "million viewers" of 1.07 is 1,070,000 viewers. */
export const SCALE_FACTORS: Readonly<Record<DisplayScale, string>> = {
	thousand: '1000',
	million: '1000000',
	billion: '1000000000',
};

/** The scale a unit is counted in ("million viewers", "billions of rials"), or null. */
export function unitScale(unit: string): DisplayScale | null {
	const scale = /^(thousand|million|billion)s?\b/i.exec(unit.trim())?.[1];
	return scale ? (scale.toLowerCase() as DisplayScale) : null;
}

/** Whether a measure is a place in an order (final position, rank, standing), never added up. */
export const isPlaceMetric = (metric: Metric): boolean =>
	/\b(position|place|rank|ranking|standing|finish)\b/i.test(`${metric.label} ${metric.unit}`);

/** Whether a metric is in per cent ("share of the vote", unit "%" or "percent"). */
export const isPercentMetric = (metric: Metric): boolean => /%|percent/i.test(`${metric.unit} ${metric.label}`);

/**
 * Why a value breaks its metric's constraints ("min", "max", "integer", and those of a count unit),
 * or null when it meets them.
 */
export function constraintError(metric: Metric, value: string): string | null {
	const count = isCountUnit(metric.unit);
	const integer = metric.integer ?? count;
	const min = metric.min ?? (count ? 0 : undefined);
	if (integer && value.includes('.') && !/\.0*$/.test(value))
		return `${value} is not a whole number, as ${count ? `a count of ${metric.unit}` : `"${metric.id}"`} is${count ? ' (say "integer": false on the metric if it can be)' : ''}`;
	if (min !== undefined && compareDecimalText(value, String(min)) < 0)
		return `${value} is below ${min}, the least "${metric.id}" can be${count && metric.min === undefined ? ` as a count of ${metric.unit} (say "min" on the metric if it can go below)` : ''}`;
	if (metric.max !== undefined && compareDecimalText(value, String(metric.max)) > 0)
		return `${value} is above ${metric.max}, the most "${metric.id}" can be`;
	return null;
}
