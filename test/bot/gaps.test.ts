import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PICK_ID } from '../../src/bot/replies.js';
import { type Harness, callbackOf, startHarness } from '../support/bot.js';
import { BOT_USER, CHANNEL_ID, FakeDiscord, messageObject } from '../support/fakeDiscord.js';

let h: Harness;
beforeAll(async () => {
	h = await startHarness([], { digests: true });
});
afterEach(() => {
	expect(h.server.rejected.map((r) => ({ path: r.path, errors: r.errors }))).toEqual([]);
});
afterAll(async () => {
	await h?.stop();
});

type Reply = {
	type: number;
	data: {
		flags?: number;
		content?: string;
		embeds?: { title: string; description: string }[];
		components?: { components: { custom_id: string; options: { value: string }[] }[] }[];
	};
};
const reply = async (token: string) => (await h.server.waitForRequest(callbackOf(token))).body as Reply;
const gaps = (member = FakeDiscord.member('32')) =>
	h.server.interaction(2, { id: '1', name: 'gaps', type: 1, options: [] }, { member });

describe('/gaps: what the newsroom asked that the data could not answer', () => {
	it('GIVEN questions not found and ask-backs nobody picked THEN /gaps lists them, most asked first; a picked reading is not a gap', async () => {
		for (const question of [
			'How many Germans visited North Korea?',
			'how many germans visited north korea?',
			'korea 2025',
		])
			await reply(h.server.command('fact', { query: question }).token);
		const askedBack = await reply(h.server.command('fact', { query: 'korea 2025' }).token);
		const menu = askedBack.data.components?.[0]?.components[0];
		expect(menu?.custom_id).toMatch(new RegExp(`^${PICK_ID}:[0-9a-f]{12}$`));
		// One of the two ask-backs gets a reading picked.
		await reply(
			h.server.interaction(
				3,
				{ custom_id: menu!.custom_id, component_type: 3, values: [menu!.options[0]!.value] },
				{ message: messageObject(CHANNEL_ID, BOT_USER) },
			).token,
		);
		const list = await reply(gaps().token);
		expect(list.data.flags).toBe(64);
		const lines = list.data.embeds?.[0]?.description.split('\n') ?? [];
		expect(lines[0]).toMatch(/^1\. “how many germans visited north korea\?” — not found ×2 \(nk\\-travel; first/);
		expect(lines[1]).toMatch(/^2\. “korea 2025” — asked back ×2, a reading picked ×1/);
		// Nothing that names who asked, where.
		expect(JSON.stringify(list.data)).not.toMatch(/\d{17,20}/);
	});

	it('GIVEN /gaps without Manage Server THEN refused', async () => {
		const denied = await reply(gaps(FakeDiscord.member('0')).token);
		expect(denied.data).toMatchObject({ flags: 64, content: expect.stringMatching(/Manage Server/) });
	});
});
