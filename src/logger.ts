import { type Logger, pino, stdTimeFunctions } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Anything that could hold a token is censored by path, and the token itself
 * is never passed to the logger in the first place.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
	const options = {
		level,
		base: { app: 'factdesk' },
		// ISO 8601 times ("2026-11-30T08:00:00.000Z"), readable without converting epoch milliseconds.
		timestamp: stdTimeFunctions.isoTime,
		redact: {
			paths: [
				'token',
				'*.token',
				'DISCORD_TOKEN',
				'*.DISCORD_TOKEN',
				'headers.authorization',
				'*.headers.authorization',
			],
			censor: '[redacted]',
		},
	};
	return destination ? pino(options, destination as never) : pino(options);
}
