#!/usr/bin/env node
// Replays the Dockerfile where Docker cannot run: each stage in a folder of its own, its COPY lines
// from this checkout (or from an earlier stage), its npm commands with python3, make and every C/C++
// compiler off PATH, as on the slim base image, which has none of them. Then, in the final stage's
// folder, what the image promises: data-check on the shipped data, the bot starting and answering
// /live, and the HEALTHCHECK following HEALTH_PORT (exit 0 on a 200 from /ready, 1 on a 503).
// Usage: node .ci/replay-dockerfile.mjs [Dockerfile]   (exit 1 with the step that failed)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dockerfile = resolve(root, process.argv[2] ?? 'Dockerfile');
const work = mkdtempSync(join(tmpdir(), 'factdesk-replay-'));
const fail = (message) => {
	console.error(`replay-dockerfile: ${message}`);
	rmSync(work, { recursive: true, force: true });
	process.exit(1);
};

// A PATH without the tools a native build needs: everything else on this machine's PATH stays.
const BUILD_TOOLS = /^(?:python[\d.]*|make|gmake|cc|c\+\+|gcc.*|g\+\+.*|clang.*|node-gyp)$/;
const bin = join(work, 'bin');
mkdirSync(bin);
for (const dir of (process.env.PATH ?? '').split(delimiter)) {
	if (!dir || !existsSync(dir)) continue;
	for (const name of readdirSync(dir)) {
		if (BUILD_TOOLS.test(name) || existsSync(join(bin, name))) continue;
		symlinkSync(name === 'node' ? process.execPath : join(dir, name), join(bin, name));
	}
}
if (!existsSync(join(bin, 'node'))) symlinkSync(process.execPath, join(bin, 'node'));
const baseEnv = { ...process.env, PATH: bin };
const found = spawnSync('sh', ['-c', 'command -v python3 python make gcc g++ cc c++'], {
	env: baseEnv,
	encoding: 'utf8',
});
if (found.stdout.trim() !== '') fail(`build tools still on the replay PATH: ${found.stdout.trim()}`);

