import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset, Figure, Period } from '../../src/data/types.js';
import { type DimFilter, type FigureFilter, FigureIndex, periodMatches } from '../../src/engine/figureIndex.js';
import type { PeriodQuery } from '../../src/question/periods.js';
import { dataset } from '../support/engine.js';

// The index answers a filter from the shortest list it has (a dimension's values, the years asked)
// and checks only what that list leaves open: whatever the filter, the figures it picks must be
// exactly those a check of every figure picks, each once.

const dimensions = dataset.dimensions.slice(0, 2);
const valuesOf = (i: number) => dimensions[i]!.values.slice(0, 3).map((v) => v.id);

const periodOf = (year: number, season: boolean): Period =>
	season
		? {
				key: `${year}/${String((year + 1) % 100).padStart(2, '0')}`,
				grain: 'season',
				year,
				quarter: null,
				month: null,
				day: null,
				endYear: year + 1,
			}
		: { key: String(year), grain: 'year', year, quarter: null, month: null, day: null, endYear: null };

const figureArb = fc
	.record({
		dims: fc.tuple(fc.option(fc.constantFrom(...valuesOf(0))), fc.option(fc.constantFrom(...valuesOf(1)))),
		year: fc.integer({ min: 2020, max: 2023 }),
		season: fc.boolean(),
		metric: fc.constantFrom(...dataset.metrics),
		source: fc.constantFrom(...dataset.sources),
	})
	.map(({ dims, year, season, metric, source }): Omit<Figure, 'id'> => ({
		...dataset.figures[0]!,
		metric,
		source,
		period: periodOf(year, season),
		dims: Object.fromEntries(dims.flatMap((v, i) => (v === null ? [] : [[dimensions[i]!.id, v]]))),
	}));

const dimFilterArb = (i: number): fc.Arbitrary<DimFilter> =>
	fc.oneof(
		fc.constant({ kind: 'any' } as const),
		fc.constant({ kind: 'set' } as const),
		fc.constant({ kind: 'unset' } as const),
		fc
			.array(fc.constantFrom(...valuesOf(i)), { minLength: 1, maxLength: 3 })
			.map((values) => ({ kind: 'values' as const, values })),
	);

const periodQueryArb: fc.Arbitrary<PeriodQuery> = fc
	.record({
		year: fc.option(fc.integer({ min: 2019, max: 2024 })),
		grain: fc.constantFrom('year', 'season') as fc.Arbitrary<'year' | 'season'>,
	})
	.map(({ year, grain }) => ({
		grain,
		year,
		quarter: null,
		month: null,
		day: null,
		endYear: grain === 'season' && year !== null ? year + 1 : null,
		text: '',
	}));

const filterArb: fc.Arbitrary<FigureFilter> = fc.record({
	metrics: fc.option(fc.subarray([...dataset.metrics], { minLength: 1 }).map((m) => new Set(m))),
	sources: fc.option(fc.subarray([...dataset.sources], { minLength: 1 }).map((s) => new Set(s))),
	dims: fc.tuple(dimFilterArb(0), dimFilterArb(1)).map((fs) => new Map(fs.map((f, i) => [dimensions[i]!.id, f]))),
	attrs: fc.constant(null),
	periods: fc.option(fc.array(periodQueryArb, { minLength: 1, maxLength: 3 })),
});

/** The filter checked on every figure: what the index must agree with. */
function picks(figure: Figure, filter: FigureFilter): boolean {
	if (filter.metrics && !filter.metrics.has(figure.metric)) return false;
	if (filter.sources && !filter.sources.has(figure.source)) return false;
	for (const [dimension, f] of filter.dims) {
		const v = figure.dims[dimension];
		if (f.kind === 'values' && (v === undefined || !f.values.includes(v))) return false;
		if (f.kind === 'unset' && v !== undefined) return false;
		if (f.kind === 'set' && v === undefined) return false;
	}
	return filter.periods === null || filter.periods.some((p) => periodMatches(figure, p));
}

describe('FigureIndex.select', () => {
	it('property: picks exactly the figures a check of every figure picks, each once', () => {
		fc.assert(
			fc.property(fc.array(figureArb, { minLength: 1, maxLength: 60 }), filterArb, (made, filter) => {
				const figures = made.map((f, i) => ({ ...f, id: `f${i}` }));
				const data: Dataset = { ...dataset, figures, bareRows: [] };
				const selected = new FigureIndex(data).select(filter);
				expect(new Set(selected).size).toBe(selected.length);
				expect(new Set(selected)).toEqual(new Set(figures.filter((f) => picks(f, filter))));
			}),
			{ numRuns: 500 },
		);
	});

	it('finds a season by the year it ends in, as a year asked of seasons does', () => {
		const season = { ...dataset.figures[0]!, id: 's', period: periodOf(2006, true) };
		const data: Dataset = { ...dataset, figures: [season], bareRows: [] };
		const asked = (year: number): FigureFilter => ({
			metrics: null,
			sources: null,
			dims: new Map(),
			attrs: null,
			periods: [{ grain: 'year', year, quarter: null, month: null, day: null, endYear: null, text: '' }],
		});
		const index = new FigureIndex(data);
		expect(index.select(asked(2007))).toEqual([season]);
		expect(index.select(asked(2006))).toEqual([season]);
		expect(index.select(asked(2008))).toEqual([]);
	});
});
