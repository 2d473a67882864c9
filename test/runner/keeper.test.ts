// The task's shell runs under a keeper (source/runner/keeper.ts) that holds
// the session, so the shell's exit hangs nobody up. What the keeper must not
// change: ^C and signals reach the task as before, its status is the shell's,
// and it is gone once the task is over.
import {afterEach, describe, expect, it} from 'vitest';
import {shellStatus} from '../../source/runner/keeper.js';
import {waitFor} from '../helpers/wait-for.js';
import {isAlive, killLeftovers, run} from './harness.js';

afterEach(() => {
	killLeftovers();
});

describe('the keeper', () => {
	it('a ^C typed into the pty interrupts the task but a shell that traps it goes on', async () => {
		const task = run("trap 'echo caught' INT; echo ready; sleep 30; echo after; exit 4");
		await waitFor(() => task.text().includes('ready'), {what: 'ready'});
		task.task.write('\x03');
		expect(await task.exited).toEqual({exitCode: 4, signal: null});
		expect(task.text()).toContain('caught');
		expect(task.text()).toContain('after');
	});

	it('a signal sent to the group that the shell survives leaves the task running', async () => {
		const task = run("trap 'echo got-usr1' USR1; echo ready; while :; do sleep 0.1; done");
		await waitFor(() => task.text().includes('ready'), {what: 'ready'});
		task.task.signal('SIGUSR1');
		await waitFor(() => task.text().includes('got-usr1'), {what: 'trap output'});
		expect(task.exit()).toBeUndefined();
		task.task.kill('SIGTERM');
		expect((await task.exited).signal).toBe('SIGTERM');
	});

	it('a shell killed by a signal is reported with that signal', async () => {
		expect(await run('kill -TERM $$').exited).toEqual({exitCode: null, signal: 'SIGTERM'});
	});

	it('the keeper process is gone once the task is over, also when a child outlived the shell', async () => {
		const task = run('sleep 30 >/dev/null 2>&1 & echo started');
		const keeper = task.task.pid;
		expect(await task.exited).toEqual({exitCode: 0, signal: null});
		await waitFor(() => !isAlive(keeper), {what: 'keeper gone'});
	});
});

describe('shellStatus', () => {
	it('reads 128+N as signal N, as shells report it, and anything else as an exit code', () => {
		expect(shellStatus(0)).toEqual({exitCode: 0, signal: null});
		expect(shellStatus(127)).toEqual({exitCode: 127, signal: null});
		expect(shellStatus(137)).toEqual({exitCode: null, signal: 'SIGKILL'});
		expect(shellStatus(130)).toEqual({exitCode: null, signal: 'SIGINT'});
		expect(shellStatus(255)).toEqual({exitCode: 255, signal: null});
		expect(shellStatus(128)).toEqual({exitCode: 128, signal: null});
	});
});
