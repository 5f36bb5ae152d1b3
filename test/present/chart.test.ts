import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/loadDataset.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { type Chart, chartFor } from '../../src/present/chart.js';
import { NOW, dataset, engine, gazetteer } from '../support/engine.js';
import { harvests, oneTableDataset } from '../support/tables.js';
import { renderAnswer } from '../../src/present/renderAnswer.js';

const chartOf = (question: string, e = engine, d = dataset): Chart => {
	const result = chartFor(e.ask(question, NOW), d);
	if (result.chart === null) throw new Error(`no chart for "${question}": ${result.reason}`);
	return result.chart;
};

type Row = { period?: string; item?: string; value: number | null; series: string; kind?: string; label?: string };
const rowsOf = (chart: Chart) => (chart.spec.data as { values: Row[] }).values;
const layers = (chart: Chart) =>
	chart.spec.layer as { mark: { type: string; filled?: boolean }; encoding: Record<string, unknown> }[];

describe('chart specs from answers: what is plotted, how, and with which sources', () => {
	it('GIVEN a series THEN a line per source over the years in order, points labelled, axis titled with the unit', () => {
		const chart = chartOf('russians to north korea by year');
		expect(chart.kind).toBe('series');
		expect(chart.title).toBe('Russians → North Korea: visitors, 2023–2025');
		const fsb = rowsOf(chart).filter((r) => r.series.includes('FSB') && r.value !== null);
		expect(fsb.map((r) => [r.period, r.value])).toEqual(
			expect.arrayContaining([
				['2023', 1238],
				['2024', 6469],
				['2025', 9985],
			]),
		);
		const line = layers(chart).find((l) => l.mark.type === 'line')!;
		// Placed by time: the period's ordinal (the year), the axis from half a year before the first to after the last.
		expect(line.encoding.x).toMatchObject({ field: 'order', type: 'quantitative', title: 'Year' });
		// Half a year before the first; after the last, room for the lines' names at their ends.
		const [from, to] = (line.encoding.x as { scale: { domain: [number, number] } }).scale.domain;
		expect(from).toBe(2022.5);
		expect(to).toBeGreaterThan(2025.5);
		const ends = (chart.spec.layer as { data?: { values: { lines: string[]; value: number }[] } }[]).find(
			(l) => l.data,
		)!.data!.values;
		expect(ends.map((e) => [e.lines.join(' '), e.value])).toEqual([
			['Russian Federal Security Service (FSB) border data 9,985', 9985],
			["Alexander Kozlov, Russia's Minister of Natural Resources an estimated 7,000", 7000],
		]);
		expect(chart.time).toEqual({ grain: 'year', first: 2023, last: 2025, step: 1 });
		expect(line.encoding.y).toMatchObject({ field: 'value', title: 'visitors (people)' });
		expect(layers(chart).some((l) => l.mark.type === 'text')).toBe(true);
		// The quarters beside the years are not mixed into a line of years, and the chart says so.
		expect(chart.notes.join(' ')).toContain('not drawn: Q4 2025, Q3 2025');
		expect(chart.footer[0]).toMatch(
			/^Sources: Russian Federal Security Service \(FSB\) border data via NK News and Verstka/,
		);
	});

	it('GIVEN sources that disagree THEN separate series, never averaged, and the estimate drawn hollow and dashed', () => {
		const chart = chartOf('russians to north korea by year');
		const kozlov = rowsOf(chart)
			.filter((r) => r.series.includes('Kozlov') && r.value !== null)
			.sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''));
		expect(kozlov.map((r) => [r.period, r.value, r.label])).toEqual([
			['2024', 4000, 'about 4,000'],
			['2025', 7000, 'an estimated 7,000'],
		]);
		// No row anywhere holds a value that is not one of the sources' own.
		const values = new Set(rowsOf(chart).flatMap((r) => (r.value === null ? [] : [r.value])));
		expect([...values].sort((a, b) => a - b)).toEqual([1238, 4000, 6469, 7000, 9985]);
		const hollow = layers(chart).find((l) => l.mark.type === 'point' && l.mark.filled === false);
		expect(hollow).toBeDefined();
		const line = layers(chart).find((l) => l.mark.type === 'line')!;
		expect(line.encoding.strokeDash).toMatchObject({ field: 'kind', legend: expect.objectContaining({}) });
		expect(kozlov.every((r) => r.kind?.includes('hollow'))).toBe(true);
		expect(chart.notes.join(' ')).toMatch(/each is its own line, never averaged/);
		expect(chart.notes.join(' ')).toMatch(
			/Hollow points, dashed lines: (an estimate or about|about or an estimate), not a count as stated/,
		);
		expect(chart.footer.join(' ')).toContain("Alexander Kozlov, Russia's Minister of Natural Resources via");
		expect(chart.alt).toContain('from about 4,000 in 2024 to an estimated 7,000 in 2025');
	});

	it('GIVEN a missing year inside a series THEN its slot stays, with no value: a gap, not a line drawn through', () => {
		const crops = harvests('year,crop,tonnes\n2018,Wheat,5\n2019,Wheat,6\n2021,Wheat,8\n2022,Wheat,9\n');
		const chart = chartOf('wheat harvest', createEngine(crops, gazetteer), crops);
		const line = layers(chart).find((l) => l.mark.type === 'line')!;
		expect(line.encoding.x).toMatchObject({ field: 'order', scale: { domain: [2017.5, 2022.5] } });
		// The gap's row belongs to the line (same source and kind), so the null breaks that very path.
		expect(rowsOf(chart).find((r) => r.period === '2020')).toEqual({
			period: '2020',
			order: 2020,
			value: null,
			series: 'Statistics office',
			kind: 'Stated figure',
		});
		expect(line.mark).toMatchObject({ invalid: 'break-paths-show-domains' });
		expect(line.encoding.order).toEqual({ field: 'order', type: 'quantitative' });
		expect(chart.notes.join(' ')).toContain('No figure for 2020: left as a gap');
		expect(chart.footer).toContain('Table: tables/crops.csv');
	});

	it('GIVEN one number the sources give differently THEN a bar for each source, largest first, the gap named', () => {
		const chart = chartOf('russians to north korea 2025');
		expect(chart.kind).toBe('bars');
		expect(rowsOf(chart).map((r) => [r.item, r.value, r.label])).toEqual([
			['Russian Federal Security Service (FSB) border data', 9985, '9,985'],
			["Alexander Kozlov, Russia's Minister of Natural Resources", 7000, 'an estimated 7,000'],
		]);
		expect(chart.notes[0]).toBe(
			'2 sources give this number differently: the highest, 9,985, is 2,985 more than the lowest, an estimated 7,000.',
		);
		// The bars are the sources: no legend, no bars side by side within an item.
		expect((chart.spec.encoding as Record<string, unknown>).yOffset).toBeUndefined();
		expect(chartFor(engine.ask('tourists 2025', NOW), dataset).chart).toBeNull();
	});

	it('GIVEN periods added up THEN only the figures added are drawn, each named by its period, the total in the title', () => {
		const chart = chartOf('russians to north korea 2023 and 2024 combined');
		expect(chart.title).toBe('Russians → North Korea: 2023 + 2024 = 7,707');
		// The minister's estimate for 2024 is not in the sum, so it is not drawn.
		expect(rowsOf(chart).map((r) => [r.item, r.value])).toEqual([
			['2023', 1238],
			['2024', 6469],
		]);
		expect(chart.notes).toContain('The total, 7,707, is the sum of the bars drawn.');
	});

	it('GIVEN a comparison of two years THEN two bars named by year, from the earlier', () => {
		const chart = chartOf('compare tourists 2024 and 2025');
		expect(chart.kind).toBe('bars');
		expect(rowsOf(chart).map((r) => [r.item, r.value])).toEqual([
			['2024', 1957],
			['2025', 5075],
		]);
		expect(chart.spec.encoding).toMatchObject({ y: { field: 'item', sort: ['2024', '2025'] } });
		expect(chart.alt).toBe(
			'Bar chart. Russians → North Korea, tourists: 2024 and 2025, in visitors (people). 2024: 1,957; 2025: 5,075. Highest: 2025, 5,075.',
		);
	});

	it('GIVEN a comparison where sources disagree THEN each source its own bar beside the other, the estimate hollow', () => {
		const chart = chartOf('russians to south korea vs north korea 2025');
		const rows = rowsOf(chart);
		expect(rows.filter((r) => r.item === 'Russians → North Korea').map((r) => [r.value, r.series])).toEqual([
			[9985, 'Russian Federal Security Service (FSB) border data'],
			[7000, "Alexander Kozlov, Russia's Minister of Natural Resources"],
		]);
		expect(chart.spec.encoding).toMatchObject({ yOffset: { field: 'series' } });
		const bar = layers(chart).find((l) => l.mark.type === 'bar')!;
		expect(bar.encoding.fillOpacity).toMatchObject({ field: 'kind', scale: { range: [1, 0.15] } });
		expect(chart.notes.join(' ')).toContain('Hollow bars: an estimate');
	});

	it('GIVEN a breakdown whose parts do not add up to the total THEN a bar per part, largest first, and the chart says so', () => {
		const chart = chartOf('purposes of russian trips in 2025');
		expect(rowsOf(chart).map((r) => r.item)).toEqual([
			'tourists',
			'transport personnel',
			'business travellers',
			'personal visits',
			'exchange students',
		]);
		expect(chart.title).toBe('Russians → North Korea by purpose of travel, 2025, total 9,985');
		expect(chart.notes).toContain('The parts add up to 9,980; the total given is 9,985 (+5 not in any part).');
		expect((layers(chart)[0]!.encoding.x as { title: string }).title).toBe('visitors (people)');
	});

	it('GIVEN a ranking THEN bars in rank order, each a cited row', () => {
		const disasters = loadDataset('data/natural-disasters');
		const chart = chartOf('top 3 disasters by deaths in 2010', createEngine(disasters, gazetteer), disasters);
		expect(rowsOf(chart).map((r) => r.item)).toEqual(['Earthquake', 'Extreme temperature', 'Drought']);
		expect(chart.footer.join(' ')).toContain('Table: tables/deaths-by-disaster.csv');
		expect(chart.alt).toMatch(/Highest: Earthquake, [\d,]+\.$/);
		// Titled as a reader says it: the measure by the thing ranked, the period.
		expect(chart.title).toBe('Deaths by kind of disaster, 2010');
		// Lowest first: the alt text names the end the bars start from.
		const lowest = chartOf('bottom 3 disasters by deaths in 2010', createEngine(disasters, gazetteer), disasters);
		expect(lowest.alt).toMatch(/Lowest: [^,]+, [\d,]+\.$/);
		expect(lowest.title).toBe('Deaths by kind of disaster, 2010, lowest first');
		expect(lowest.alt).toContain(`Lowest: ${rowsOf(lowest)[0]!.item}`);
	});

	it("GIVEN thirty parts with very long names THEN the alt text is cut within Discord's 1,024 characters", () => {
		const many = oneTableDataset({
			id: 'many',
			title: 'Many',
			metric: { id: 'v', label: 'arrivals', unit: 'people', aliases: [] },
			period: 'year',
			dimensions: [{ id: 'place', label: 'Place', aliases: ['places'] }],
			valueColumn: 'v',
			csv: `year,place,v\n${Array.from({ length: 30 }, (_, i) => `2024,A place whose name is as long as a sentence as some official names of districts and municipalities are written number ${i},${i + 1}`).join('\n')}\n`,
		});
		const chart = chartOf('arrivals by place 2024', createEngine(many, gazetteer), many);
		expect(chart.alt.length).toBeLessThanOrEqual(1024);
		expect(chart.alt).toMatch(/…$/);
	});

	it.each(['tourists 2025', 'what did kozlov say', 'average age of russian visitors in 2025', 'moon visitors 2025'])(
		'GIVEN "%s" (one number, text or nothing) THEN no chart, and why',
		(question) => {
			const result = chartFor(engine.ask(question, NOW), dataset);
			expect(result.chart).toBeNull();
			expect(result.chart === null ? result.reason : '').toMatch(/nothing to chart|no answer/);
		},
	);
});

