import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { LogCapture } from '../support/bot.js';

describe('the logger', () => {
	it('GIVEN a token anywhere it is redacted by path THEN the log holds [redacted], never the value', () => {
		const capture = new LogCapture();
		const logger = createLogger('info', capture);
		logger.info(
			{
				token: 'Bot abc.def.ghi',
				DISCORD_TOKEN: 'abc.def.ghi',
				request: { headers: { authorization: 'Bot abc.def.ghi' } },
			},
			'hello',
		);
		expect(capture.raw).not.toContain('abc.def.ghi');
		expect(capture.lines[0]).toMatchObject({ token: '[redacted]', DISCORD_TOKEN: '[redacted]', msg: 'hello' });
	});
});
