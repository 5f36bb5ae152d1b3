import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GAP_RETENTION_MS, DigestStore, MAX_GAPS } from '../../src/digest/store.js';
import { gapKey, gapQuestion } from '../../src/present/presentGaps.js';
import { tempDb } from '../support/digests.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 10, 1);
const record = (
	store: DigestStore,
	question: string,
	kind: 'not_found' | 'asked_back',
	now: number,
	dataset = 'nk-travel',
) => store.recordGap({ key: gapKey(question), question: gapQuestion(question), dataset, kind, now });

describe('gaps: what the data could not answer, kept without user or channel ids', () => {
	it('GIVEN a question with mentions, spacing and case THEN only its words are kept, and its key is stable', () => {
		expect(
			gapQuestion('  <@123456789012345678> How many   GERMANS visited <#998877665544332211>? @everyone '),
		).toBe('how many germans visited ?');
		expect(gapQuestion('tourists\u001b[2J 2025\u202e\u0007')).toBe('tourists [2j 2025');
		expect(gapKey('How many Germans  visited?')).toBe(gapKey('how many germans visited?'));
		expect(gapKey('how many germans visited?')).toMatch(/^[0-9a-f]{12}$/);
		expect(gapKey('how many germans visited?')).not.toBe(gapKey('how many swedes visited?'));
	});

	it('GIVEN questions asked again THEN counted, most asked first, with first and last asked', () => {
		const store = new DigestStore(tempDb());
		record(store, 'hotel nights 2025', 'not_found', T0);
		record(store, 'Germans to North Korea', 'not_found', T0 + DAY);
		record(store, 'germans to north korea', 'not_found', T0 + 2 * DAY);
		expect(store.gaps(T0 + 2 * DAY)).toEqual([
			{
				question: 'germans to north korea',
				dataset: 'nk-travel',
				kind: 'not_found',
				count: 2,
				picked: 0,
				firstAsked: T0 + DAY,
				lastAsked: T0 + 2 * DAY,
			},
			{
				question: 'hotel nights 2025',
				dataset: 'nk-travel',
				kind: 'not_found',
				count: 1,
				picked: 0,
				firstAsked: T0,
				lastAsked: T0,
			},
		]);
		store.close();
	});

	it('GIVEN ask-backs THEN listed until a reading is picked as often as it was asked', () => {
		const store = new DigestStore(tempDb());
		record(store, 'korea 2025', 'asked_back', T0);
		record(store, 'korea 2025', 'asked_back', T0);
		store.markGapPicked(gapKey('korea 2025'));
		expect(store.gaps(T0)).toMatchObject([{ question: 'korea 2025', kind: 'asked_back', count: 2, picked: 1 }]);
		store.markGapPicked(gapKey('korea 2025'));
		expect(store.gaps(T0)).toEqual([]);
		store.close();
	});

	it('GIVEN entries not asked for 90 days THEN they are dropped', () => {
		const store = new DigestStore(tempDb());
		record(store, 'old question', 'not_found', T0);
		record(store, 'new question', 'not_found', T0 + GAP_RETENTION_MS + DAY);
		expect(store.gaps(T0 + GAP_RETENTION_MS + DAY).map((g) => g.question)).toEqual(['new question']);
		store.close();
	});

	it('GIVEN a flood of unique questions THEN the store keeps the most asked, dropping the least asked and longest unasked first', () => {
		const store = new DigestStore(tempDb());
		for (let i = 0; i < 5; i++) record(store, 'population of atlantis', 'not_found', T0);
		record(store, 'first of the flood', 'not_found', T0 + 1);
		for (let i = 0; i < MAX_GAPS + 150; i++) record(store, `unique question ${i}`, 'not_found', T0 + 2 + i);
		const kept = store.gaps(T0 + 2 * DAY, MAX_GAPS + 1_000);
		expect(kept.length).toBeLessThanOrEqual(MAX_GAPS + 100);
		expect(kept[0]).toMatchObject({ question: 'population of atlantis', count: 5 });
		const questions = new Set(kept.map((g) => g.question));
		expect(questions.has('first of the flood')).toBe(false);
		expect(questions.has(`unique question ${MAX_GAPS + 149}`)).toBe(true);
		expect(store.trimGaps()).toBe(kept.length - MAX_GAPS);
		expect(store.gaps(T0 + 2 * DAY, MAX_GAPS + 1_000)).toHaveLength(MAX_GAPS);
		store.close();
	});

	it('GIVEN npm run gaps THEN the list, most asked first, from DIGEST_DB', () => {
		const path = tempDb();
		const store = new DigestStore(path);
		const now = Date.now();
		record(store, 'hotel nights 2025', 'not_found', now);
		record(store, 'hotel nights 2025', 'not_found', now);
		record(store, 'population of atlantis', 'not_found', now, 'natural-disasters');
		// Stored raw, as a store written by hand or by an older version may hold it.
		const hostile = 'x \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u001b]0;owned\u0007 \u202e5202';
		store.recordGap({ key: 'raw', question: hostile, dataset: 'nk-travel', kind: 'not_found', now });
		store.close();
		const run = spawnSync(process.execPath, ['scripts/run.mjs', 'gaps'], {
			env: { PATH: process.env.PATH ?? '', DIGEST_DB: path },
			encoding: 'utf8',
			timeout: 60_000,
		});
		expect(run.status).toBe(0);
		expect(run.stdout.split('\n')[0]).toMatch(/^1\. “hotel nights 2025” — not found ×2 \(nk-travel; first/);
		expect(run.stdout).toContain('2. “population of atlantis” — not found ×1 (natural-disasters');
		// Control characters reach the operator's terminal as escapes, never as instructions.
		expect([...run.stdout].filter((c) => c !== '\n' && (c < ' ' || c === '\u007f' || c === '\u202e'))).toEqual([]);
		expect(run.stdout).toContain('x \\u{1b}]8;;https://evil.example\\u{7}click');
		expect(run.stdout).toContain('\\u{202e}5202');
		const missing = spawnSync(process.execPath, ['scripts/run.mjs', 'gaps'], {
			env: { PATH: process.env.PATH ?? '', DIGEST_DB: `${path}.none` },
			encoding: 'utf8',
			timeout: 60_000,
		});
		expect(missing.status).toBe(1);
		expect(missing.stderr).toMatch(/no store at/);
	});
});
