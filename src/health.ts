import { type Server, createServer } from 'node:http';
import type { Registry } from 'prom-client';

/**
 * Liveness, readiness and metrics on HEALTH_HOST (127.0.0.1 unless set): /live answers while the
 * process runs; /ready answers 200 when the gateway is ready and the data is loaded, 503 otherwise
 * (with which is missing); /metrics is Prometheus's text format.
 */
export function startHealthServer(
	host: string,
	port: number,
	checks: () => Record<string, boolean>,
	registry?: Registry,
): Promise<Server> {
	const server = createServer(async (req, res) => {
		const send = (status: number, body: object) =>
			res
				.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
				.end(JSON.stringify(body));
		if (req.method !== 'GET') return send(405, { error: 'GET only' });
		if (req.url === '/live') return send(200, { live: true });
		if (req.url === '/ready') {
			const state = checks();
			const ready = Object.values(state).every(Boolean);
			return send(ready ? 200 : 503, { ready, ...state });
		}
		if (req.url === '/metrics' && registry) {
			try {
				const text = await registry.metrics();
				return res
					.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' })
					.end(text);
			} catch {
				return send(500, { error: 'metrics unavailable' });
			}
		}
		return send(404, { error: 'use /live, /ready or /metrics' });
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve(server));
	});
}
