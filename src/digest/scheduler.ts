import type { DigestRunner } from './runner.js';

export interface Scheduler {
	/** Stops ticking and waits for a digest in flight to finish. */
	stop(): Promise<void>;
}

/** Ticks the runner every `intervalMs` (1 s: seconds-level cron works) against the clock passed in. */
export function startScheduler(runner: DigestRunner, now: () => Date, intervalMs = 1000): Scheduler {
	// tick() never rejects; the catch is a last guard so a tick can never become an unhandled rejection.
	const tick = () => void runner.tick(now()).catch(() => undefined);
	const timer = setInterval(tick, intervalMs);
	tick();
	return {
		async stop() {
			clearInterval(timer);
			await runner.idle();
		},
	};
}
