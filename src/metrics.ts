import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the bot counts for Prometheus (`/metrics` on the health port). */
export interface Metrics {
	readonly registry: Registry;
	/** One answered interaction: its command, outcome (ok, refused, error) and time to reply. */
	interaction(
		kind: 'command' | 'autocomplete' | 'component',
		command: string,
		outcome: string,
		seconds: number,
	): void;
	/** An error logged outside an interaction (an unhandled rejection, the digest store). */
	error(where: ErrorPlace): void;
	/** A digest delivery's end: sent, failed (will retry), skipped (a slot not posted: missed while down, or superseded) or paused. */
	digest(outcome: 'sent' | 'failed' | 'skipped' | 'paused', count?: number): void;
}

/** Where an error counted by factdesk_errors_total happened: a fixed set, each series present from the start. */
export const ERROR_PLACES = ['interaction', 'unhandled-rejection', 'digest-store'] as const;
export type ErrorPlace = (typeof ERROR_PLACES)[number];

/**
 * A gauge with no sample until its value is known (a scrape shows only its HELP and TYPE): prom-client
 * reports an unlabelled gauge that was never set as 0, which an alert would read as a failure.
 */
function optionalGauge(registry: Registry, name: string, help: string, read: () => number | null): void {
	new (class extends Gauge {
		override async get() {
			const value = read();
			if (value === null) return { ...(await super.get()), values: [] };
			this.set(value);
			return super.get();
		}
	})({ name, help, registers: [registry] });
}

/** Where the gauges read the served data and the last reload from (called at each scrape). */
export interface MetricsSources {
	figures(): number;
	datasets(): number;
	lastReload(): { ok: boolean; at: number } | null;
}

/** A registry of its own (no global state), with Node's process metrics and Factdesk's. */
export function createMetrics(sources: MetricsSources): Metrics {
	const registry = new Registry();
	collectDefaultMetrics({ register: registry });
	const interactions = new Counter({
		name: 'factdesk_interactions_total',
		help: 'Interactions handled, by command and outcome',
		labelNames: ['command', 'outcome'],
		registers: [registry],
	});
	const replies = new Histogram({
		name: 'factdesk_reply_seconds',
		help: 'Time from receiving a command or menu pick to finishing the reply',
		labelNames: ['command'],
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
		registers: [registry],
	});
	const autocomplete = new Histogram({
		name: 'factdesk_autocomplete_seconds',
		help: 'Time to answer an autocomplete request (Discord drops answers after 3 s)',
		labelNames: ['command'],
		buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 3],
		registers: [registry],
	});
	const errors = new Counter({
		name: 'factdesk_errors_total',
		help: 'Errors logged, by where they happened',
		labelNames: ['where'],
		registers: [registry],
	});
	const digests = new Counter({
		name: 'factdesk_digests_total',
		help: 'Digest deliveries by outcome: sent, failed (retried), skipped (a slot not posted), paused',
		labelNames: ['outcome'],
		registers: [registry],
	});
	new Gauge({
		name: 'factdesk_library_figures',
		help: 'Figures the bot serves',
		registers: [registry],
		collect() {
			this.set(sources.figures());
		},
	});
	new Gauge({
		name: 'factdesk_library_datasets',
		help: 'Datasets the bot serves',
		registers: [registry],
		collect() {
			this.set(sources.datasets());
		},
	});
	optionalGauge(
		registry,
		'factdesk_last_reload_success',
		'Whether the last data reload succeeded (1) or was refused (0); absent before the first reload',
		() => {
			const last = sources.lastReload();
			return last ? Number(last.ok) : null;
		},
	);
	optionalGauge(
		registry,
		'factdesk_last_reload_timestamp_seconds',
		'When the last data reload was tried (Unix time); absent before the first reload',
		() => {
			const last = sources.lastReload();
			return last ? last.at / 1000 : null;
		},
	);
	// Counters start at 0 for each value their label can take, so a rate or an alert has a series to
	// read before the first event.
	for (const outcome of ['sent', 'failed', 'skipped', 'paused']) digests.inc({ outcome }, 0);
	for (const where of ERROR_PLACES) errors.inc({ where }, 0);

	return {
		registry,
		interaction(kind, command, outcome, seconds) {
			interactions.inc({ command, outcome });
			if (kind === 'autocomplete') autocomplete.observe({ command }, seconds);
			else replies.observe({ command }, seconds);
			if (outcome === 'error') errors.inc({ where: 'interaction' });
		},
		error(where) {
			errors.inc({ where });
		},
		digest(outcome, count = 1) {
			digests.inc({ outcome }, count);
		},
	};
}
