import { createRequire } from 'node:module';
import type { Countries } from 'world-countries';

/** A country's names and demonyms, so a question about a place the data lacks is recognised as such. */
export interface Place {
	/** ISO 3166 alpha-2. */
	country: string;
	/** ISO 3166 alpha-2 and alpha-3, as written in capitals ("US", "USA"). */
	codes: string[];
	name: string;
	names: string[];
	demonyms: string[];
}

/** Nouns that follow a demonym to name a country's people. */
const PEOPLE_WORDS = ['citizens', 'citizen', 'nationals', 'national', 'residents', 'passport holders'];

const plural = (demonym: string) => (/(s|ese|ch|sh)$/i.test(demonym) ? demonym : `${demonym}s`);
const usable = (name: string) => name.length >= 3 && /^[\p{Script=Latin}\s'’.,-]+$/u.test(name);

/** All countries from the world-countries package, in English. */
export function loadGazetteer(): Place[] {
	const countries = createRequire(import.meta.url)('world-countries') as Countries;
	return countries.map((c) => {
		const demonym = c.demonyms?.eng;
		const full = [c.name.common, c.name.official, ...c.altSpellings].filter(usable);
		// "S. Korea", "N Korea": a compass word shortened to its initial.
		const compass = full.flatMap((n) => {
			const m = /^(north|south|east|west)\s+(.+)$/i.exec(n);
			return m ? [`${m[1]![0]} ${m[2]}`] : [];
		});
		const names = [...new Set([...full, ...compass])];
		const forms = demonym?.m ? [demonym.m, demonym.f, plural(demonym.m)] : [];
		// "North Korean citizens", "DPRK nationals": a demonym or short name with the words for a
		// country's people names its people.
		const shortNames = names.filter((n) => !n.includes(',') && n.split(/\s+/).length <= 2);
		const people = [...(demonym?.m ? [demonym.m] : []), ...shortNames].flatMap((who) =>
			PEOPLE_WORDS.map((word) => `${who} ${word}`),
		);
		const demonyms = [...new Set([...forms, ...people].filter((d) => d.trim() !== ''))];
		return { country: c.cca2, codes: [c.cca2, c.cca3], name: c.name.common, names, demonyms };
	});
}
