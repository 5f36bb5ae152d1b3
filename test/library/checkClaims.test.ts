import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/data/loadLibrary.js';
import { MAX_MESSAGE_CHARS, asksForCheck, compactMessage } from '../../src/engine/claims.js';
import { parseDataset } from '../../src/data/parseDataset.js';
import { MAX_CLAIMS, checkMessage } from '../../src/library/checkClaims.js';
import { createLibrary } from '../../src/library/createLibrary.js';
import { presentCheckEmbed, presentCheckText } from '../../src/present/presentCheck.js';
import { NOW, gazetteer } from '../support/engine.js';
import { oneTableDataset } from '../support/tables.js';
import { expectEmbedWithinLimits } from '../support/limits.js';

const library = createLibrary(loadLibrary('data'), gazetteer);
const check = (message: string) => checkMessage(library, message, NOW).checks;
const only = (message: string) => {
	const checks = check(message);
	expect(checks).toHaveLength(1);
	return checks[0]!;
};

describe('claim check: each claim judged against figures of its own period, place and measure', () => {
	it.each([
		['9,985 Russians visited North Korea in 2025', 'ru-nk-2025-total'],
		['About 10,000 Russians visited North Korea in 2025', 'ru-nk-2025-total'],
		['Russians made 33,110 trips to South Korea in 2025', 'ru-kr-2025-total'],
	])('GIVEN "%s" THEN matches, citing the figure compared', (message, figureId) => {
		const result = only(message);
		expect(result.verdict).toBe('matches');
		expect(result.figures[0]?.id).toBe(figureId);
		expect(result.correction).toBeNull();
	});

	it('GIVEN a table figure THEN it is judged and cited by its row', () => {
		const result = only('Deaths from earthquakes in 2010 were over 200,000');
		expect(result).toMatchObject({ verdict: 'matches', dataset: { id: 'natural-disasters' } });
		expect(result.figures[0]?.row).toMatchObject({ file: 'tables/deaths-by-disaster.csv', line: 261 });
	});

	it('GIVEN a number the data contradicts THEN differs, with the data value, the gap and the sentence that would be right', () => {
		const result = only('12,000 Russians visited North Korea in 2025');
		expect(result.verdict).toBe('differs');
		expect(result.explanation.join(' ')).toContain('2,015 more (+20.2%)');
		expect(result.correction).toBe('9,985 Russians visited North Korea in 2025');
	});

	it('GIVEN a number one source gives and another contradicts THEN disputed: which it follows and what the other says', () => {
		const result = only('is it true that 7000 russians visited north korea in 2025?');
		expect(result.verdict).toBe('disputed');
		expect(result.explanation[0]).toMatch(/follows Alexander Kozlov.*an estimated 7,000.*gives 9,985/);
		expect(result.figures.map((f) => f.id)).toContain('ru-nk-2025-total');
	});

	it('GIVEN "tripled" where the data shows ×2.59 THEN differs, with both values and the change that would be right', () => {
		const result = only('Russian tourists to North Korea tripled in 2025');
		expect(result.verdict).toBe('differs');
		expect(result.explanation[0]).toContain('1,957 → 5,075 (2024 → 2025, ×2.59');
		expect(result.correction).toContain('rose 2.6-fold');
		expect(only('Russian tourists to North Korea more than doubled in 2025').verdict).toBe('matches');
		expect(only('Russian visits to North Korea grew by about 54% in 2025').verdict).toBe('matches');
		expect(only('Russian visits to North Korea fell in 2025').verdict).toBe('differs');
	});

	it('GIVEN a place or measure the data lacks THEN not in data, saying what is missing, never a neighbour', () => {
		const result = only('500 Germans visited North Korea in 2025');
		expect(result.verdict).toBe('not_in_data');
		expect(result.figures).toEqual([]);
		expect(result.explanation[0]).toMatch(/Germans|Germany/);
	});

	it('GIVEN a claim that names no year THEN it says so and judges it against each year, never one silently', () => {
		const result = only('9,985 Russians visited North Korea');
		expect(result.verdict).toBe('not_in_data');
		expect(result.explanation[0]).toMatch(/names no period/);
		expect(result.explanation.some((e) => /2025: matches/.test(e))).toBe(true);
		expect(result.explanation.some((e) => /2024: differs/.test(e))).toBe(true);
	});

	it('GIVEN a percentage against a count THEN not comparable, so not in data', () => {
		expect(only('54% of Russians visited North Korea in 2025').verdict).toBe('not_in_data');
	});

	it('GIVEN "a record" THEN the figure must also be the highest so far', () => {
		expect(only('A record 9,985 Russians visited North Korea in 2025').verdict).toBe('matches');
		const notRecord = only('a record 1,238 Russians visited North Korea in 2023');
		expect(notRecord.explanation.join(' ')).toMatch(/record|earlier/);
	});

	it('GIVEN several claims in one message THEN each is judged on its own, in the order written, and the reply cites each', () => {
		const checks = check(
			'9,985 Russians visited North Korea in 2025, and 40,000 visited South Korea. Deaths from floods in 1931 were 3.7 million.',
		);
		expect(checks.map((c) => c.verdict)).toEqual(['matches', 'differs', 'matches']);
		const text = presentCheckText({ checks, unchecked: 0 });
		expect(text).toMatch(/^Checked 3 claims/);
		expect(text).toContain('tables/deaths-by-disaster.csv, line');
		const embed = presentCheckEmbed({ checks, unchecked: 0 });
		expectEmbedWithinLimits(embed);
		expect(embed.fields?.length).toBeGreaterThan(0);
	});

	it('GIVEN "tourism", a looser word than the category\'s label THEN judged against tourists and against all visits, and says so', () => {
		const result = only('Russian tourism to North Korea tripled in 2025');
		expect(result.verdict).toBe('differs');
		expect(result.explanation[0]).toBe(
			'The claim does not say whether it means tourists or all visitors; judged against each.',
		);
		expect(result.explanation[1]).toMatch(/tourists: 1,957 → 5,075 .*×2\.59.*Differs/);
		expect(result.explanation[2]).toMatch(/Russians → North Korea: 6,469 → 9,985 .*×1\.54.*Differs/);
		expect(result.figures.map((f) => f.id)).toEqual(
			expect.arrayContaining([
				'ru-nk-2025-tourists',
				'ru-nk-2024-tourists',
				'ru-nk-2025-total',
				'ru-nk-2024-total',
			]),
		);
		// Both readings agree that it grew; they disagree on "more than doubled".
		expect(only('Russian tourism to North Korea grew in 2025').verdict).toBe('matches');
		expect(only('Russian tourism to North Korea more than doubled in 2025').verdict).toBe('not_in_data');
	});

	it('GIVEN "more … than …" THEN the first figure named against the second, same year', () => {
		const right = only('More Russians visited South Korea than North Korea in 2025');
		expect(right).toMatchObject({ verdict: 'matches' });
		expect(right.figures.map((f) => f.id)).toEqual(['ru-kr-2025-total', 'ru-nk-2025-total']);
		const wrong = only('Fewer Russians visited Turkey than Thailand in 2025');
		expect(wrong.verdict).toBe('differs');
		expect(wrong.explanation[0]).toContain('6.62 million');
		expect(only('Russian tourists to North Korea more than doubled in 2025').verdict).toBe('matches');
	});

	it('GIVEN "three times as many … as …" of one year THEN a ratio of the two, never a change from a year to itself', () => {
		const said = only('Three times as many Russians visited South Korea as North Korea in 2025.');
		expect(said.figures.map((f) => f.id)).toEqual(['ru-kr-2025-total', 'ru-nk-2025-total']);
		expect(said.verdict).toBe('differs');
		expect(said.explanation[0]).toBe(
			'Russians → South Korea, 2025: 33,110; Russians → North Korea, 2025: 9,985 (×3.32).',
		);
		expect(said.correction).toBe('3.3 times as many Russians visited South Korea as North Korea in 2025.');
		expect(only('More than three times as many Russians visited South Korea as North Korea in 2025.').verdict).toBe(
			'matches',
		);
	});

	it('GIVEN "most came by …" THEN the part named must lead its breakdown; the reply names the one that does', () => {
		const wrong = only('Most Russians came by rail in 2025');
		expect(wrong.verdict).toBe('differs');
		expect(wrong.explanation[0]).toMatch(/the largest by mode of transport is .*by air, 2025, 6,371/);
		expect(only('most came by air in 2025').verdict).toBe('matches');
		expect(only('the fewest came by sea in 2025').verdict).toBe('matches');
	});

	it('GIVEN a message with no checkable claim THEN no claims, and the reply says what a claim is', () => {
		expect(check('what a day in the newsroom')).toEqual([]);
		expect(presentCheckText({ checks: [], unchecked: 0 })).toContain('No checkable claim found');
	});

	it('GIVEN any exact figure, claimed with its value moved beyond the tolerance THEN never "matches"', () => {
		const travel = library.datasets.find((d) => d.id === 'nk-travel')!;
		const exact = travel.figures.filter((f) => f.qualifier === 'exact' && Number(f.value) >= 100);
		fc.assert(
			fc.property(
				fc.constantFrom(...exact),
				fc.double({ min: 0.2, max: 3, noNaN: true }),
				fc.boolean(),
				(figure, factor, up) => {
					const value = Number(figure.value);
					const moved = Math.round(up ? value * (1 + factor) : value / (1 + factor));
					const words = library.labelOf(figure).replace(/[→,]/g, ' ');
					const [result] = check(`${moved.toLocaleString('en-US')} ${words}`);
					return result?.verdict !== 'matches';
				},
			),
			{ numRuns: 60 },
		);
	});
});

