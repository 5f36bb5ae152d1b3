import { describe, expect, it } from 'vitest';
import type { Figure, Qualifier } from '../../src/data/types.js';
import { combineBounds, difference, ratio } from '../../src/engine/compute.js';
import { add, dec, toPlain } from '../../src/math/decimal.js';
import { dataset } from '../support/engine.js';

const figure = (value: string, qualifier: Qualifier): Figure => ({ ...dataset.figures[0]!, value, qualifier });

describe('qualifiers carry through computations', () => {
	it.each([
		['exact', 'exact', 'exact'],
		['over', 'exact', 'over'],
		['exact', 'over', 'under'],
		['at_least', 'exact', 'at_least'],
		['approximately', 'exact', 'approximately'],
		['estimate', 'exact', 'approximately'],
		['record', 'exact', 'exact'],
		['over', 'over', 'approximately'],
		['under', 'exact', 'under'],
	] as const)('a %s − b %s → %s', (qa, qb, expected) => {
		expect(
			combineBounds([
				{ figure: figure('10', qa), direction: 1 },
				{ figure: figure('5', qb), direction: -1 },
			]),
		).toBe(expected);
	});

	it('GIVEN decimals THEN there are no float artifacts', () => {
		expect(toPlain(add(dec('0.1'), dec('0.2')))).toBe('0.3');
		expect(difference(figure('6.62', 'exact'), figure('1.43', 'exact')).value).toBe('5.19');
	});

	it('GIVEN a zero or negative base THEN no ratio is invented', () => {
		expect(ratio(figure('5', 'exact'), figure('0', 'exact'))).toBeNull();
	});
});
