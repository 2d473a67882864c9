// The configured callback: a shell command run when a task ends. It gets the
// task's facts as environment variables (never spliced into the command
// text, so a task's command or label cannot inject shell code into it).
import {spawn} from 'node:child_process';
import {closeSync, openSync, readSync} from 'node:fs';
import {logPath, logSize, offsetOfLastLines} from './logs/log-files.js';
import type {Waiting} from './state/state.js';
import type {Task} from './state/types.js';

type CallbackHost = {
	config: {daemon: {callback: string | null; callback_log_lines: number; shell: string}};
	paths: {logs: string};
	log: (line: string) => void;
};

const maxOutputBytes = 64 * 1024;

function lastLines(file: string, lines: number): string {
	if (lines === 0) return '';
	try {
		const size = logSize(file);
		const from = Math.max(offsetOfLastLines(file, lines, size), size - maxOutputBytes);
		const buffer = Buffer.alloc(size - from);
		const fd = openSync(file, 'r');
		try {
			readSync(fd, buffer, 0, buffer.length, from);
		} finally {
			closeSync(fd);
		}

		return buffer.toString('utf8');
	} catch {
		return '';
	}
}

/** Environment values cannot hold NUL bytes; a task's output may. */
const clean = (value: string) => value.replaceAll('\0', '');

/** `waiting`: the tasks of its group that were queued and stashed when its end was recorded. */
export function callbackEnv(host: CallbackHost, task: Task, waiting: Waiting): Record<string, string> {
	const log = logPath(host.paths.logs, task.id);
	const env: Record<string, string> = {
		SPOOL_TASK_ID: String(task.id),
		SPOOL_TASK_COMMAND: task.command,
		SPOOL_TASK_CWD: task.cwd,
		SPOOL_TASK_GROUP: task.group,
		SPOOL_TASK_LABEL: task.label ?? '',
		SPOOL_TASK_RESULT: task.result ?? '',
		SPOOL_TASK_EXIT_CODE: task.exitCode === null ? '' : String(task.exitCode),
		SPOOL_TASK_SIGNAL: task.signal ?? '',
		SPOOL_TASK_START: task.startedAt === null ? '' : String(task.startedAt),
		SPOOL_TASK_END: task.endedAt === null ? '' : String(task.endedAt),
		SPOOL_TASK_OUTPUT: lastLines(log, host.config.daemon.callback_log_lines),
		SPOOL_TASK_LOG: log,
		SPOOL_QUEUED_COUNT: String(waiting.queued),
		SPOOL_STASHED_COUNT: String(waiting.stashed),
	};
	for (const key of Object.keys(env)) env[key] = clean(env[key]!);
	return env;
}

export function runCallback(host: CallbackHost, task: Task, waiting: Waiting): void {
	const command = host.config.daemon.callback;
	if (!command) return;
	let child;
	try {
		child = spawn(host.config.daemon.shell, ['-c', command], {
			env: {...process.env, ...callbackEnv(host, task, waiting)},
			stdio: ['ignore', 'pipe', 'pipe'],
			cwd: '/',
		});
	} catch (error) {
		host.log(`callback for task ${task.id} could not start: ${(error as Error).message}`);
		return;
	}

	const report = (stream: string) => (chunk: Buffer) => {
		host.log(`callback for task ${task.id} ${stream}: ${chunk.toString('utf8').trimEnd()}`);
	};

	child.stdout.on('data', report('stdout'));
	child.stderr.on('data', report('stderr'));
	child.on('error', (error) => {
		host.log(`callback for task ${task.id} could not run: ${error.message}`);
	});
	child.on('exit', (code, signal) => {
		if (code !== 0) host.log(`callback for task ${task.id} exited with ${code ?? signal}`);
	});
}
