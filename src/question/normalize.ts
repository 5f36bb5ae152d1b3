/** Longest question text the parser reads; the rest is ignored (and the answer says so). */
export const MAX_QUESTION_CHARS = 2000;

/**
 * British → American spellings, applied to both questions and dataset aliases so either matches
 * the other. A word list rather than suffix rules: "-ise → -ize" would turn "rise" into "rize".
 */
const SPELLING: ReadonlyMap<string, string> = new Map(
	Object.entries({
		travelled: 'traveled',
		travelling: 'traveling',
		traveller: 'traveler',
		travellers: 'travelers',
		labour: 'labor',
		labours: 'labors',
		aeroplane: 'airplane',
		aeroplanes: 'airplanes',
		centre: 'center',
		programme: 'program',
		programmes: 'programs',
		organisation: 'organization',
		organisations: 'organizations',
		neighbour: 'neighbor',
		neighbouring: 'neighboring',
		favourite: 'favorite',
		analyse: 'analyze',
		analysed: 'analyzed',
		cancelled: 'canceled',
		totalled: 'totaled',
		totalling: 'totaling',
		modelling: 'modeling',
		defence: 'defense',
		licence: 'license',
		tonnes: 'tons',
		realise: 'realize',
		recognised: 'recognized',
	}),
);

/** Mentions (`<@id>`, `<@&id>`, `<#id>`), custom emoji and @everyone/@here: addressing, not content. */
export const DISCORD_MARKUP = /<(?:@[!&]?|#)\d{1,25}>|<a?:\w{1,32}:\d{1,25}>|@(?:everyone|here)\b/g;

/**
 * A word. An ISO period ("2025-q3", "2025-03", "2025-03-14"), a season or span of years ("2012/13",
 * "2012–13", "2006–2011"), a number as written ("9,985", "1.4m", "7k") and a short year ("'24") each
 * stay one word.
 */
const WORD =
	/\d{4}-(?:q[1-4]|(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?![\p{L}\p{N}])|\d{4}[-/–—]\d{2}(?:\d{2})?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])['’‘]\d{2}(?![\p{L}\p{N}])|\d+(?:[.,]\d+)+(?:k|m|mn|bn|b)?(?![\p{L}\p{N}])|[\p{L}\p{N}%]+(?:['’][\p{L}]+)?#?|#/gu;

/** A number as a question writes it: "2024", "9,985", "1.4m", "7k", "3rd", "25%". */
export const NUMBER_WORD = /^\d[\d.,]*(?:k|m|mn|bn|b|st|nd|rd|th)?%?$/;

/** A year written short, "'24": kept as one word with its apostrophe for the period reader. */
export const SHORT_YEAR = /^'(\d{2})$/;

/**
 * Letters, digits, spaces, hyphens and underscores only ("District 12", "south-korea", "air_rail"):
 * the words are the text split at the others, which is what WORD finds, unless a hyphen follows a
 * year ("2025-q3", "2025-03" are one word each).
 */
const PLAIN = /^[A-Za-z0-9 _-]*$/;
const YEAR_HYPHEN = /\d{4}-/;

/** Lower-cases, strips accents, unifies apostrophes and spellings; returns the words in order. */
export function tokenize(text: string): string[] {
	// Most labels and ids are plain (a table of 100,000 districts is 200,000 of them): no regex walk.
	if (text.length <= MAX_QUESTION_CHARS && PLAIN.test(text) && !YEAR_HYPHEN.test(text)) {
		const words: string[] = [];
		for (const word of text.toLowerCase().split(/[ _-]+/)) if (word !== '') words.push(SPELLING.get(word) ?? word);
		return words;
	}
	const folded = text
		.slice(0, MAX_QUESTION_CHARS)
		.replace(DISCORD_MARKUP, ' ')
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase();
	const words: string[] = [];
	for (const match of folded.matchAll(WORD)) {
		const short = /^['’‘](\d{2})$/.exec(match[0]);
		if (short) {
			words.push(`'${short[1]}`);
			continue;
		}
		const word = match[0].replace(/['’]s$/, '').replace(/['’]/g, '');
		// "Obama#", "Obama%": a column's name and its sign of a count or a share, two words.
		const signed = /^(\p{L}[\p{L}\p{N}]*)([#%])$/u.exec(word);
		if (signed) words.push(SPELLING.get(signed[1]!) ?? signed[1]!, signed[2]!);
		else words.push(SPELLING.get(word) ?? word);
	}
	return words;
}

/**
 * The canonical form of an alias phrase: its tokens joined by single spaces, without a leading
 * "the" ("the DPRK" is "DPRK": the question's "the" is a function word, and "of the DPRK" keeps
 * its preposition).
 */
export const normalizePhrase = (phrase: string): string => {
	const words = tokenize(phrase);
	return (words.length > 1 && words[0] === 'the' ? words.slice(1) : words).join(' ');
};

/**
 * Words that carry no meaning for lookup. Question words, auxiliaries and politeness: a question is
 * understood from what is left. Unknown words outside this list are reported, never silently used.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
	`a an the of in on at to for from by with and or as is are was were be been being do does did done has have had
	how many much what which who whom whose when where why number numbers total totals overall all any some
	me us you i we it its this that these those there their them they he she his her please tell show give find get
	can could would should will shall may might must about according figure figures data stat stats statistics count
	counts counted value amount per year years than then just only also still yet so into during over under out up down
	official officially reported report reports according say said says know known latest recent most more less fewer
	people persons person number_of went go going come came get got make made see saw
	no nr num via took take takes taking taken head headed heading between both each every among across within per
	like whats hows wheres whos whens thats theres isnt arent wasnt werent didnt dont doesnt not but if whether very
	really actually true correct right accurate ok okay sure pls plz hey hi hello thanks thank need want wanted look
	looking check confirm verify quick quickly let lets one ones other others again here refer refers referring
	meant mean means stand stands citizen citizens national nationals resident residents season seasons first last
	times time date dates period periods
	win wins won winning earn earns earned earning receive receives received receiving award awards awarded gain
	gained achieve achieved obtain obtained reach reached record recorded post posted collect collected
	live lives lived living reside resided
	list lists listed listing table tables chart charts column columns row rows shown show given entry entries
	better worse
	amount amounts quantity level levels value values figure total totals category kind kinds sort
	score scores scored scoring arrive arrives arrived arriving enter enters entered entering visit visits visited
	visiting travel travels traveled traveling leave leaves left leaving yearly annual annually
	drive drives drove driven driving
	handle handles handled handling generate generates generated generating carry carries carried carrying
	serve serves served serving host hosts hosted hosting
	# %`.split(/\s+/),
);
