import { describe, expect, it } from 'vitest';
import { presentText } from '../../src/present/presentText.js';
import { NOW, dataset, engine } from '../support/engine.js';

const sumOf = (question: string) => {
	const answer = engine.ask(question, NOW);
	return { answer, sum: answer.body?.kind === 'sum' ? answer.body.sum : null };
};

describe('sums on request: "2024 and 2025 combined", "in total"', () => {
	it('GIVEN two years combined THEN each figure cited and the exact total, from one source', () => {
		const { answer, sum } = sumOf('russian visitors to north korea in 2024 and 2025 combined');
		expect(sum?.parts.map((g) => g.primary.id)).toEqual(['ru-nk-2024-total', 'ru-nk-2025-total']);
		expect(sum?.total).toEqual({ value: '16454', bound: 'exact' });
		expect(presentText(answer, dataset)).toContain('Total: 16,454 visitors (6,469 + 9,985)');
	});

	it("GIVEN one source's estimates THEN its own figures are added, and the total carries their qualifier", () => {
		const { answer, sum } = sumOf('kozlov 2024 and 2025 combined');
		expect(sum?.parts.every((g) => /Kozlov/.test(g.primary.source.originator))).toBe(true);
		expect(sum?.total).toEqual({ value: '11000', bound: 'approximately' });
		expect(presentText(answer, dataset)).toMatch(/Total: about 11,000 visitors \(4,000 \+ 7,000\)/);
	});

	it('GIVEN a period the data lacks THEN no total, and the missing period named', () => {
		const { answer } = sumOf('visitors 2022 and 2023 combined');
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toContain('no figure for 2022');
	});
});
