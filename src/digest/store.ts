import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Gap } from '../present/presentGaps.js';
import type { RefreshRecord } from '../present/presentRefresh.js';

export interface Subscription {
	id: number;
	guildId: string;
	channelId: string;
	cron: string;
	/** What the admin typed ("weekdays 08:00"), for display. */
	scheduleText: string;
	timezone: string;
	createdAt: number;
	createdBy: string;
	/** Every slot at or before this instant (ms) has been sent or recorded as missed. */
	settledThrough: number;
	pausedReason: string | null;
	pausedAt: number | null;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'missed';

export interface Delivery {
	subscriptionId: number;
	slotAt: number;
	kind: 'scheduled' | 'manual';
	status: DeliveryStatus;
	nonce: string;
	messageId: string | null;
	attempts: number;
	nextAttemptAt: number | null;
	error: string | null;
	/** JSON of what was sent, so the next digest can say what changed. */
	snapshot: string | null;
	updatedAt: number;
	/** When the intent to send was first recorded (null for rows from before this was kept). */
	intentAt: number | null;
}

/**
 * The most gap entries kept: past this the least asked (then the longest unasked) are dropped, so
 * a flood of unique questions cannot grow the store or slow /gaps without bound.
 */
export const MAX_GAPS = 10_000;
/** New gap entries between two trims back to MAX_GAPS (each trim reads the row count once). */
const GAP_TRIM_EVERY = 100;

const MIGRATIONS: readonly string[] = [
	`CREATE TABLE subscriptions (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		guild_id TEXT NOT NULL,
		channel_id TEXT NOT NULL,
		cron TEXT NOT NULL,
		schedule_text TEXT NOT NULL,
		timezone TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		created_by TEXT NOT NULL,
		settled_through INTEGER NOT NULL,
		paused_reason TEXT,
		paused_at INTEGER,
		deleted_at INTEGER
	);
	CREATE TABLE deliveries (
		subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
		slot_at INTEGER NOT NULL,
		kind TEXT NOT NULL,
		status TEXT NOT NULL,
		nonce TEXT NOT NULL,
		message_id TEXT,
		attempts INTEGER NOT NULL DEFAULT 0,
		next_attempt_at INTEGER,
		error TEXT,
		snapshot TEXT,
		updated_at INTEGER NOT NULL,
		PRIMARY KEY (subscription_id, kind, slot_at)
	);
	CREATE TABLE shown_figures (
		subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
		figure_id TEXT NOT NULL,
		shown_at INTEGER NOT NULL,
		PRIMARY KEY (subscription_id, figure_id)
	);
	CREATE TABLE scheduler_lock (
		name TEXT PRIMARY KEY,
		owner TEXT NOT NULL,
		pid INTEGER NOT NULL,
		host TEXT NOT NULL,
		heartbeat_at INTEGER NOT NULL
	);`,
	// When the intent to send was first recorded: after Discord's nonce window a retry must look
	// for the message in the channel rather than trust enforce_nonce.
	`ALTER TABLE deliveries ADD COLUMN intent_at INTEGER;
	CREATE INDEX deliveries_unsettled ON deliveries (status) WHERE status IN ('pending', 'failed');`,
	// Questions the data could not answer, and ask-backs nobody picked: what the data editor should add.
	// Only the question text, the dataset and counts and times: no user, channel or server ids.
	`CREATE TABLE gaps (
		key TEXT NOT NULL,
		question TEXT NOT NULL,
		dataset TEXT NOT NULL,
		kind TEXT NOT NULL,
		count INTEGER NOT NULL,
		picked INTEGER NOT NULL DEFAULT 0,
		first_asked INTEGER NOT NULL,
		last_asked INTEGER NOT NULL,
		PRIMARY KEY (key, kind)
	);
	CREATE INDEX gaps_last_asked ON gaps (last_asked);`,
	// The gaps list reads its top rows from an index in rank order, and the table is capped: a store
	// that grew without bound before keeps only its MAX_GAPS best-ranked rows.
	`CREATE INDEX gaps_rank ON gaps (count - picked DESC, last_asked DESC);
	DELETE FROM gaps WHERE rowid IN (
		SELECT rowid FROM gaps ORDER BY count - picked DESC, last_asked DESC LIMIT -1 OFFSET ${MAX_GAPS}
	);`,
	// Live tables: each one's last attempt, success and refusal (for /data status and back-off), and
	// the notes of what changed or was refused, posted once each.
	`CREATE TABLE refresh_status (
		dataset_id TEXT NOT NULL,
		file TEXT NOT NULL,
		url TEXT NOT NULL,
		last_attempt_at INTEGER,
		last_outcome TEXT,
		last_success_at INTEGER,
		last_change_at INTEGER,
		last_error TEXT,
		last_error_at INTEGER,
		failures INTEGER NOT NULL DEFAULT 0,
		told_error TEXT,
		PRIMARY KEY (dataset_id, file)
	);
	CREATE TABLE refresh_notes (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		dataset_id TEXT NOT NULL,
		file TEXT NOT NULL,
		channel_id TEXT NOT NULL,
		kind TEXT NOT NULL,
		body TEXT NOT NULL,
		fetched_at TEXT,
		status TEXT NOT NULL,
		message_id TEXT,
		attempts INTEGER NOT NULL DEFAULT 0,
		next_attempt_at INTEGER,
		error TEXT,
		created_at INTEGER NOT NULL,
		intent_at INTEGER
	);
	CREATE INDEX refresh_notes_unsent ON refresh_notes (status) WHERE status IN ('staged', 'pending');`,
];

/** A live table's record: what its last refresh did, for /data status and back-off. */
export type RefreshStatus = RefreshRecord;

/**
 * A note for a dataset's channel: what a refresh changed, or why a copy was refused. "staged": the
 * copy passed and is being put in place (posted once it is there); "pending": to post; "sent".
 */
export interface RefreshNote {
	id: number;
	datasetId: string;
	file: string;
	channelId: string;
	kind: 'change' | 'refusal';
	/** The message body as JSON. */
	body: string;
	/** The copy a change note is about (its state's fetchedAt): a staged note whose copy is not in place is dropped. */
	fetchedAt: string | null;
	/** "failed": it cannot be posted (the channel is gone, or the bot may not post there). */
	status: 'staged' | 'pending' | 'sent' | 'failed';
	messageId: string | null;
	attempts: number;
	nextAttemptAt: number | null;
	createdAt: number;
	intentAt: number | null;
}

/** Gap entries not asked for this long are dropped. */
export const GAP_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;

export type { Gap } from '../present/presentGaps.js';

/**
 * How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
 * better-sqlite3 waits synchronously, on the event loop: the wait is kept short, and callers treat
 * a busy store as a passing fault (the digest runner backs off and retries; commands say so).
 */
export const BUSY_TIMEOUT_MS = 100;

/** A store error that passes when another process releases its lock (SQLITE_BUSY, SQLITE_LOCKED). */
export const isBusy = (error: unknown): boolean =>
	/^SQLITE_(BUSY|LOCKED)/.test(String((error as { code?: unknown })?.code ?? ''));

interface SubscriptionRow {
	id: number;
	guild_id: string;
	channel_id: string;
	cron: string;
	schedule_text: string;
	timezone: string;
	created_at: number;
	created_by: string;
	settled_through: number;
	paused_reason: string | null;
	paused_at: number | null;
}

interface DeliveryRow {
	subscription_id: number;
	slot_at: number;
	kind: Delivery['kind'];
	status: DeliveryStatus;
	nonce: string;
	message_id: string | null;
	attempts: number;
	next_attempt_at: number | null;
	error: string | null;
	snapshot: string | null;
	updated_at: number;
	intent_at: number | null;
}

const toSubscription = (r: SubscriptionRow): Subscription => ({
	id: r.id,
	guildId: r.guild_id,
	channelId: r.channel_id,
	cron: r.cron,
	scheduleText: r.schedule_text,
	timezone: r.timezone,
	createdAt: r.created_at,
	createdBy: r.created_by,
	settledThrough: r.settled_through,
	pausedReason: r.paused_reason,
	pausedAt: r.paused_at,
});

const toDelivery = (r: DeliveryRow): Delivery => ({
	subscriptionId: r.subscription_id,
	slotAt: r.slot_at,
	kind: r.kind,
	status: r.status,
	nonce: r.nonce,
	messageId: r.message_id,
	attempts: r.attempts,
	nextAttemptAt: r.next_attempt_at,
	error: r.error,
	snapshot: r.snapshot,
	updatedAt: r.updated_at,
	intentAt: r.intent_at,
});

/** A holder of the scheduler lock: this process. */
export interface LockOwner {
	id: string;
	pid: number;
	host: string;
}

/**
 * Digest subscriptions and deliveries in SQLite (better-sqlite3, synchronous, every write committed
 * before the call returns), so a restart loses nothing and knows what was already sent.
 */
export class DigestStore {
	private readonly db: Database.Database;
	/** Bumped by every change to subscriptions made through this store, so a reader can tell its copy is stale. */
	version = 0;
	/** Gap entries added since the last trim. */
	private newGaps = 0;