describe('claim check: names that hold a number', () => {
	// Districts, routes and terminals are named with numbers; those numbers are no claims.
	const districts = createLibrary(
		[
			oneTableDataset({
				id: 'districts',
				title: 'Population by district',
				metric: { id: 'residents', label: 'residents', unit: 'people' },
				dimensions: [{ id: 'district', label: 'District' }],
				period: 'year',
				valueColumn: 'residents',
				csv: 'year,district,residents\n2025,District 12,4100\n2025,District 7,3900\n2025,Route 66,250\n',
			}),
		],
		gazetteer,
	);
	const judge = (message: string) =>
		checkMessage(districts, message, NOW).checks.map((c) => [c.verdict, c.figures[0]?.value ?? null]);

	it.each([
		['District 12 had 4,100 residents in 2025', [['matches', '4100']]],
		['In 2025, 4,500 residents lived in District 12.', [['differs', '4100']]],
		[
			'District 7 had 3,900 residents in 2025; District 12 had 4,100 residents in 2025',
			[
				['matches', '3900'],
				['matches', '4100'],
			],
		],
		['Route 66 had about 250 residents in 2025', [['matches', '250']]],
	])('GIVEN "%s" THEN the number in the name is part of what the claim is about: %j', (message, expected) => {
		expect(judge(message)).toEqual(expected);
	});

	it('GIVEN a number written next to a name without being part of it THEN it is still a claim', () => {
		// "12" alone names nothing here: "12 residents" is a claim about the district total.
		expect(judge('District 7 had 12 residents in 2025')).toEqual([['differs', '3900']]);
	});
});

