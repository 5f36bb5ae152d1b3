import { SERVER_ENTRIES, buildEntry } from '../../scripts/build.mjs';

/** Tests run `npm start`'s entry as a child process: build dist/ from the sources under test, once. */
export default async function setup(): Promise<void> {
	for (const name of SERVER_ENTRIES) await buildEntry(name);
}
