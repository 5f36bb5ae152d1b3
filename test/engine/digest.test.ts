import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/engine/digest.js';
import { parsePeriodKey } from '../../src/data/period.js';
import { presentDigest } from '../../src/present/presentDigest.js';
import { expectEmbedWithinLimits } from '../support/limits.js';
import { NOW, dataset } from '../support/engine.js';

describe('buildDigest', () => {
	it('GIVEN a first digest THEN headline totals, conflicts and a figure of the day, every number cited', () => {
		const digest = buildDigest(dataset, { previous: null, shown: [] }, NOW);
		expect(digest.changes).toBeNull();
		expect(digest.headline[0]?.id).toBe('ru-nk-2025-total');
		expect(digest.headline.map((f) => f.id)).toContain('ru-kr-2025-total');
		expect(digest.conflicts.length).toBeGreaterThan(0);
		const message = presentDigest(digest, dataset);
		const embed = message.embeds[0]!;
		expectEmbedWithinLimits(embed);
		expect(embed.description).toContain('9,985');
		expect(embed.fields?.find((f) => f.name === 'Sources disagree')?.value).toMatch(/an estimated 7,000.*−2,985/);
		const cited = new Set([...(embed.description ?? '').matchAll(/\[(\d+)\]/g)].map((m) => m[1]));
		const sourceFields = embed.fields?.filter((f) => /^\[\d+\]/.test(f.name)) ?? [];
		expect(sourceFields.length).toBeGreaterThanOrEqual(cited.size);
	});

	it('GIVEN nothing changed since the previous digest THEN it says so in one line', () => {
		const first = buildDigest(dataset, { previous: null, shown: [] }, NOW);
		const second = buildDigest(
			dataset,
			{ previous: { snapshot: first.snapshot, sentAt: NOW.getTime() }, shown: [] },
			NOW,
		);
		expect(second.nothingNew).toBe(true);
		const message = presentDigest(second, dataset);
		expect(message.embeds).toEqual([]);
		expect(message.content?.split('\n')).toHaveLength(1);
		expect(message.content).toMatch(/no new or revised figures since the last digest \(15 March 2026\)/);
	});

	it('GIVEN a revised and an added figure THEN the digest names both with the old value', () => {
		const first = buildDigest(dataset, { previous: null, shown: [] }, NOW);
		const revised = dataset.figures.map((f) => (f.id === 'ru-nk-2025-sea' ? { ...f, value: '162' } : f));
		const added = {
			...dataset.figures[0]!,
			id: 'ru-nk-2026-total',
			period: parsePeriodKey('2026')!,
			value: '12000',
		};
		const digest = buildDigest(
			{ ...dataset, figures: [...revised, added] },
			{ previous: { snapshot: first.snapshot, sentAt: NOW.getTime() }, shown: [] },
			NOW,
		);
		expect(digest.changes?.added.map((f) => f.id)).toEqual(['ru-nk-2026-total']);
		expect(digest.changes?.revised.map((r) => r.figure.id)).toEqual(['ru-nk-2025-sea']);
		const text = presentDigest(digest, { ...dataset, figures: [...revised, added] }).embeds[0]?.fields?.[0]?.value;
		expect(text).toMatch(/Revised: .*162.*\(was 161\)/);
		expect(text).toMatch(/New: .*12,000/);
	});

	it('GIVEN the figure of the day THEN none repeats until every figure has been shown', () => {
		const shown: string[] = [];
		for (let i = 0; i < dataset.figures.length; i++) {
			const digest = buildDigest(dataset, { previous: null, shown }, NOW);
			expect(shown).not.toContain(digest.figureOfDay?.id);
			expect(digest.rotationRestarted).toBe(false);
			shown.push(digest.figureOfDay!.id);
		}
		expect(new Set(shown).size).toBe(dataset.figures.length);
		expect(buildDigest(dataset, { previous: null, shown }, NOW).rotationRestarted).toBe(true);
	});
});