describe('claim check: a hostile message costs what a normal one does', () => {
	it('GIVEN a message of a thousand numbers THEN the first 25 are judged and the reply says how many were not', () => {
		const result = checkMessage(library, `${'1 '.repeat(1000)}`, NOW);
		expect(result.checks).toHaveLength(MAX_CLAIMS);
		expect(result.unchecked).toBe(1000 - MAX_CLAIMS);
		const text = presentCheckText(result);
		expect(text).toMatch(/^Checked 25 claims of 1,?000/);
		expect(text).toContain(`${1000 - MAX_CLAIMS} more were not`);
		expectEmbedWithinLimits(presentCheckEmbed(result));
	});

	it('GIVEN runs of spaces, line breaks and question marks THEN read as the same message written plainly', () => {
		const plain = 'is it true that 7000 russians visited north korea in 2025?';
		const padded = `is it true that  7000\t\t russians   visited north korea in 2025 ${' '.repeat(1500)}??????   `;
		expect(asksForCheck(padded)).toBe(true);
		const read = (m: string) => check(m).map((c) => [c.verdict, c.figures.map((f) => f.id)]);
		expect(read(padded)).toEqual(read(plain));
		expect(compactMessage(`a ${' '.repeat(500)}b\n \n\n  c?!?!!!!`)).toBe('a b\nc?!?!');
	});

	it('GIVEN many claims about the same words THEN each look-up is made once, whatever the claims number', () => {
		let asked = 0;
		const counting = { ...library, ask: (question: string, now: Date) => (asked++, library.ask(question, now)) };
		const result = checkMessage(counting, `Russians visited North Korea in 2025 ${'1 '.repeat(200)}`, NOW);
		expect(result.checks).toHaveLength(MAX_CLAIMS);
		expect(asked).toBe(1);
	});

	it('GIVEN a message longer than Discord allows THEN only its first 2,000 characters are read', () => {
		const message = `${'x'.repeat(MAX_MESSAGE_CHARS)} 9,985 Russians visited North Korea in 2025`;
		expect(check(message)).toEqual([]);
	});
});