	constructor(path: string) {
		if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
		this.db = new Database(path);
		this.db.pragma('journal_mode = WAL');
		this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
		this.db.pragma('foreign_keys = ON');
		this.migrate();
	}

	private migrate(): void {
		const version = this.db.pragma('user_version', { simple: true }) as number;
		for (let v = version; v < MIGRATIONS.length; v++) {
			this.db.transaction(() => {
				this.db.exec(MIGRATIONS[v] as string);
				this.db.pragma(`user_version = ${v + 1}`);
			})();
		}
	}

	close(): void {
		this.db.close();
	}

	/**
	 * Counts a question the data could not answer or asked back about; drops entries older than 90
	 * days, and past MAX_GAPS entries the least asked.
	 */
	recordGap(g: { key: string; question: string; dataset: string; kind: Gap['kind']; now: number }): void {
		const { count } = this.db
			.prepare(
				`INSERT INTO gaps (key, question, dataset, kind, count, first_asked, last_asked) VALUES (?, ?, ?, ?, 1, ?, ?)
				ON CONFLICT (key, kind) DO UPDATE SET count = count + 1, last_asked = excluded.last_asked, question = excluded.question, dataset = excluded.dataset
				RETURNING count`,
			)
			.get(g.key, g.question, g.dataset, g.kind, g.now, g.now) as { count: number };
		this.db.prepare('DELETE FROM gaps WHERE last_asked < ?').run(g.now - GAP_RETENTION_MS);
		if (count === 1 && ++this.newGaps >= GAP_TRIM_EVERY) this.trimGaps();
	}

