import type { Grain } from '../data/types.js';
/**
 * Words that name a measure or a breakdown, in general English: what a question can ask about
 * that a dataset may not have. When one of these is left over after the dataset's own vocabulary
 * has read the question, the question asks for something the data lacks ("average age of
 * visitors", "by car"), and answering it with another figure would be a guess.
 *
 * A dataset that has such a measure names it in its own lexicon (metric and value aliases), and
 * then the word is understood and never reaches this list.
 */
export const MEASURE_WORDS: ReadonlySet<string> = new Set(
	`age ages aged average averages median gender genders sex male males female females men women children
	child kids minors adults elderly pensioners ethnicity ethnic religion religious occupation occupations profession
	professions income incomes salary salaries wage wages earnings revenue revenues profit profits turnover spending
	spend spent expenditure expenditures cost costs price prices fare fares money budget budgets tax taxes gdp
	dollars usd euros eur rubles roubles rub yuan
	night nights overnight overnights stay stays stayed duration length lengths hotel hotels accommodation
	accommodations beds rooms occupancy
	car cars road roads highway motorway bus buses coach coaches truck trucks lorry lorries taxi taxis bicycle
	bicycles bike bikes motorcycle motorcycles foot walking walked helicopter helicopters
	weight height distance distances kilometres kilometers miles temperature satisfaction rating ratings complaints
	injuries injured arrests arrested visas visa permits`.split(/\s+/),
);

/**
 * Words of longer group names that do not name one on their own: "citizens" in "Russian citizens",
 * "people" in "Democratic People's Republic of Korea". They are never read as a part of such a name.
 */
export const NON_NAMING_WORDS: ReadonlySet<string> = new Set(
	`citizen citizens national nationals resident residents people peoples person persons`.split(/\s+/),
);

/**
 * Short forms of units, as questions write them: "under 50 square km" of a measure in square
 * kilometres, "(t)" of one in tonnes. A word of a measure's unit, or its short form, is understood.
 */
export const UNIT_SHORT_FORMS: ReadonlyMap<string, readonly string[]> = new Map(
	Object.entries({
		kilometres: ['km', 'kms'],
		kilometers: ['km', 'kms'],
		metres: ['m'],
		meters: ['m'],
		square: ['sq'],
		tonnes: ['t', 'tons', 'tonne'],
		tons: ['t', 'tonnes'],
		feet: ['ft', 'foot'],
		miles: ['mi', 'mile'],
		hour: ['hr', 'h', 'hours'],
		minute: ['min', 'minutes'],
		percent: ['pct'],
		dollars: ['usd'],
	}),
);

/** Words for every period of a person's or a thing's data: "in his career", "lifetime earnings". */
export const ALL_TIME_WORDS: ReadonlySet<string> = new Set(['career', 'careers', 'lifetime']);

/**
 * Words for people counted: of a measure whose unit is one of them ("spectators per match"), any of
 * them is a word of its unit ("over 15,000 audience members", "15,000 people").
 */
export const PERSON_UNITS: ReadonlySet<string> = new Set(
	`people persons individuals members spectators attendees fans`.split(/\s+/),
);

/**
 * Words that ask for an operation as much as they name anything: "the total", "the number", "the
 * average". A measure or row called by one of these ("Total", "Average") is read, but that it is
 * read does not make one dataset's reading of a question more likely than another's.
 */
export const OPERATION_WORDS: ReadonlySet<string> = new Set(
	`total totals overall number numbers count counts amount amounts value values sum average averages mean median all`.split(
		/\s+/,
	),
);

/**
 * Words that name periods of a grain ("over all the seasons", "his yearly winnings"): a dataset with
 * several periods of that grain explains them; one with a single period, or none, does not.
 */
export const GRAIN_WORDS: ReadonlyMap<string, readonly Grain[]> = new Map(
	[
		[
			['year', 'years', 'yearly', 'annual', 'annually', 'season', 'seasons'],
			['year', 'season', 'fiscal'],
		],
		[['month', 'months', 'monthly'], ['month']],
		[['quarter', 'quarters', 'quarterly'], ['quarter']],
		[['day', 'days', 'daily'], ['day']],
	].flatMap(([words, grains]) => words!.map((w) => [w, grains as Grain[]] as const)),
);

/** Words that make the rows of a question periods: "how many years", "which season", "when". */
export const PERIOD_WORDS: ReadonlySet<string> = new Set([
	'year',
	'years',
	'season',
	'seasons',
	'period',
	'periods',
	'times',
	'time',
	'when',
	'date',
	'dates',
]);

/** Words for the whole world: understood of data whose title or description says it covers the world. */
export const WORLD_WORDS: ReadonlySet<string> = new Set(
	`world worldwide global globally planet internationally`.split(/\s+/),
);

/**
 * Words of a change over time, up or down ("which disaster's deaths rose the most", "the biggest
 * drop"): with "most" or "least" they rank by the change between two periods, not by the level.
 */
export const RISE_WORDS: ReadonlySet<string> = new Set(
	`grow grows grew grown growth increase increases increased rise rises rose risen jump jumped climb climbed`.split(
		/\s+/,
	),
);
export const FALL_WORDS: ReadonlySet<string> = new Set(
	`decrease decreases decreased fall falls fell fallen drop drops dropped decline declines declined`.split(/\s+/),
);
export const CHANGE_WORDS: ReadonlySet<string> = new Set([
	...RISE_WORDS,
	...FALL_WORDS,
	'change',
	'changed',
	'changes',
]);

/**
 * Superlatives that name their measure ("which lift is the fastest": speed, highest first): read
 * where the data has a measure named by one of the words, as that measure ranked.
 */
export const SUPERLATIVE_MEASURES: ReadonlyMap<
	string,
	{ direction: 'highest' | 'lowest'; measures: readonly string[] }
> = new Map(
	(
		[
			['fastest', 'highest', 'speed'],
			['slowest', 'lowest', 'speed'],
			['longest', 'highest', 'length'],
			['shortest', 'lowest', 'length'],
			['tallest', 'highest', 'height elevation'],
			['heaviest', 'highest', 'weight'],
			['lightest', 'lowest', 'weight'],
			['busiest', 'highest', 'passengers traffic visitors visits'],
			['populous', 'highest', 'population inhabitants'],
			['hottest', 'highest', 'temperature'],
			['coldest', 'lowest', 'temperature'],
			['wettest', 'highest', 'rainfall precipitation'],
			['driest', 'lowest', 'rainfall precipitation'],
			['richest', 'highest', 'income gdp wealth'],
			['poorest', 'lowest', 'income gdp wealth'],
			['cheapest', 'lowest', 'price cost fare'],
			['costliest', 'highest', 'price cost'],
			['steepest', 'highest', 'slope gradient'],
		] as const
	).map(([word, direction, measures]) => [word, { direction, measures: measures.split(' ') }]),
);

/** Superlatives of time: the row first or last by the data's one column of dates ("the oldest park"). */
export const ORDER_WORDS: Readonly<Record<string, 'first' | 'last'>> = {
	oldest: 'first',
	earliest: 'first',
	newest: 'last',
};
