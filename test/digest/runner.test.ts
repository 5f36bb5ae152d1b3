import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotNonce } from '../../src/digest/runner.js';
import { createMetrics } from '../../src/metrics.js';
import { startScheduler } from '../../src/digest/scheduler.js';
import { decode } from 'fast-png';
import { renderChartPng } from '../../src/render/renderChart.js';
import { digestRig } from '../support/digests.js';
import { FakeDiscord, GUILD_ID } from '../support/fakeDiscord.js';

let server: FakeDiscord;
beforeAll(async () => {
	server = await FakeDiscord.start();
});
afterAll(async () => {
	await server.close();
});

let channelSeq = 500000000000000000n;
const newChannel = () => String(++channelSeq);
const at = (iso: string) => new Date(iso);
const subscribe = (
	rig: ReturnType<typeof digestRig>,
	channelId: string,
	cron: string,
	createdAt: string,
	timezone = 'UTC',
) =>
	rig.store.addSubscription({
		guildId: GUILD_ID,
		channelId,
		cron,
		scheduleText: cron,
		timezone,
		createdAt: at(createdAt).getTime(),
		createdBy: 'test',
	});
/** A runner holding the lock, a new channel, and a subscription to it. */
function fresh(cron: string, createdAt: string, timezone = 'UTC') {
	const rig = digestRig(server);
	rig.runner.acquire(at('2025-01-01T00:00:00Z'));
	const channel = newChannel();
	return { rig, channel, sub: subscribe(rig, channel, cron, createdAt, timezone) };
}
const posts = (channelId: string) =>
	server.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);