	/** Keeps the MAX_GAPS best-ranked gap entries (read through the rank index: no sort of the table). */
	trimGaps(): number {
		this.newGaps = 0;
		return this.db
			.prepare(
				`DELETE FROM gaps WHERE rowid IN (
					SELECT rowid FROM gaps ORDER BY count - picked DESC, last_asked DESC LIMIT -1 OFFSET ?
				)`,
			)
			.run(MAX_GAPS).changes;
	}

	/** Someone picked a reading of a question that was asked back. */
	markGapPicked(key: string): void {
		this.db.prepare("UPDATE gaps SET picked = picked + 1 WHERE key = ? AND kind = 'asked_back'").run(key);
	}

	/** The most asked gaps of the last 90 days: not found, and ask-backs picked less often than asked. */
	gaps(now: number, limit = 20): Gap[] {
		const rows = this.db
			.prepare(
				`SELECT question, dataset, kind, count, picked, first_asked, last_asked FROM gaps
				WHERE last_asked >= ? AND (kind = 'not_found' OR picked < count)
				ORDER BY count - picked DESC, last_asked DESC LIMIT ?`,
			)
			.all(now - GAP_RETENTION_MS, limit) as {
			question: string;
			dataset: string;
			kind: Gap['kind'];
			count: number;
			picked: number;
			first_asked: number;
			last_asked: number;
		}[];
		return rows.map((r) => ({
			question: r.question,
			dataset: r.dataset,
			kind: r.kind,
			count: r.count,
			picked: r.picked,
			firstAsked: r.first_asked,
			lastAsked: r.last_asked,
		}));
	}

	addSubscription(s: Omit<Subscription, 'id' | 'settledThrough' | 'pausedReason' | 'pausedAt'>): Subscription {
		// A new subscription starts settled at its creation: it never back-fills earlier slots.
		const info = this.db
			.prepare(
				'INSERT INTO subscriptions (guild_id, channel_id, cron, schedule_text, timezone, created_at, created_by, settled_through) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
			)
			.run(s.guildId, s.channelId, s.cron, s.scheduleText, s.timezone, s.createdAt, s.createdBy, s.createdAt);
		this.version++;
		return this.subscription(Number(info.lastInsertRowid)) as Subscription;
	}

