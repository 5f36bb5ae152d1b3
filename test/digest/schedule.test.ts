import { describe, expect, it } from 'vitest';
import {
	type Schedule,
	ScheduleError,
	checkSchedule,
	nextRuns,
	parseSchedule,
	parseTimezone,
} from '../../src/digest/schedule.js';

/** The runs after `after` up to `until` (inclusive), as the runner meets them one by one. */
const slotsBetween = (schedule: Schedule, after: Date, until: Date) => ({
	slots: nextRuns(schedule, after, 100).filter((d) => d.getTime() <= until.getTime()),
});

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('schedules', () => {
	it.each([
		['daily 08:00', '0 8 * * *'],
		['weekdays 8:30', '30 8 * * 1-5'],
		['Weekly Mon 09:15', '15 9 * * 1'],
		['hourly', '0 * * * *'],
		['0 8 * * 1-5', '0 8 * * 1-5'],
		['*/10 * * * * *', '*/10 * * * * *'],
		['0 0 L * *', '0 0 L * *'],
		['0 9 * * 5L', '0 9 * * 5L'],
		['DAILY 07:30', '30 7 * * *'],
	])('%s → %s', (text, cron) => {
		expect(parseSchedule(text)).toBe(cron);
	});

	it.each([
		'daily 25:00',
		'weekly someday 08:00',
		'every now and then',
		'* * *',
		'61 * * * *',
		"0 8 * * *'; DROP TABLE",
		// Names every object inherits are no days.
		...Object.getOwnPropertyNames(Object.prototype).map((name) => `weekly ${name} 08:00`),
	])('refuses %s with a reason', (text) => {
		expect(() => parseSchedule(text)).toThrow(ScheduleError);
	});

	it('validates IANA time zones', () => {
		expect(parseTimezone('Asia/Seoul')).toBe('Asia/Seoul');
		expect(parseTimezone('UTC')).toBe('UTC');
		expect(() => parseTimezone('Mars/Olympus')).toThrow(/not a time zone this server knows/);
		expect(() => parseTimezone('../../etc')).toThrow(ScheduleError);
		expect(parseTimezone('EST5EDT')).toMatch(/^(EST5EDT|America\/New_York)$/);
		expect(parseTimezone('Etc/GMT+5')).toBe('Etc/GMT+5');
	});

	const NOW = new Date('2026-03-01T00:00:00Z');
	it.each([
		['0 0 31 2 *', /no run in the next year/],
		['0 0 30 2 *', /no run in the next year/],
		['* * * * *', /more than once every 5 minutes/],
		['*/2 * * * * *', /more than once every 5 minutes/],
		['*/4 * * * *', /more than once every 5 minutes/],
		['0,1 8 * * *', /more than once every 5 minutes/],
		['59 23 * * *', null],
		['0 0 29 2 *', /no run in the next year/],
		['0,59 0,23 * * *', /more than once every 5 minutes/],
	])('GIVEN the schedule %s THEN it is checked against a year of runs and the 5-minute floor', (cron, refusal) => {
		const check = () => checkSchedule({ cron, timezone: 'UTC' }, NOW);
		if (refusal === null) expect(check).not.toThrow();
		else expect(check).toThrow(refusal);
	});

	it.each(['*/5 * * * *', '0 8 * * 1-5', '0 0 L * *', '0 9 * * 5L', 'hourly'])(
		'GIVEN %s THEN it is accepted',
		(text) => {
			expect(() => checkSchedule({ cron: parseSchedule(text), timezone: 'Asia/Seoul' }, NOW)).not.toThrow();
		},
	);

	it('GIVEN seconds in the cron THEN slots come every few seconds', () => {
		const { slots } = slotsBetween(
			{ cron: '*/2 * * * * *', timezone: 'UTC' },
			new Date('2025-01-01T00:00:00Z'),
			new Date('2025-01-01T00:00:07Z'),
		);
		expect(iso(slots)).toEqual([
			'2025-01-01T00:00:02.000Z',
			'2025-01-01T00:00:04.000Z',
			'2025-01-01T00:00:06.000Z',
		]);
	});

	it('GIVEN 08:00 New York across the March 2025 change THEN 13:00 UTC before it and 12:00 UTC after, once a day', () => {
		const { slots } = slotsBetween(
			{ cron: '0 8 * * *', timezone: 'America/New_York' },
			new Date('2025-03-07T00:00:00Z'),
			new Date('2025-03-11T00:00:00Z'),
		);
		expect(iso(slots)).toEqual([
			'2025-03-07T13:00:00.000Z',
			'2025-03-08T13:00:00.000Z',
			'2025-03-09T12:00:00.000Z',
			'2025-03-10T12:00:00.000Z',
		]);
	});

	it('GIVEN 02:30 New York on 9 March 2025, a time that does not exist, THEN it runs once, at 03:00 EDT', () => {
		const { slots } = slotsBetween(
			{ cron: '30 2 * * *', timezone: 'America/New_York' },
			new Date('2025-03-08T12:00:00Z'),
			new Date('2025-03-10T12:00:00Z'),
		);
		expect(iso(slots)).toEqual(['2025-03-09T07:00:00.000Z', '2025-03-10T06:30:00.000Z']);
	});

	it('GIVEN 01:30 New York on 2 November 2025, a time that occurs twice, THEN it runs once', () => {
		const { slots } = slotsBetween(
			{ cron: '30 1 * * *', timezone: 'America/New_York' },
			new Date('2025-11-01T12:00:00Z'),
			new Date('2025-11-03T12:00:00Z'),
		);
		expect(iso(slots)).toEqual(['2025-11-02T05:30:00.000Z', '2025-11-03T06:30:00.000Z']);
	});

	it('GIVEN hourly New York across the November 2025 change THEN every real hour runs once (25 slots that day)', () => {
		const { slots } = slotsBetween(
			{ cron: '0 * * * *', timezone: 'America/New_York' },
			new Date('2025-11-02T04:00:00Z'),
			new Date('2025-11-03T05:00:00Z'),
		);
		expect(new Set(iso(slots)).size).toBe(slots.length);
		expect(slots).toHaveLength(25);
	});
});
