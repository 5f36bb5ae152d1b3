import { decode } from 'fast-png';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerSent } from '../../src/bot/charts.js';
import { type Harness, callbackOf, startHarness } from '../support/bot.js';
import { BOT_USER, CHANNEL_ID, type RecordedRequest } from '../support/fakeDiscord.js';

interface Embed {
	title: string;
	description: string;
	image?: { url: string };
	fields: { name: string; value: string }[];
}
interface Body {
	content?: string;
	embeds?: Embed[];
	attachments?: { id: number | string; filename: string; description?: string }[];
}

let h: Harness;
beforeAll(async () => {
	h = await startHarness();
});
afterAll(async () => {
	await h?.stop();
});
afterEach(() => {
	expect(h.server.rejected.map((r) => ({ path: r.path, errors: r.errors }))).toEqual([]);
});

const original = (token: string) => (r: RecordedRequest) =>
	r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`);

/** The chart a reply carries: its embed names it, and the upload is a PNG of 1200×675. */
function expectChart(request: RecordedRequest): { embed: Embed; alt: string | undefined } {
	const body = request.body as Body;
	const embed = body.embeds?.[0];
	expect(embed?.image?.url).toBe('attachment://chart.png');
	expect(request.files.map((f) => [f.filename, f.contentType])).toEqual([['chart.png', 'image/png']]);
	const image = decode(request.files[0]!.data);
	expect([image.width, image.height]).toEqual([1200, 675]);
	return { embed: embed!, alt: body.attachments?.[0]?.description };
}

describe('charts in replies, drawn in the chart worker and attached as Discord takes files', () => {
	it('GIVEN /fact about a series THEN the figures at once, then the chart edited into the same reply, in words too', async () => {
		const { token } = h.server.command('fact', { query: 'russians to north korea by year' });
		// The figure never waits for its picture: the first reply is the text answer, with no image.
		const first = (await h.server.waitForRequest(callbackOf(token))).body as { type: number; data: Body };
		expect(first.type).toBe(4);
		expect(first.data.embeds?.[0]?.description).toContain('9,985');
		expect(first.data.embeds?.[0]?.image).toBeUndefined();
		const { embed, alt } = expectChart(await h.server.waitForRequest(original(token)));
		expect(embed.description).toContain('9,985');
		const words = embed.fields.find((f) => f.name === 'Chart')?.value;
		expect(words).toMatch(/^Line chart\. Russians → North Korea: visitors, 2023–2025/);
		expect(words).toContain('from 1,238 in 2023 to 9,985 in 2025, highest 9,985 in 2025');
		// The image's own alt text says the same.
		expect(alt).toBe(words);
		await expect.poll(() => h.logs.lines.find((l) => l.msg === 'chart')).toMatchObject({ ms: expect.any(Number) });
	});

	it('GIVEN /fact with one number THEN an answer at once, with no chart', async () => {
		const { token } = h.server.command('fact', { query: 'tourists 2025' });
		const reply = await h.server.waitForRequest(callbackOf(token));
		const body = reply.body as { type: number; data: Body };
		expect(body.type).toBe(4);
		expect(reply.files).toEqual([]);
		expect(body.data.embeds?.[0]?.image).toBeUndefined();
		expect(body.data.content).toBeUndefined();
	});

	it('GIVEN /chart of a breakdown THEN the chart is attached', async () => {
		const { token } = h.server.command('chart', { query: 'purposes of russian trips in 2025' });
		const { embed } = expectChart(await h.server.waitForRequest(original(token)));
		expect(embed.fields.find((f) => f.name === 'Chart')?.value).toContain('tourists: 5,075');
	});

	it('GIVEN /chart with nothing to chart THEN the answer in text, saying why there is no chart', async () => {
		const { token } = h.server.command('chart', { query: 'tourists 2025' });
		const reply = await h.server.waitForRequest(callbackOf(token));
		const { data } = reply.body as { data: Body };
		expect(data.content).toMatch(/^No chart: A single figure or a text answer has nothing to chart/);
		expect(data.embeds?.[0]?.description).toContain('5,075');
		expect(reply.files).toEqual([]);
	});

	it('GIVEN a mention asking for a comparison THEN the reply to the message has the figures, and then its chart', async () => {
		const messageId = h.server.message(`<@${BOT_USER.id}> compare tourists 2024 and 2025`, [BOT_USER]);
		const reply = await h.server.waitForRequest(
			(r) =>
				r.method === 'POST' &&
				r.path === `/channels/${CHANNEL_ID}/messages` &&
				(r.body as { message_reference?: { message_id: string } }).message_reference?.message_id === messageId,
		);
		expect(reply.files).toEqual([]);
		expect((reply.body as Body).embeds?.[0]?.description).toContain('5,075');
		const edit = await h.server.waitForRequest(
			(r) => r.method === 'PATCH' && new RegExp(`^/channels/${CHANNEL_ID}/messages/\\d+$`).test(r.path),
		);
		const { embed } = expectChart(edit);
		expect(embed.fields.find((f) => f.name === 'Chart')?.value).toContain('2024: 1,957; 2025: 5,075');
	});
});

describe('charts under load', () => {
	let busy: Harness;
	let drawn = 0;
	beforeAll(async () => {
		busy = await startHarness([], {
			charts: {
				render: () => {
					drawn++;
					return Promise.reject(new Error('not expected to draw'));
				},
			},
		});
	});
	afterAll(async () => {
		await busy?.stop();
	});

	it('GIVEN answers using the requests a second Discord allows THEN the figures go, and the chart is neither drawn nor edited in', async () => {
		// Answers sent by requests Discord counts, fifty a second all the while: no room for a chart.
		const fill = () => {
			for (let i = 0; i < 50; i++) answerSent(busy.bot.client.rest);
		};
		fill();
		const load = setInterval(fill, 20);
		try {
			const { token } = busy.server.command('fact', { query: 'russians to north korea by year' });
			const reply = await busy.server.waitForRequest(callbackOf(token));
			expect((reply.body as { data: Body }).data.embeds?.[0]?.description).toContain('9,985');
			await expect
				.poll(() =>
					busy.logs.lines.find((l) => l.msg === 'chart left out: requests to Discord kept for answers'),
				)
				.toBeDefined();
			expect(drawn).toBe(0);
			expect(busy.server.requests.some(original(token))).toBe(false);
		} finally {
			clearInterval(load);
		}
	});
});

describe('a chart that fails', () => {
	let broken: Harness;
	beforeAll(async () => {
		broken = await startHarness([], { charts: { render: () => Promise.reject(new Error('resvg fell over')) } });
	});
	afterAll(async () => {
		await broken?.stop();
	});

	it('GIVEN /fact whose chart cannot be drawn THEN the text answer stands alone, and the log says why', async () => {
		const { token } = broken.server.command('fact', { query: 'russians to north korea by year' });
		const reply = await broken.server.waitForRequest(callbackOf(token));
		const body = (reply.body as { data: Body }).data;
		expect(body.embeds?.[0]?.description).toContain('9,985');
		expect(body.embeds?.[0]?.image).toBeUndefined();
		expect(reply.files).toEqual([]);
		await expect
			.poll(() => broken.logs.lines.find((l) => l.msg === 'chart failed; the answer goes without it'))
			.toMatchObject({ err: expect.objectContaining({ message: 'resvg fell over' }) });
		// Nothing is edited in: the text answer was the reply.
		expect(broken.server.requests.some(original(token))).toBe(false);
		expect(broken.server.rejected).toEqual([]);
	});

	it('GIVEN /chart whose chart cannot be drawn THEN the answer says the chart failed', async () => {
		const { token } = broken.server.command('chart', { query: 'compare tourists 2024 and 2025' });
		const body = (await broken.server.waitForRequest(original(token))).body as Body;
		expect(body.content).toBe('No chart: the chart could not be drawn this time; here is the answer.');
	});
});
