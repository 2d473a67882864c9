import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp home; short path so the Unix socket fits in sun_path. */
export function makeTempHome(): {home: string; cleanup: () => void} {
	const home = mkdtempSync(path.join(os.tmpdir(), 'spool-t-'));
	return {
		home,
		cleanup() {
			// A daemon or worker that has just answered its shutdown may still write its
			// last lines (daemon.log, a task's log) while the tree is removed: rmSync then
			// fails with ENOTEMPTY, seen on a loaded machine. Node retries that itself.
			rmSync(home, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
		},
	};
}
