// Shared by the runner tests: start a task with sensible defaults, collect its
// output and exit, and kill whatever a failed test leaves behind.
import fs from 'node:fs';
import {isAlive} from '../helpers/proc-state.js';
import {startTask, type RunExit, type RunningTask, type RunSpec} from '../../source/runner/index.js';

export type Run = {
	task: RunningTask;
	/** Resolves with the exit; rejects if onExit fires twice or output follows it. */
	exited: Promise<RunExit>;
	text(): string;
	byteCount(): number;
	exit(): RunExit | undefined;
	/** Set when onOutput was called after onExit (must never happen). */
	outputAfterExit(): boolean;
};

const live = new Set<RunningTask>();

export function baseEnv(): Record<string, string> {
	return {PATH: process.env.PATH ?? '/usr/bin:/bin'};
}

export function run(command: string, spec: Partial<RunSpec> = {}, {keep = true}: {keep?: boolean} = {}): Run {
	const chunks: Buffer[] = [];
	let bytes = 0;
	let exit: RunExit | undefined;
	let exitCount = 0;
	let lateOutput = false;
	let resolveExit!: (exit: RunExit) => void;
	const exited = new Promise<RunExit>((resolve) => {
		resolveExit = resolve;
	});
	const task = startTask(
		{command, shell: 'sh', cwd: '/', env: baseEnv(), cols: 80, rows: 24, ...spec},
		{
			onOutput(data) {
				if (exit) lateOutput = true;
				bytes += data.length;
				if (keep) chunks.push(data);
			},
			onExit(result) {
				exitCount++;
				if (exitCount > 1) throw new Error('onExit fired twice');
				exit = result;
				live.delete(task);
				resolveExit(result);
			},
		},
	);
	live.add(task);
	return {
		task,
		exited,
		text: () => Buffer.concat(chunks).toString('utf8'),
		byteCount: () => bytes,
		exit: () => exit,
		outputAfterExit: () => lateOutput,
	};
}

export function killLeftovers(): void {
	for (const task of live) task.kill('SIGKILL');
	live.clear();
}

export {isAlive, killQuietly, printedPids as pidsIn} from '../helpers/proc-state.js';

/**
 * The task's shell has exited: the keeper (the pty child, see
 * source/runner/keeper.ts) then waits as `sleep`, or is gone.
 */
export function shellDone(keeper: number): boolean {
	if (!isAlive(keeper)) return true;
	try {
		return fs.readFileSync(`/proc/${keeper}/comm`, 'utf8').trim() === 'sleep';
	} catch {
		return true;
	}
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
