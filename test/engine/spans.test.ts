import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/engine/answer.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { presentText } from '../../src/present/presentText.js';
import { NOW, gazetteer } from '../support/engine.js';
import { measuresTable } from '../support/tables.js';

// Figures of spans of years, and the span that holds them all (a table's "Total" column).
const immigrants = measuresTable({
	id: 'arrivals',
	title: 'Immigrants since 1948, by country of birth',
	metrics: [{ id: 'immigrants', label: 'immigrants', unit: 'people' }],
	dimension: { id: 'origin', label: 'Country', aliases: ['countries'] },
	columns: {
		'1948–1951': { metric: 'immigrants', period: '1948–1951' },
		'1952–1960': { metric: 'immigrants', period: '1952–1960' },
		Total: { metric: 'immigrants', period: '1948–1960' },
	},
	csv: ['Country,1948–1951,1952–1960,Total', 'Algeria,3810,3433,7243', 'Bolivia,0,199,199'].join('\n'),
});
const ask = (q: string) => createEngine(immigrants, gazetteer).ask(q, NOW);
const shown = (a: Answer) =>
	a.body?.kind === 'figures' ? a.body.groups.map((g) => [g.primary.period.key, g.primary.value]) : a.status;

describe('"since 1948" where the data has a span from 1948 holding its other periods', () => {
	it('GIVEN "since" the first year of the whole span THEN that span, said so', () => {
		const answer = ask('immigrants from algeria since 1948');
		expect(shown(answer)).toEqual([['1948–1960', '7243']]);
		expect(presentText(answer, immigrants)).toContain('"since 1948" read as 1948–1960');
	});

	it('GIVEN "since" a year no whole span starts in THEN never the whole span', () => {
		expect(shown(ask('immigrants from algeria since 1952'))).not.toEqual([['1948–1960', '7243']]);
	});

	it('GIVEN "the total number … since 1948" THEN the same figure, one row named in the singular', () => {
		const answer = ask('what is the total number of immigrants since 1948 from bolivia?');
		const text = presentText(answer, immigrants);
		expect(text).toMatch(/199/);
		expect(text).not.toContain('1 periods');
	});
});
