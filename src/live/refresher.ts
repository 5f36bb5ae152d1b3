// The bot's side of live tables: each table fetched on its schedule (back-off after failures), one
// refresh at a time, its outcome recorded, and the dataset's channel told what changed or why a copy
// was refused: each note recorded before it is posted and posted once, across restarts (a nonce
// Discord honours, then the channel read for the note's reference), as digests are.
import type { APIEmbed } from 'discord-api-types/v10';
import { Cron } from 'croner';
import { readCopies } from '../data/copies.js';
import { type LiveTable, liveTables } from './liveTables.js';
import type { PostedMessage, RecentMessages, SendMessage } from '../digest/runner.js';
import type { DigestStore, RefreshNote, RefreshStatus } from '../digest/store.js';
import type { Logger } from '../logger.js';
import { guardMessageBody } from '../present/outputGuard.js';
import { presentRefusal } from '../present/presentRefresh.js';
import type { DataService } from '../service/dataService.js';
import type { FetchOptions } from './fetchTable.js';
import { type Checker, type RefreshOutcome, refreshTable } from './refresh.js';

/** After 1, 2, 3, 4, 5+ failures in a row, a table waits at least this long before it is fetched again. */
const BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 6 * 60 * 60_000];
const DEFAULT_NONCE_WINDOW_MS = 2 * 60_000;
/** A note that failed to post is tried again after this long (a minute at most in between). */
const NOTE_RETRY_MS = [5_000, 15_000, 60_000];
/** The words before a note's reference, so a restart can find a note it already posted. */
export const REFRESH_REFERENCE_PREFIX = 'refresh ref ';

export interface RefresherOptions {
	/** The library folder (FACTDESK_DATA). */
	dir: string;
	store: DigestStore;
	/** Checks a new copy and serves it (the data service's worker; in tests, maybe this thread). */
	checker: Checker;
	send: SendMessage;
	recent?: RecentMessages;
	logger: Logger;
	fetch?: FetchOptions;
	nonceWindowMs?: number;
	/** Called after each refresh (tests wait on it). */
	onRefresh?: (table: LiveTable, outcome: RefreshOutcome) => void;
	/** Called after each note posted (tests wait on it). */
	onNote?: (note: RefreshNote, messageId: string) => void;
}

/** A live table as /data status shows it. */
export interface TableStatus {
	table: LiveTable;
	status: RefreshStatus | null;
	/** When it is next fetched (ms); null for a table fetched only on demand. */
	nextAt: number | null;
	/** When the copy served was fetched (ISO), from the folder's state; null: the copy shipped with the data. */
	servedFetchedAt: string | null;
}

/** The checker that loads a new copy in a data worker beside the one serving (see DataService.stage). */
export const serviceChecker = (data: DataService): Checker => ({
	check: (table, incoming, fetchedAt, swap) => data.stage({ table, incoming, fetchedAt }, swap),
});

const key = (t: { datasetId: string; file: string }) => `${t.datasetId}\u0000${t.file}`;
const noteNonce = (id: number) => `fr${id.toString(36)}`;

export class Refresher {
	/** Refreshes run one after another (each loads the whole library): this is the last one queued. */
	private lane: Promise<unknown> = Promise.resolve();
	private readonly inFlight = new Map<string, Promise<RefreshOutcome>>();
	private ticking = false;
	private posting: Promise<void> | null = null;

	constructor(
		private readonly options: RefresherOptions,
		/** When this process started: a table never attempted is first due at its first run after. */
		private readonly startedAt: number,
	) {}

	/** The library's live tables, read from each dataset.json now (a data file may have changed). */
	tables(): LiveTable[] {
		return liveTables(this.options.dir);
	}

