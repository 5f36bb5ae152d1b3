import type { Dataset, Dimension, Figure, Metric } from '../data/types.js';
import { dimensionValue } from '../data/dimensionValues.js';
import { periodLabel } from '../question/periods.js';

const valueLabel = (dimension: Dimension, id: string | undefined) => dimensionValue(dimension, id)?.label ?? null;

/** What a figure counts, without its period: "Russians → North Korea, tourists". */
export function sliceLabel(
	dataset: Dataset,
	dims: Readonly<Record<string, string>>,
	metric: Metric | undefined = dataset.metrics[0],
): string {
	const origin = dataset.dimensions.find((d) => d.role === 'origin');
	const destination = dataset.dimensions.find((d) => d.role === 'destination');
	const from = origin ? valueLabel(origin, dims[origin.id]) : null;
	const to = destination ? valueLabel(destination, dims[destination.id]) : null;
	const route = from && to ? `${from} → ${to}` : (from ?? to);
	const rest = dataset.dimensions
		.filter((d) => d.role === null && dims[d.id] !== undefined)
		.map((d) => valueLabel(d, dims[d.id]))
		.filter((l): l is string => l !== null);
	return [route ?? capitalize(metric?.label ?? 'figure'), ...rest].join(', ');
}

/** "Russians → North Korea, tourists, 2025" */
export function figureLabel(dataset: Dataset, figure: Figure): string {
	return `${sliceLabel(dataset, figure.dims, figure.metric)}, ${periodLabel(figure.period)}`;
}

export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A table row named by its dimensions' values, never by a metric: "Peru", "Adair, McCain". */
export function rowName(dataset: Dataset, figure: Pick<Figure, 'dims'>): string {
	return dataset.dimensions
		.flatMap((d) => {
			const id = figure.dims[d.id];
			return id === undefined ? [] : [dimensionValue(d, id)?.label ?? id];
		})
		.join(', ');
}
