// Homes for end-to-end tests of the real binary: one per test, undone after
// it in reverse order with whatever else the test deferred, or one shared by
// a whole file whose daemon is shut down at the end.
import {afterAll, afterEach, beforeAll} from 'vitest';
import {runSpool} from './spool-bin.js';
import {makeTempHome} from './temp-home.js';

export function cleanupsPerTest(): {defer: (cleanup: () => Promise<unknown> | void) => void; tempHome: () => string} {
	const cleanups: Array<() => Promise<unknown> | void> = [];
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	});
	return {
		defer(cleanup) {
			cleanups.push(cleanup);
		},
		tempHome() {
			const home = makeTempHome();
			cleanups.push(home.cleanup);
			return home.home;
		},
	};
}

/** One home for the file; `spool(...args)` runs the binary on it. */
export function sharedHomePerFile(): {home: () => string; spool: (...args: string[]) => ReturnType<typeof runSpool>} {
	let home = '';
	let cleanup = () => {};
	beforeAll(() => {
		({home, cleanup} = makeTempHome());
	});
	afterAll(async () => {
		await runSpool(['shutdown', '--home', home]);
		cleanup();
	});
	return {
		home: () => home,
		spool: async (...args: string[]) => runSpool(['--home', home, ...args]),
	};
}
