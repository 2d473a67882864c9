// Checks done before fork, so that a bad cwd or shell is a clear SpawnError
// rather than a task that "ran" and printed execvp's perror into its log.
import fs from 'node:fs';
import path from 'node:path';
import {SpawnError} from './spawn-error.js';

// What glibc's execvp searches when PATH is unset; we mirror it so a task
// without PATH starts the same shell execvp would have found.
const defaultSearchPath = '/bin:/usr/bin';

/**
 * What is wrong with `cwd` as a task's working directory on this machine, and
 * the usual fix; undefined when a task can start there. The daemon asks at
 * Add and Edit too, so a missing directory is refused when it is given.
 */
export function cwdProblem(cwd: string): {problem: string; fix: string} | undefined {
	// A relative cwd would silently depend on the daemon's own directory.
	if (!path.isAbsolute(cwd)) return {problem: 'is not an absolute path', fix: 'give the full path'};
	let stat: fs.Stats;
	try {
		stat = fs.statSync(cwd);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return {problem: 'does not exist', fix: 'create it or add the task from an existing directory'};
		return {problem: `cannot be used (${code ?? String(error)})`, fix: 'check its permissions'};
	}

	if (!stat.isDirectory()) return {problem: 'is not a directory', fix: 'give a directory'};
	try {
		fs.accessSync(cwd, fs.constants.X_OK);
	} catch {
		return {problem: 'cannot be entered (no search permission)', fix: 'check its permissions'};
	}

	return undefined;
}

export function checkCwd(cwd: string): void {
	const found = cwdProblem(cwd);
	if (found) throw new SpawnError(`working directory ${cwd} ${found.problem}: ${found.fix}`);
}

function isExecutableFile(file: string): boolean {
	try {
		if (!fs.statSync(file).isFile()) return false;
		fs.accessSync(file, fs.constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * Resolves the shell the way execvp in the child would, but with the task's
 * own PATH (never the daemon's) and relative entries taken from the task's cwd.
 * Returns an absolute path, so the child does not search again.
 */
export function resolveShell(shell: string, env: Record<string, string>, cwd: string): string {
	if (shell === '') {
		throw new SpawnError('no shell given: set the shell to e.g. sh');
	}

	if (shell.includes('/')) {
		const file = path.resolve(cwd, shell);
		if (!fs.existsSync(file)) {
			throw new SpawnError(`shell ${shell} does not exist: give the path of an installed shell`);
		}

		if (!isExecutableFile(file)) {
			throw new SpawnError(`shell ${shell} is not an executable file: check the path and its permissions`);
		}

		return file;
	}

	const searchPath = env.PATH ?? defaultSearchPath;
	let foundButNotExecutable: string | undefined;
	for (const dir of searchPath.split(':')) {
		// An empty entry means the current directory, as for execvp.
		const file = path.resolve(cwd, dir === '' ? '.' : dir, shell);
		if (isExecutableFile(file)) return file;
		if (foundButNotExecutable === undefined && fs.existsSync(file)) foundButNotExecutable = file;
	}

	if (foundButNotExecutable !== undefined) {
		throw new SpawnError(`shell ${shell} was found at ${foundButNotExecutable} but is not executable (task PATH=${searchPath}): fix its permissions or give another shell`);
	}

	const pathNote = env.PATH === undefined ? `the task has no PATH, searched ${searchPath}` : `task PATH=${searchPath}`;
	throw new SpawnError(`shell ${shell} not found (${pathNote}): install it, give its full path, or add its directory to PATH`);
}

/** The 'K=V' list for the child: exactly the given environment, plus TERM when it is missing. */
export function buildEnvironment(env: Record<string, string>): string[] {
	const entries = Object.entries(env);
	if (!Object.hasOwn(env, 'TERM')) entries.push(['TERM', 'xterm-256color']);
	return entries.map(([name, value]) => {
		// The native side copies C strings: a NUL would silently cut the value.
		if (name === '' || name.includes('=') || name.includes('\0') || value.includes('\0')) {
			throw new SpawnError(`environment variable ${JSON.stringify(name)} is invalid (empty name, '=' in the name, or a NUL byte): remove it`);
		}

		return `${name}=${value}`;
	});
}

/** The kernel's winsize holds unsigned shorts; 0 would mean "unknown" to programs. */
export function isValidSize(cols: number, rows: number): boolean {
	return Number.isInteger(cols) && Number.isInteger(rows) && cols >= 1 && rows >= 1 && cols <= 0xffff && rows <= 0xffff;
}

export function sizeProblem(cols: number, rows: number): string {
	return `pty size ${cols}x${rows} is invalid: columns and rows must be integers from 1 to 65535`;
}
