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

const plural = (demonym: string) => (/(s|ese|ch|sh)$/i.test(demonym) ? demonym : `${demonym}s`);
const usable = (name: string) => name.length >= 3 && /^[\p{Script=Latin}\s'’.,-]+$/u.test(name);

/** All countries from the world-countries package, in English. */
export function loadGazetteer(): Place[] {
	const countries = createRequire(import.meta.url)('world-countries') as Countries;
	return countries.map((c) => {
		const demonym = c.demonyms?.eng;
		const demonyms = demonym ? [...new Set([demonym.m, demonym.f, plural(demonym.m)])] : [];
		const names = [c.name.common, c.name.official, ...c.altSpellings].filter(usable);
		return { country: c.cca2, codes: [c.cca2, c.cca3], name: c.name.common, names: [...new Set(names)], demonyms };
	});
}
