// The real bot under a mixed load: 60 % autocomplete, 30 % /fact, 10 % mentions, against the
// Discord-compatible server of the tests on 127.0.0.1, with the data and chart workers of
// dist/ (as `npm start` runs them). A ladder of rates; for each, how long a user waits for the
// figures (the first reply carrying the answer) and for the chart edited in after them.
//
// `npm run bench -- --load` (also run by `npm run bench`). Not a test: timings vary by machine.
import { availableParallelism } from 'node:os';
import { commands } from '../commands/index.js';
import { createBot } from '../src/bot/createBot.js';
import { createLogger } from '../src/logger.js';
import { ChartService } from '../src/service/chartService.js';
import { DataService } from '../src/service/dataService.js';
import { percentile } from './meanwhile.js';
import { BOT_USER, CHANNEL_ID, FakeDiscord, type RecordedRequest } from '../test/support/fakeDiscord.js';

const RATES = [100, 200, 400];
const SECONDS = 4;
const TOKEN = 'MTExMTExMTExMTExMTExMTEx.bench-token.not-a-secret';

const ms = (n: number) => (Number.isNaN(n) ? '–' : n < 10 ? n.toFixed(1) : n.toFixed(0));

/** Questions whose answers differ (a chart each, so that no chart is one already drawn), and typing. */
function questions(): { facts: string[]; mentions: string[]; typed: string[] } {
	const facts: string[] = [];
	for (const kind of ['earthquake', 'flood', 'drought', 'storm'])
		for (let from = 1950; from < 2010; from += 3) facts.push(`${kind} deaths ${from} to ${from + 9}`);
	facts.push('tourists 2025', 'russians to north korea by year', 'purposes of russian trips in 2025');
	const mentions = facts.map((q) => `<@${BOT_USER.id}> ${q}`);
	const typed = ['tour', 'earthq', 'rail 20', 'deaths 19', 'north ko', 'flood', 'russ', '2010'];
	return { facts, mentions, typed };
}

interface Pending {
	kind: 'autocomplete' | 'fact' | 'mention';
	sent: number;
	answered?: number;
	charted?: number;
}

export async function measureLoad(): Promise<void> {
	const server = await FakeDiscord.start();
	server.keepRequests = false;
	// A newsroom's desks: mentions come from several channels. (Discord allows a bot about 5 messages
	// per 5 s in one channel, and discord.js sends a channel's messages one after another, so 40
	// mentions a second in one channel could never be answered in milliseconds anywhere.)
	const desks = [CHANNEL_ID, ...server.addChannels(19)];
	const logger = createLogger('silent');
	const data = await DataService.start({
		dir: 'data',
		workerUrl: new URL('./data-worker.mjs', import.meta.url),
		logger,
	});
	const charts = new ChartService({ workerUrl: new URL('./chart-worker.mjs', import.meta.url), logger });
	const bot = createBot({
		token: TOKEN,
		apiUrl: server.apiUrl,
		commands,
		deps: { data, now: () => new Date('2026-12-01T12:00:00Z'), logger, reload: () => data.reload(), charts },
		clientOptions: {
			ws: {
				buildIdentifyThrottler: () => Promise.resolve({ waitForIdentify: () => Promise.resolve() }),
			} as never,
		},
	});
	await bot.start();

	const byToken = new Map<string, Pending>();
	const byMessage = new Map<string, Pending>();
	server.onRecorded = (r: RecordedRequest) => {
		const at = performance.now();
		const token = /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(r.path)?.[1];
		const pending = token ? byToken.get(token) : undefined;
		if (pending) {
			const callback = r.method === 'POST' && r.path.endsWith('/callback');
			const type = callback ? (r.body as { type?: number }).type : undefined;
			// The answer: an immediate reply (4, or 8 for autocomplete), else the first edit after a deferral.
			if (pending.answered === undefined && (type === 4 || type === 8 || (!callback && r.method === 'PATCH')))
				pending.answered = at;
			if (r.files.length > 0) pending.charted = at;
			return;
		}
		if (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)) {
			const to = (r.body as { message_reference?: { message_id?: string } }).message_reference?.message_id;
			const mention = to ? byMessage.get(to) : undefined;
			if (mention && mention.answered === undefined) mention.answered = at;
		}
	};

	const { facts, mentions, typed } = questions();
	console.log(
		`mixed load on the real bot (loopback Discord; 60% autocomplete, 30% /fact, 10% mentions from ${desks.length} channels; ${SECONDS} s a rate; ${charts.size} chart workers on ${availableParallelism()} cores):`,
	);
	let n = 0;
	for (const rate of RATES) {
		const all: Pending[] = [];
		const rssBefore = process.memoryUsage().rss;
		let rssPeak = rssBefore;
		const started = performance.now();
		const total = rate * SECONDS;
		await new Promise<void>((resolve) => {
			const tick = setInterval(() => {
				const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
				rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
				while (all.length < due) {
					n++;
					const roll = n % 10;
					const sent = performance.now();
					if (roll < 6) {
						const p: Pending = { kind: 'autocomplete', sent };
						byToken.set(server.autocomplete('fact', 'query', typed[n % typed.length]!).token, p);
						all.push(p);
					} else if (roll < 9) {
						const p: Pending = { kind: 'fact', sent };
						byToken.set(server.command('fact', { query: facts[n % facts.length]! }).token, p);
						all.push(p);
					} else {
						const p: Pending = { kind: 'mention', sent };
						const desk = desks[Math.floor(n / 10) % desks.length]!;
						byMessage.set(
							server.message(mentions[n % mentions.length]!, [BOT_USER], { channel_id: desk }),
							p,
						);
						all.push(p);
					}
				}
				if (all.length >= total) {
					clearInterval(tick);
					resolve();
				}
			}, 5);
		});
		// Replies still coming: up to 10 s more.
		const deadline = performance.now() + 10_000;
		while (performance.now() < deadline && all.some((p) => p.answered === undefined)) {
			rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
			await new Promise((r) => setTimeout(r, 50));
		}
		await new Promise((r) => setTimeout(r, 5_500)); // charts: at most 5 s after their answer
		const waits = (kind: Pending['kind']) =>
			all
				.filter((p) => p.kind === kind && p.answered !== undefined)
				.map((p) => p.answered! - p.sent)
				.sort((a, b) => a - b);
		const line = (kind: Pending['kind']) => {
			const w = waits(kind);
			const missing = all.filter((p) => p.kind === kind).length - w.length;
			return `${kind} p50 ${ms(percentile(w, 50))} p99 ${ms(percentile(w, 99))} ms${missing > 0 ? ` (${missing} unanswered)` : ''}`;
		};
		const factsSent = all.filter((p) => p.kind === 'fact');
		const chartWaits = factsSent
			.filter((p) => p.charted !== undefined && p.answered !== undefined)
			.map((p) => p.charted! - p.sent)
			.sort((a, b) => a - b);
		console.log(
			`  ${rate}/s: ${line('fact')}; ${line('mention')}; ${line('autocomplete')}; /fact charts edited in: ${chartWaits.length} of ${factsSent.length}, p50 ${ms(percentile(chartWaits, 50))} p99 ${ms(percentile(chartWaits, 99))} ms after the command; RSS ${(rssBefore / 1e6).toFixed(0)} → ${(rssPeak / 1e6).toFixed(0)} MB`,
		);
		byToken.clear();
		byMessage.clear();
	}
	await bot.stop();
	await server.close();
	await charts.close();
	await data.close();
}
