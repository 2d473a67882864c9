// One in-process daemon per test, stopped after it; and a gate a task can
// wait on, so tests control when it ends without sleeping.
import {mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';
import {type DaemonOverrides, startTestDaemon, type TestDaemon} from './test-daemon.js';

export function daemonPerTest() {
	let current: TestDaemon | undefined;
	afterEach(async () => {
		await current?.stop();
		current = undefined;
	});
	return {
		async start(overrides: DaemonOverrides = {}) {
			current = await startTestDaemon(overrides);
			return {t: current, client: await current.client()};
		},
		/** The daemon of the running test. */
		get current() {
			return current;
		},
		/** Stops the current daemon early (a test that then starts another). */
		async stop() {
			await current?.stop();
			current = undefined;
		},
	};
}

/** A command that waits until `open()` is called. */
export function gate() {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-gate-'));
	const file = path.join(dir, 'open');
	return {command: `while [ ! -f ${file} ]; do sleep 0.02; done`, open: () => writeFileSync(file, ''), dir};
}
