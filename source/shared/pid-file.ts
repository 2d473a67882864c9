// The pid file in the runtime directory says which process serves this home's
// socket (for `spool daemon --detach` and for people). It is informational:
// the home lock (home-lock.ts) is what keeps a second daemon out, so a stale
// pid file, or one naming an unrelated live process (pid 1 after a reboot),
// never blocks a start.
import {readFileSync, unlinkSync, writeFileSync} from 'node:fs';

export function readPidFile(file: string): number | undefined {
	try {
		const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
		return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/** Writes this process's pid; called with the home lock held, so any old content is stale. */
export function writePidFile(file: string): void {
	writeFileSync(file, `${process.pid}\n`, {mode: 0o644});
}

export function releasePidFile(file: string): void {
	if (readPidFile(file) === process.pid) {
		try {
			unlinkSync(file);
		} catch {}
	}
}
