import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp home; short path so the Unix socket fits in sun_path. */
export function makeTempHome(): {home: string; cleanup: () => void} {
	const home = mkdtempSync(path.join(os.tmpdir(), 'spool-t-'));
	return {
		home,
		cleanup() {
			// A daemon that just said it stopped may still be closing its files (the database's
			// WAL, its log): a file appearing while the directory goes is ENOTEMPTY, so try again.
			rmSync(home, {recursive: true, force: true, maxRetries: 5, retryDelay: 100});
		},
	};
}
