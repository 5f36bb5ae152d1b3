// Fetching a table from where its publisher keeps it, politely and safely: a URL in a data file is
// untrusted, so it may reach only the public internet (never the newsroom's internal network), may
// not run for ever or fill the disk, and an HTML page where a CSV was expected is refused.
import { createHash } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { MAX_FILE_BYTES } from '../data/loadDataset.js';

/** Sent with every request: who is asking, and where to read about it. */
export const USER_AGENT = 'Factdesk/0.1 (newsroom data bot; +https://github.com/factdesk/factdesk)';

export interface FetchOptions {
	/** The whole fetch, connection to last byte (default 60 s). */
	timeoutMs?: number;
	/** The most bytes taken, after decompression (default: the library's file limit, 100 MB). */
	maxBytes?: number;
	/** Redirects followed at most (default 5). */
	maxRedirects?: number;
	/** Private, loopback and link-local addresses allowed (FACTDESK_FETCH_ALLOW_PRIVATE; tests). */
	allowPrivate?: boolean;
}

/** What the last good copy was served with, for a conditional request. */
export interface Validators {
	etag: string | null;
	lastModified: string | null;
}

export type FetchOutcome =
	| { kind: 'not-modified' }
	| {
			kind: 'fetched';
			/** Where the body was written (the caller's path). */
			path: string;
			bytes: number;
			/** SHA-256 of the body, hex: the same file served again is not a change. */
			sha256: string;
			validators: Validators;
			/** The URL the file came from after redirects. */
			url: string;
	  };

/** Why a fetch was refused or failed, in words for the dataset's admins. */
export class FetchError extends Error {
	override name = 'FetchError';
	constructor(
		message: string,
		readonly code:
			'scheme' | 'private' | 'http' | 'timeout' | 'too-large' | 'redirects' | 'html' | 'network' | 'cut-short',
	) {
		super(message);
	}
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Addresses a URL from a data file may not reach: private networks (RFC 1918, unique local),
 * loopback, link-local (cloud metadata services live there), carrier-grade NAT, "this network",
 * benchmarking, multicast and reserved ranges. IPv4 mapped into IPv6 is checked as IPv4.
 */
const INTERNAL = new BlockList();
for (const [net, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['127.0.0.0', 8],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['224.0.0.0', 3],
] as const)
	INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
	['::', 128],
	['::1', 128],
	['fc00::', 7],
	['fe80::', 10],
	['ff00::', 8],
	['64:ff9b::', 96],
	['100::', 64],
] as const)
	INTERNAL.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is one a data file's URL may not reach (see INTERNAL). */
export function isInternalAddress(address: string): boolean {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return INTERNAL.check(mapped[1]!, 'ipv4');
	const family = isIP(address);
	if (family === 0) return true;
	return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Refuses a URL a data file may not name, before anything is sent (see INTERNAL). */
function checkUrl(url: URL, allowPrivate: boolean): void {
	if (url.username || url.password)
		throw new FetchError('the URL carries a user name or password; publish the file without them', 'scheme');
	if (url.protocol === 'http:' && !LOOPBACK_NAMES.has(url.hostname))
		throw new FetchError(`only https: URLs are fetched (${url.protocol} was given)`, 'scheme');
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		throw new FetchError(`only https: URLs are fetched (${url.protocol} was given)`, 'scheme');
	const literal = url.hostname.replace(/^\[|\]$/g, '');
	if (!allowPrivate && (isIP(literal) !== 0 ? isInternalAddress(literal) : url.hostname === 'localhost'))
		throw new FetchError(
			`${url.hostname} is a private or local address; set FACTDESK_FETCH_ALLOW_PRIVATE=true to fetch from the newsroom's own network`,
			'private',
		);
}

/**
 * DNS resolution for the connection itself: a name that resolves to an internal address is refused
 * at the moment of connecting, so a name cannot pass a check and then point elsewhere.
 */
function guardedLookup(allowPrivate: boolean) {
	return (
		hostname: string,
		options: LookupOptions,
		callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
	): void => {
		dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
			if (error) return callback(error, '');
			const internal = addresses.find((a) => isInternalAddress(a.address));
			if (internal && !allowPrivate) {
				const refused: NodeJS.ErrnoException = new FetchError(
					`${hostname} resolves to a private or local address (${internal.address}); set FACTDESK_FETCH_ALLOW_PRIVATE=true to fetch from the newsroom's own network`,
					'private',
				);
				return callback(refused, '');
			}
			if (options.all) return callback(null, addresses);
			callback(null, addresses[0]!.address, addresses[0]!.family);
		});
	};
}

/** Counts bytes through, failing past the cap, and hashes them. */
class Meter extends Transform {
	bytes = 0;
	readonly hash = createHash('sha256');
	private sniffed = false;
	constructor(private readonly maxBytes: number) {
		super();
	}
	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.bytes += chunk.length;
		if (this.bytes > this.maxBytes)
			return callback(
				new FetchError(
					`the file is over ${Math.round(this.maxBytes / 1024 / 1024)} MB, the most a table may be`,
					'too-large',
				),
			);
		if (!this.sniffed) {
			this.sniffed = true;
			if (
				/^\s*<(!doctype html|html|head|body|\?xml)/i.test(
					chunk
						.subarray(0, 256)
						.toString('utf8')
						.replace(/^\uFEFF/, ''),
				)
			)
				return callback(htmlError());
		}
		this.hash.update(chunk);
		callback(null, chunk);
	}
}

const htmlError = () =>
	new FetchError(
		'the URL gave an HTML page, not a CSV file (a sign-in page, or the link to a page rather than to the file: publish the sheet "as CSV" and use that link)',
		'html',
	);