describe('the digest runner (clock passed in, real SQLite, real REST client)', () => {
	it('GIVEN a daily slot THEN exactly one message, with the slot nonce, enforce_nonce and no pings; ticking again adds none', async () => {
		const rig = digestRig(server);
		expect(rig.runner.acquire(at('2025-06-01T00:00:00Z'))).toBe(true);
		const channel = newChannel();
		const sub = subscribe(rig, channel, '0 8 * * *', '2025-06-01T00:00:00Z', 'Asia/Seoul');
		await rig.runner.tick(at('2025-06-01T22:59:59Z'));
		expect(posts(channel)).toHaveLength(0);
		await rig.runner.tick(at('2025-06-01T23:00:01Z'));
		await rig.runner.tick(at('2025-06-01T23:00:02Z'));
		await rig.runner.tick(at('2025-06-01T23:30:00Z'));
		expect(posts(channel)).toHaveLength(1);
		const body = posts(channel)[0]!.body as {
			nonce: string;
			enforce_nonce: boolean;
			allowed_mentions: { parse: string[] };
			embeds: { description: string }[];
		};
		expect(body.nonce).toBe(slotNonce(sub.id, at('2025-06-01T23:00:00Z').getTime()));
		expect(body.nonce.length).toBeLessThanOrEqual(25);
		expect(body.enforce_nonce).toBe(true);
		expect(body.allowed_mentions.parse).toEqual([]);
		expect(body.embeds[0]?.description).toContain('9,985');
		expect(rig.store.sent(sub.id)).toHaveLength(1);
	});

	it('GIVEN a chart renderer THEN the digest carries the chart of what it leads with, the image described in words', async () => {
		const { rig, channel } = fresh('0 8 * * *', '2025-06-01T00:00:00Z');
		const drawn: string[] = [];
		const charts = {
			render: async (chart: Parameters<typeof renderChartPng>[0]) => (
				drawn.push(chart.title),
				(await renderChartPng(chart)).png
			),
		};
		const charted = digestRig(server, rig.path, { charts });
		charted.runner.acquire(at('2025-06-01T00:00:00Z'));
		rig.runner.release();
		await charted.runner.tick(at('2025-06-01T08:00:01Z'));
		const [post] = posts(channel);
		const body = post!.body as {
			embeds: { image?: { url: string }; fields: { name: string; value: string }[] }[];
			attachments: { description: string }[];
		};
		expect(drawn).toEqual(['Russians → North Korea: visitors, 2023–2025']);
		expect(body.embeds[0]?.image?.url).toBe('attachment://chart.png');
		expect(body.embeds[0]?.fields.find((f) => f.name === 'Chart')?.value).toContain(
			'from 1,238 in 2023 to 9,985 in 2025',
		);
		expect(body.attachments[0]?.description).toMatch(/^Line chart\./);
		const image = decode(post!.files[0]!.data);
		expect([image.width, image.height]).toEqual([1200, 675]);
	});

	it('GIVEN a chart that fails THEN the digest goes without it, and the log says why', async () => {
		const { rig, channel } = fresh('0 8 * * *', '2025-06-01T00:00:00Z');
		const charted = digestRig(server, rig.path, {
			charts: { render: () => Promise.reject(new Error('no fonts today')) },
		});
		charted.runner.acquire(at('2025-06-01T00:00:00Z'));
		rig.runner.release();
		await charted.runner.tick(at('2025-06-01T08:00:01Z'));
		const [post] = posts(channel);
		expect(post!.files).toEqual([]);
		expect((post!.body as { embeds: { image?: unknown; description: string }[] }).embeds[0]).toMatchObject({
			description: expect.stringContaining('9,985'),
		});
		expect((post!.body as { embeds: { image?: unknown }[] }).embeds[0]?.image).toBeUndefined();
		expect(
			charted.logs.lines.find((l) => l.msg === 'digest chart failed; the digest goes without it'),
		).toMatchObject({ err: expect.objectContaining({ message: 'no fonts today' }) });
	});

	it('GIVEN a new subscription THEN it does not back-fill slots before it was created', async () => {
		const { rig, channel } = fresh('*/5 * * * *', '2025-06-01T12:02:00Z');
		await rig.runner.tick(at('2025-06-01T12:04:59Z'));
		expect(posts(channel)).toHaveLength(0);
	});

	it('GIVEN the clock jumps an hour THEN an hourly digest posts once for the new slot', async () => {
		const { rig, channel, sub } = fresh('0 * * * *', '2025-06-01T09:30:00Z');
		await rig.runner.tick(at('2025-06-01T10:00:05Z'));
		await rig.runner.tick(at('2025-06-01T11:00:05Z'));
		expect(posts(channel)).toHaveLength(2);
		expect(rig.store.sent(sub.id).map((d) => new Date(d.slotAt).toISOString())).toEqual([
			'2025-06-01T10:00:00.000Z',
			'2025-06-01T11:00:00.000Z',
		]);
		// The second digest has nothing new: one line, no embed.
		expect((posts(channel)[1]!.body as { content: string; embeds: unknown[] }).content).toMatch(
			/no new or revised figures/,
		);
	});

	it('GIVEN the clock jumps three days THEN only the latest slot within the grace period posts, the older ones are logged as missed', async () => {
		const { rig, channel, sub } = fresh('0 8 * * *', '2025-06-01T07:00:00Z');
		await rig.runner.tick(at('2025-06-04T08:20:00Z'));
		expect(posts(channel)).toHaveLength(1);
		expect(new Date(rig.store.sent(sub.id)[0]!.slotAt).toISOString()).toBe('2025-06-04T08:00:00.000Z');
		expect(new Date(rig.store.lastMissed(sub.id)!.slotAt).toISOString()).toBe('2025-06-03T08:00:00.000Z');
		expect(rig.logs.lines.find((l) => l.msg === 'digest slots missed while the bot was not running')).toMatchObject(
			{ subscriptionId: sub.id, missed: 3 },
		);
		await rig.runner.tick(at('2025-06-04T08:21:00Z'));
		expect(posts(channel)).toHaveLength(1);
	});

	it('GIVEN the latest slot is older than the grace period THEN nothing posts and every slot is logged as missed', async () => {
		const { rig, channel, sub } = fresh('0 8 * * *', '2025-06-01T07:00:00Z');
		await rig.runner.tick(at('2025-06-04T12:00:00Z'));
		expect(posts(channel)).toHaveLength(0);
		expect(rig.logs.lines.find((l) => l.msg === 'digest slots missed while the bot was not running')).toMatchObject(
			{ subscriptionId: sub.id, missed: 4 },
		);
	});

	it('GIVEN both 2025 New York daylight-saving changes THEN 08:00 local posts once a day at the right UTC instant', async () => {
		const { rig, sub } = fresh('0 8 * * *', '2025-03-08T00:00:00Z', 'America/New_York');
		for (let hour = 0; hour < 72; hour++)
			await rig.runner.tick(new Date(at('2025-03-08T00:00:00Z').getTime() + hour * 3_600_000 + 60_000));
		expect(rig.store.sent(sub.id).map((d) => new Date(d.slotAt).toISOString())).toEqual([
			'2025-03-08T13:00:00.000Z',
			'2025-03-09T12:00:00.000Z',
			'2025-03-10T12:00:00.000Z',
		]);
		rig.store.removeSubscription(sub.id, GUILD_ID, Date.now());
		const fall = subscribe(rig, newChannel(), '30 1 * * *', '2025-11-01T00:00:00Z', 'America/New_York');
		for (let minute = 0; minute < 48 * 60; minute += 15)
			await rig.runner.tick(new Date(at('2025-11-01T00:00:00Z').getTime() + minute * 60_000));
		expect(rig.store.sent(fall.id).map((d) => new Date(d.slotAt).toISOString())).toEqual([
			'2025-11-01T05:30:00.000Z',
			'2025-11-02T05:30:00.000Z',
		]);
	});

	it('GIVEN a channel that answers 403 THEN the subscription pauses, says why, and is not retried', async () => {
		const rig = digestRig(server);
		rig.runner.acquire(at('2025-06-01T00:00:00Z'));
		const channel = newChannel();
		server.fail('POST', new RegExp(`^/channels/${channel}/messages$`), 403, { times: 1000 });
		const sub = subscribe(rig, channel, '0 8 * * *', '2025-06-01T07:00:00Z');
		await rig.runner.tick(at('2025-06-01T08:00:10Z'));
		expect(rig.store.subscription(sub.id)?.pausedReason).toMatch(/missing permission to post/);
		expect(rig.logs.lines.some((l) => String(l.msg).startsWith('digest paused'))).toBe(true);
		const attempts = () => server.requests.filter((r) => r.path === `/channels/${channel}/messages`).length;
		const before = attempts();
		await rig.runner.tick(at('2025-06-02T08:00:10Z'));
		expect(attempts()).toBe(before);
	});

	it('GIVEN a server error THEN it retries with back-off within the slot and posts once', async () => {
		const rig = digestRig(server);
		rig.runner.acquire(at('2025-06-01T00:00:00Z'));
		const channel = newChannel();
		server.fail('POST', new RegExp(`^/channels/${channel}/messages$`), 500, { times: 2 });
		const sub = subscribe(rig, channel, '0 8 * * *', '2025-06-01T07:00:00Z');
		await rig.runner.tick(at('2025-06-01T08:00:00Z'));
		expect(rig.store.delivery(sub.id, at('2025-06-01T08:00:00Z').getTime())).toMatchObject({
			status: 'failed',
			attempts: 1,
		});
		await rig.runner.tick(at('2025-06-01T08:00:00.500Z'));
		expect(rig.store.delivery(sub.id, at('2025-06-01T08:00:00Z').getTime())?.attempts).toBe(1);
		await rig.runner.tick(at('2025-06-01T08:00:01.100Z'));
		await rig.runner.tick(at('2025-06-01T08:00:04Z'));
		expect(posts(channel)).toHaveLength(1);
		expect(rig.store.delivery(sub.id, at('2025-06-01T08:00:00Z').getTime())).toMatchObject({
			status: 'sent',
			attempts: 3,
		});
	});

	it('GIVEN a manual send in the same second as a slot THEN both post, with different nonces, and the slot is not skipped', async () => {
		const { rig, channel, sub } = fresh('0 8 * * *', '2025-06-01T07:00:00Z');
		expect(slotNonce(sub.id, at('2025-06-01T08:00:00Z').getTime(), 'manual')).not.toBe(
			slotNonce(sub.id, at('2025-06-01T08:00:00Z').getTime()),
		);
		await rig.runner.deliver(sub, at('2025-06-01T08:00:00Z').getTime(), at('2025-06-01T08:00:00Z'), 'manual');
		await rig.runner.tick(at('2025-06-01T08:00:00.400Z'));
		expect(server.messagesIn(channel)).toHaveLength(2);
		expect(
			rig.store
				.sent(sub.id)
				.map((d) => d.kind)
				.sort(),
		).toEqual(['manual', 'scheduled']);
	});

	it('GIVEN a stop while a digest is being sent THEN the stop waits for it to be sent and recorded', async () => {
		const rig = digestRig(server);
		rig.runner.acquire(at('2025-06-01T00:00:00Z'));
		const channel = newChannel();
		server.delay('POST', new RegExp(`^/channels/${channel}/messages$`), 400);
		const sub = subscribe(rig, channel, '0 8 * * *', '2025-06-01T07:00:00Z');
		const scheduler = startScheduler(rig.runner, () => at('2025-06-01T08:00:01Z'), 60_000);
		await expect
			.poll(() => server.requests.filter((r) => r.path === `/channels/${channel}/messages`).length)
			.toBe(1);
		expect(rig.store.sent(sub.id)).toHaveLength(0);
		await scheduler.stop();
		expect(rig.store.sent(sub.id)).toHaveLength(1);
	});

	it('GIVEN two ticks at once THEN they do not overlap and the slot posts once', async () => {
		const { rig, channel } = fresh('0 8 * * *', '2025-06-01T07:00:00Z');
		await Promise.all([
			rig.runner.tick(at('2025-06-01T08:00:01Z')),
			rig.runner.tick(at('2025-06-01T08:00:02Z')),
			rig.runner.tick(at('2025-06-01T08:00:03Z')),
		]);
		expect(posts(channel)).toHaveLength(1);
	});

	it('GIVEN a second process on the same database THEN it refuses to run the scheduler until the first is gone', () => {
		const first = digestRig(server);
		const second = digestRig(server, first.path, { owner: { host: 'another-host' } });
		expect(first.runner.acquire(at('2025-06-01T00:00:00Z'))).toBe(true);
		expect(second.runner.acquire(at('2025-06-01T00:00:10Z'))).toBe(false);
		expect(second.logs.lines.some((l) => String(l.msg).includes('another Factdesk process'))).toBe(true);
		first.runner.release();
		expect(second.runner.acquire(at('2025-06-01T00:00:20Z'))).toBe(true);
		// A holder whose process has died does not block a restart.
		const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
			encoding: 'utf8',
		}).stdout;
		const third = digestRig(server, first.path);
		third.store.acquireLock(
			{ id: 'crashed', pid: Number(deadPid), host: third.runner.owner.host },
			at('2025-06-01T00:00:30Z').getTime(),
			0,
			() => true,
		);
		expect(third.runner.acquire(at('2025-06-01T00:00:31Z'))).toBe(true);
	});

	it('GIVEN a lock row left by this same pid on this host (a restarted container) THEN it is an earlier run and is taken at once', () => {
		const rig = digestRig(server);
		rig.store.acquireLock(
			{ id: 'before-the-restart', pid: process.pid, host: rig.runner.owner.host },
			at('2025-06-01T00:00:00Z').getTime(),
			60_000,
			() => true,
		);
		expect(rig.runner.acquire(at('2025-06-01T00:00:05Z'))).toBe(true);
	});

	it('GIVEN the lock held by a live process elsewhere THEN ticks keep trying and take it over once its heartbeat is stale, then post', async () => {
		const rig = digestRig(server);
		const channel = newChannel();
		const sub = subscribe(rig, channel, '0 8 * * *', '2025-06-01T07:00:00Z');
		rig.store.acquireLock(
			{ id: 'elsewhere', pid: 1, host: 'another-host' },
			at('2025-06-01T07:59:30Z').getTime(),
			60_000,
			() => true,
		);
		expect(rig.runner.acquire(at('2025-06-01T08:00:00Z'))).toBe(false);
		await rig.runner.tick(at('2025-06-01T08:00:10Z'));
		expect(posts(channel)).toHaveLength(0);
		expect(rig.runner.holdsLock).toBe(false);
		await rig.runner.tick(at('2025-06-01T08:00:31Z'));
		expect(rig.runner.holdsLock).toBe(true);
		expect(rig.store.sent(sub.id)).toHaveLength(1);
		expect(rig.logs.lines.map((l) => l.msg)).toContain(
			'took the digest scheduler lock; posting digests from this process',
		);
	});

	it('GIVEN the database locked by another process THEN ticks never throw, back off, and post once it is free', async () => {
		const rig = digestRig(server);
		const channel = newChannel();
		const sub = subscribe(rig, channel, '0 8 * * *', '2025-06-01T07:00:00Z');
		rig.runner.acquire(at('2025-06-01T07:59:00Z'));
		const other = new Database(rig.path);
		other.exec('BEGIN EXCLUSIVE');
		other.prepare("UPDATE scheduler_lock SET heartbeat_at = heartbeat_at WHERE name = 'digest'").run();
		await expect(rig.runner.tick(at('2025-06-01T08:00:10Z'))).resolves.toBeUndefined();
		expect(posts(channel)).toHaveLength(0);
		expect(
			rig.logs.lines.find((l) => l.msg === 'digest store unavailable; digests wait, the bot keeps answering'),
		).toMatchObject({ retryInMs: 1000 });
		// Within the back-off the store is not touched again.
		await rig.runner.tick(at('2025-06-01T08:00:10.500Z'));
		expect(
			rig.logs.lines.filter((l) => l.msg === 'digest store unavailable; digests wait, the bot keeps answering'),
		).toHaveLength(1);
		other.exec('COMMIT');
		other.close();
		await rig.runner.tick(at('2025-06-01T08:00:12Z'));
		expect(rig.store.sent(sub.id)).toHaveLength(1);
		expect(posts(channel)).toHaveLength(1);
	});

	it("GIVEN one channel rate limited THEN another channel's digest for the same slot is not held up by it", async () => {
		const rig = digestRig(server);
		rig.runner.acquire(at('2025-06-01T07:00:00Z'));
		const slow = newChannel();
		const fast = newChannel();
		server.fail('POST', new RegExp(`^/channels/${slow}/messages$`), 429, { retryAfter: 2 });
		subscribe(rig, slow, '0 8 * * *', '2025-06-01T07:00:00Z');
		subscribe(rig, fast, '0 8 * * *', '2025-06-01T07:00:00Z');
		const started = Date.now();
		const tick = rig.runner.tick(at('2025-06-01T08:00:01Z'));
		await server.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${fast}/messages`);
		await tick;
		// The slow channel waited out its Retry-After; the fast one was posted before that retry.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
		const posts = server.requests.filter((r) => r.method === 'POST').map((r) => r.path);
		const fastAt = posts.indexOf(`/channels/${fast}/messages`);
		expect(fastAt).toBeGreaterThanOrEqual(0);
		expect(posts.lastIndexOf(`/channels/${slow}/messages`)).toBeGreaterThan(fastAt);
		expect(server.messagesIn(slow)).toHaveLength(1);
		expect(server.messagesIn(fast)).toHaveLength(1);
	});

	it("GIVEN a restart after Discord's nonce window THEN the runner finds the digest it posted in the channel and does not post it again", async () => {
		const rig = digestRig(server, undefined, { nonceWindowMs: 60_000 });
		rig.runner.acquire(at('2025-06-01T07:00:00Z'));
		const channel = newChannel();
		const sub = subscribe(rig, channel, '0 8 * * *', '2025-06-01T07:00:00Z');
		const slot = at('2025-06-01T08:00:00Z').getTime();
		// The earlier process posted, then died before recording it.
		const nonce = slotNonce(sub.id, slot);
		rig.store.recordIntent(sub.id, slot, 'scheduled', nonce, slot + 1_000);
		const { message } = await rig.runner.compose(sub, at('2025-06-01T08:00:01Z'), nonce);
		server.nonceWindowMs = 0;
		try {
			const posted = (await rig.rest.post(`/channels/${channel}/messages`, {
				body: { ...message, nonce, enforce_nonce: true },
			})) as { id: string };
			await rig.runner.tick(at('2025-06-01T08:20:00Z'));
			expect(server.messagesIn(channel)).toHaveLength(1);
			expect(rig.store.delivery(sub.id, slot)).toMatchObject({ status: 'sent', messageId: posted.id });
			expect(rig.logs.lines.map((l) => l.msg)).toContain(
				'digest found in the channel after a restart; not sending it again',
			);
		} finally {
			server.nonceWindowMs = 5 * 60_000;
		}
	});

	it('GIVEN a late slot nearer the next one than itself THEN it is recorded as missed and only the next one posts', async () => {
		const { rig, channel, sub } = fresh('*/10 * * * *', '2025-06-01T07:00:00Z');
		await rig.runner.tick(at('2025-06-01T08:07:00Z'));
		expect(posts(channel)).toHaveLength(0);
		expect(rig.store.lastMissed(sub.id)?.error).toBe('the next slot is nearer');
		await rig.runner.tick(at('2025-06-01T08:10:00Z'));
		expect(rig.store.sent(sub.id).map((d) => new Date(d.slotAt).toISOString())).toEqual([
			'2025-06-01T08:10:00.000Z',
		]);
		// A slot only a little late still posts.
		const second = fresh('*/10 * * * *', '2025-06-01T07:00:00Z');
		await second.rig.runner.tick(at('2025-06-01T08:02:00Z'));
		expect(second.rig.store.sent(second.sub.id).map((d) => new Date(d.slotAt).toISOString())).toEqual([
			'2025-06-01T08:00:00.000Z',
		]);
	});

	it('GIVEN metrics THEN sent, failed and missed deliveries are counted', async () => {
		const metrics = createMetrics({ figures: () => 0, datasets: () => 0, lastReload: () => null });
		const rig = digestRig(server, undefined, { metrics });
		rig.runner.acquire(at('2025-06-01T07:00:00Z'));
		const channel = newChannel();
		server.fail('POST', new RegExp(`^/channels/${channel}/messages$`), 500, { times: 1 });
		subscribe(rig, channel, '0 8 * * *', '2025-06-01T07:00:00Z');
		await rig.runner.tick(at('2025-06-01T08:00:00Z'));
		await rig.runner.tick(at('2025-06-01T08:00:02Z'));
		await rig.runner.tick(at('2025-06-04T12:00:00Z'));
		const text = await metrics.registry.metrics();
		expect(text).toMatch(/^factdesk_digests_total\{outcome="failed"\} 1$/m);
		expect(text).toMatch(/^factdesk_digests_total\{outcome="sent"\} 1$/m);
		expect(text).toMatch(/^factdesk_digests_total\{outcome="skipped"\} 3$/m);
	});
});
