// Starting a daemon in the background when none answers (like pm2 and
// task-spooler): detached, its stderr appended to the daemon log, and we wait
// until its socket accepts connections.
import {spawn} from 'node:child_process';
import {closeSync, existsSync, fstatSync, openSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Paths} from '../config.js';
import {HomeError, ensureHomeDirectory, socketPathProblem} from '../shared/home-dirs.js';
import {readPidFile} from '../shared/pid-file.js';
import {connectUnix} from '../protocol/transport.js';

export class AutostartError extends Error {
	constructor(
		message: string,
		/** The exit code of a daemon that exited at once (2: it refused its home or config). */
		readonly daemonExit?: number | null,
	) {
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

/**
 * Why the daemon just started exited, from what it wrote to its log since
 * `offset`: its own one-line error (`spool: ...`), else the last line.
 */
function exitReason(file: string, offset: number): string | undefined {
	let written: string;
	try {
		written = readFileSync(file).subarray(offset).toString('utf8');
	} catch {
		return undefined;
	}

	const lines = written.split('\n').filter((line) => line.trim() !== '');
	const own = lines.findLast((line) => line.startsWith('spool: '));
	return own === undefined ? lines.at(-1) : own.slice('spool: '.length).replace(/^the daemon could not start: /, '');
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

	// What the daemon would refuse, refused here: the same line, before a process is spawned for nothing.
	const tooLong = socketPathProblem(paths.socket, paths.home);
	if (tooLong) throw new HomeError(tooLong);
	try {
		ensureHomeDirectory(path.dirname(paths.daemonLog), paths.home);
	} catch (error) {
		if (error instanceof HomeError) throw error;
		throw new AutostartError(`cannot create ${path.dirname(paths.daemonLog)}: ${(error as Error).message}`);
	}

	let log: number;
	try {
		log = openSync(paths.daemonLog, 'a', 0o600);
	} catch (error) {
		throw new AutostartError(`cannot open the daemon log ${paths.daemonLog}: ${(error as Error).message}`);
	}

	const offset = fstatSync(log).size;
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
			const reason = exitReason(paths.daemonLog, offset);
			throw new AutostartError(reason ?? `the daemon exited (${exited}) right after starting; see ${paths.daemonLog}`, exited);
		}

		await new Promise((resolve) => setTimeout(resolve, 25));
	}

	throw new AutostartError(`the daemon did not answer within ${timeoutMs / 1000} s; see ${paths.daemonLog}`);
}
