import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {SpawnError, startTask} from '../../source/runner/index.js';
import {waitFor} from '../helpers/wait-for.js';
import {baseEnv, killLeftovers, run} from './harness.js';

afterEach(killLeftovers);

const noHandlers = {onOutput() {}, onExit() {}};

describe('startTask basics', () => {
	it('delivers output and exit code 0', async () => {
		const task = run('echo hello world');
		expect(task.task.pid).toBeGreaterThan(0);
		expect(await task.exited).toEqual({exitCode: 0, signal: null});
		expect(task.text()).toBe('hello world\r\n');
	});

	it('reports a non-zero exit code', async () => {
		const task = run('echo failing; exit 3');
		expect(await task.exited).toEqual({exitCode: 3, signal: null});
		expect(task.text()).toContain('failing');
	});

	it('reports death by a signal by name, with a null exit code', async () => {
		const task = run('kill -KILL $$');
		expect(await task.exited).toEqual({exitCode: null, signal: 'SIGKILL'});
	});

	it('runs in a terminal', async () => {
		const task = run('test -t 0 && test -t 1 && test -t 2 && echo is-a-tty');
		expect(await task.exited).toEqual({exitCode: 0, signal: null});
		expect(task.text()).toContain('is-a-tty');
	});

	it('gives the task exactly the given environment, plus TERM', async () => {
		process.env.SPOOL_LEAK_TEST = 'x';
		try {
			const task = run('env', {env: {...baseEnv(), SPOOL_GIVEN: 'given value'}});
			expect(await task.exited).toEqual({exitCode: 0, signal: null});
			const lines = task
				.text()
				.split('\r\n')
				.filter((line) => line !== '')
				// The shell itself exports PWD; that is not a leak from this process.
				.filter((line) => !line.startsWith('PWD='));
			expect(lines.sort()).toEqual([`PATH=${baseEnv().PATH}`, 'SPOOL_GIVEN=given value', 'TERM=xterm-256color'].sort());
		} finally {
			delete process.env.SPOOL_LEAK_TEST;
		}
	});

	it('keeps a TERM the caller gave', async () => {
		const task = run('echo "term:$TERM"', {env: {...baseEnv(), TERM: 'dumb'}});
		await task.exited;
		expect(task.text()).toContain('term:dumb');
	});

	it('honours the working directory', async () => {
		const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'spool-runner-')));
		try {
			const task = run('pwd', {cwd: dir});
			await task.exited;
			expect(task.text()).toBe(`${dir}\r\n`);
		} finally {
			fs.rmSync(dir, {recursive: true, force: true});
		}
	});

	it('writes input to a task reading stdin, and ignores writes after exit', async () => {
		const task = run('read line; echo "got:$line"');
		task.task.write('hello there\n');
		expect(await task.exited).toEqual({exitCode: 0, signal: null});
		expect(task.text()).toContain('got:hello there');
		expect(() => task.task.write('too late\n')).not.toThrow();
		expect(() => task.task.resize(100, 30)).not.toThrow();
	});

	it('queues input larger than the pty buffer', async () => {
		// 200 lines of 1000 bytes: more than the kernel takes at once, so EAGAIN must be retried.
		const line = `${'z'.repeat(999)}\n`;
		const task = run('n=0; while read -r l; do n=$((n+${#l})); done; echo "total:$n"', {}, {keep: true});
		task.task.write(line.repeat(200));
		task.task.write('\x04'); // ^D: EOF for `read` once the line buffer is empty
		expect(await task.exited).toEqual({exitCode: 0, signal: null});
		expect(task.text()).toContain(`total:${999 * 200}`);
	});

	it('resizes the pty', async () => {
		const task = run('stty size; read x; stty size', {cols: 80, rows: 24});
		await waitFor(() => task.text().includes('24 80'), {what: 'first stty size'});
		task.task.resize(132, 50);
		task.task.write('\n');
		expect(await task.exited).toEqual({exitCode: 0, signal: null});
		expect(task.text()).toContain('50 132');
	});
});

describe('startTask refuses what cannot run', () => {
	it('throws SpawnError for a missing working directory', () => {
		const cwd = path.join(os.tmpdir(), `spool-no-such-dir-${process.pid}`);
		expect(() => startTask({command: 'true', shell: 'sh', cwd, env: baseEnv(), cols: 80, rows: 24}, noHandlers)).toThrow(SpawnError);
		expect(() => startTask({command: 'true', shell: 'sh', cwd, env: baseEnv(), cols: 80, rows: 24}, noHandlers)).toThrow(`working directory ${cwd} does not exist`);
	});

	it('throws SpawnError when the working directory is a file', () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spool-runner-')), 'file');
		fs.writeFileSync(file, '');
		try {
			expect(() => startTask({command: 'true', shell: 'sh', cwd: file, env: baseEnv(), cols: 80, rows: 24}, noHandlers)).toThrow(/is not a directory/);
		} finally {
			fs.rmSync(path.dirname(file), {recursive: true, force: true});
		}
	});

	it('throws SpawnError for a shell that is not in the task PATH', () => {
		const start = () => startTask({command: 'true', shell: 'no-such-shell-spool', cwd: '/', env: baseEnv(), cols: 80, rows: 24}, noHandlers);
		expect(start).toThrow(SpawnError);
		expect(start).toThrow(/shell no-such-shell-spool not found .*PATH=/);
	});

	it('looks the shell up in the task PATH, not in this process PATH', () => {
		const start = () => startTask({command: 'true', shell: 'sh', cwd: '/', env: {PATH: '/spool/nowhere'}, cols: 80, rows: 24}, noHandlers);
		expect(start).toThrow(/shell sh not found \(task PATH=\/spool\/nowhere\)/);
	});

	it('throws SpawnError for a shell path that is not executable', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-runner-'));
		const shell = path.join(dir, 'not-exec');
		fs.writeFileSync(shell, '#!/bin/sh\n', {mode: 0o644});
		try {
			expect(() => startTask({command: 'true', shell, cwd: '/', env: baseEnv(), cols: 80, rows: 24}, noHandlers)).toThrow(/is not an executable file/);
		} finally {
			fs.rmSync(dir, {recursive: true, force: true});
		}
	});
});
