import { statSync, utimesSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, FakeDiscord, GUILD_ID } from '../support/fakeDiscord.js';
import { runEntry } from '../support/spawn.js';

const TOKEN = 'MTExMTExMTExMTExMTExMTEx.startup.secret-part';
let server: FakeDiscord;
beforeAll(async () => {
	server = await FakeDiscord.start();
});
afterAll(async () => {
	await server.close();
});

describe('npm run deploy-commands', () => {
	it('GIVEN DISCORD_GUILD_ID THEN every command is registered to that guild with its options', async () => {
		const run = await runEntry('deploy', {
			DISCORD_TOKEN: TOKEN,
			DISCORD_APPLICATION_ID: APPLICATION_ID,
			DISCORD_GUILD_ID: GUILD_ID,
			DISCORD_API_URL: server.apiUrl,
		});
		expect(run.code).toBe(0);
		const put = await server.waitForRequest(
			(r) => r.method === 'PUT' && r.path === `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
		);
		const body = put.body as {
			name: string;
			options?: { name: string; autocomplete?: boolean; required?: boolean }[];
		}[];
		expect(body.map((c) => c.name)).toEqual([
			'fact',
			'compare',
			'calc',
			'check',
			'sources',
			'help',
			'digest',
			'reload',
			'data',
			'gaps',
			'chart',
			'Check numbers',
		]);
		expect(body[6]).toMatchObject({ default_member_permissions: '32', contexts: [0] });
		expect(body[0]?.options?.[0]).toMatchObject({ name: 'query', autocomplete: true, required: true });
		expect(body[1]?.options?.map((o) => o.name)).toEqual(['a', 'b']);
		expect(body[7]).toMatchObject({ name: 'reload', default_member_permissions: '32' });
		expect(body[8]).toMatchObject({ name: 'data', default_member_permissions: '32', contexts: [0] });
		expect(body[8]?.options?.map((o) => o.name)).toEqual(['status', 'refresh']);
		expect(body[9]).toMatchObject({ name: 'gaps', default_member_permissions: '32', contexts: [0] });
		expect(body[10]?.options?.[0]).toMatchObject({ name: 'query', autocomplete: true, required: true });
		expect(body[11]).toMatchObject({ name: 'Check numbers', type: 3 });
		expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
		expect(run.stdout).toContain(`registered 12 commands to guild ${GUILD_ID}`);
		// Both install links, and what a user install offers.
		expect(run.stdout).toContain(
			`https://discord.com/oauth2/authorize?client_id=${APPLICATION_ID}&integration_type=0&scope=bot%20applications.commands&permissions=274878024704`,
		);
		expect(run.stdout).toContain(
			`https://discord.com/oauth2/authorize?client_id=${APPLICATION_ID}&integration_type=1&scope=applications.commands`,
		);
		expect(run.stdout).toMatch(
			/own account \(\/fact, \/compare, \/calc, \/check, \/sources, \/help, \/chart, "Check numbers" in any server/,
		);
		expect(body.find((c) => c.name === 'digest')).toMatchObject({ integration_types: [0], contexts: [0] });
		expect(body.find((c) => c.name === 'fact')).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
	});

	it('GIVEN no guild THEN the commands are registered globally', async () => {
		const run = await runEntry('deploy', {
			DISCORD_TOKEN: TOKEN,
			DISCORD_APPLICATION_ID: APPLICATION_ID,
			DISCORD_GUILD_ID: '',
			DISCORD_API_URL: server.apiUrl,
		});
		expect(run.code).toBe(0);
		await server.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${APPLICATION_ID}/commands`);
	});
});

describe('npm start with bad configuration', () => {
	it('GIVEN no token THEN one clear line naming the variable and exit code 1', async () => {
		const run = await runEntry('start', { DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_TOKEN: '' });
		expect(run.code).toBe(1);
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
		expect(run.stderr).toMatch(/DISCORD_TOKEN is/);
		expect(run.stderr).not.toMatch(/\n\s+at /);
	});

	it('GIVEN a token Discord refuses THEN one clear line, exit 1, and the token appears nowhere', async () => {
		server.fail('GET', /^\/gateway\/bot$/, 401);
		const run = await runEntry('start', {
			DISCORD_TOKEN: TOKEN,
			DISCORD_APPLICATION_ID: APPLICATION_ID,
			DISCORD_API_URL: server.apiUrl,
			LOG_LEVEL: 'debug',
		});
		expect(run.code).toBe(1);
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
		expect(run.stderr).toMatch(/refused the token/);
		expect(`${run.stdout}${run.stderr}`).not.toContain('secret-part');
	});

	it('GIVEN a built dist/ THEN npm start runs it as it is and never rebuilds it (a read-only install works)', async () => {
		const built = statSync('dist/start.mjs').mtimeMs;
		const later = new Date(Date.now() + 60_000);
		utimesSync('src/index.ts', later, later);
		try {
			const run = await runEntry('start', { DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_TOKEN: '' });
			expect(run.code).toBe(1);
			expect(run.stderr).toMatch(/DISCORD_TOKEN/);
			expect(statSync('dist/start.mjs').mtimeMs).toBe(built);
		} finally {
			const now = new Date();
			utimesSync('src/index.ts', now, now);
		}
	});

	it('GIVEN Discord unreachable THEN deploy-commands says it could not reach Discord, not that Discord refused', async () => {
		const probe = await FakeDiscord.start();
		const url = probe.apiUrl;
		await probe.close();
		const run = await runEntry('deploy', {
			DISCORD_TOKEN: TOKEN,
			DISCORD_APPLICATION_ID: APPLICATION_ID,
			DISCORD_API_URL: url,
		});
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/^deploy-commands: could not reach Discord \(ECONNREFUSED\)/);
		expect(run.stderr).not.toMatch(/refused the registration/);
	});
});
