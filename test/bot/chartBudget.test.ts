import { describe, expect, it } from 'vitest';
import { ChartBudget } from '../../src/bot/chartBudget.js';

describe('chart edits take only the requests a second that answers leave', () => {
	it('GIVEN no answers THEN charts up to the limit less the margin, then none until the second has passed', () => {
		let now = 0;
		const budget = new ChartBudget(50, () => now, 5);
		const taken = Array.from({ length: 60 }, () => budget.takeForChart()).filter(Boolean).length;
		expect(taken).toBe(45);
		now = 999;
		expect(budget.takeForChart()).toBe(false);
		now = 1001;
		expect(budget.takeForChart()).toBe(true);
	});

	it('GIVEN answers in the last second THEN a quarter more than them is kept free for answers', () => {
		let now = 0;
		const budget = new ChartBudget(50, () => now, 5);
		for (let i = 0; i < 20; i++) budget.answered();
		// 20 answers → 25 kept, 5 margin: 20 charts.
		expect(Array.from({ length: 30 }, () => budget.takeForChart()).filter(Boolean)).toHaveLength(20);
		now = 1500;
		for (let i = 0; i < 40; i++) budget.answered();
		// 40 answers a second: nothing left for charts.
		expect(budget.takeForChart()).toBe(false);
	});
});