	/** Live subscriptions in a guild (for the per-guild cap). */
	countSubscriptions(guildId: string): number {
		return (
			this.db
				.prepare('SELECT COUNT(*) AS n FROM subscriptions WHERE deleted_at IS NULL AND guild_id = ?')
				.get(guildId) as { n: number }
		).n;
	}

	subscription(id: number): Subscription | null {
		const row = this.db.prepare('SELECT * FROM subscriptions WHERE id = ? AND deleted_at IS NULL').get(id) as
			SubscriptionRow | undefined;
		return row ? toSubscription(row) : null;
	}

	subscriptions(guildId?: string): Subscription[] {
		const rows = (
			guildId === undefined
				? this.db.prepare('SELECT * FROM subscriptions WHERE deleted_at IS NULL ORDER BY id').all()
				: this.db
						.prepare('SELECT * FROM subscriptions WHERE deleted_at IS NULL AND guild_id = ? ORDER BY id')
						.all(guildId)
		) as SubscriptionRow[];
		return rows.map(toSubscription);
	}

	removeSubscription(id: number, guildId: string, now: number): boolean {
		this.version++;
		return (
			this.db
				.prepare('UPDATE subscriptions SET deleted_at = ? WHERE id = ? AND guild_id = ? AND deleted_at IS NULL')
				.run(now, id, guildId).changes > 0
		);
	}

	pause(id: number, reason: string, now: number): void {
		this.version++;
		this.db.prepare('UPDATE subscriptions SET paused_reason = ?, paused_at = ? WHERE id = ?').run(reason, now, id);
	}

	resume(id: number, now: number): void {
		// Resuming does not back-fill what was missed while paused.
		this.version++;
		this.db
			.prepare(
				'UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL, settled_through = MAX(settled_through, ?) WHERE id = ?',
			)
			.run(now, id);
	}

	delivery(subscriptionId: number, slotAt: number, kind: Delivery['kind'] = 'scheduled'): Delivery | null {
		const row = this.db
			.prepare('SELECT * FROM deliveries WHERE subscription_id = ? AND kind = ? AND slot_at = ?')
			.get(subscriptionId, kind, slotAt) as DeliveryRow | undefined;
		return row ? toDelivery(row) : null;
	}

	/** Records the intent to send before sending. Returns the row (an existing one is kept as is). */
	recordIntent(subscriptionId: number, slotAt: number, kind: Delivery['kind'], nonce: string, now: number): Delivery {
		this.db
			.prepare(
				"INSERT OR IGNORE INTO deliveries (subscription_id, slot_at, kind, status, nonce, updated_at, intent_at) VALUES (?, ?, ?, 'pending', ?, ?, ?)",
			)
			.run(subscriptionId, slotAt, kind, nonce, now, now);
		return this.delivery(subscriptionId, slotAt, kind) as Delivery;
	}

	/** After Discord accepted the message: its id, what it showed, and the slot settled — in one transaction. */
	markSent(d: {
		subscriptionId: number;
		slotAt: number;
		kind: Delivery['kind'];
		messageId: string;
		snapshot: string;
		figureOfDay: string | null;
		now: number;
	}): void {
		this.db.transaction(() => {
			this.db
				.prepare(
					"UPDATE deliveries SET status = 'sent', message_id = ?, snapshot = ?, attempts = attempts + 1, error = NULL, next_attempt_at = NULL, updated_at = ? WHERE subscription_id = ? AND kind = ? AND slot_at = ?",
				)
				.run(d.messageId, d.snapshot, d.now, d.subscriptionId, d.kind, d.slotAt);
			if (d.figureOfDay)
				this.db
					.prepare(
						'INSERT OR REPLACE INTO shown_figures (subscription_id, figure_id, shown_at) VALUES (?, ?, ?)',
					)
					.run(d.subscriptionId, d.figureOfDay, d.now);
			// A manual "send now" is not a slot: it must not mark scheduled slots before it as done.
			if (d.kind === 'scheduled') this.settle(d.subscriptionId, d.slotAt);
		})();
	}

