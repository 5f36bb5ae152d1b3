import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Engine } from '../engine/createEngine.js';
import type { Logger } from '../logger.js';
import { guardMessageBody } from '../present/outputGuard.js';
import { type DigestMessage, presentDigest } from '../present/presentDigest.js';
import { buildDigest } from './buildDigest.js';
import { slotsBetween } from './schedule.js';
import type { DigestStore, LockOwner, Subscription } from './store.js';

/** What sending needs from Discord: post a message body to a channel, get its id back. */
export type SendMessage = (channelId: string, body: Record<string, unknown>) => Promise<{ id: string }>;

/** The points of a delivery, for logs and for tests that stop the process at each one. */
export type DeliveryStep = 'intent-recorded' | 'sent' | 'recorded';

export interface RunnerOptions {
	store: DigestStore;
	engine(): Engine;
	send: SendMessage;
	logger: Logger;
	/** How late a slot may still be posted after downtime; older slots are logged as missed. */
	graceMs: number;
	/** Called after each step of a delivery (the process may be killed at any of them). */
	onStep?: (step: DeliveryStep, info: { subscriptionId: number; slotAt: number }) => void;
}

/** Discord's nonce is at most 25 characters; this one is derived from subscription and slot, so a retry reuses it. */
export function slotNonce(subscriptionId: number, slotAt: number, kind: 'scheduled' | 'manual' = 'scheduled'): string {
	// Scheduled slots are whole seconds; a manual send is keyed to the millisecond, in its own namespace.
	const at = kind === 'scheduled' ? Math.floor(slotAt / 1000) : slotAt;
	return `${kind === 'scheduled' ? 'fd' : 'fm'}${subscriptionId.toString(36)}.${at.toString(36)}`.slice(0, 25);
}

const LOCK_STALE_MS = 60_000;
const MAX_BACKOFF_MS = 60_000;

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Posts each subscription's digest once per slot. Every step is committed to SQLite before the next,
 * and the message carries a nonce derived from the slot with `enforce_nonce`, so a restart between
 * sending and recording re-sends the same nonce and Discord returns the message it already has.
 */
export class DigestRunner {
	private running: Promise<void> | null = null;
	readonly owner: LockOwner = { id: randomUUID(), pid: process.pid, host: hostname() };
	private locked = false;

	constructor(private readonly options: RunnerOptions) {}

	/** Takes the scheduler lock; false if another live process on this database holds it. */
	acquire(now: Date): boolean {
		this.locked = this.options.store.acquireLock(this.owner, now.getTime(), LOCK_STALE_MS, isAlive);
		if (!this.locked) this.options.logger.error('another Factdesk process runs the digest scheduler on this database; this one will not post digests');
		return this.locked;
	}

	release(): void {
		if (this.locked) this.options.store.releaseLock(this.owner);
		this.locked = false;
	}

	/** One pass over every subscription at `now`. Runs never overlap: a tick during a tick waits for it. */
	async tick(now: Date): Promise<void> {
		if (!this.locked) return;
		if (this.running) return this.running;
		this.running = this.runOnce(now).finally(() => {
			this.running = null;
		});
		return this.running;
	}

	/** Resolves when the tick in progress (if any) is done: used at shutdown. */
	async idle(): Promise<void> {
		await this.running;
	}

	private async runOnce(now: Date): Promise<void> {
		const { store, logger } = this.options;
		if (!store.heartbeat(this.owner, now.getTime())) {
			this.locked = false;
			logger.error('lost the digest scheduler lock; stopping digests in this process');
			return;
		}
		for (const subscription of store.subscriptions()) {
			if (subscription.pausedReason !== null) continue;
			try {
				await this.runSubscription(subscription, now);
			} catch (error) {
				logger.error({ subscriptionId: subscription.id, err: error }, 'digest run failed');
			}
		}
	}

