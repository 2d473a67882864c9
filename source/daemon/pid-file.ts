// One daemon per home. The pid file names the daemon that owns the home; a
// second daemon refuses to start while that process lives.
import {readFileSync, unlinkSync, writeFileSync} from 'node:fs';

export class AlreadyRunningError extends Error {
	constructor(
		readonly pid: number,
		file: string,
	) {
		super(`a spool daemon (pid ${pid}) already runs on this home (${file}); stop it with \`spool shutdown\` or \`kill ${pid}\` first`);
		this.name = 'AlreadyRunningError';
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export function readPidFile(file: string): number | undefined {
	try {
		const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
		return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/** Claims the home for this process. Throws AlreadyRunningError if another live daemon holds it. */
export function claimPidFile(file: string): void {
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(file, `${process.pid}\n`, {flag: 'wx', mode: 0o644});
			return;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}

		const pid = readPidFile(file);
		if (pid !== undefined && pid !== process.pid && isAlive(pid)) throw new AlreadyRunningError(pid, file);
		// Stale: the daemon that wrote it is gone.
		try {
			unlinkSync(file);
		} catch {}
	}

	throw new Error(`cannot claim the pid file ${file}: another daemon is starting at the same time`);
}

export function releasePidFile(file: string): void {
	if (readPidFile(file) === process.pid) {
		try {
			unlinkSync(file);
		} catch {}
	}
}
