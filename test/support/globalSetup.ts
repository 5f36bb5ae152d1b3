import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_ENTRIES, buildEntry } from '../../scripts/build.mjs';

/**
 * Tests run `npm start`'s entry as a child process: build dist/ from the sources under test, once.
 * Every temporary folder a test makes (stores, data copies, bundles) goes into one folder for the
 * run, removed when it ends: the test workers inherit TMPDIR, which os.tmpdir() reads.
 */
export default async function setup(): Promise<() => void> {
	const run = mkdtempSync(join(tmpdir(), 'factdesk-test-run-'));
	process.env.TMPDIR = run;
	for (const name of SERVER_ENTRIES) await buildEntry(name);
	return () => rmSync(run, { recursive: true, force: true });
}