describe('claim check: claims read as questions are', () => {
	const verdicts = (message: string) => check(message).map((c) => [c.verdict, c.figures.map((f) => f.id)[0]]);

	it('GIVEN a sentence with two figures and two years THEN each figure is a claim about its own year', () => {
		expect(verdicts('Russian visits rose from 6,469 in 2024 to 9,985 in 2025.')).toEqual([
			['matches', 'ru-nk-2024-total'],
			['matches', 'ru-nk-2025-total'],
		]);
		expect(verdicts('6,469 Russians went to North Korea in 2024, rising to 9,000 in 2025.')).toEqual([
			['matches', 'ru-nk-2024-total'],
			['differs', 'ru-nk-2025-total'],
		]);
	});

	it('GIVEN a number in words with its scale THEN it is read, to the precision of its scale', () => {
		expect(verdicts('About ten thousand Russians went to North Korea in 2025.')).toEqual([
			['matches', 'ru-nk-2025-total'],
		]);
		expect(verdicts('Half a million Russians went to North Korea in 2025.')).toEqual([
			['differs', 'ru-nk-2025-total'],
		]);
	});

	it('GIVEN a group the data does not break out (train drivers) THEN never judged against a larger group', () => {
		const [claim] = check('Over 2,000 Russian train drivers went to North Korea in 2025.');
		expect(claim?.verdict).toBe('not_in_data');
	});
});

describe('claim check: the unit written after a number picks the measure', () => {
	const files: Record<string, string> = {
		'dataset.json': JSON.stringify({
			id: 'world',
			title: 'Countries of the world',
			description: 'Population and life expectancy, for tests.',
			metrics: [
				{ id: 'population', label: 'population', unit: 'people', aliases: [] },
				{ id: 'life', label: 'life expectancy', unit: 'years', aliases: [] },
				{ id: 'density', label: 'population density', unit: 'people per km²', aliases: [] },
			],
			dimensions: [{ id: 'country', label: 'Country' }],
			tables: [
				{
					file: 'tables/w.csv',
					source: 'un',
					period: 'Year',
					dimensions: { country: 'Country' },
					metrics: { Population: 'population', Life: 'life', Density: 'density' },
				},
			],
		}),
		'sources.json': JSON.stringify([
			{ id: 'un', outlet: 'United Nations', originator: 'United Nations', published: null, licence: 'CC BY 3.0' },
		]),
		'tables/w.csv': [
			'Country,Year,Population,Life,Density',
			'Nigeria,2005,140000000,47.2,152',
			'Japan,2005,127800000,82.0,9',
		].join('\n'),
	};
	const world = createLibrary([parseDataset((name) => files[name], 'data/world')], gazetteer);
	const verdict = (message: string) => {
		const [claim] = checkMessage(world, message, NOW).checks;
		return [claim?.verdict, claim?.figures.map((f) => f.metric.id)];
	};

	it('GIVEN "150 million people" of a table with people and years THEN judged against the people only', () => {
		expect(verdict('Nigeria had about 150 million people in 2005.')).toEqual(['matches', ['population']]);
		expect(verdict('Nigeria had 200 million people in 2005.')).toEqual(['differs', ['population']]);
		expect(verdict('Life expectancy in Japan was 82 years in 2005.')).toEqual(['matches', ['life']]);
	});

	it('GIVEN "9 people per km²" THEN judged against the measure whose unit it writes out furthest', () => {
		expect(verdict("Japan's population density was 9 people per km² in 2005.")).toEqual(['matches', ['density']]);
		expect(verdict("Japan's population density was 30 people per km2 in 2005.")).toEqual(['differs', ['density']]);
	});

	it('GIVEN a measure in millions THEN "21,783 million" is 21,783 of it, as is a bare 21,783; in per cent THEN a percentage is compared', () => {
		const gdp = oneTableDataset({
			id: 'gdp',
			title: 'Economy of a country',
			metric: { id: 'gdp', label: 'gross domestic product', unit: 'million KWD', aliases: ['gdp'] },
			period: 'year',
			valueColumn: 'gdp',
			csv: 'year,gdp\n2000,11570\n2005,21783\n',
		});
		const income = oneTableDataset({
			id: 'income',
			title: 'Income against the USA',
			metric: {
				id: 'income',
				label: 'per capita income (% of USA)',
				unit: 'percent',
				aliases: ['per capita income'],
			},
			period: 'year',
			valueColumn: 'income',
			csv: 'year,income\n1980,171.08\n1985,71.58\n',
		});
		const judge = (message: string) => {
			const checks = checkMessage(createLibrary([gdp, income], gazetteer), message, NOW).checks;
			expect(checks).toHaveLength(1);
			return checks[0]!.verdict;
		};
		expect(judge('GDP was 21,783 million KWD in 2005.')).toBe('matches');
		expect(judge('GDP was 21,783 in 2005.')).toBe('matches');
		expect(judge('GDP was 25,000 million KWD in 2005.')).toBe('differs');
		expect(judge('GDP was 21,783 billion KWD in 2005.')).toBe('differs');
		expect(judge('Per capita income was 171% of the US level in 1980.')).toBe('matches');
		expect(judge('Per capita income was 100% of the US level in 1980.')).toBe('differs');
		// A verb of handling is read as a verb.
		expect(judge('The economy handled a GDP of 11,570 million KWD in 2000.')).toBe('matches');
	});
});