	markFailed(
		subscriptionId: number,
		slotAt: number,
		kind: Delivery['kind'],
		error: string,
		nextAttemptAt: number,
		now: number,
	): void {
		this.db
			.prepare(
				"UPDATE deliveries SET status = 'failed', attempts = attempts + 1, error = ?, next_attempt_at = ?, updated_at = ? WHERE subscription_id = ? AND kind = ? AND slot_at = ?",
			)
			.run(error.slice(0, 500), nextAttemptAt, now, subscriptionId, kind, slotAt);
	}

	/** Slots that will not be posted: recorded (the latest few) and settled. */
	markMissed(subscriptionId: number, slots: readonly number[], reason: string, now: number): void {
		if (slots.length === 0) return;
		this.db.transaction(() => {
			const insert = this.db.prepare(
				"INSERT INTO deliveries (subscription_id, slot_at, kind, status, nonce, error, updated_at) VALUES (?, ?, 'scheduled', 'missed', '', ?, ?) ON CONFLICT (subscription_id, kind, slot_at) DO UPDATE SET status = 'missed', error = excluded.error, updated_at = excluded.updated_at WHERE status != 'sent'",
			);
			for (const slot of slots.slice(-20)) insert.run(subscriptionId, slot, reason, now);
			this.settle(subscriptionId, Math.max(...slots));
		})();
	}

	private settle(subscriptionId: number, slotAt: number): void {
		this.db
			.prepare('UPDATE subscriptions SET settled_through = MAX(settled_through, ?) WHERE id = ?')
			.run(slotAt, subscriptionId);
	}

	/** Scheduled deliveries begun but not finished (a crash, a server error): to retry. */
	unsettled(subscriptionId: number): Delivery[] {
		return (
			this.db
				.prepare(
					"SELECT * FROM deliveries WHERE subscription_id = ? AND status IN ('pending', 'failed') AND kind = 'scheduled' ORDER BY slot_at",
				)
				.all(subscriptionId) as DeliveryRow[]
		).map(toDelivery);
	}

	/** The subscriptions (all, or the one given) that have a scheduled delivery to retry, with the earliest time it may be retried. */
	retriesDue(subscriptionId?: number): Map<number, number> {
		const sql = `SELECT subscription_id AS id, MIN(COALESCE(next_attempt_at, 0)) AS at FROM deliveries WHERE status IN ('pending', 'failed') AND kind = 'scheduled'${subscriptionId === undefined ? '' : ' AND subscription_id = ?'} GROUP BY subscription_id`;
		const rows = (
			subscriptionId === undefined ? this.db.prepare(sql).all() : this.db.prepare(sql).all(subscriptionId)
		) as { id: number; at: number }[];
		return new Map(rows.map((r) => [r.id, r.at]));
	}

	lastSent(subscriptionId: number): Delivery | null {
		const row = this.db
			.prepare(
				"SELECT * FROM deliveries WHERE subscription_id = ? AND status = 'sent' ORDER BY updated_at DESC, slot_at DESC LIMIT 1",
			)
			.get(subscriptionId) as DeliveryRow | undefined;
		return row ? toDelivery(row) : null;
	}

	lastMissed(subscriptionId: number): Delivery | null {
		const row = this.db
			.prepare(
				"SELECT * FROM deliveries WHERE subscription_id = ? AND status = 'missed' ORDER BY slot_at DESC LIMIT 1",
			)
			.get(subscriptionId) as DeliveryRow | undefined;
		return row ? toDelivery(row) : null;
	}

	/** Messages this subscription has posted, oldest first (for tests and audits). */
	sent(subscriptionId: number): Delivery[] {
		return (
			this.db
				.prepare("SELECT * FROM deliveries WHERE subscription_id = ? AND status = 'sent' ORDER BY slot_at")
				.all(subscriptionId) as DeliveryRow[]
		).map(toDelivery);
	}

	shownFigures(subscriptionId: number): string[] {
		return (
			this.db
				.prepare('SELECT figure_id FROM shown_figures WHERE subscription_id = ? ORDER BY shown_at')
				.all(subscriptionId) as { figure_id: string }[]
		).map((r) => r.figure_id);
	}

	/** Starts a new rotation of the figure of the day once every figure has been shown. */
	resetShownFigures(subscriptionId: number): void {
		this.db.prepare('DELETE FROM shown_figures WHERE subscription_id = ?').run(subscriptionId);
	}

