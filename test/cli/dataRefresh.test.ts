import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileServer, csvFile, htmlPage } from '../support/fileServer.js';
import { HEADER, LIVE_FILE, monthRows, writeLiveLibrary } from '../support/liveData.js';
import { runEntry } from '../support/spawn.js';

const JANUARY = monthRows('2026-01', { mining: '4.1', retail: '5.0' });
const FEBRUARY = monthRows('2026-02', { mining: '4.4', retail: '5.1' });
const refresh = (library: string, args: string[] = [], env: Record<string, string> = {}) =>
	runEntry('data-refresh', { FACTDESK_FETCH_ALLOW_PRIVATE: 'true', ...env }, 60_000, ['--data', library, ...args]);

let server: FileServer;
beforeAll(async () => {
	server = await FileServer.start();
});
afterAll(() => server.close());

describe('npm run data:refresh -- [DATASET]', () => {
	it('fetches now, swaps in a checked copy and prints what changed; then says it is unchanged', async () => {
		server.route('/cli.csv', csvFile(HEADER + JANUARY + FEBRUARY));
		const { library, dir } = writeLiveLibrary(server.url('/cli.csv'), HEADER + JANUARY);
		const first = await refresh(library, ['jobs']);
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		expect(first.stdout).toContain(`jobs ${LIVE_FILE}: updated`);
		expect(first.stdout).toContain('February 2026 added: 2 industries');
		expect(readFileSync(join(dir, LIVE_FILE), 'utf8')).toBe(HEADER + JANUARY + FEBRUARY);
		const again = await refresh(library);
		expect(again.code).toBe(0);
		expect(again.stdout).toContain(`jobs ${LIVE_FILE}: unchanged (the source says not modified)`);
	});

	it('a refused copy: the reason, exit 1, the last good copy kept', async () => {
		server.route('/page.csv', htmlPage());
		const { library, dir } = writeLiveLibrary(server.url('/page.csv'), HEADER + JANUARY);
		const run = await refresh(library);
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/refused, still serving the last good copy:\n.*HTML page/);
		expect(readFileSync(join(dir, LIVE_FILE), 'utf8')).toBe(HEADER + JANUARY);
	});

	it('a private address without FACTDESK_FETCH_ALLOW_PRIVATE: refused before anything is sent', async () => {
		server.route('/private.csv', csvFile(HEADER + JANUARY + FEBRUARY));
		const { library } = writeLiveLibrary(server.url('/private.csv'), HEADER + JANUARY);
		const run = await refresh(library, [], { FACTDESK_FETCH_ALLOW_PRIVATE: 'false' });
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/failed, .*\n.*private or local address/);
		expect(server.requestsTo('/private.csv')).toHaveLength(0);
	});

	it('an unknown dataset names those it could refresh', async () => {
		const { library } = writeLiveLibrary(server.url('/cli.csv'), HEADER + JANUARY);
		const run = await refresh(library, ['nope']);
		expect(run.code).toBe(1);
		expect(run.stderr).toMatch(/no dataset "nope" with a table to fetch .*\(datasets with one: jobs\)/);
	});
});