/**
 * Fetches `url` into `path`: a conditional request (a 304 writes nothing), redirects followed and
 * each checked, a deadline, a size cap and an HTML check. Throws FetchError; on any failure the file
 * at `path` is removed, so nothing half-written is left to be mistaken for a copy.
 */
export async function fetchTable(
	url: string,
	path: string,
	validators: Validators,
	options: FetchOptions = {},
): Promise<FetchOutcome> {
	const allowPrivate = options.allowPrivate ?? false;
	const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
	const maxRedirects = options.maxRedirects ?? DEFAULT_REDIRECTS;
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const deadline = AbortSignal.timeout(timeoutMs);
	const seen = new Set<string>();
	let current: URL;
	try {
		current = new URL(url);
	} catch {
		throw new FetchError(`"${url}" is not a URL`, 'scheme');
	}
	try {
		for (let hop = 0; ; hop++) {
			checkUrl(current, allowPrivate);
			seen.add(current.href);
			const response = await send(current, validators, deadline, allowPrivate);
			const status = response.statusCode ?? 0;
			if (REDIRECTS.has(status)) {
				response.resume();
				const location = response.headers.location;
				if (!location) throw new FetchError(`HTTP ${status} with no Location to follow`, 'http');
				const next = new URL(location, current);
				if (seen.has(next.href))
					throw new FetchError(`the URL redirects in a loop (back to ${next.href})`, 'redirects');
				if (hop + 1 > maxRedirects) throw new FetchError(`more than ${maxRedirects} redirects`, 'redirects');
				current = next;
				continue;
			}
			if (status === 304) {
				response.resume();
				return { kind: 'not-modified' };
			}
			if (status !== 200) {
				response.resume();
				throw new FetchError(
					`HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`,
					'http',
				);
			}
			const type = String(response.headers['content-type'] ?? '').toLowerCase();
			if (/text\/html|application\/xhtml/.test(type)) {
				response.resume();
				throw htmlError();
			}
			const declared = Number(response.headers['content-length']);
			const encoding = String(response.headers['content-encoding'] ?? 'identity').toLowerCase();
			if (encoding === 'identity' && Number.isFinite(declared) && declared > maxBytes) {
				response.resume();
				throw new FetchError(
					`the file is ${Math.round(declared / 1024 / 1024)} MB; a table may be at most ${Math.round(maxBytes / 1024 / 1024)} MB`,
					'too-large',
				);
			}
			const meter = new Meter(maxBytes);
			const decoder = decoderFor(encoding);
			let received = 0;
			response.on('data', (chunk: Buffer) => (received += chunk.length));
			await pipeline([response, ...(decoder ? [decoder] : []), meter, createWriteStream(path, { mode: 0o644 })], {
				signal: deadline,
			});
			// A connection closed early without an error still leaves fewer bytes than announced.
			if (encoding === 'identity' && Number.isFinite(declared) && received < declared)
				throw new FetchError(`the download was cut short (${received} of ${declared} bytes)`, 'cut-short');
			return {
				kind: 'fetched',
				path,
				bytes: meter.bytes,
				sha256: meter.hash.digest('hex'),
				validators: {
					etag: headerText(response.headers.etag),
					lastModified: headerText(response.headers['last-modified']),
				},
				url: current.href,
			};
		}
	} catch (error) {
		await rm(path, { force: true });
		throw asFetchError(error, deadline, timeoutMs);
	}
}

function headerText(value: string | string[] | undefined): string | null {
	const text = Array.isArray(value) ? value[0] : value;
	return text && text.length <= 1000 ? text : null;
}

function decoderFor(encoding: string): Transform | null {
	if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
	if (encoding === 'deflate') return createInflate();
	if (encoding === 'br') return createBrotliDecompress();
	if (encoding === 'identity') return null;
	throw new FetchError(`the server sent the file encoded as "${encoding}", which is not read`, 'http');
}

/** One request; resolves with the response's head (the body not yet read). */
function send(url: URL, validators: Validators, signal: AbortSignal, allowPrivate: boolean): Promise<IncomingMessage> {
	const headers: Record<string, string> = {
		'user-agent': USER_AGENT,
		accept: 'text/csv, text/tab-separated-values, text/plain;q=0.9, */*;q=0.5',
		'accept-encoding': 'gzip, deflate, br',
	};
	if (validators.etag) headers['if-none-match'] = validators.etag;
	if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
	const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'GET', headers, signal, lookup: guardedLookup(allowPrivate) }, resolve);
		req.on('error', reject);
		req.end();
	});
}

/** Any failure as a FetchError, in words: the deadline, a refused address, a network error. */
function asFetchError(error: unknown, deadline: AbortSignal, timeoutMs: number): FetchError {
	if (error instanceof FetchError) return error;
	const cause = (error as { cause?: unknown })?.cause;
	if (cause instanceof FetchError) return cause;
	if (deadline.aborted)
		return new FetchError(`no complete answer within ${Math.round(timeoutMs / 1000)} s`, 'timeout');
	const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
	if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE')
		return new FetchError('the download was cut short (the connection closed)', 'cut-short');
	const words: Record<string, string> = {
		ENOTFOUND: 'the host name was not found',
		ECONNREFUSED: 'the connection was refused',
		ETIMEDOUT: 'the connection timed out',
		EAI_AGAIN: 'the host name could not be looked up (DNS)',
		CERT_HAS_EXPIRED: "the site's certificate has expired",
		DEPTH_ZERO_SELF_SIGNED_CERT: "the site's certificate is self-signed",
		UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the site's certificate could not be verified",
	};
	return new FetchError(
		code ? `${words[code] ?? String(message).split('\n')[0]} (${code})` : String(message ?? error),
		'network',
	);
}