	/**
	 * Takes the scheduler lock unless a live process holds it: the holder's heartbeat is recent and,
	 * on this host, its pid still runs and is not this process's own. Returns whether this owner now holds it.
	 */
	acquireLock(owner: LockOwner, now: number, staleMs: number, isAlive: (pid: number) => boolean): boolean {
		return this.db
			.transaction(() => {
				const row = this.db.prepare("SELECT * FROM scheduler_lock WHERE name = 'digest'").get() as
					{ owner: string; pid: number; host: string; heartbeat_at: number } | undefined;
				// A row with this process's own pid on this host is an earlier run (a container restart
				// reuses pids), never another live process.
				const earlierSelf = row !== undefined && row.host === owner.host && row.pid === owner.pid;
				const held =
					row &&
					row.owner !== owner.id &&
					!earlierSelf &&
					now - row.heartbeat_at < staleMs &&
					(row.host !== owner.host || isAlive(row.pid));
				if (held) return false;
				this.db
					.prepare(
						"INSERT OR REPLACE INTO scheduler_lock (name, owner, pid, host, heartbeat_at) VALUES ('digest', ?, ?, ?, ?)",
					)
					.run(owner.id, owner.pid, owner.host, now);
				return true;
			})
			.immediate();
	}

	heartbeat(owner: LockOwner, now: number): boolean {
		return (
			this.db
				.prepare("UPDATE scheduler_lock SET heartbeat_at = ? WHERE name = 'digest' AND owner = ?")
				.run(now, owner.id).changes > 0
		);
	}

	releaseLock(owner: LockOwner): void {
		this.db.prepare("DELETE FROM scheduler_lock WHERE name = 'digest' AND owner = ?").run(owner.id);
	}

	/** Every live table's record, by dataset and file. */
	refreshStatuses(): RefreshStatus[] {
		return (
			this.db.prepare('SELECT * FROM refresh_status ORDER BY dataset_id, file').all() as RefreshStatusRow[]
		).map(toRefreshStatus);
	}

	refreshStatus(datasetId: string, file: string): RefreshStatus | null {
		const row = this.db
			.prepare('SELECT * FROM refresh_status WHERE dataset_id = ? AND file = ?')
			.get(datasetId, file) as RefreshStatusRow | undefined;
		return row ? toRefreshStatus(row) : null;
	}

	/** What one refresh did: a success clears the failures and the refusal told; a failure counts. */
	recordRefresh(r: {
		datasetId: string;
		file: string;
		url: string;
		outcome: NonNullable<RefreshStatus['lastOutcome']>;
		changed: boolean;
		error: string | null;
		at: number;
	}): void {
		const ok = r.outcome === 'unchanged' || r.outcome === 'updated';
		this.db
			.prepare(
				`INSERT INTO refresh_status (dataset_id, file, url, last_attempt_at, last_outcome, last_success_at, last_change_at, last_error, last_error_at, failures)
				VALUES (@datasetId, @file, @url, @at, @outcome, @success, @change, @error, @errorAt, @failures)
				ON CONFLICT (dataset_id, file) DO UPDATE SET url = @url, last_attempt_at = @at, last_outcome = @outcome,
					last_success_at = COALESCE(@success, last_success_at), last_change_at = COALESCE(@change, last_change_at),
					last_error = COALESCE(@error, last_error), last_error_at = COALESCE(@errorAt, last_error_at),
					failures = CASE WHEN @failures = 0 THEN 0 ELSE failures + 1 END,
					told_error = CASE WHEN @failures = 0 THEN NULL ELSE told_error END`,
			)
			.run({
				datasetId: r.datasetId,
				file: r.file,
				url: r.url,
				at: r.at,
				outcome: r.outcome,
				success: ok ? r.at : null,
				change: r.changed ? r.at : null,
				error: ok ? null : r.error,
				errorAt: ok ? null : r.at,
				failures: ok ? 0 : 1,
			});
	}

	/** The dataset's channel was told of this refusal (it is not told again until another). */
	markRefusalTold(datasetId: string, file: string, reason: string): void {
		this.db
			.prepare('UPDATE refresh_status SET told_error = ? WHERE dataset_id = ? AND file = ?')
			.run(reason, datasetId, file);
	}

