// Starting a daemon in the background when none answers (like pm2 and
// task-spooler): detached, its stderr appended to the daemon log, and we wait
// until its socket accepts connections.
import {spawn} from 'node:child_process';
import {closeSync, existsSync, mkdirSync, openSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Paths} from '../config.js';
import {readPidFile} from '../shared/pid-file.js';
import {connectUnix} from '../protocol/transport.js';

export class AutostartError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AutostartError';
	}
}

/** bin/spool.js of this package, from the bundle in dist/ or from source/ in tests. */
export function spoolBinPath(): string {
	let dir = path.dirname(fileURLToPath(import.meta.url));
	for (let depth = 0; depth < 4; depth++) {
		const candidate = path.join(dir, 'bin', 'spool.js');
		if (existsSync(candidate)) return candidate;
		dir = path.dirname(dir);
	}

	throw new AutostartError('cannot find bin/spool.js to start the daemon with');
}

function tail(file: string, lines = 5): string {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

/** Starts `spool daemon` detached on this home and resolves with its pid once it answers. */
export async function startDaemonInBackground(paths: Paths, {timeoutMs = 15_000, extraArgs = [] as string[]} = {}): Promise<number> {
	try {
		(await connectUnix(paths.socket)).destroy();
		const pid = readPidFile(paths.pidFile);
		throw new AutostartError(`a daemon already runs on ${paths.socket}${pid ? ` (pid ${pid})` : ''}`);
	} catch (error) {
		if (error instanceof AutostartError) throw error;
	}

	mkdirSync(path.dirname(paths.daemonLog), {recursive: true, mode: 0o700});
	const log = openSync(paths.daemonLog, 'a', 0o600);
	const args = [spoolBinPath(), 'daemon', '--quiet', ...(paths.home ? ['--home', paths.home] : []), ...extraArgs];
	const child = spawn(process.execPath, args, {detached: true, stdio: ['ignore', 'ignore', log], env: process.env, cwd: '/'});
	closeSync(log);
	child.unref();
	let exited: number | null | undefined;
	child.once('exit', (code) => {
		exited = code;
	});

	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			const socket = await connectUnix(paths.socket);
			socket.destroy();
			return child.pid!;
		} catch {}

		if (exited !== undefined) {
			throw new AutostartError(`the daemon exited (${exited}) right after starting:\n${tail(paths.daemonLog)}`);
		}

		await new Promise((resolve) => setTimeout(resolve, 25));
	}

	throw new AutostartError(`the daemon did not answer within ${timeoutMs / 1000} s; see ${paths.daemonLog}`);
}
