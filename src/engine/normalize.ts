/** Longest question text the parser reads; the rest is ignored (and the answer says so). */
export const MAX_QUESTION_CHARS = 2000;

/**
 * British → American spellings, applied to both questions and dataset aliases so either matches
 * the other. A word list rather than suffix rules: "-ise → -ize" would turn "rise" into "rize".
 */
const SPELLING: Readonly<Record<string, string>> = {
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
};

/** Mentions (`<@id>`, `<@&id>`, `<#id>`), custom emoji and @everyone/@here: addressing, not content. */
export const DISCORD_MARKUP = /<(?:@[!&]?|#)\d{1,25}>|<a?:\w{1,32}:\d{1,25}>|@(?:everyone|here)\b/g;

/** A word; an ISO period ("2025-q3", "2025-03", "2025-03-14") stays one word. */
const WORD =
	/\d{4}-(?:q[1-4]|(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?![\p{L}\p{N}])|[\p{L}\p{N}%]+(?:['’][\p{L}]+)?/gu;

/** Lower-cases, strips accents, unifies apostrophes and spellings; returns the words in order. */
export function tokenize(text: string): string[] {
	const folded = text
		.slice(0, MAX_QUESTION_CHARS)
		.replace(DISCORD_MARKUP, ' ')
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase();
	const words: string[] = [];
	for (const match of folded.matchAll(WORD)) {
		const word = match[0].replace(/['’]s$/, '').replace(/['’]/g, '');
		words.push(SPELLING[word] ?? word);
	}
	return words;
}

/** The canonical form of an alias phrase: its tokens joined by single spaces. */
export const normalizePhrase = (phrase: string): string => tokenize(phrase).join(' ');

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
	people persons person number_of went go going come came get got make made see saw`.split(/\s+/),
);
