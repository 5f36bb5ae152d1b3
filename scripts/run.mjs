#!/usr/bin/env node
// Runs one of the project's entry points from its bundle in dist/.
// - start, deploy, backup, gaps: run what `npm run build` made, as it is (a production install may be read-only
//   and have no esbuild); built once here only when missing.
// - ask, data-check, bench: developer tools, rebuilt when a source file is newer than the bundle, except
//   in an install without src/ (the container), which runs what was built.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMPANIONS, ENTRIES, buildEntry, outputOf, root } from './build.mjs';
import { unsupportedNode } from './node-check.mjs';

const [name, ...args] = process.argv.slice(2);

// Node 20 reached end of life in April 2026, and better-sqlite3 13 does not load on it: the entries
// that open the SQLite store refuse an unsupported Node in one line that says what to install, and so
// does every entry when the dependencies are not installed (npm install refuses that Node), instead of
// failing later on esbuild. The others (ask, data-check, deploy) need no native module: with the
// dependencies installed they run, and say once that this Node is not supported.
const NEEDS_SQLITE = new Set(['start', 'backup', 'gaps', 'bench']);
const unsupported = unsupportedNode();
if (unsupported) {
	if (NEEDS_SQLITE.has(name) || !existsSync(join(root, 'node_modules', 'esbuild'))) {
		console.error(unsupported);
		process.exit(1);
	}
	console.error(`factdesk: warning: ${unsupported.replace(/^factdesk: /, '')}`);
}
if (!ENTRIES[name]) {
	console.error(`usage: node scripts/run.mjs <${Object.keys(ENTRIES).join('|')}> [args…]`);
	process.exit(2);
}
const out = outputOf(name);

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...readdirSync(path).map((child) => newest(join(path, child))));
}

// An install without the sources (the container) runs what was built, whatever the entry.
const production = ['start', 'deploy', 'backup', 'gaps'].includes(name) || !existsSync(join(root, 'src'));
const stale = () =>
	Math.max(
		...[
			'src',
			'commands',
			...(name === 'bench' || name === 'charts-gallery' ? ['bench', 'test/support'] : []),
			'package-lock.json',
			'scripts',
		].map((p) => newest(join(root, p))),
	) > statSync(out).mtimeMs;
const companions = COMPANIONS[name] ?? [];
const absent = [name, ...companions].some((entry) => !existsSync(outputOf(entry)));
if (absent || (!production && stale())) {
	try {
		for (const entry of [name, ...companions]) await buildEntry(entry);
	} catch (error) {
		const missing = error?.code === 'ERR_MODULE_NOT_FOUND';
		console.error(
			`factdesk: ${out.slice(root.length + 1)} ${existsSync(out) ? 'is out of date' : 'is missing'} and cannot be built here${missing ? ' (esbuild is a dev dependency)' : `: ${error?.message ?? error}`}; run \`npm run build\` where the dev dependencies are installed`,
		);
		process.exit(1);
	}
}
process.argv = [process.argv[0], out, ...args];
await import(pathToFileURL(out).href);
