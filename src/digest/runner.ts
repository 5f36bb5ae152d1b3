import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { guardMessageBody } from '../present/outputGuard.js';
import type { Chart } from '../present/chart.js';
import { type DigestMessage, carriesReference, digestWithChart } from '../present/presentDigest.js';
import { CHART_FILE } from '../present/presentReply.js';
import type { ChartRenderer } from '../service/chartService.js';
import type { DataSource } from '../service/dataSource.js';
import type { DigestOutcome } from '../service/operations.js';
import { type DigestStore, type LockOwner, type Subscription, isBusy } from './store.js';

/** A file sent with a message (a digest's chart). */
export interface MessageFile {
	name: string;
	data: Uint8Array;
	contentType: string;
}

/** What sending needs from Discord: post a message body (and its files) to a channel, get its id back. */
export type SendMessage = (
	channelId: string,
	body: Record<string, unknown>,
	files?: readonly MessageFile[],
) => Promise<{ id: string }>;

/** A message as Discord returns it from a channel's history: enough to recognise a digest. */
export interface PostedMessage {
	id: string;
	author?: { id?: string };
	content?: string;
	embeds?: { footer?: { text?: string } }[];
}

/** The bot's own recent messages in a channel, newest first (Discord's GET channel messages). */
export type RecentMessages = (channelId: string) => Promise<PostedMessage[]>;

/** The points of a delivery, for logs and for tests that stop the process at each one. */
export type DeliveryStep = 'intent-recorded' | 'sent' | 'recorded';

export interface RunnerOptions {
	store: DigestStore;
	/** The datasets served now (a reload swaps them): a digest reports on each. */
	data: DataSource;
	send: SendMessage;
	/**
	 * Reads the channel before re-sending a delivery whose intent is older than `nonceWindowMs`, when
	 * Discord no longer collapses a repeated nonce. Without it, a retry relies on the nonce alone.
	 */
	recent?: RecentMessages;
	logger: Logger;
	/** How late a slot may still be posted after downtime; older slots are logged as missed. */
	graceMs: number;
	/** How long Discord is trusted to honour `enforce_nonce` (it keeps nonces for a few minutes). */
	nonceWindowMs?: number;
	/** Called after each step of a delivery (the process may be killed at any of them). */
	onStep?: (step: DeliveryStep, info: { subscriptionId: number; slotAt: number }) => void;
	/** Counts deliveries and store errors for /metrics. */
	metrics?: Pick<Metrics, 'digest' | 'error'>;
	/** Draws a digest's chart; without it, digests go without charts. */
	charts?: ChartRenderer;
	/** Overrides parts of this process's lock identity (tests that play two processes). */
	owner?: Partial<LockOwner>;
}

/** Discord's nonce is at most 25 characters; this one is derived from subscription and slot, so a retry reuses it. */
export function slotNonce(subscriptionId: number, slotAt: number, kind: 'scheduled' | 'manual' = 'scheduled'): string {
	// Scheduled slots are whole seconds; a manual send is keyed to the millisecond, in its own namespace.
	const at = kind === 'scheduled' ? Math.floor(slotAt / 1000) : slotAt;
	return `${kind === 'scheduled' ? 'fd' : 'fm'}${subscriptionId.toString(36)}.${at.toString(36)}`.slice(0, 25);
}

/** A holder whose heartbeat is older than this is gone, wherever it runs. */
const LOCK_STALE_MS = 60_000;
/** How often a process without the lock tries again, and how often the holder proves it is alive. */
const LOCK_RETRY_MS = 5_000;
const HEARTBEAT_MS = 10_000;
/** The subscriptions are re-read this often even when this process changed none (another may have). */
const RESYNC_MS = 60_000;
const MAX_BACKOFF_MS = 60_000;
const DEFAULT_NONCE_WINDOW_MS = 2 * 60_000;
/** Channel history read when looking for a digest posted before a crash. */
export const HISTORY_LIMIT = 50;

