import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		environment: 'node',
		testTimeout: 20_000,
		globalSetup: ['test/support/globalSetup.ts'],
	},
});
