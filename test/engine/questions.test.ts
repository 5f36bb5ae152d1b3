import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/engine/answer.js';
import { NOW, dataset, engine, library } from '../support/engine.js';

const ask = (q: string, now = NOW) => engine.ask(q, now);

/** The ids of the figures an answer leads with. */
function lead(answer: Answer): string[] {
	const body = answer.body;
	switch (body?.kind) {
		case 'figures':
			return body.groups.map((g) => g.primary.id);
		case 'comparison':
			return [body.comparison.a.primary.id, body.comparison.b.primary.id];
		case 'share':
			return [body.share.part.primary.id, body.share.total.primary.id];
		case 'breakdown':
			return body.breakdown.parts.map((p) => p.group.primary.id);
		default:
			return [];
	}
}

describe('figures: a question as a journalist types it gives the figure asked for', () => {
	it.each([
		['Russian visitors to North Korea 2025', ['ru-nk-2025-total']],
		['How many Russians travelled to the DPRK in 2024?', ['ru-nk-2024-total']],
		['how many russians traveled to north korea in 2023', ['ru-nk-2023-total']],
		['2025 north korea russians visitors', ['ru-nk-2025-total']],
		['tourists from russia 2025', ['ru-nk-2025-tourists']],
		['russain toursts 2024', ['ru-nk-2024-tourists']],
		['business visitors 2025', ['ru-nk-2025-business']],
		['exchange students 2025', ['ru-nk-2025-students']],
		['pilots and crew 2025', ['ru-nk-2025-transport-staff']],
		['how many arrived by rail', ['ru-nk-2025-rail']],
		['how many came by train', ['ru-nk-2025-rail']],
		['air arrivals', ['ru-nk-2025-air']],
		['third quarter 2025', ['ru-nk-2025-q3']],
		['Q4 2025', ['ru-nk-2025-q4']],
		['visitors in the fourth quarter of 2025', ['ru-nk-2025-q4']],
		['russians in south korea 2025', ['ru-kr-2025-total']],
		['Russians visiting Türkiye', ['ru-tr-2025-total']],
		['north koreans entering russia q4 2024', ['nk-ru-2024-q4']],
		['north koreans in russia in 2024', ['nk-ru-2024-total']],
		['Kozlov 2025 estimate', ['kozlov-ru-nk-2025']],
		['what did the minister say about 2024', ['kozlov-ru-nk-2024']],
		['How many Russians visited North Korea last year?', ['ru-nk-2025-total']],
	])('%s', (question, ids) => {
		const answer = ask(question);
		expect(answer.status).toBe('answered');
		expect(lead(answer)).toEqual(ids);
	});

	it('GIVEN no period THEN every period of that figure is shown, latest first', () => {
		expect(lead(ask('russian visitors to north korea'))).toEqual([
			'ru-nk-2025-total',
			'ru-nk-2025-q4',
			'ru-nk-2025-q3',
			'ru-nk-2024-total',
			'ru-nk-2023-total',
		]);
	});

	it('GIVEN "this year" THEN the clock decides the year', () => {
		expect(lead(ask('visitors this year', new Date('2025-06-01T00:00:00Z')))).toEqual(['ru-nk-2025-total']);
		expect(ask('visitors this year', new Date('2027-06-01T00:00:00Z')).status).toBe('not_found');
	});
});