/** 1 s, 2 s, 4 s … after each failure in a row, up to a minute. */
const backoffMs = (failures: number): number => Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1));

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The next instant a subscription needs attention: its next slot, or the retry of a delivery. */
interface Due {
	subscription: Subscription;
	cron: Cron;
	/** The earliest retry of an unfinished delivery, when there is one. */
	retryAt: number | undefined;
	at: number;
}

/**
 * Posts each subscription's digest once per slot. Every step is committed to SQLite before the next,
 * and the message carries a nonce derived from the slot with `enforce_nonce`, so a restart between
 * sending and recording re-sends the same nonce and Discord returns the message it already has; past
 * Discord's nonce window the channel is read for the digest's reference first.
 *
 * Each tick looks only at an in-memory index of when each subscription is next due, so an idle tick
 * costs microseconds however many subscriptions there are. Subscriptions are delivered independently:
 * one channel that is slow or rate limited holds up only itself. A store error (a database locked by
 * another process) is logged and retried with back-off; it never escapes a tick.
 */
export class DigestRunner {
	readonly owner: LockOwner;
	private locked = false;
	private nextLockAttempt = 0;
	private lastHeartbeat = 0;
	private waitingLogged = false;
	private readonly inFlight = new Map<number, Promise<void>>();
	/** Every delivery under way, scheduled or asked for (/digest send-now): shutdown waits for each. */
	private readonly delivering = new Set<Promise<unknown>>();
	private index = new Map<number, Due>();
	private earliest = Infinity;
	private indexedVersion = -1;
	private indexedAt = 0;
	private storeFailures = 0;
	private storeRetryAt = 0;

	constructor(private readonly options: RunnerOptions) {
		this.owner = { id: randomUUID(), pid: process.pid, host: hostname(), ...options.owner };
	}

	get holdsLock(): boolean {
		return this.locked;
	}

	/** Tries to take the scheduler lock; false while another live process holds it (ticks keep trying). */
	acquire(now: Date): boolean {
		this.nextLockAttempt = now.getTime() + LOCK_RETRY_MS;
		this.locked = this.options.store.acquireLock(this.owner, now.getTime(), LOCK_STALE_MS, isAlive);
		if (this.locked) {
			this.lastHeartbeat = now.getTime();
			if (this.waitingLogged)
				this.options.logger.info('took the digest scheduler lock; posting digests from this process');
			this.waitingLogged = false;
		} else if (!this.waitingLogged) {
			this.waitingLogged = true;
			this.options.logger.warn(
				'another Factdesk process runs the digest scheduler on this database; this one will take over if it stops',
			);
		}
		return this.locked;
	}

	release(): void {
		if (this.locked) {
			try {
				this.options.store.releaseLock(this.owner);
			} catch (error) {
				this.options.logger.warn(
					{ err: error },
					'could not release the digest scheduler lock; it will go stale',
				);
			}
		}
		this.locked = false;
	}

	/**
	 * Starts every delivery due at `now` and resolves when those have finished. Never rejects. A
	 * subscription whose delivery is still in flight is skipped, so ticks never post a slot twice.
	 */
	tick(now: Date): Promise<void> {
		const nowMs = now.getTime();
		if (nowMs < this.storeRetryAt) return Promise.resolve();
		const started: Promise<void>[] = [];
		try {
			if (!this.locked && (nowMs < this.nextLockAttempt || !this.acquire(now))) return Promise.resolve();
			if (nowMs - this.lastHeartbeat >= HEARTBEAT_MS) {
				if (!this.options.store.heartbeat(this.owner, nowMs)) {
					this.locked = false;
					this.options.logger.error('lost the digest scheduler lock; this process will try to take it again');
					return Promise.resolve();
				}
				this.lastHeartbeat = nowMs;
			}
			if (this.indexedVersion !== this.options.store.version || nowMs - this.indexedAt >= RESYNC_MS)
				this.rebuildIndex(now);
			if (nowMs >= this.earliest) {
				for (const due of this.index.values()) {
					if (due.at > nowMs || this.inFlight.has(due.subscription.id)) continue;
					started.push(this.start(due, now));
				}
				this.earliest = this.earliestDue();
			}
			this.storeFailures = 0;
		} catch (error) {
			this.storeTrouble(error, nowMs);
		}
		return Promise.all(started).then(() => undefined);
	}

