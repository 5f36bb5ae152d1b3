import { createHash } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A web server on 127.0.0.1 serving files that change between requests, as a statistics office's
 * download or a published spreadsheet does: each path answers with the handler set for it now,
 * and every request is recorded (its headers, to assert on conditional requests).
 */
export class FileServer {
	readonly requests: { path: string; headers: IncomingMessage['headers'] }[] = [];
	private readonly routes = new Map<string, Handler>();
	private readonly sockets = new Set<Socket>();
	private constructor(private readonly server: Server) {}

	static async start(): Promise<FileServer> {
		const server = createServer();
		const files = new FileServer(server);
		server.on('request', (req, res) => {
			const path = new URL(req.url ?? '/', 'http://x').pathname;
			files.requests.push({ path, headers: req.headers });
			const handler = files.routes.get(path);
			if (handler) handler(req, res);
			else res.writeHead(404, 'Not Found').end('not found');
		});
		server.on('connection', (socket) => {
			files.sockets.add(socket);
			socket.on('close', () => files.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return files;
	}

	get origin(): string {
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	url(path: string): string {
		return `${this.origin}${path}`;
	}

	/** What `path` answers from now on. */
	route(path: string, handler: Handler): void {
		this.routes.set(path, handler);
	}

	/** Requests made to `path` so far. */
	requestsTo(path: string) {
		return this.requests.filter((r) => r.path === path);
	}

	async close(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

/**
 * A file with an ETag and a Last-Modified, answered 304 to a request that already has it, as most
 * servers do. `gzip` sends it compressed.
 */
export function csvFile(
	body: string,
	options: { type?: string; lastModified?: string; gzip?: boolean; etag?: boolean } = {},
): Handler {
	const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
	const lastModified = options.lastModified ?? 'Sat, 14 Mar 2026 06:00:00 GMT';
	return (req, res) => {
		const useEtag = options.etag ?? true;
		if (
			(useEtag && req.headers['if-none-match'] === etag) ||
			(!useEtag && req.headers['if-modified-since'] === lastModified)
		) {
			res.writeHead(304).end();
			return;
		}
		const bytes = options.gzip ? gzipSync(body) : Buffer.from(body);
		res.writeHead(200, {
			'content-type': options.type ?? 'text/csv; charset=utf-8',
			'content-length': bytes.length,
			...(useEtag ? { etag } : {}),
			'last-modified': lastModified,
			...(options.gzip ? { 'content-encoding': 'gzip' } : {}),
		});
		res.end(bytes);
	};
}

/** Sends the head, then part of the body, then closes the connection. */
export const truncatedFile =
	(body: string, sent: number): Handler =>
	(_req, res) => {
		res.writeHead(200, { 'content-type': 'text/csv', 'content-length': Buffer.byteLength(body) });
		res.write(body.slice(0, sent));
		setImmediate(() => res.socket?.destroy());
	};

/** Never answers (until the server closes). */
export const hang = (): Handler => () => undefined;

export const redirect =
	(location: string, status = 302): Handler =>
	(_req, res) =>
		res.writeHead(status, { location }).end();

export const htmlPage = (): Handler => (_req, res) =>
	res
		.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
		.end('<!DOCTYPE html><html><body>Sign in</body></html>');

/** `bytes` bytes of CSV-looking text, streamed with no Content-Length. */
export const endless =
	(bytes: number): Handler =>
	(_req, res) => {
		res.writeHead(200, { 'content-type': 'text/csv' });
		const line = 'a,1\n'.repeat(16_384);
		let sent = 0;
		const more = () => {
			while (sent < bytes) {
				sent += line.length;
				if (!res.write(line)) return void res.once('drain', more);
			}
			res.end();
		};
		more();
	};