// The instructions: continuation lines joined, comments and blank lines dropped.
const instructions = readFileSync(dockerfile, 'utf8')
	.replace(/\\\r?\n/g, ' ')
	.split(/\r?\n/)
	.map((line) => line.trim())
	.filter((line) => line !== '' && !line.startsWith('#'))
	.map((line) => {
		const [, keyword, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? fail(`cannot read "${line}"`);
		return { keyword: keyword.toUpperCase(), rest: rest.trim() };
	});
const ignored = existsSync(join(root, '.dockerignore'))
	? new Set(
			readFileSync(join(root, '.dockerignore'), 'utf8')
				.split('\n')
				.map((l) => l.trim())
				.filter(Boolean),
		)
	: new Set();

const args = {};
const stages = [];
let stage = null;
const inStage = (path) => {
	if (!path.startsWith('/')) return join(stage.dir, path);
	const within = relative(stage.workdir, path);
	if (within.startsWith('..')) return null;
	return join(stage.dir, within);
};
for (const { keyword, rest } of instructions) {
	const expand = (text) =>
		text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args[a ?? b] ?? stage?.env[a ?? b] ?? '');
	if (keyword === 'ARG') {
		const [name, value = ''] = rest.split('=');
		if (!(name in args)) args[name] = value;
	} else if (keyword === 'FROM') {
		const [image, , name] = expand(rest).split(/\s+/);
		if (!/@sha256:[0-9a-f]{64}$/.test(image)) fail(`FROM ${image}: the base image is not pinned by digest`);
		stage = {
			name: name ?? String(stages.length),
			dir: join(work, `stage-${stages.length}`),
			workdir: '/',
			env: {},
		};
		mkdirSync(stage.dir);
		stages.push(stage);
		console.log(`== stage ${stage.name} (${image.split('@')[0]})`);
	} else if (keyword === 'WORKDIR') stage.workdir = expand(rest);
	else if (keyword === 'ENV') {
		for (const [, name, value] of rest.matchAll(/(\w+)=("[^"]*"|\S+)/g))
			stage.env[name] = value.replace(/^"|"$/g, '');
	} else if (keyword === 'COPY') {
		const words = expand(rest).split(/\s+/);
		const from = words[0].startsWith('--from=') ? stages.find((s) => s.name === words.shift().slice(7)) : null;
		const destination = words.pop();
		const target = inStage(destination);
		if (!target) fail(`COPY to ${destination}: outside WORKDIR, not replayed`);
		for (const source of words) {
			const path = from ? join(from.dir, relative(from.workdir, source)) : join(root, source);
			if (!existsSync(path)) fail(`COPY ${source}: not found`);
			const into = destination.endsWith('/') || words.length > 1 ? join(target, source.split('/').pop()) : target;
			cpSync(path, into, {
				recursive: true,
				filter: (p) => from !== null || !ignored.has(relative(root, p).split('/')[0]),
			});
		}
	} else if (keyword === 'RUN') {
		for (const command of expand(rest)
			.split('&&')
			.map((c) => c.trim())) {
			// The image's own folders and owners, and its npm cache (cleaning it here would empty this machine's).
			if (/^(?:mkdir|chown|chmod)\b|^npm cache\b/.test(command)) continue;
			if (!/^npm\s/.test(command)) fail(`RUN ${command}: only npm commands are replayed`);
			console.log(`   RUN ${command}  (python3, make and compilers off PATH)`);
			const run = spawnSync('sh', ['-c', command], {
				cwd: stage.dir,
				env: { ...baseEnv, ...stage.env },
				stdio: ['ignore', 'inherit', 'inherit'],
			});
			if (run.status !== 0) fail(`RUN ${command}: exit ${run.status} in stage ${stage.name}`);
		}
	} else if (keyword === 'HEALTHCHECK') stage.healthcheck = JSON.parse(rest.replace(/^.*?\bCMD\s+/, ''));
	else if (keyword === 'CMD') stage.cmd = JSON.parse(rest);
}

// What the final image promises, run from its folder as the image would run it.
const image = stages.at(-1);
const env = { ...baseEnv, ...image.env, DIGEST_DB: join(work, 'factdesk.db') };
const check = spawnSync(process.execPath, ['scripts/run.mjs', 'data-check', 'data'], {
	cwd: image.dir,
	env,
	encoding: 'utf8',
});
if (check.status !== 0) fail(`data-check in the image: exit ${check.status}: ${check.stderr}`);
console.log(`== image: data-check: ${check.stdout.trim().split('\n').pop()}`);

const listen = (handler) =>
	new Promise((done) => {
		const server = createServer(handler).listen(0, '127.0.0.1', () => done(server));
	});
const closed = (server) => new Promise((done) => server.close(done));
// Run asynchronously: the server it asks is in this process.
const healthcheck = (port) =>
	new Promise((done) =>
		spawn(image.healthcheck[0] === 'node' ? process.execPath : image.healthcheck[0], image.healthcheck.slice(1), {
			cwd: image.dir,
			env: { ...env, HEALTH_PORT: String(port) },
			stdio: 'ignore',
		}).on('exit', done),
	);
let ready = 200;
const fake = await listen((req, res) => res.writeHead(req.url === '/ready' ? ready : 404).end('{}'));
const port = fake.address().port;
const healthy = await healthcheck(port);
ready = 503;
const unhealthy = await healthcheck(port);
await closed(fake);
if (healthy !== 0 || unhealthy !== 1)
	fail(`HEALTHCHECK on HEALTH_PORT=${port}: exit ${healthy} for 200 and ${unhealthy} for 503 (want 0 and 1)`);
console.log(`== image: HEALTHCHECK follows HEALTH_PORT (${port}): 200 → exit 0, 503 → exit 1`);

// The bot itself: started by the image's CMD, Discord unreachable, until /live answers.
const probe = await listen(() => undefined);
const livePort = probe.address().port;
await closed(probe);
const bot = spawn(image.cmd[0] === 'node' ? process.execPath : image.cmd[0], image.cmd.slice(1), {
	cwd: image.dir,
	env: {
		...env,
		HEALTH_HOST: '127.0.0.1',
		HEALTH_PORT: String(livePort),
		DISCORD_TOKEN: 'MTExMTExMTExMTExMTExMTEx.replay.not-a-token',
		DISCORD_APPLICATION_ID: '111111111111111111',
		DISCORD_API_URL: 'http://127.0.0.1:9/api',
	},
	stdio: ['ignore', 'ignore', 'pipe'],
});
let stderr = '';
bot.stderr.on('data', (d) => (stderr += d));
const exited = new Promise((done) => bot.on('exit', (code) => done(code)));
let live = false;
for (let attempt = 0; attempt < 120 && !live && bot.exitCode === null; attempt++) {
	live = await fetch(`http://127.0.0.1:${livePort}/live`).then(
		(r) => r.ok,
		() => false,
	);
	if (!live) await new Promise((r) => setTimeout(r, 250));
}
bot.kill('SIGTERM');
const code = await exited;
if (!live) fail(`the image's CMD never answered /live (exit ${code}): ${stderr}`);
console.log(`== image: CMD started the bot, /live answered, SIGTERM → exit ${code}`);

// The README's backup in the container: the store the bot created, copied to /tmp's stand-in.
const backup = spawnSync(process.execPath, ['scripts/run.mjs', 'backup', join(work, 'backup.db'), '--allow-empty'], {
	cwd: image.dir,
	env,
	encoding: 'utf8',
});
if (backup.status !== 0) fail(`backup in the image: exit ${backup.status}: ${backup.stderr}`);
console.log(`== image: ${backup.stdout.trim()}`);
rmSync(work, { recursive: true, force: true });