	/** Resolves when every delivery in progress, scheduled or sent now, is done: used at shutdown. */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0 || this.delivering.size > 0)
			await Promise.allSettled([...this.inFlight.values(), ...this.delivering]);
	}

	/** A store error in a tick: logged, and the next tick waits 1 s, 2 s, 4 s … up to a minute. */
	private storeTrouble(error: unknown, nowMs: number): void {
		this.storeFailures++;
		const backoff = backoffMs(this.storeFailures);
		this.storeRetryAt = nowMs + backoff;
		this.options.metrics?.error('digest-store');
		this.options.logger.error(
			{ err: error, retryInMs: backoff },
			'digest store unavailable; digests wait, the bot keeps answering',
		);
	}

	private rebuildIndex(now: Date): void {
		const { store } = this.options;
		const retries = store.retriesDue();
		const next = new Map<number, Due>();
		for (const subscription of store.subscriptions()) {
			if (subscription.pausedReason !== null) continue;
			const old = this.index.get(subscription.id);
			const same =
				old !== undefined &&
				old.subscription.cron === subscription.cron &&
				old.subscription.timezone === subscription.timezone;
			const cron = same
				? old.cron
				: new Cron(subscription.cron, { timezone: subscription.timezone, paused: true });
			// Only a subscription whose schedule, progress or retries changed needs its next slot computed again.
			const unchanged =
				same &&
				old.subscription.settledThrough === subscription.settledThrough &&
				old.retryAt === retries.get(subscription.id);
			next.set(subscription.id, {
				subscription,
				cron,
				retryAt: retries.get(subscription.id),
				at: unchanged ? old.at : dueAt(cron, subscription, retries.get(subscription.id)),
			});
		}
		this.index = next;
		this.indexedVersion = store.version;
		this.indexedAt = now.getTime();
		this.earliest = this.earliestDue();
	}

	/** The soonest any subscription not already being delivered needs the runner. */
	private earliestDue(): number {
		let earliest = Infinity;
		for (const due of this.index.values())
			if (!this.inFlight.has(due.subscription.id)) earliest = Math.min(earliest, due.at);
		return earliest;
	}

	private start(due: Due, now: Date): Promise<void> {
		const id = due.subscription.id;
		const task = this.runSubscription(due, now)
			.catch((error: unknown) => {
				// A locked database holds up every subscription alike: back off as a tick does.
				if (isBusy(error)) this.storeTrouble(error, now.getTime());
				else this.options.logger.error({ subscriptionId: id, err: error }, 'digest run failed; will retry');
			})
			.finally(() => {
				this.inFlight.delete(id);
				this.reindex(id, now);
			});
		this.inFlight.set(id, task);
		return task;
	}

	/** After a delivery: when this subscription is next due (its row and retries may have changed). */
	private reindex(id: number, now: Date): void {
		const due = this.index.get(id);
		if (!due) return;
		try {
			const subscription = this.options.store.subscription(id);
			if (!subscription || subscription.pausedReason !== null) {
				this.index.delete(id);
				return;
			}
			due.subscription = subscription;
			due.retryAt = this.options.store.retriesDue(id).get(id);
			due.at = dueAt(due.cron, subscription, due.retryAt);
		} catch (error) {
			// The store is unavailable: try this subscription again after the back-off.
			due.at = now.getTime() + MAX_BACKOFF_MS;
			this.options.logger.warn(
				{ subscriptionId: id, err: error },
				'could not read the digest store after a delivery',
			);
		}
		this.earliest = Math.min(this.earliest, due.at);
	}

	private async runSubscription({ subscription, cron }: Due, now: Date): Promise<void> {
		const { store, logger, graceMs } = this.options;
		const nowMs = now.getTime();

		// Deliveries begun earlier (a crash, a server error): retry while their slot is within grace.
		for (const delivery of store.unsettled(subscription.id)) {
			if (nowMs - delivery.slotAt > graceMs) {
				store.markMissed(
					subscription.id,
					[delivery.slotAt],
					`not delivered within the grace period: ${delivery.error ?? 'interrupted'}`,
					nowMs,
				);
				this.options.metrics?.digest('skipped');
				logger.warn(
					{ subscriptionId: subscription.id, slot: new Date(delivery.slotAt).toISOString() },
					'digest slot missed',
				);
				continue;
			}
			if ((delivery.nextAttemptAt ?? 0) > nowMs) return;
			await this.deliver(subscription, delivery.slotAt, now);
			return;
		}

		// The latest slot at or before now, found directly (never by walking every slot since the last).
		const latest = cron.previousRuns(1, new Date(nowMs + 1))[0];
		if (!latest || latest.getTime() <= subscription.settledThrough) return;
		const latestMs = latest.getTime();
		const nextMs = cron.nextRun(latest)?.getTime() ?? Infinity;
		// A late slot is posted only while it is nearer than the next one; else the next one will be.
		const superseded = nowMs - latestMs > 60_000 && nextMs - nowMs < nowMs - latestMs;
		const postLatest = nowMs - latestMs <= graceMs && !superseded;
		const older = cron
			.previousRuns(20, latest)
			.filter((d) => d.getTime() > subscription.settledThrough)
			.map((d) => d.getTime())
			.reverse();
		const missed = postLatest ? older : [...older, latestMs];
		if (missed.length > 0) {
			this.options.metrics?.digest('skipped', missed.length);
			store.markMissed(
				subscription.id,
				missed,
				superseded && !postLatest && nowMs - latestMs <= graceMs
					? 'the next slot is nearer'
					: 'the bot was not running',
				nowMs,
			);
			logger.warn(
				{
					subscriptionId: subscription.id,
					missed: older.length >= 20 ? `${missed.length}+` : missed.length,
					first: new Date(missed[0] as number).toISOString(),
					last: new Date(missed.at(-1) as number).toISOString(),
				},
				'digest slots missed while the bot was not running',
			);
		}
		if (postLatest) await this.deliver(subscription, latestMs, now);
	}

	/** The digest with its chart drawn and attached; without it when there is none or it fails (logged). */
	private async withChart(
		message: DigestMessage,
		chart: Chart | null,
		info: { subscriptionId: number; slotAt: number },
	): Promise<{ body: DigestMessage; files: MessageFile[] }> {
		if (!chart || !this.options.charts) return { body: message, files: [] };
		try {
			const png = await this.options.charts.render(chart);
			return {
				body: digestWithChart(message, chart),
				files: [{ name: CHART_FILE, data: png, contentType: 'image/png' }],
			};
		} catch (error) {
			this.options.logger.warn({ ...info, err: error }, 'digest chart failed; the digest goes without it');
			return { body: message, files: [] };
		}
	}

	/** Builds the digest from the data now and posts it for this slot, at most once. */
	deliver(
		subscription: Subscription,
		slotAt: number,
		now: Date,
		kind: 'scheduled' | 'manual' = 'scheduled',
	): Promise<{ messageId: string } | null> {
		const task = this.deliverNow(subscription, slotAt, now, kind);
		this.delivering.add(task);
		void task.then(
			() => this.delivering.delete(task),
			() => this.delivering.delete(task),
		);
		return task;
	}

	private async deliverNow(
		subscription: Subscription,
		slotAt: number,
		now: Date,
		kind: 'scheduled' | 'manual',
	): Promise<{ messageId: string } | null> {
		const { store, logger, onStep } = this.options;
		const nowMs = now.getTime();
		const info = { subscriptionId: subscription.id, slotAt };
		const nonce = slotNonce(subscription.id, slotAt, kind);
		const existing = store.recordIntent(subscription.id, slotAt, kind, nonce, nowMs);
		if (existing.status === 'sent') return { messageId: existing.messageId as string };
		onStep?.('intent-recorded', info);

		try {
			// The data worker composes it; if it cannot just now, this is a failed attempt, retried.
			const digest = await this.compose(subscription, now, nonce);
			const { message } = digest;
			let sent: { id: string } | null = null;
			// Past the nonce window Discord would post a second copy: look for the first one instead.
			const firstTried = existing.intentAt ?? existing.updatedAt;
			const earlierAttempt = firstTried < nowMs || existing.attempts > 0;
			if (
				this.options.recent &&
				earlierAttempt &&
				nowMs - firstTried >= (this.options.nonceWindowMs ?? DEFAULT_NONCE_WINDOW_MS)
			) {
				const found = (await this.options.recent(subscription.channelId)).find((m) =>
					carriesReference(m, nonce),
				);
				if (found) {
					sent = { id: found.id };
					logger.info(
						{ subscriptionId: subscription.id, slot: new Date(slotAt).toISOString(), messageId: found.id },
						'digest found in the channel after a restart; not sending it again',
					);
				}
			}
			if (!sent) {
				const { body, files } = await this.withChart(message, digest.chart, info);
				sent = await this.options.send(
					subscription.channelId,
					{ ...guardMessageBody({ ...body }), nonce, enforce_nonce: true },
					files,
				);
			}
			onStep?.('sent', info);
			store.markSent({
				subscriptionId: subscription.id,
				slotAt,
				kind,
				messageId: sent.id,
				snapshot: JSON.stringify(digest.snapshot),
				figureOfDay: digest.figureOfDay,
				now: nowMs,
			});
			if (digest.rotationRestarted) store.resetShownFigures(subscription.id);
			onStep?.('recorded', info);
			this.options.metrics?.digest('sent');
			logger.info(
				{ subscriptionId: subscription.id, slot: new Date(slotAt).toISOString(), messageId: sent.id, kind },
				'digest posted',
			);
			return { messageId: sent.id };
		} catch (error) {
			const { status, code, message: text } = error as { status?: number; code?: number; message?: string };
			if (status === 403 || status === 404) {
				const reason =
					status === 403
						? `missing permission to post in <#${subscription.channelId}> (Discord ${code ?? 403})`
						: `channel <#${subscription.channelId}> no longer exists (Discord ${code ?? 404})`;
				store.pause(subscription.id, reason, nowMs);
				this.options.metrics?.digest('paused');
				if (kind === 'scheduled') store.markMissed(subscription.id, [slotAt], reason, nowMs);
				logger.warn(
					{ subscriptionId: subscription.id, channelId: subscription.channelId, status, code },
					`digest paused: ${reason}`,
				);
				return null;
			}
			const attempts = (store.delivery(subscription.id, slotAt, kind)?.attempts ?? 0) + 1;
			const backoff = backoffMs(attempts);
			this.options.metrics?.digest('failed');
			store.markFailed(
				subscription.id,
				slotAt,
				kind,
				`${status ?? 'network'}: ${text ?? 'error'}`,
				nowMs + backoff,
				nowMs,
			);
			logger.warn(
				{ subscriptionId: subscription.id, status, attempts, retryInMs: backoff },
				'digest send failed; will retry within the slot',
			);
			if (kind === 'manual') throw error;
			return null;
		}
	}

	/** The digest this subscription would get now, as a message (with the delivery's reference when posting). */
	async compose(subscription: Subscription, now: Date, reference: string | null = null): Promise<DigestOutcome> {
		const last = this.options.store.lastSent(subscription.id);
		const previous = last?.snapshot
			? { snapshot: JSON.parse(last.snapshot) as Record<string, string>, sentAt: last.updatedAt }
			: null;
		const history = { previous, shown: this.options.store.shownFigures(subscription.id) };
		return this.options.data.request('digest', { history, now: now.getTime(), reference });
	}
}

/** When a subscription next needs the runner: a pending retry, else its next slot after what is settled. */
function dueAt(cron: Cron, subscription: Subscription, retryAt: number | undefined): number {
	if (retryAt !== undefined) return retryAt;
	return cron.nextRun(new Date(subscription.settledThrough))?.getTime() ?? Infinity;
}
