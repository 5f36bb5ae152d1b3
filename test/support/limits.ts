import type { APIEmbed } from 'discord-api-types/v10';
import { expect } from 'vitest';
import { EMBED_LIMITS } from '../../src/present/limits.js';
import { embedLength } from '../../src/present/presentEmbed.js';

export function expectEmbedWithinLimits(embed: APIEmbed): void {
	expect(embed.title?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.title);
	expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
	expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
	for (const field of embed.fields ?? []) {
		expect(field.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
		expect(field.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
		expect(field.value.length).toBeGreaterThan(0);
	}
	expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.footer);
	expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
}
