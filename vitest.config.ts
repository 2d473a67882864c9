import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Real daemons, sockets and ptys: generous limits for a loaded 2-core machine.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		maxWorkers: 2,
	},
});