describe('a long series: drawn at a resolution a chart can show, and summarised in words', () => {
	/** One station's daily rainfall over `days` days ending 2025-12-31, with 2025-06 left out. */
	const daily = (days: number) => {
		const end = Date.UTC(2025, 11, 31);
		const rows: string[] = [];
		for (let i = days - 1; i >= 0; i--) {
			const day = new Date(end - i * 86_400_000).toISOString().slice(0, 10);
			if (!day.startsWith('2025-06')) rows.push(`${day},${(i % 10) + (day.endsWith('-01') ? 100 : 0)}`);
		}
		const data = oneTableDataset({
			id: 'rain',
			title: 'Daily rainfall',
			metric: { id: 'rainfall', label: 'rainfall', unit: 'mm' },
			period: 'day',
			valueColumn: 'mm',
			csv: `day,mm\n${rows.join('\n')}\n`,
		});
		return { data, engine: createEngine(data, gazetteer) };
	};

	it('GIVEN 1,200 days THEN drawn as monthly means, saying so, with the missing month a gap and at most 400 points', () => {
		const { data, engine } = daily(1200);
		const chart = chartOf('rainfall', engine, data);
		expect(chart.title).toMatch(/^Rainfall, monthly means of daily figures, /);
		expect(chart.notes[0]).toMatch(/^1,170 daily figures drawn as monthly means: each point is the mean/);
		const drawn = rowsOf(chart).filter((r) => r.value !== null);
		expect(drawn.length).toBeLessThanOrEqual(400);
		// A month's point is the mean of its days: December 2025's 31 days.
		const december = data.figures.filter((f) => f.period.key.startsWith('2025-12'));
		const mean = december.reduce((sum, f) => sum + Number(f.value), 0) / december.length;
		expect(drawn.find((r) => r.period === 'December 2025')?.value).toBeCloseTo(mean, 10);
		expect(rowsOf(chart).find((r) => r.period === 'June 2025')?.value).toBeNull();
		expect(chart.notes.join(' ')).toContain('No figure for June 2025');
	});

	it('GIVEN 20,000 days THEN drawn as yearly means; the reply lists the first, last, lowest and highest, each cited', () => {
		const { data, engine } = daily(20_000);
		const chart = chartOf('rainfall', engine, data);
		expect(chart.title).toMatch(/, yearly means of daily figures, /);
		expect(rowsOf(chart).filter((r) => r.value !== null).length).toBeLessThanOrEqual(56);
		const text = renderAnswer(engine.ask('rainfall', NOW), data);
		expect(text.lines[0]).toBe('Read as: rainfall');
		expect(text.lines[1]).toMatch(
			/^19,970 figures, from .* to 31 December 2025: shown are the first, the last, the lowest and the highest/,
		);
		expect(text.lines.slice(2).map((l) => l.split(':')[0])).toEqual([
			'First',
			'Last',
			expect.stringMatching(/^Lowest \(also [\d,]+ other periods\)$/),
			expect.stringMatching(/^Highest \(also [\d,]+ other periods\)$/),
		]);
		expect(text.citations).toHaveLength(4);
		expect(text.citations[0]?.row?.line).toBe(2);
	});

	it('GIVEN a breakdown into 40 parts THEN the reply lists the first 25, saying how many there are and how to ask for the rest', () => {
		const towns = Array.from({ length: 40 }, (_, i) => `Town ${i + 1},2025,${100 + i}`);
		const data = oneTableDataset({
			id: 'towns',
			title: 'Residents',
			metric: { id: 'residents', label: 'residents', unit: 'people' },
			dimensions: [{ id: 'town', label: 'Town' }],
			period: 'year',
			valueColumn: 'residents',
			csv: `town,year,residents\n${towns.join('\n')}\n`,
		});
		const text = renderAnswer(createEngine(data, gazetteer).ask('residents by town 2025', NOW), data);
		expect(text.lines[0]).toBe('Read as: residents by town, 2025');
		expect(text.lines[1]).toBe(
			'40 town values; the first 25 are shown. Ask for one by name, or for the largest ("which … the most").',
		);
		expect(text.lines.slice(2)).toHaveLength(25);
		expect(text.lines[2]).toMatch(/^• Town 1: \*\*100\*\* \[1\]$/);
		expect(text.citations).toHaveLength(25);
		const chart = chartFor(createEngine(data, gazetteer).ask('residents by town 2025', NOW), data).chart!;
		expect(rowsOf(chart)).toHaveLength(25);
		expect(chart.notes).toContain('The first 25 of 40 town values are drawn.');
	});
});
