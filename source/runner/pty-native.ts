// node-pty's native binding, loaded directly. Its public UnixTerminal may emit
// exit before the last data and destroys its read socket 200 ms after exit
// (DESTROY_SOCKET_TIMEOUT_MS), which loses the tail of large outputs; so we use
// only fork/resize and own the master fd's lifecycle ourselves (run-task.ts).
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {SpawnError} from './spawn-error.js';

export type ForkResult = {fd: number; pid: number; pty: string};

export type PtyBinding = {
	fork(
		file: string,
		args: string[],
		env: string[],
		cwd: string,
		cols: number,
		rows: number,
		uid: number,
		gid: number,
		utf8: boolean,
		helperPath: string,
		onexit: (code: number, signal: number) => void,
	): ForkResult;
	resize(fd: number, cols: number, rows: number): void;
};

export type LoadedBinding = {binding: PtyBinding; helperPath: string};

let loaded: LoadedBinding | undefined;

/** Loaded on first use: importing the runner stays cheap for CLI paths that never run a task. */
export function loadPtyBinding(): LoadedBinding {
	if (loaded) return loaded;
	const require = createRequire(import.meta.url);
	let root: string;
	try {
		root = path.dirname(require.resolve('node-pty/package.json'));
	} catch (error) {
		throw new SpawnError(`node-pty is not installed (${(error as Error).message}): run npm install`);
	}

	// The same search as node-pty's lib/utils.js loadNativeModule.
	const dirs = ['build/Release', 'build/Debug', `prebuilds/${process.platform}-${process.arch}`];
	const failures: string[] = [];
	for (const dir of dirs) {
		const file = path.join(root, dir, 'pty.node');
		if (!fs.existsSync(file)) {
			failures.push(`${dir}: missing`);
			continue;
		}

		try {
			const binding = require(file) as PtyBinding;
			// spawn-helper is only used on macOS, but fork() insists on a string.
			loaded = {binding, helperPath: path.join(root, dir, 'spawn-helper')};
			return loaded;
		} catch (error) {
			failures.push(`${dir}: ${(error as Error).message}`);
		}
	}

	// Out of descriptors, dlopen fails too: that is not a broken install, and
	// rebuilding would not help.
	if (failures.some((failure) => /too many open files|EMFILE|ENFILE/i.test(failure))) {
		throw new SpawnError(`too many open files (EMFILE) while loading node-pty's native binding; raise the daemon's file limit (ulimit -n) or run fewer tasks at once`);
	}

	throw new SpawnError(`node-pty's native binding did not load (${failures.join('; ')}): run npm rebuild node-pty`);
}