describe('conflicts: when sources disagree both figures are shown and the gap is named', () => {
	it("GIVEN 2025 THEN the FSB count leads and Kozlov's estimate follows with the gap", () => {
		const answer = ask('Russian visitors to North Korea 2025');
		const body = answer.body!;
		if (body.kind !== 'figures') throw new Error(body.kind);
		const kozlov = body.groups[0]!.others.find((o) => o.figure.id === 'kozlov-ru-nk-2025');
		expect(kozlov?.gap.value).toBe('-2985');
		expect(body.groups[0]!.others.map((o) => o.figure.id)).toContain('ru-nk-2025-headline');
	});

	it('GIVEN Kozlov is asked for THEN his figure leads and the FSB figure is still shown', () => {
		const body = ask('Kozlov 2024').body!;
		if (body.kind !== 'figures') throw new Error(body.kind);
		expect(body.groups[0]!.primary.id).toBe('kozlov-ru-nk-2024');
		expect(body.groups[0]!.others.map((o) => o.figure.id)).toEqual(
			expect.arrayContaining(['ru-nk-2024-total', 'ru-nk-2024-tourists']),
		);
	});
});

describe('computations', () => {
	it('GIVEN "per year" or "in total" over years and quarters of them THEN only the years are used, and the reply says so', () => {
		const years = ['ru-nk-2023-total', 'ru-nk-2024-total', 'ru-nk-2025-total'].map((id) =>
			Number(dataset.figures.find((f) => f.id === id)!.value),
		);
		const total = ask('how many russian visitors to north korea in total');
		expect(total.body?.kind === 'aggregate' && total.body.aggregate.result.value).toBe(
			String(years.reduce((a, b) => a + b, 0)),
		);
		expect(total.notes.join(' ')).toMatch(
			/Only the yearly figures are used; 2 figures of other periods .* are left out/,
		);
		// A ranking by totals over periods takes the years too.
		const destinations = library.ask('which destination did the most russians visit in total', NOW).answer;
		const northKorea =
			destinations.body?.kind === 'totals'
				? destinations.body.totals.items.find((i) => i.value === 'north_korea')
				: undefined;
		expect(northKorea?.result.value).toBe(String(years.reduce((a, b) => a + b, 0)));
		const average = ask('average russian visitors to north korea per year');
		expect(average.body?.kind === 'aggregate' && Number(average.body.aggregate.result.value)).toBeCloseTo(
			years.reduce((a, b) => a + b, 0) / 3,
			6,
		);
	});

	it('compare tourists 2024 and 2025 → difference, % change and ratio from the two figures', () => {
		const body = ask('compare tourists 2024 and 2025').body!;
		if (body.kind !== 'comparison') throw new Error(body.kind);
		const { a, b, difference, percentChange, ratio } = body.comparison;
		expect([a.primary.id, b.primary.id]).toEqual(['ru-nk-2025-tourists', 'ru-nk-2024-tourists']);
		expect(difference).toEqual({ value: '3118', bound: 'exact' });
		expect(percentChange?.value.startsWith('159.32')).toBe(true);
		expect(ratio?.value.startsWith('2.5932')).toBe(true);
	});

	it('share of rail arrivals → rail ÷ the total from the same source', () => {
		const answer = ask('share of rail arrivals');
		expect(lead(answer)).toEqual(['ru-nk-2025-rail', 'ru-nk-2025-total']);
		if (answer.body?.kind !== 'share') throw new Error();
		expect(answer.body.share.percent.value.startsWith('34.58')).toBe(true);
	});

	it('GIVEN "over 2 million" as an input THEN the result is a bound, not a plain number', () => {
		const body = ask('egypt vs turkey').body!;
		if (body.kind !== 'comparison') throw new Error(body.kind);
		expect(body.comparison.difference).toEqual({ value: '-4620000', bound: 'over' });
		expect(body.comparison.ratio?.bound).toBe('over');
	});

	it('GIVEN one year and "growth" THEN it is compared with the year before', () => {
		expect(lead(ask('growth in visitors in 2025'))).toEqual(['ru-nk-2025-total', 'ru-nk-2024-total']);
	});

	it('GIVEN two places THEN the first is compared with the second', () => {
		expect(lead(ask('south korea vs north korea 2025'))).toEqual(['ru-kr-2025-total', 'ru-nk-2025-total']);
	});

	it('breakdown by purpose shows every part and the check against the total', () => {
		const body = ask('visitors by purpose 2025').body!;
		if (body.kind !== 'breakdown') throw new Error(body.kind);
		expect(body.breakdown.parts).toHaveLength(5);
		expect(body.breakdown.check?.gap).toBe('5');
	});
});