	addRefreshNote(
		n: Pick<
			RefreshNote,
			'datasetId' | 'file' | 'channelId' | 'kind' | 'body' | 'fetchedAt' | 'status' | 'createdAt'
		>,
	): number {
		return Number(
			this.db
				.prepare(
					'INSERT INTO refresh_notes (dataset_id, file, channel_id, kind, body, fetched_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
				)
				.run(n.datasetId, n.file, n.channelId, n.kind, n.body, n.fetchedAt, n.status, n.createdAt)
				.lastInsertRowid,
		);
	}

	/** Notes not yet sent: staged (their copy being put in place) and pending, oldest first. */
	unsentRefreshNotes(): RefreshNote[] {
		return (
			this.db
				.prepare("SELECT * FROM refresh_notes WHERE status IN ('staged', 'pending') ORDER BY id")
				.all() as RefreshNoteRow[]
		).map(toRefreshNote);
	}

	refreshNote(id: number): RefreshNote | null {
		const row = this.db.prepare('SELECT * FROM refresh_notes WHERE id = ?').get(id) as RefreshNoteRow | undefined;
		return row ? toRefreshNote(row) : null;
	}

	/** A staged note's copy is in place: post it. */
	markNotePending(id: number): void {
		this.db.prepare("UPDATE refresh_notes SET status = 'pending' WHERE id = ? AND status = 'staged'").run(id);
	}

	/** A staged note whose copy never went in place: nothing to tell. */
	dropNote(id: number): void {
		this.db.prepare("DELETE FROM refresh_notes WHERE id = ? AND status = 'staged'").run(id);
	}

	/** About to send: the first attempt's time is kept (past Discord's nonce window, the channel is read first). */
	markNoteAttempt(id: number, now: number): RefreshNote {
		this.db
			.prepare(
				'UPDATE refresh_notes SET intent_at = COALESCE(intent_at, ?), attempts = attempts + 1 WHERE id = ?',
			)
			.run(now, id);
		return this.refreshNote(id) as RefreshNote;
	}

	markNoteSent(id: number, messageId: string): void {
		this.db
			.prepare(
				"UPDATE refresh_notes SET status = 'sent', message_id = ?, error = NULL, next_attempt_at = NULL WHERE id = ?",
			)
			.run(messageId, id);
	}

	markNoteFailed(id: number, error: string, nextAttemptAt: number | null): void {
		// With no retry (the channel is gone, or the bot may not post there), the note is set aside as sent-never.
		this.db
			.prepare(
				`UPDATE refresh_notes SET error = ?, next_attempt_at = ?, status = CASE WHEN ? IS NULL THEN 'failed' ELSE status END WHERE id = ?`,
			)
			.run(error, nextAttemptAt, nextAttemptAt, id);
	}
}

interface RefreshStatusRow {
	dataset_id: string;
	file: string;
	url: string;
	last_attempt_at: number | null;
	last_outcome: RefreshStatus['lastOutcome'];
	last_success_at: number | null;
	last_change_at: number | null;
	last_error: string | null;
	last_error_at: number | null;
	failures: number;
	told_error: string | null;
}

const toRefreshStatus = (r: RefreshStatusRow): RefreshStatus => ({
	datasetId: r.dataset_id,
	file: r.file,
	url: r.url,
	lastAttemptAt: r.last_attempt_at,
	lastOutcome: r.last_outcome,
	lastSuccessAt: r.last_success_at,
	lastChangeAt: r.last_change_at,
	lastError: r.last_error,
	lastErrorAt: r.last_error_at,
	failures: r.failures,
	toldError: r.told_error,
});

interface RefreshNoteRow {
	id: number;
	dataset_id: string;
	file: string;
	channel_id: string;
	kind: RefreshNote['kind'];
	body: string;
	fetched_at: string | null;
	status: RefreshNote['status'];
	message_id: string | null;
	attempts: number;
	next_attempt_at: number | null;
	created_at: number;
	intent_at: number | null;
}

const toRefreshNote = (r: RefreshNoteRow): RefreshNote => ({
	id: r.id,
	datasetId: r.dataset_id,
	file: r.file,
	channelId: r.channel_id,
	kind: r.kind,
	body: r.body,
	fetchedAt: r.fetched_at,
	status: r.status,
	messageId: r.message_id,
	attempts: r.attempts,
	nextAttemptAt: r.next_attempt_at,
	createdAt: r.created_at,
	intentAt: r.intent_at,
});
