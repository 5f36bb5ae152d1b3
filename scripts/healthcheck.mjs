#!/usr/bin/env node
// The container's HEALTHCHECK: exit 0 when the bot's /ready answers 200 on HEALTH_PORT, else 1.
// It asks the address the bot listens on (HEALTH_HOST; a wildcard is asked on loopback), and gives up
// after 4 s so that Docker's 5 s timeout never kills it half-way.
const port = Number(process.env.HEALTH_PORT);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
	console.error('healthcheck: HEALTH_PORT is not set to a port; the health endpoint is off');
	process.exit(1);
}
const configured = process.env.HEALTH_HOST ?? '127.0.0.1';
const host = ['0.0.0.0', '::', ''].includes(configured) ? '127.0.0.1' : configured;
const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/ready`;
try {
	const response = await fetch(url, { signal: AbortSignal.timeout(4_000) });
	if (!response.ok) console.error(`healthcheck: ${url} answered ${response.status}: ${await response.text()}`);
	process.exit(response.ok ? 0 : 1);
} catch (error) {
	console.error(`healthcheck: ${url}: ${error?.cause?.code ?? error?.message ?? error}`);
	process.exit(1);
}
