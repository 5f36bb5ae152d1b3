import { Cron } from 'croner';

/** A schedule as stored: a cron expression (5 or 6 fields; 6 adds seconds) and an IANA time zone. */
export interface Schedule {
	cron: string;
	timezone: string;
}

export class ScheduleError extends Error {
	override name = 'ScheduleError';
}

const DAYS: ReadonlyMap<string, number> = new Map(
	Object.entries({
		sun: 0,
		sunday: 0,
		mon: 1,
		monday: 1,
		tue: 2,
		tuesday: 2,
		wed: 3,
		wednesday: 3,
		thu: 4,
		thursday: 4,
		fri: 5,
		friday: 5,
		sat: 6,
		saturday: 6,
	}),
);

/**
 * Reads a schedule as a newsroom types it: a preset ("daily 08:00", "weekdays 8:30", "weekly mon
 * 09:00", "hourly") or a cron expression ("0 8 * * 1-5", or with seconds "*\/10 * * * * *").
 */
export function parseSchedule(text: string): string {
	// Cron keeps its case ("L" is the last day, "5L" the last Friday); presets are read in any case.
	const input = text.trim().replace(/\s+/g, ' ');
	if (input.length > 100) throw new ScheduleError('A schedule is at most 100 characters.');
	const lower = input.toLowerCase();
	if (lower === 'hourly') return '0 * * * *';
	const preset = /^(daily|weekdays|weekly (\w+))(?: at)? (\d{1,2})(?::(\d{2}))?$/.exec(lower);
	if (preset) {
		const [, kind, day, hh, mm = '00'] = preset;
		const hour = Number(hh);
		const minute = Number(mm);
		if (hour > 23 || minute > 59) throw new ScheduleError(`"${hh}:${mm}" is not a time of day.`);
		if (kind === 'daily') return `${minute} ${hour} * * *`;
		if (kind === 'weekdays') return `${minute} ${hour} * * 1-5`;
		const weekday = DAYS.get(day ?? '');
		if (weekday === undefined) throw new ScheduleError(`"${day}" is not a day of the week.`);
		return `${minute} ${hour} * * ${weekday}`;
	}
	if (!/^[\d*/,\-a-zA-Z? #]+$/.test(input))
		throw new ScheduleError('Use a preset such as "weekdays 08:00" or a cron expression such as "0 8 * * 1-5".');
	const fields = input.split(' ').length;
	if (fields !== 5 && fields !== 6)
		throw new ScheduleError(
			'Use a preset such as "weekdays 08:00", "daily 7:30" or "weekly mon 09:00", or a cron expression of 5 fields (minute hour day month weekday), or 6 with seconds first.',
		);
	try {
		new Cron(input, { paused: true });
	} catch (error) {
		throw new ScheduleError(
			`"${text.trim()}" is not a valid cron expression: ${(error as Error).message.replace(/^CronPattern: /, '')}`,
		);
	}
	return input;
}

/** An IANA time zone name that this runtime knows ("Asia/Seoul", "America/New_York", "UTC"). */
export function parseTimezone(text: string): string {
	const name = text.trim();
	if (name.length > 64 || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name))
		throw new ScheduleError(`"${name.slice(0, 64)}" is not an IANA time zone name such as Asia/Seoul.`);
	try {
		return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
	} catch {
		throw new ScheduleError(
			`"${name}" is not a time zone this server knows (use an IANA name such as Asia/Seoul).`,
		);
	}
}

/** At most one post per this many ms per subscription, unless the bot is configured otherwise. */
export const DEFAULT_MIN_INTERVAL_MS = 5 * 60_000;
const HORIZON_MS = 366 * 24 * 3_600_000;
/** Runs looked at when checking the spacing: enough to cross day, month and year boundaries of any pattern that repeats them. */
const RUNS_CHECKED = 600;

/**
 * Refuses a schedule that would never post (no run in the next year, "0 0 31 2 *") or that posts
 * more often than once per `minIntervalMs` anywhere in its next runs ("* * * * *", "0,1 8 * * *").
 */
export function checkSchedule(schedule: Schedule, now: Date, minIntervalMs = DEFAULT_MIN_INTERVAL_MS): void {
	const cron = new Cron(schedule.cron, { timezone: schedule.timezone, paused: true });
	let previous = cron.nextRun(now);
	if (!previous || previous.getTime() - now.getTime() > HORIZON_MS)
		throw new ScheduleError(
			`"${schedule.cron}" has no run in the next year (is it a date that does not exist, such as 31 February?).`,
		);
	for (let i = 0; i < RUNS_CHECKED; i++) {
		const next = cron.nextRun(previous);
		if (!next || next.getTime() - now.getTime() > HORIZON_MS) return;
		if (next.getTime() - previous.getTime() < minIntervalMs) {
			throw new ScheduleError(
				`"${schedule.cron}" would post more than once every ${formatInterval(minIntervalMs)} (for example at ${formatInZone(previous, schedule.timezone)} and ${formatInZone(next, schedule.timezone)}). Digests post at most once every ${formatInterval(minIntervalMs)}.`,
			);
		}
		previous = next;
	}
}

const formatInterval = (ms: number): string =>
	ms % 60_000 === 0 ? `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}` : `${ms / 1000} seconds`;

/**
 * The next `count` runs after `from` (exclusive), as UTC instants. Daylight-saving changes are
 * croner's: a time that does not exist runs at the first valid instant after it; a time that occurs
 * twice runs once.
 */
export function nextRuns(schedule: Schedule, from: Date, count: number): Date[] {
	return new Cron(schedule.cron, { timezone: schedule.timezone, paused: true }).nextRuns(count, from);
}

/** "Mon 9 Mar 2026, 08:00 (Asia/Seoul)" */
export function formatInZone(date: Date, timezone: string): string {
	const text = new Intl.DateTimeFormat('en-GB', {
		timeZone: timezone,
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		second: date.getUTCSeconds() === 0 ? undefined : '2-digit',
		hour12: false,
	}).format(date);
	return `${text} (${timezone})`;
}
