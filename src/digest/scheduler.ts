import type { DigestRunner } from './runner.js';

export interface Scheduler {
	/** Stops ticking and waits for a digest in flight to finish. */
	stop(): Promise<void>;
}

/** Ticks the runner every `intervalMs` (1 s: seconds-level cron works) against the clock passed in. */
export function startScheduler(runner: DigestRunner, now: () => Date, intervalMs = 1000): Scheduler {
	const timer = setInterval(() => void runner.tick(now()), intervalMs);
	void runner.tick(now());
	return {
		async stop() {
			clearInterval(timer);
			await runner.idle();
		},
	};
}
