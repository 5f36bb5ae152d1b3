import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardChoices, guardMessage, guardMessageBody } from '../../src/present/outputGuard.js';
import { messageBodyErrors } from '../support/discordValidation.js';
import { expectEmbedWithinLimits } from '../support/limits.js';

const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('the output guard', () => {
	it('GIVEN any content, embed and menu THEN the message fits Discord, is well-formed and pings nobody', () => {
		const text = fc.string({ unit: 'binary', maxLength: 7000 });
		fc.assert(
			fc.property(
				text,
				text,
				text,
				fc.array(fc.record({ name: text, value: text }), { maxLength: 40 }),
				fc.array(text, { maxLength: 40 }),
				(content, title, description, fields, labels) => {
					const guarded = guardMessage({
						content: `@everyone ${content}`,
						embeds: [{ title, description, fields, footer: { text: title } }],
						components: [
							{
								type: 1,
								components: [
									{
										type: 3,
										custom_id: 'x'.repeat(200),
										options: labels.map((l, i) => ({ label: l, value: String(i) })),
									},
								],
							},
						],
					});
					expect(guarded.allowedMentions).toEqual({ parse: [], repliedUser: false });
					expect(guarded.content!.length).toBeLessThanOrEqual(2000);
					expect(wellFormed(guarded.content!)).toBe(true);
					for (const embed of guarded.embeds ?? []) {
						expectEmbedWithinLimits(embed);
						expect(wellFormed(JSON.stringify(embed))).toBe(true);
					}
					const menu = (
						guarded.components as { components: { custom_id: string; options: { label: string }[] }[] }[]
					)[0]!.components[0]!;
					expect(menu.custom_id.length).toBeLessThanOrEqual(100);
					expect(menu.options.length).toBeLessThanOrEqual(25);
					for (const o of menu.options) expect(o.label.length).toBeLessThanOrEqual(100);
				},
			),
			{ numRuns: 100 },
		);
	});

	it('GIVEN several embeds THEN together they stay within the 6,000 characters Discord counts across a message, and Discord accepts the body', () => {
		const long = {
			title: 't'.repeat(256),
			description: 'd'.repeat(4096),
			fields: [{ name: 'n', value: 'v'.repeat(1024) }],
		};
		const guarded = guardMessage({ embeds: [long, long, long] });
		expect(guarded.embeds).toHaveLength(1);
		expect(messageBodyErrors({ embeds: guarded.embeds })).toEqual([]);
		const small = { title: 'a', description: 'b' };
		expect(guardMessage({ embeds: [small, small, small] }).embeds).toHaveLength(3);
	});

	it('overrides any allowed_mentions a REST body asked for', () => {
		expect(guardMessageBody({ content: 'hi', allowed_mentions: { parse: ['everyone'] } })).toMatchObject({
			allowed_mentions: { parse: [] },
		});
	});

	it('keeps autocomplete within 25 choices of 100 characters', () => {
		const choices = guardChoices(
			Array.from({ length: 40 }, (_, i) => ({ name: 'n'.repeat(150) + i, value: `v${i}` })),
		);
		expect(choices).toHaveLength(25);
		for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
	});
});
