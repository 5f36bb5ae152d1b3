import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
	});
}

const pure = ['src/model', 'src/question', 'src/engine', 'src/data', 'src/present', 'src/math', 'src/search'].flatMap(
	sourceFiles,
);

describe('architecture: the engine and data run without Discord, the environment or a clock of their own', () => {
	it.each(pure)('%s', (file) => {
		const text = readFileSync(file, 'utf8');
		expect(text).not.toMatch(/from ['"]discord\.js['"]/);
		expect(text).not.toMatch(/process\.env/);
		expect(text).not.toMatch(/Date\.now\(|new Date\(\)/);
		expect(text).not.toMatch(/from ['"]\.\.\/\.\.\/commands|from ['"]\.\.\/bot/);
	});

	it('the engine does not touch the file system', () => {
		for (const file of sourceFiles('src/engine')) expect(readFileSync(file, 'utf8'), file).not.toMatch(/node:fs/);
	});
});

/**
 * Imports point one way, down this list: a layer uses only the layers above it (or its own).
 * data/math: the model and exact arithmetic · search: text indexes · engine: answers · library:
 * many datasets · present: text, embeds and chart specs · render: charts drawn · digest, service, live: scheduled digests, the data worker, tables fetched ·
 * bot: Discord I/O · cli, index, deploy: entry points.
 */
const LAYERS: readonly (readonly string[])[] = [
	['model', 'data', 'math', 'config', 'logger.ts', 'metrics.ts', 'health.ts'],
	['search'],
	['question'],
	['engine'],
	['library'],
	['present'],
	['render'],
	['digest', 'service', 'live'],
	['bot'],
	['cli', 'index.ts', 'deploy.ts'],
];
const layerOf = (file: string): number => {
	const top = relative('src', file).split('/')[0]!;
	const layer = LAYERS.findIndex((names) => names.includes(top));
	if (layer < 0) throw new Error(`${file} is in no layer: add it to LAYERS`);
	return layer;
};

describe('architecture: imports point one way (data → search → engine → library → present → digest → bot → entry points)', () => {
	it.each(sourceFiles('src'))('%s', (file) => {
		const text = readFileSync(file, 'utf8');
		for (const [, target] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
			const path = relative(process.cwd(), resolve(dirname(file), target!)).replace(/\.js$/, '.ts');
			if (!path.startsWith('src/')) continue;
			expect(layerOf(path), `${file} imports ${target}`).toBeLessThanOrEqual(layerOf(file));
		}
	});
});
