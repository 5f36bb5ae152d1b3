/** Error codes that mean the network, not Discord, failed: nothing answered, or the line dropped. */
const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'EPIPE',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/** The first network error code in an error or its causes (undici wraps them in "fetch failed"). */
export function networkErrorCode(error: unknown): string | null {
	for (
		let current = error, depth = 0;
		current && depth < 5;
		current = (current as { cause?: unknown }).cause, depth++
	) {
		const { code, name } = current as { code?: unknown; name?: unknown };
		if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
		if (name === 'AbortError' || name === 'TimeoutError' || name === 'ConnectTimeoutError') return String(name);
	}
	return null;
}

/** "could not reach Discord (ECONNREFUSED)": what a network failure says, never "refused". */
export const unreachable = (code: string): string =>
	`could not reach Discord (${code}); check the network, DNS and any proxy or firewall`;
