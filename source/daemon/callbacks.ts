// The configured callback: a shell command run when a task ends. It gets the
// task's facts as environment variables (never spliced into the command
// text, so a task's command or label cannot inject shell code into it).
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {logPath, logSize, offsetOfLastLines} from './logs/log-files.js';
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
		return readFileSync(file).subarray(from).toString('utf8');
	} catch {
		return '';
	}
}

export function callbackEnv(host: CallbackHost, task: Task): Record<string, string> {
	const log = logPath(host.paths.logs, task.id);
	return {
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
	};
}

export function runCallback(host: CallbackHost, task: Task): void {
	const command = host.config.daemon.callback;
	if (!command) return;
	const child = spawn(host.config.daemon.shell, ['-c', command], {
		env: {...process.env, ...callbackEnv(host, task)},
		stdio: ['ignore', 'pipe', 'pipe'],
		cwd: '/',
	});
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
