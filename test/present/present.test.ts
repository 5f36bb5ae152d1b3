import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	formatDifference,
	formatFigureValue,
	formatPercent,
	formatRatio,
	formatScaled,
	groupThousands,
} from '../../src/present/format.js';
import { unlinked } from '../../src/present/controls.js';
import { truncate } from '../../src/present/limits.js';
import { presentEmbed } from '../../src/present/presentEmbed.js';
import { presentText } from '../../src/present/presentText.js';
import type { Figure } from '../../src/data/types.js';
import { NOW, dataset, engine } from '../support/engine.js';
import { expectEmbedWithinLimits } from '../support/limits.js';

const figure = (id: string) => dataset.figures.find((f) => f.id === id)!;

describe('number formatting', () => {
	it("keeps the source's scale and qualifier", () => {
		expect(formatFigureValue(figure('ru-tr-2025-total'))).toBe('6.62 million');
		expect(formatFigureValue(figure('ru-eg-2025-total'))).toBe('over 2 million');
		expect(formatFigureValue(figure('nk-ru-2024-q4'))).toBe('about 5,500');
		expect(formatFigureValue(figure('kozlov-ru-nk-2025'))).toBe('an estimated 7,000');
		expect(formatFigureValue(figure('ru-kr-2025-total'))).toBe('33,110');
	});

	it("shows a statistics office's flags with the number, an estimate's once", () => {
		const flagged = (flags: Figure['flags'], qualifier: Figure['qualifier'] = 'exact') => ({
			...figure('ru-kr-2025-total'),
			flags,
			qualifier,
		});
		expect(formatFigureValue(flagged(['provisional']))).toBe('33,110 (provisional)');
		expect(formatFigureValue(flagged(['break in series', 'provisional']))).toBe(
			'33,110 (break in series, provisional)',
		);
		expect(formatFigureValue(flagged(['estimated'], 'estimate'))).toBe('an estimated 33,110');
		expect(formatFigureValue(flagged(['estimated', 'revised'], 'approximately'))).toBe(
			'about 33,110 (estimated, revised)',
		);
	});

	it('groups thousands without touching decimals', () => {
		expect(groupThousands('1234567.891')).toBe('1,234,567.891');
		expect(groupThousands('-2985')).toBe('−2,985');
		expect(formatScaled('4620000', 'million')).toBe('4.62 million');
	});

	it('rounds percentages to one decimal and ratios to two, with bounds in words', () => {
		expect(formatPercent({ value: '159.3254', bound: 'exact' }, true)).toBe('+159.3%');
		expect(formatPercent({ value: '-0.04', bound: 'exact' }, true)).toBe('0.0%');
		expect(formatRatio({ value: '2.593254', bound: 'at_least' })).toBe('at least 2.59');
		expect(formatDifference({ value: '-2985', bound: 'approximately' }, null)).toBe('about −2,985');
	});
});

describe('every answer cites its sources', () => {
	it.each([
		'Russian visitors to North Korea 2025',
		'compare tourists 2024 and 2025',
		'share of rail arrivals',
		'visitors by purpose 2025',
		'when did records begin',
		'what did kozlov say',
	])('%s → text and embed name outlet, originator, date and quote', (question) => {
		const answer = engine.ask(question, NOW);
		const text = presentText(answer, dataset);
		const embed = presentEmbed(answer, dataset);
		expect(text).toMatch(/Sources:\n\[1\] .+ — .+ — (\d+ \w+ \d{4}|date not stated)\n {4}“.+”/);
		expect(embed.fields?.length).toBeGreaterThan(0);
		for (const field of embed.fields ?? []) expect(field.value).toMatch(/\n> /);
		expectEmbedWithinLimits(embed);
	});

	it('GIVEN a breakdown that does not add up THEN the gap is shown, not hidden', () => {
		const text = presentText(engine.ask('visitors by purpose 2025', NOW), dataset);
		expect(text).toContain('The parts add up to 9,980, 5 short of the total of 9,985');
	});

	it('GIVEN sources that disagree THEN both figures and the gap appear in the text', () => {
		const text = presentText(engine.ask('russian visitors 2024', NOW), dataset);
		expect(text).toContain('6,469');
		expect(text).toContain('about 4,000');
		expect(text).toContain('−2,469');
	});
});

describe('hostile and arbitrary input', () => {
	it('GIVEN any string THEN the engine answers with a valid status and the embed stays within limits', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({ maxLength: 300 }),
					fc.string({ unit: 'binary', maxLength: 300 }),
					fc.constantFrom(
						'@everyone',
						'@here',
						'<@&123>',
						'**bold** `code` ||spoiler||',
						'Q4 Q4 Q4 2025 2024 2023',
					),
				),
				(question) => {
					const answer = engine.ask(question, NOW);
					expect(['answered', 'ambiguous', 'not_found']).toContain(answer.status);
					expectEmbedWithinLimits(presentEmbed(answer, dataset));
					expect(typeof presentText(answer, dataset)).toBe('string');
				},
			),
			{ numRuns: 300 },
		);
	});

	it('GIVEN a 6,000-character question THEN it is answered and says only the start was read', () => {
		const answer = engine.ask(`tourists 2025 ${'x'.repeat(6000)}`, NOW);
		expect(answer.notes.join(' ')).toMatch(/first 2,000 characters/);
		expectEmbedWithinLimits(presentEmbed(answer, dataset));
	});

	it('truncate never splits a surrogate pair', () => {
		fc.assert(
			fc.property(
				fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }),
				fc.integer({ min: 1, max: 40 }),
				(text, max) => {
					const cut = truncate(text, max);
					expect(cut.length).toBeLessThanOrEqual(Math.max(max, 1));
					expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(cut)).toBe(
						false,
					);
				},
			),
		);
	});
});

describe("a member's words quoted under the bot's name", () => {
	it('GIVEN any scheme://address THEN it is shown defanged, never as a live link', () => {
		expect(unlinked('see https://evil.example/x and FTP://files.example')).toBe(
			'see https[:]//evil.example/x and FTP[:]//files.example',
		);
	});
});
