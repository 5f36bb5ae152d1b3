import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, USER_AGENT, fetchTable, isInternalAddress } from '../../src/live/fetchTable.js';
import { FileServer, csvFile, endless, hang, htmlPage, redirect, truncatedFile } from '../support/fileServer.js';

const CSV = 'country,year,value\nNorway,2024,5\nSweden,2024,7\n';
const NONE = { etag: null, lastModified: null };
let server: FileServer;
let dir: string;
let n = 0;
const target = () => join(dir, `copy-${n++}.csv`);
// The test server is on 127.0.0.1: reachable only where private addresses are allowed.
const local = { allowPrivate: true };

beforeAll(async () => {
	server = await FileServer.start();
	dir = mkdtempSync(join(tmpdir(), 'factdesk-fetch-'));
});
afterAll(() => server.close());

/** The FetchError a fetch fails with (and that it left no file behind). */
async function failure(url: string, options = {}): Promise<FetchError> {
	const path = target();
	const error = await fetchTable(url, path, NONE, { ...local, ...options }).then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(FetchError);
	expect(existsSync(path)).toBe(false);
	return error as FetchError;
}

describe('fetchTable: a published file fetched politely', () => {
	it('writes the file, with its hash and validators, and says who is asking', async () => {
		server.route('/a.csv', csvFile(CSV));
		const path = target();
		const outcome = await fetchTable(server.url('/a.csv'), path, NONE, local);
		expect(outcome.kind).toBe('fetched');
		if (outcome.kind !== 'fetched') return;
		expect(readFileSync(path, 'utf8')).toBe(CSV);
		expect(outcome.bytes).toBe(Buffer.byteLength(CSV));
		expect(outcome.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(outcome.validators.etag).toMatch(/^".+"$/);
		expect(outcome.validators.lastModified).toBe('Sat, 14 Mar 2026 06:00:00 GMT');
		expect(server.requestsTo('/a.csv').at(-1)!.headers['user-agent']).toBe(USER_AGENT);
	});

	it('asks again conditionally: an unchanged file is a 304 and writes nothing', async () => {
		server.route('/b.csv', csvFile(CSV));
		const first = await fetchTable(server.url('/b.csv'), target(), NONE, local);
		if (first.kind !== 'fetched') throw new Error('expected a file');
		const path = target();
		const again = await fetchTable(server.url('/b.csv'), path, first.validators, local);
		expect(again).toEqual({ kind: 'not-modified' });
		expect(existsSync(path)).toBe(false);
		expect(server.requestsTo('/b.csv').at(-1)!.headers['if-none-match']).toBe(first.validators.etag);
	});

	it('uses If-Modified-Since where the server gives no ETag', async () => {
		server.route('/c.csv', csvFile(CSV, { etag: false }));
		const first = await fetchTable(server.url('/c.csv'), target(), NONE, local);
		if (first.kind !== 'fetched') throw new Error('expected a file');
		expect(first.validators.etag).toBeNull();
		expect(await fetchTable(server.url('/c.csv'), target(), first.validators, local)).toEqual({
			kind: 'not-modified',
		});
	});

	it('reads a compressed answer', async () => {
		server.route('/gz.csv', csvFile(CSV, { gzip: true }));
		const path = target();
		await fetchTable(server.url('/gz.csv'), path, NONE, local);
		expect(readFileSync(path, 'utf8')).toBe(CSV);
	});

	it('follows a redirect, relative or not', async () => {
		server.route('/moved.csv', redirect('/a.csv', 301));
		const path = target();
		const outcome = await fetchTable(server.url('/moved.csv'), path, NONE, local);
		expect(outcome.kind === 'fetched' && outcome.url).toBe(server.url('/a.csv'));
		expect(readFileSync(path, 'utf8')).toBe(CSV);
	});
});

describe('fetchTable: what is refused, and nothing left half-written', () => {
	it('a 404', async () => {
		const error = await failure(server.url('/missing.csv'));
		expect(error.code).toBe('http');
		expect(error.message).toBe('HTTP 404 Not Found');
	});

	it('a server that does not answer in time', async () => {
		server.route('/slow.csv', hang());
		const error = await failure(server.url('/slow.csv'), { timeoutMs: 300 });
		expect(error.code).toBe('timeout');
	});

	it('an HTML page, by its type or by its first bytes', async () => {
		server.route('/page', htmlPage());
		expect((await failure(server.url('/page'))).code).toBe('html');
		server.route('/disguised.csv', csvFile('<!DOCTYPE html>\n<html><body>Sign in</body></html>'));
		expect((await failure(server.url('/disguised.csv'))).code).toBe('html');
	});

	it('a download cut short', async () => {
		server.route('/cut.csv', truncatedFile(CSV, 20));
		expect((await failure(server.url('/cut.csv'))).code).toBe('cut-short');
	});

	it('a redirect loop, and too many redirects', async () => {
		server.route('/loop1', redirect('/loop2'));
		server.route('/loop2', redirect('/loop1'));
		const loop = await failure(server.url('/loop1'));
		expect(loop.code).toBe('redirects');
		expect(loop.message).toMatch(/loop/);
		for (let i = 0; i < 4; i++) server.route(`/hop${i}`, redirect(`/hop${i + 1}`));
		server.route('/hop4', csvFile(CSV));
		expect((await failure(server.url('/hop0'), { maxRedirects: 3 })).code).toBe('redirects');
	});

	it('a file over the cap, announced or streamed', async () => {
		server.route('/big.csv', csvFile('x'.repeat(5000)));
		expect((await failure(server.url('/big.csv'), { maxBytes: 4096 })).code).toBe('too-large');
		server.route('/endless.csv', endless(1_000_000));
		expect((await failure(server.url('/endless.csv'), { maxBytes: 100_000 })).code).toBe('too-large');
	});

	it('a private or local address, unless the operator allows it: nothing is sent', async () => {
		server.route('/private.csv', csvFile(CSV));
		const before = server.requestsTo('/private.csv').length;
		for (const url of [server.url('/private.csv'), `http://localhost:${new URL(server.origin).port}/private.csv`]) {
			const error = await failure(url, { allowPrivate: false });
			expect(error.code).toBe('private');
			expect(error.message).toMatch(/FACTDESK_FETCH_ALLOW_PRIVATE/);
		}
		expect((await failure('https://10.0.0.8/data.csv', { allowPrivate: false })).code).toBe('private');
		expect((await failure('https://[fd00::1]/data.csv', { allowPrivate: false })).code).toBe('private');
		expect(server.requestsTo('/private.csv').length).toBe(before);
	});

	it('a redirect to where a data file may not go', async () => {
		server.route('/to-http', redirect('http://example.com/data.csv'));
		expect((await failure(server.url('/to-http'))).code).toBe('scheme');
	});

	it('plain http beyond this machine, other schemes, and credentials in the URL', async () => {
		expect((await failure('http://example.com/data.csv')).code).toBe('scheme');
		expect((await failure('ftp://example.com/data.csv')).code).toBe('scheme');
		expect((await failure('file:///etc/passwd')).code).toBe('scheme');
		expect((await failure('https://user:secret@example.com/data.csv')).code).toBe('scheme');
		expect((await failure('not a url')).code).toBe('scheme');
	});
});

describe('isInternalAddress', () => {
	it.each([
		['10.1.2.3', true],
		['172.16.0.1', true],
		['172.32.0.1', false],
		['192.168.1.1', true],
		['127.0.0.1', true],
		['169.254.169.254', true],
		['100.64.0.1', true],
		['0.0.0.0', true],
		['::1', true],
		['fd12:3456::1', true],
		['fe80::1', true],
		['::ffff:10.0.0.1', true],
		['::ffff:8.8.8.8', false],
		['8.8.8.8', false],
		['2001:4860:4860::8888', false],
		['not an address', true],
	])('%s → %s', (address, internal) => {
		expect(isInternalAddress(address)).toBe(internal);
	});
});
