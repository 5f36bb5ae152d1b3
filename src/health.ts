import { type Server, createServer } from 'node:http';

/**
 * Liveness and readiness on 127.0.0.1 only: /live answers while the process runs; /ready answers 200
 * when the gateway is ready and the data is loaded, 503 otherwise (with which is missing).
 */
export function startHealthServer(port: number, checks: () => Record<string, boolean>): Promise<Server> {
	const server = createServer((req, res) => {
		const send = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
		if (req.method !== 'GET') return send(405, { error: 'GET only' });
		if (req.url === '/live') return send(200, { live: true });
		if (req.url === '/ready') {
			const state = checks();
			const ready = Object.values(state).every(Boolean);
			return send(ready ? 200 : 503, { ready, ...state });
		}
		return send(404, { error: 'use /live or /ready' });
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(server));
	});
}
