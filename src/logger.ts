import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Anything that could hold a token is censored by path, and the token itself
 * is never passed to the logger in the first place.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
	const options = {
		level,
		base: { app: 'factdesk' },
		redact: { paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
	};
	return destination ? pino(options, destination as never) : pino(options);
}
