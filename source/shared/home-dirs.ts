// The directories of a home, made and checked before anything is written in
// them, so a home spool cannot live in is refused with one line saying what
// is wrong and what to do (docs/configuration.md, "A home spool refuses").
// The daemon checks at start; a client checks before it starts one, so the
// same home gets the same answer either way.
//
// Directories are made by makeDirectory, never by Node's
// mkdirSync({recursive: true}): on Linux that one never returns, at 100 % CPU,
// when mkdir keeps failing with ENOENT under a parent that exists, which is
// what /proc and /sys do (Node 20's MKDirpSync retries the path each time the
// parent's mkdir says EEXIST; `--home /proc/x` spun for ever).
import {accessSync, constants, mkdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {maxSocketPathBytes} from '../protocol/transport.js';

/** A home (or one of its directories) spool cannot use; the message says why and what to do. */
export class HomeError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'HomeError';
	}
}

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * `mkdir -p` that fails instead of looping: each missing directory is made
 * once, from the top down, and a mkdir that fails although its parent exists
 * throws that failure.
 */
export function makeDirectory(dir: string, mode = 0o700): void {
	if (mkdirOnce(dir, mode) === undefined) return;
	const parent = path.dirname(dir);
	if (parent === dir) throw Object.assign(new Error(`ENOENT: no such file or directory, mkdir '${dir}'`), {code: 'ENOENT', path: dir, syscall: 'mkdir'});
	makeDirectory(parent, mode);
	const again = mkdirOnce(dir, mode);
	if (again) throw again;
}

/** Makes `dir`; undefined when it is there now (made or already a directory), the ENOENT error when its parent is missing. */
function mkdirOnce(dir: string, mode: number): NodeJS.ErrnoException | undefined {
	try {
		mkdirSync(dir, {mode});
		return undefined;
	} catch (error) {
		const code = errnoOf(error);
		if (code === 'ENOENT') return error as NodeJS.ErrnoException;
		if (code === 'EEXIST' && isDirectory(dir)) return undefined;
		throw error;
	}
}

function isDirectory(dir: string): boolean {
	try {
		return statSync(dir).isDirectory();
	} catch {
		return false;
	}
}

/** The first existing path at or above `target` when it is not a directory (a file stands where a directory must be). */
function fileInTheWay(target: string): string | undefined {
	for (let current = target; ; current = path.dirname(current)) {
		try {
			return statSync(current).isDirectory() ? undefined : current;
		} catch (error) {
			const code = errnoOf(error);
			if (code !== 'ENOENT' && code !== 'ENOTDIR') return undefined;
		}

		if (path.dirname(current) === current) return undefined;
	}
}

/** What to do, for a home given with --home/SPOOL_HOME or the default (XDG) directories. */
function advice(home: string | undefined, fixable: string): string {
	return home === undefined ? `fix the permissions of ${fixable}, or choose a home with --home DIR` : `choose a home you can write to (--home DIR) or fix the permissions of ${fixable}`;
}

/** Why `dir` cannot be a directory of the home because a file is in the way, or undefined. */
export function fileInTheWayProblem(dir: string, home: string | undefined): string | undefined {
	const file = fileInTheWay(dir);
	if (file === undefined) return undefined;
	return `${file} is a file, not a directory: ${home === undefined ? `move it away, or choose a home with --home DIR` : 'choose another --home (a directory, or a path spool may create)'}`;
}

/** Why the daemon could not listen on `socket`, or undefined. */
export function socketPathProblem(socket: string, home: string | undefined): string | undefined {
	const bytes = Buffer.byteLength(socket);
	if (bytes <= maxSocketPathBytes) return undefined;
	const where = home ?? path.dirname(socket);
	const fix = home === undefined ? 'set a shorter XDG_RUNTIME_DIR, or choose a shorter --home' : 'choose a shorter --home (or SPOOL_HOME)';
	return `${where} is too long for a Unix socket: ${path.basename(socket)} there would be a path of ${bytes} bytes, over the limit of ${maxSocketPathBytes}; ${fix}`;
}

/**
 * Makes `dir` (0700) if it is missing and checks that this process may
 * write in it. Throws HomeError for what the user fixes by choosing another
 * home or the permissions; other failures (a full disk, an I/O error) as they are.
 */
export function ensureHomeDirectory(dir: string, home: string | undefined): void {
	const blocked = fileInTheWayProblem(dir, home);
	if (blocked) throw new HomeError(blocked);
	try {
		makeDirectory(dir);
	} catch (error) {
		const failed = (error as NodeJS.ErrnoException).path ?? dir;
		const parent = path.dirname(failed);
		switch (errnoOf(error)) {
			case 'EACCES':
			case 'EPERM':
				throw new HomeError(`cannot create ${dir}: no permission to write ${parent}; ${advice(home, parent)}`);
			case 'EROFS':
				throw new HomeError(`cannot create ${dir}: ${parent} is on a read-only file system; choose a home on a writable one (--home DIR)`);
			case 'ENOENT':
				throw new HomeError(
					`cannot create ${dir}: nothing can be created in ${parent} (a virtual file system such as /proc or /sys?); ${home === undefined ? 'choose a home with --home DIR' : 'choose another --home'}`,
				);
			case 'ENOTDIR':
			case 'EEXIST':
				throw new HomeError(fileInTheWayProblem(dir, home) ?? `cannot create ${dir}: ${(error as Error).message}; choose another --home`);
			default:
				throw error;
		}
	}

	try {
		// access(2) answers for root too: EPERM for an immutable directory, EROFS for a read-only mount.
		accessSync(dir, constants.W_OK | constants.X_OK);
	} catch (error) {
		const code = errnoOf(error);
		if (code === 'EROFS') throw new HomeError(`${dir} is on a read-only file system: choose a home on a writable one (--home DIR)`);
		throw new HomeError(`no permission to write ${dir}: ${advice(home, dir)}`);
	}
}