	/**
	 * Notes left staged by a stop between a copy's check and its swap: posted if their copy went in
	 * place (the folder's state says it is served), else dropped.
	 */
	recover(): void {
		for (const note of this.options.store.unsentRefreshNotes()) {
			if (note.status !== 'staged') continue;
			const table = this.tables().find((t) => t.datasetId === note.datasetId && t.file === note.file);
			const served = table ? readCopies(table.dir).tables[table.file]?.fetchedAt : undefined;
			if (served !== undefined && served === note.fetchedAt) this.options.store.markNotePending(note.id);
			else this.options.store.dropNote(note.id);
		}
	}

	/** When a table is next due: its next scheduled run after its last attempt, and after its back-off. */
	nextRun(table: LiveTable, status: RefreshStatus | null): number | null {
		if (!table.refresh) return null;
		const from = status?.lastAttemptAt ?? this.startedAt;
		let next: number | undefined;
		try {
			next = new Cron(table.refresh, { timezone: table.timezone, paused: true })
				.nextRun(new Date(from))
				?.getTime();
		} catch {
			return null;
		}
		if (next === undefined) return null;
		const failures = status?.failures ?? 0;
		return failures > 0 ? Math.max(next, from + BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1]!) : next;
	}

	/** Each live table's status, for /data status. */
	statuses(): TableStatus[] {
		return this.tables().map((table) => {
			const status = this.options.store.refreshStatus(table.datasetId, table.file);
			return {
				table,
				status,
				nextAt: this.nextRun(table, status),
				servedFetchedAt: readCopies(table.dir).tables[table.file]?.fetchedAt ?? null,
			};
		});
	}

	/** Refreshes the tables that are due, then posts the notes waiting. Never throws. */
	async tick(now: Date): Promise<void> {
		if (this.ticking) return;
		this.ticking = true;
		try {
			for (const table of this.tables()) {
				const next = this.nextRun(table, this.options.store.refreshStatus(table.datasetId, table.file));
				if (next !== null && next <= now.getTime()) await this.refresh(table, () => now);
			}
			await this.postNotes(now);
		} catch (error) {
			this.options.logger.error({ err: error }, 'live tables: a refresh tick failed');
		} finally {
			this.ticking = false;
		}
	}

	/**
	 * Refreshes one table now (after any refresh in progress), records the outcome and queues the note
	 * for its dataset's channel. A table already being refreshed is not fetched twice.
	 */
	refresh(table: LiveTable, now: () => Date): Promise<RefreshOutcome> {
		const running = this.inFlight.get(key(table));
		if (running) return running;
		const run = this.lane.then(() => this.refreshOnce(table, now));
		this.lane = run.catch(() => undefined);
		this.inFlight.set(key(table), run);
		void run.finally(() => this.inFlight.delete(key(table))).catch(() => undefined);
		return run;
	}

	private async refreshOnce(table: LiveTable, now: () => Date): Promise<RefreshOutcome> {
		const { store, logger } = this.options;
		let staged: number | null = null;
		const outcome = await refreshTable(table, this.options.checker, now, this.options.fetch, (note) => {
			// Recorded before the copy is put in place: a stop in between still tells (see recover).
			if (table.notify && !note.unchanged)
				staged = store.addRefreshNote({
					datasetId: table.datasetId,
					file: table.file,
					channelId: table.notify,
					kind: 'change',
					body: JSON.stringify(note.embed),
					fetchedAt: note.fetchedAt,
					status: 'staged',
					createdAt: now().getTime(),
				});
		}).catch((error: unknown): RefreshOutcome => ({ kind: 'failed', reason: (error as Error).message }));
		const at = now().getTime();
		const reason = outcome.kind === 'refused' || outcome.kind === 'failed' ? outcome.reason : null;
		if (staged !== null) {
			if (outcome.kind === 'updated') store.markNotePending(staged);
			else store.dropNote(staged);
		}
		const told = store.refreshStatus(table.datasetId, table.file)?.toldError ?? null;
		store.recordRefresh({
			datasetId: table.datasetId,
			file: table.file,
			url: table.url,
			outcome: outcome.kind,
			changed: outcome.kind === 'updated' && !outcome.note.unchanged,
			error: reason,
			at,
		});
		// A refusal is told once per reason; the channel hears again only of another, or after a success.
		if (reason !== null && table.notify && reason !== told) {
			const embed = presentRefusal(
				{ id: table.datasetId, title: table.datasetTitle },
				table.file,
				table.url,
				outcome.kind === 'failed' ? `Could not fetch it: ${reason}` : reason,
				new Date(at).toISOString(),
			);
			store.addRefreshNote({
				datasetId: table.datasetId,
				file: table.file,
				channelId: table.notify,
				kind: 'refusal',
				body: JSON.stringify(embed),
				fetchedAt: null,
				status: 'pending',
				createdAt: at,
			});
			store.markRefusalTold(table.datasetId, table.file, reason);
		}
		const log = reason === null ? logger.info.bind(logger) : logger.warn.bind(logger);
		log(
			{ dataset: table.datasetId, file: table.file, outcome: outcome.kind, ...(reason ? { reason } : {}) },
			'live table refresh',
		);
		this.options.onRefresh?.(table, outcome);
		return outcome;
	}

	/** Posts the notes waiting (each once); one pass at a time. */
	postNotes(now: Date): Promise<void> {
		this.posting ??= this.postPending(now).finally(() => (this.posting = null));
		return this.posting;
	}

	private async postPending(now: Date): Promise<void> {
		const { store, logger } = this.options;
		for (const note of store.unsentRefreshNotes()) {
			if (note.status !== 'pending' || (note.nextAttemptAt !== null && note.nextAttemptAt > now.getTime()))
				continue;
			const nonce = noteNonce(note.id);
			const tried = store.markNoteAttempt(note.id, now.getTime());
			try {
				let sent: { id: string } | null = null;
				// Past Discord's nonce window a second copy would be posted: look for the first instead.
				const firstTried = tried.intentAt ?? now.getTime();
				if (
					this.options.recent &&
					tried.attempts > 1 &&
					now.getTime() - firstTried >= (this.options.nonceWindowMs ?? DEFAULT_NONCE_WINDOW_MS)
				) {
					const found = (await this.options.recent(note.channelId)).find((m) =>
						carriesNoteReference(m, nonce),
					);
					if (found) sent = { id: found.id };
				}
				sent ??= await this.options.send(
					note.channelId,
					{
						...guardMessageBody({ embeds: [withReference(JSON.parse(note.body) as APIEmbed, nonce)] }),
						nonce,
						enforce_nonce: true,
					},
					[],
				);
				store.markNoteSent(note.id, sent.id);
				this.options.onNote?.(note, sent.id);
			} catch (error) {
				const { status, message } = error as { status?: number; message?: string };
				const final = status === 403 || status === 404;
				const wait = NOTE_RETRY_MS[Math.min(tried.attempts, NOTE_RETRY_MS.length) - 1]!;
				store.markNoteFailed(
					note.id,
					`${status ?? 'network'}: ${message ?? 'error'}`,
					final ? null : now.getTime() + wait,
				);
				logger.warn(
					{ dataset: note.datasetId, channelId: note.channelId, status, final },
					final
						? 'live table note cannot be posted to its channel'
						: 'live table note not posted; will retry',
				);
			}
		}
	}
}

/** The note's reference in its footer, so a restart can tell it is already in the channel. */
function withReference(embed: APIEmbed, nonce: string): APIEmbed {
	const text = embed.footer?.text
		? `${embed.footer.text} · ${REFRESH_REFERENCE_PREFIX}${nonce}`
		: `${REFRESH_REFERENCE_PREFIX}${nonce}`;
	return { ...embed, footer: { ...embed.footer, text } };
}

function carriesNoteReference(message: PostedMessage, nonce: string): boolean {
	const marker = `${REFRESH_REFERENCE_PREFIX}${nonce}`;
	return (message.embeds ?? []).some((e) => e.footer?.text?.endsWith(marker) === true);
}
