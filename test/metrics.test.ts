import { describe, expect, it } from 'vitest';
import { ERROR_PLACES, createMetrics } from '../src/metrics.js';

describe('/metrics before and after the first reload', () => {
	it('GIVEN no reload yet THEN the reload gauges have no sample (no false alert), and every counter has its series at 0', async () => {
		let last: { ok: boolean; at: number } | null = null;
		const metrics = createMetrics({ figures: () => 24, datasets: () => 1, lastReload: () => last });
		const before = await metrics.registry.metrics();
		expect(before).toContain('# TYPE factdesk_last_reload_success gauge');
		expect(before).not.toMatch(/^factdesk_last_reload_success /m);
		expect(before).not.toMatch(/^factdesk_last_reload_timestamp_seconds /m);
		for (const where of ERROR_PLACES)
			expect(before).toMatch(new RegExp(`^factdesk_errors_total\\{where="${where}"\\} 0$`, 'm'));
		expect(before).toMatch(/^factdesk_digests_total\{outcome="failed"\} 0$/m);

		last = { ok: false, at: 1_700_000_000_000 };
		const after = await metrics.registry.metrics();
		expect(after).toMatch(/^factdesk_last_reload_success 0$/m);
		expect(after).toMatch(/^factdesk_last_reload_timestamp_seconds 1700000000$/m);
		last = { ok: true, at: 1_700_000_060_000 };
		expect(await metrics.registry.metrics()).toMatch(/^factdesk_last_reload_success 1$/m);
	});
});