describe('statements and sources', () => {
	it.each([
		['when did records begin', 'records-began-2010'],
		['which resorts draw tourists', 'resorts-masikryong-wonsan'],
		['how many north korean workers went to russia', 'ward-workers-estimate'],
		['new rail route to moscow', 'new-rail-air-routes'],
		['are russians the main source of visitors', 'russians-most-visitors'],
	])('%s → statement %s', (question, id) => {
		const answer = ask(question);
		expect(answer.status).toBe('answered');
		if (answer.body?.kind !== 'statements') throw new Error(answer.body?.kind);
		expect(answer.body.statements.map((s) => s.id)).toContain(id);
	});

	it('what did Kozlov say → his figures and statements', () => {
		const body = ask('what did Kozlov say').body!;
		if (body.kind !== 'source') throw new Error(body.kind);
		expect(body.figures.map((f) => f.id)).toEqual(['kozlov-ru-nk-2024', 'kozlov-ru-nk-2025']);
		expect(body.statements.length).toBeGreaterThan(0);
	});
});

describe('not found: never a different year, place or group as if it were the one asked for', () => {
	it.each([
		'How many Germans visited North Korea?',
		'russian visitors 2015',
		'tourists 2023',
		'visitors to thailand 2024',
		'How many Russians went to the moon in 2025?',
		'north koreans entering russia 2023',
		'',
		'???',
		'Chinese tourists in North Korea 2025',
	])('%s', (question) => {
		const answer = ask(question);
		expect(answer.status).toBe('not_found');
		expect(answer.body).toBeNull();
	});

	it('GIVEN a year the data lacks THEN it suggests the periods it has for that figure', () => {
		const answer = ask('tourists 2023');
		expect(answer.suggestions.map((s) => s.query)).toEqual([
			'figure:ru-nk-2024-tourists',
			'figure:ru-nk-2025-tourists',
		]);
	});

	it('GIVEN a category the sources never split a place by THEN the total is given with a note saying so', () => {
		const answer = ask('russian tourists thailand');
		expect(lead(answer)).toEqual(['ru-th-2025-total']);
		expect(answer.notes.join(' ')).toMatch(/no breakdown by purpose of travel/);
	});
});

describe('ambiguous', () => {
	it('GIVEN "korea" alone THEN both Koreas are offered, and choosing one answers it', () => {
		const answer = ask('korea 2025');
		expect(answer.status).toBe('ambiguous');
		const queries = answer.candidates.map((c) => c.query);
		expect(queries).toEqual(expect.arrayContaining(['figure:ru-kr-2025-total', 'figure:ru-nk-2025-total']));
		expect(lead(ask('figure:ru-kr-2025-total'))).toEqual(['ru-kr-2025-total']);
	});
});

describe('readings are distinct: one reading is answered, several are each offered once', () => {
	it.each([
		['russia to egypt', ['ru-eg-2025-total']],
		['russia turkey', ['ru-tr-2025-total']],
		['russia south korea', ['ru-kr-2025-total']],
		['russia thailand', ['ru-th-2025-total']],
	])('GIVEN "%s", which names one figure however it is read, THEN it is answered', (question, ids) => {
		const answer = ask(question);
		expect(answer.status).toBe('answered');
		expect(lead(answer)).toEqual(ids);
	});

	it('GIVEN "russia north korea", whose direction is unclear, THEN each direction is offered once', () => {
		const answer = ask('russia north korea');
		expect(answer.status).toBe('ambiguous');
		const queries = answer.candidates.map((c) => c.query);
		expect(new Set(queries).size).toBe(queries.length);
		expect(queries).toEqual(expect.arrayContaining(['figure:ru-nk-2025-total', 'figure:nk-ru-2025-q1']));
	});
});