	private async runSubscription(subscription: Subscription, now: Date): Promise<void> {
		const { store, logger, graceMs } = this.options;
		const schedule = { cron: subscription.cron, timezone: subscription.timezone };
		const nowMs = now.getTime();

		// Deliveries begun earlier (a crash, a server error): retry while their slot is within grace.
		for (const delivery of store.unsettled(subscription.id)) {
			if (nowMs - delivery.slotAt > graceMs) {
				store.markMissed(subscription.id, [delivery.slotAt], `not delivered within the grace period: ${delivery.error ?? 'interrupted'}`, nowMs);
				logger.warn({ subscriptionId: subscription.id, slot: new Date(delivery.slotAt).toISOString() }, 'digest slot missed');
				continue;
			}
			if ((delivery.nextAttemptAt ?? 0) > nowMs) return;
			await this.deliver(subscription, delivery.slotAt, now);
			return;
		}

		const due = slotsBetween(schedule, new Date(subscription.settledThrough), now);
		if (due.slots.length === 0) return;
		const latest = due.slots.at(-1) as Date;
		const older = due.slots.slice(0, -1).map((d) => d.getTime());
		const postLatest = nowMs - latest.getTime() <= graceMs;
		const missed = postLatest ? older : [...older, latest.getTime()];
		if (missed.length > 0) {
			store.markMissed(subscription.id, missed, 'the bot was not running', nowMs);
			logger.warn(
				{ subscriptionId: subscription.id, missed: due.truncated ? `${missed.length}+` : missed.length, first: new Date(missed[0] as number).toISOString(), last: new Date(missed.at(-1) as number).toISOString() },
				'digest slots missed while the bot was not running',
			);
		}
		if (postLatest) await this.deliver(subscription, latest.getTime(), now);
	}

	/** Builds the digest from the data now and posts it for this slot, at most once. */
	async deliver(subscription: Subscription, slotAt: number, now: Date, kind: 'scheduled' | 'manual' = 'scheduled'): Promise<{ messageId: string } | null> {
		const { store, logger, onStep } = this.options;
		const nowMs = now.getTime();
		const info = { subscriptionId: subscription.id, slotAt };
		const nonce = slotNonce(subscription.id, slotAt, kind);
		const existing = store.recordIntent(subscription.id, slotAt, kind, nonce, nowMs);
		if (existing.status === 'sent') return { messageId: existing.messageId as string };
		onStep?.('intent-recorded', info);

		const { message, digest } = this.compose(subscription, now);
		try {
			const sent = await this.options.send(subscription.channelId, { ...guardMessageBody({ ...message }), nonce, enforce_nonce: true });
			onStep?.('sent', info);
			store.markSent({ subscriptionId: subscription.id, slotAt, kind, messageId: sent.id, snapshot: JSON.stringify(digest.snapshot), figureOfDay: digest.nothingNew ? null : (digest.figureOfDay?.id ?? null), now: nowMs });
			if (digest.rotationRestarted) store.resetShownFigures(subscription.id);
			onStep?.('recorded', info);
			logger.info({ subscriptionId: subscription.id, slot: new Date(slotAt).toISOString(), messageId: sent.id, kind }, 'digest posted');
			return { messageId: sent.id };
		} catch (error) {
			const { status, code, message: text } = error as { status?: number; code?: number; message?: string };
			if (status === 403 || status === 404) {
				const reason = status === 403 ? `missing permission to post in <#${subscription.channelId}> (Discord ${code ?? 403})` : `channel <#${subscription.channelId}> no longer exists (Discord ${code ?? 404})`;
				store.pause(subscription.id, reason, nowMs);
				if (kind === 'scheduled') store.markMissed(subscription.id, [slotAt], reason, nowMs);
				logger.warn({ subscriptionId: subscription.id, channelId: subscription.channelId, status, code }, `digest paused: ${reason}`);
				return null;
			}
			const attempts = (store.delivery(subscription.id, slotAt, kind)?.attempts ?? 0) + 1;
			const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempts - 1));
			store.markFailed(subscription.id, slotAt, kind, `${status ?? 'network'}: ${text ?? 'error'}`, nowMs + backoff, nowMs);
			logger.warn({ subscriptionId: subscription.id, status, attempts, retryInMs: backoff }, 'digest send failed; will retry within the slot');
			if (kind === 'manual') throw error;
			return null;
		}
	}

	/** The digest this subscription would get now, as a message. */
	compose(subscription: Subscription, now: Date): { message: DigestMessage; digest: ReturnType<typeof buildDigest> } {
		const engine = this.options.engine();
		const last = this.options.store.lastSent(subscription.id);
		const previous = last?.snapshot ? { snapshot: JSON.parse(last.snapshot) as Record<string, string>, sentAt: last.updatedAt } : null;
		const digest = buildDigest(engine.dataset, { previous, shown: this.options.store.shownFigures(subscription.id) }, now);
		return { message: presentDigest(digest, engine.dataset), digest };
	}
}
