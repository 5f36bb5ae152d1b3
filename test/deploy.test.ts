import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
		// The image runs scripts/run.mjs without the rest of scripts/: everything it imports is copied too.
		const imported = [...readFileSync('scripts/run.mjs', 'utf8').matchAll(/from '\.\/([\w-]+\.mjs)'/g)].map(
			(m) => m[1],
		);
		const copied = /^COPY (scripts\/run\.mjs .*) \.\/scripts\/$/m.exec(dockerfile)?.[1]?.split(' ') ?? [];
		for (const file of ['run.mjs', 'healthcheck.mjs', ...imported]) expect(copied).toContain(`scripts/${file}`);
	});

	it("the container runs `npm start`'s command as a non-root user, on the current LTS, with the store in a volume and a health check on /ready", () => {
		expect(dockerfile).toMatch(new RegExp(`^CMD \\[${startCommand.map((w) => `"${w}"`).join(', ')}\\]$`, 'm'));
		expect(dockerfile).toMatch(/^USER node$/m);
		// Every stage on the base image named once, pinned by digest, of the current LTS line.
		const base = /^ARG NODE_IMAGE=node:(\d+)-bookworm-slim@sha256:[0-9a-f]{64}$/m.exec(dockerfile);
		expect(base?.[1]).toBe(readFileSync('.nvmrc', 'utf8').trim());
		const stages = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
		expect(stages.length).toBeGreaterThan(1);
		for (const stage of stages) expect(stage).toBe('${NODE_IMAGE}');
		expect(dockerfile).toMatch(/VOLUME \["\/var\/lib\/factdesk"\]/);
		expect(dockerfile).toMatch(/DIGEST_DB=\/var\/lib\/factdesk\//);
		// The health check follows HEALTH_PORT (.ci/replay-dockerfile.mjs runs it on another port).
		expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*CMD \["node", "scripts\/healthcheck\.mjs"\]$/m);
		expect(readFileSync('scripts/healthcheck.mjs', 'utf8')).toContain('process.env.HEALTH_PORT');
		expect(dockerfile).toMatch(/HEALTH_PORT=8080/);
		expect(compose).toContain('factdesk-store:/var/lib/factdesk');
		expect(compose).toMatch(/HEALTH_HOST: 0\.0\.0\.0/);
	});

	it("the systemd unit runs `npm start`'s command and may write only the store", () => {
		expect(unit).toMatch(new RegExp(`^ExecStart=/usr/bin/env ${startCommand.join(' ')}$`, 'm'));
		expect(unit).toMatch(/^Environment=DIGEST_DB=\/var\/lib\/factdesk\//m);
		expect(unit).toMatch(/^ReadWritePaths=\/var\/lib\/factdesk$/m);
		expect(unit).toMatch(/^Restart=on-failure$/m);
		// Hardened (.ci/run scores it with systemd-analyze security): no capabilities, a system-call
		// allow list, files private to the service; V8's JIT needs writable executable memory.
		for (const line of [
			'CapabilityBoundingSet=',
			'UMask=0077',
			'StateDirectoryMode=0700',
			'NoNewPrivileges=true',
			'SystemCallFilter=@system-service',
			'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX',
		])
			expect(unit).toMatch(new RegExp(`^${line}$`, 'm'));
		expect(unit).not.toMatch(/^MemoryDenyWriteExecute=(?:true|yes)$/m);
	});

	it("the container's health check asks /ready on HEALTH_PORT: 0 when it answers 200, 1 on 503 or no answer", async () => {
		let status = 200;
		const server = createServer((req, res) => res.writeHead(req.url === '/ready' ? status : 404).end('{}'));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const check = (env: Record<string, string>) =>
			new Promise<number | null>((resolve) =>
				spawn(process.execPath, ['scripts/healthcheck.mjs'], {
					env: { PATH: process.env.PATH ?? '', ...env },
					stdio: 'ignore',
				}).on('exit', resolve),
			);
		try {
			expect(await check({ HEALTH_HOST: '0.0.0.0', HEALTH_PORT: String(port) })).toBe(0);
			status = 503;
			expect(await check({ HEALTH_HOST: '0.0.0.0', HEALTH_PORT: String(port) })).toBe(1);
			expect(await check({})).toBe(1);
		} finally {
			server.close();
		}
	});
});
