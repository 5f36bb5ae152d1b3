import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
	});
}

const pure = ['src/engine', 'src/data', 'src/present', 'src/math', 'src/search'].flatMap(sourceFiles);

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