describe('compare and suggest (for /compare and autocomplete)', () => {
	it('GIVEN two figure references THEN compare computes a against b', () => {
		const answer = engine.compare('figure:ru-kr-2025-total', 'figure:ru-nk-2025-total', NOW);
		expect(lead(answer)).toEqual(['ru-kr-2025-total', 'ru-nk-2025-total']);
	});

	it('GIVEN figures in different units THEN compare refuses and says why', async () => {
		const { createEngine } = await import('../../src/engine/createEngine.js');
		const { dataset, gazetteer } = await import('../support/engine.js');
		const money = { id: 'spend', label: 'spending', unit: 'roubles', description: null, aliases: ['spending'] };
		const spend = { ...dataset.figures[0]!, id: 'spend-2025', metric: money };
		const mixed = createEngine(
			{ ...dataset, metrics: [...dataset.metrics, money], figures: [...dataset.figures, spend] },
			gazetteer,
		);
		const answer = mixed.compare('figure:spend-2025', 'figure:ru-nk-2025-total', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toMatch(/cannot be compared: .* roubles, .* people/);
	});

	it('GIVEN a question with several periods THEN compare asks for one', () => {
		const answer = engine.compare('tourists', 'tourists 2024', NOW);
		expect(answer.status).toBe('not_found');
		expect(answer.reason).toMatch(/matches 2 periods/);
	});

	it('suggest finds figures by what the user types, typos included, and honours the limit', () => {
		expect(engine.suggest('rail', { limit: 25 }).map((s) => s.query)).toContain('figure:ru-nk-2025-rail');
		expect(engine.suggest('toursts 2024', { limit: 25 }).map((s) => s.query)).toContain(
			'figure:ru-nk-2024-tourists',
		);
		expect(engine.suggest('', { limit: 3 })).toHaveLength(3);
		expect(engine.suggest('resort', { limit: 25 }).map((s) => s.query)).toContain(
			'statement:resorts-masikryong-wonsan',
		);
		expect(
			engine.suggest('resort', { limit: 25, figuresOnly: true }).every((s) => s.query.startsWith('figure:')),
		).toBe(true);
		expect(engine.suggest("^=!' tourists", { limit: 25 }).length).toBeGreaterThan(0);
	});
});

describe('adversarial questions of 2,000 characters', () => {
	// Speed is measured in npm run bench; this only guards against a pathological slowdown.
	it.each([
		['repeated words', 'tourists '.repeat(222)],
		['repeated quarters', 'q4 '.repeat(666)],
		['repeated places', 'north korea '.repeat(166)],
		['one long word', 'a'.repeat(2000)],
		['many unknown words', Array.from({ length: 400 }, (_, i) => `w${i}x`).join(' ')],
	])('%s: answered with a valid status (its time: npm run bench, "2,000-char worst")', (_, question) => {
		const answer = ask(question);
		expect(['answered', 'ambiguous', 'not_found']).toContain(answer.status);
	});
});

describe('autocomplete under any input', () => {
	it('GIVEN any string THEN at most `limit` suggestions, each a reference the engine answers', async () => {
		const fc = (await import('fast-check')).default;
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string({ maxLength: 200 }),
					fc.string({ unit: 'binary', maxLength: 200 }),
					fc.constantFrom("^=!'", 'ru_nk', '@everyone', '*'.repeat(100)),
				),
				fc.integer({ min: 1, max: 25 }),
				(text, limit) => {
					const suggestions = engine.suggest(text, { limit });
					expect(suggestions.length).toBeLessThanOrEqual(limit);
					for (const s of suggestions) {
						expect(s.query).toMatch(/^(figure|statement):[a-z0-9_-]+$/);
						expect(engine.ask(s.query, NOW).status).toBe('answered');
					}
				},
			),
			{ numRuns: 200 },
		);
	});
});
