import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_ENTRIES } from '../scripts/build.mjs';

// Docker and systemd cannot run here: these checks keep their files in step with what CI runs.
const dockerfile = readFileSync('Dockerfile', 'utf8');
const compose = readFileSync('compose.yaml', 'utf8');
const unit = readFileSync('deploy/factdesk.service', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
	scripts: Record<string, string>;
	engines: { node: string };
};
const startCommand = pkg.scripts.start!.split(' ');

describe('deployment files run what CI tests', () => {
	it("the Dockerfile copies only paths that exist and builds with the project's own scripts", () => {
		const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
		expect(sources.length).toBeGreaterThan(3);
		for (const path of sources) expect(existsSync(path), path).toBe(true);
		expect(dockerfile).toContain('RUN npm ci --no-audit --no-fund');
		expect(dockerfile).toContain('RUN npm run build');
		expect(dockerfile).toContain('RUN npm ci --omit=dev');
		expect(SERVER_ENTRIES).toContain('start');
	});

	it("the container runs `npm start`'s command as a non-root user, on the current LTS, with the store in a volume and a health check on /ready", () => {
		expect(dockerfile).toMatch(new RegExp(`^CMD \\[${startCommand.map((w) => `"${w}"`).join(', ')}\\]$`, 'm'));
		expect(dockerfile).toMatch(/^USER node$/m);
		expect(dockerfile).toMatch(/^FROM node:(\d+)-bookworm-slim$/m);
		const line = /^FROM node:(\d+)-/m.exec(dockerfile)![1];
		expect(line).toBe(readFileSync('.nvmrc', 'utf8').trim());
		expect(dockerfile).toMatch(/VOLUME \["\/var\/lib\/factdesk"\]/);
		expect(dockerfile).toMatch(/DIGEST_DB=\/var\/lib\/factdesk\//);
		expect(dockerfile).toMatch(/HEALTHCHECK [\s\S]*http:\/\/127\.0\.0\.1:8080\/ready/);
		expect(dockerfile).toMatch(/HEALTH_PORT=8080/);
		expect(compose).toContain('factdesk-store:/var/lib/factdesk');
		expect(compose).toMatch(/HEALTH_HOST: 0\.0\.0\.0/);
	});

	it("the systemd unit runs `npm start`'s command and may write only the store", () => {
		expect(unit).toMatch(new RegExp(`^ExecStart=/usr/bin/env ${startCommand.join(' ')}$`, 'm'));
		expect(unit).toMatch(/^Environment=DIGEST_DB=\/var\/lib\/factdesk\//m);
		expect(unit).toMatch(/^ReadWritePaths=\/var\/lib\/factdesk$/m);
		expect(unit).toMatch(/^Restart=on-failure$/m);
	});
});
