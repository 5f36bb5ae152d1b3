import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../src/config/env.js';

const valid = { DISCORD_TOKEN: 'MTExMTExMTExMTExMTExMTEx.abc.def-ghi', DISCORD_APPLICATION_ID: '555555555555555555' };

describe('parseEnv', () => {
	it('GIVEN the required variables THEN defaults fill the rest and blanks count as unset', () => {
		expect(parseEnv({ ...valid, DISCORD_GUILD_ID: '', DISCORD_API_URL: 'http://127.0.0.1:9/api/' })).toMatchObject({
			DISCORD_GUILD_ID: undefined,
			DISCORD_API_URL: 'http://127.0.0.1:9/api',
			LOG_LEVEL: 'info',
			FACTDESK_DATA: 'data',
			FACTDESK_GAPS: true,
			FACTDESK_FETCH_ALLOW_PRIVATE: false,
		});
		expect(parseEnv({ ...valid, FACTDESK_GAPS: 'false' }).FACTDESK_GAPS).toBe(false);
		expect(parseEnv({ ...valid, FACTDESK_FETCH_ALLOW_PRIVATE: 'true' }).FACTDESK_FETCH_ALLOW_PRIVATE).toBe(true);
	});

	it.each([
		[{}, /DISCORD_TOKEN is required[\s\S]*DISCORD_APPLICATION_ID is required/],
		[{ ...valid, DISCORD_APPLICATION_ID: 'my-app' }, /DISCORD_APPLICATION_ID must be a Discord ID/],
		[{ ...valid, DISCORD_GUILD_ID: '12' }, /DISCORD_GUILD_ID must be a Discord ID/],
		[{ ...valid, DISCORD_API_URL: 'ftp://example' }, /DISCORD_API_URL must be an http\(s\) URL/],
		[{ ...valid, LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
		[{ ...valid, FACTDESK_GAPS: 'no' }, /FACTDESK_GAPS must be true or false/],
		[{ ...valid, FACTDESK_FETCH_ALLOW_PRIVATE: 'yes' }, /FACTDESK_FETCH_ALLOW_PRIVATE must be true or false/],
	])('GIVEN %o THEN it names the variable', (record, message) => {
		expect(() => parseEnv(record)).toThrow(EnvError);
		expect(() => parseEnv(record)).toThrow(message);
	});

	it('GIVEN a malformed token THEN the message never contains the value', () => {
		const secret = 'super secret token value';
		try {
			parseEnv({ ...valid, DISCORD_TOKEN: secret });
			throw new Error('accepted');
		} catch (error) {
			expect((error as Error).message).toMatch(/^DISCORD_TOKEN/);
			expect((error as Error).message).not.toContain('secret');
		}
	});
});
