import { z } from 'zod';

const snowflake = (name: string) =>
	z.string({ error: `${name} is required` }).regex(/^\d{17,20}$/, `${name} must be a Discord ID (17–20 digits)`);
const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * The bot's environment. Messages name the variable and never include its value, so a malformed
 * token is never echoed to a log.
 */
export const envSchema = z.object({
	DISCORD_TOKEN: z
		.string({ error: 'DISCORD_TOKEN is required (the bot token from the Discord developer portal)' })
		.min(20, 'DISCORD_TOKEN is too short to be a bot token')
		.regex(/^[\w.-]+$/, 'DISCORD_TOKEN must not contain spaces or quotes'),
	DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID'),
	DISCORD_GUILD_ID: z.preprocess(blankIsUnset, snowflake('DISCORD_GUILD_ID').optional()),
	DISCORD_API_URL: z.preprocess(
		blankIsUnset,
		z
			.url({
				protocol: /^https?$/,
				error: 'DISCORD_API_URL must be an http(s) URL such as https://discord.com/api',
			})
			.transform((u) => u.replace(/\/+$/, ''))
			.optional(),
	),
	LOG_LEVEL: z.preprocess(
		blankIsUnset,
		z
			.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
				error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
			})
			.default('info'),
	),
	FACTDESK_DATA: z.preprocess(blankIsUnset, z.string().default('data')),
	DIGEST_DB: z.preprocess(blankIsUnset, z.string().default('var/factdesk.db')),
	HEALTH_HOST: z.preprocess(
		blankIsUnset,
		z
			.string()
			.regex(/^[\w.:-]{1,253}$/, 'HEALTH_HOST must be an address to listen on, such as 127.0.0.1, 0.0.0.0 or ::')
			.default('127.0.0.1'),
	),
	HEALTH_PORT: z.preprocess(
		blankIsUnset,
		z.coerce
			.number({ error: 'HEALTH_PORT must be a port number' })
			.int('HEALTH_PORT must be a port number')
			.min(1, 'HEALTH_PORT must be 1–65535')
			.max(65535, 'HEALTH_PORT must be 1–65535')
			.optional(),
	),
	FACTDESK_WATCH: z.preprocess(
		blankIsUnset,
		z
			.enum(['true', 'false'], { error: 'FACTDESK_WATCH must be true or false' })
			.default('true')
			.transform((v) => v === 'true'),
	),
	/** Count questions the data could not answer, for /gaps and `npm run gaps` (no user or channel ids). */
	FACTDESK_GAPS: z.preprocess(
		blankIsUnset,
		z
			.enum(['true', 'false'], { error: 'FACTDESK_GAPS must be true or false' })
			.default('true')
			.transform((v) => v === 'true'),
	),
	/** Tables' URLs may reach private, loopback and link-local addresses (the newsroom's own network). */
	FACTDESK_FETCH_ALLOW_PRIVATE: z.preprocess(
		blankIsUnset,
		z
			.enum(['true', 'false'], { error: 'FACTDESK_FETCH_ALLOW_PRIVATE must be true or false' })
			.default('false')
			.transform((v) => v === 'true'),
	),
	DIGEST_GRACE_MINUTES: z.preprocess(
		blankIsUnset,
		z.coerce
			.number({ error: 'DIGEST_GRACE_MINUTES must be a number of minutes' })
			.int('DIGEST_GRACE_MINUTES must be a whole number of minutes')
			.min(0, 'DIGEST_GRACE_MINUTES must be 0 or more')
			.max(10_080, 'DIGEST_GRACE_MINUTES must be at most 10080 (a week)')
			.default(60),
	),
});

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
	override name = 'EnvError';
}

/** Pure: validates a record of variables. Throws EnvError with one line per problem. */
export function parseEnv(
	record: Readonly<Record<string, string | undefined>>,
	required: readonly (keyof Env)[] = ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'],
): Env {
	const picked = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, record[k]]));
	const result = envSchema.safeParse(picked);
	if (result.success) return result.data;
	const lines = result.error.issues
		.filter((issue) => required.includes(issue.path[0] as keyof Env) || record[String(issue.path[0])] !== undefined)
		.map(
			(issue) =>
				`${issue.message.startsWith(String(issue.path[0])) ? '' : `${String(issue.path[0])}: `}${issue.message}`,
		);
	throw new EnvError([...new Set(lines)].join('\n') || 'invalid environment');
}

/** Reads `.env` (if present) into process.env, then validates. */
export async function loadEnv(): Promise<Env> {
	const { config } = await import('dotenv');
	config({ quiet: true });
	return parseEnv(process.env);
}
