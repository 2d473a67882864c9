// After the shell exits, output of background children that survived it still
// reaches the task's output until the pty closes, or until it has been idle
// for the documented idle rule (2 s without output).
import {afterEach, describe, expect, it} from 'vitest';
import {killLeftovers} from './harness.js';
import {run} from './harness.js';

afterEach(() => {
	killLeftovers();
});

describe('late background output', () => {
	it('a plain background child printing 1 s after the shell exited is logged (no trap needed)', async () => {
		// The shell is not what the kernel hangs up on: tasks start with SIGHUP
		// ignored (as under nohup), so the child outlives the shell's exit.
		const task = run('(sleep 1; echo late) & echo early');
		expect(await task.exited).toEqual({exitCode: 0, signal: null});
		expect(task.text()).toBe('early\r\nlate\r\n');
	});

	it("the exit status is the shell's, also with a late child", async () => {
		const task = run('(sleep 0.5; echo late) & exit 3');
		expect(await task.exited).toEqual({exitCode: 3, signal: null});
		expect(task.text()).toBe('late\r\n');
	});

	it('a background child printing 1 s after the shell exited is logged', async () => {
		// The ignored HUP is inherited: without it the kernel's hangup (sent when
		// the session leader exits) kills the child before it prints.
		const task = run("trap '' HUP; (sleep 1; echo late) & echo early");
		const started = Date.now();
		expect(await task.exited).toEqual({exitCode: 0, signal: null});
		expect(task.text()).toBe('early\r\nlate\r\n');
		expect(task.outputAfterExit()).toBe(false);
		// It ended at the pty's EOF (the child exited after printing), not at some long timeout.
		expect(Date.now() - started).toBeLessThan(15_000);
	});

	it('output 1.5 s apart after the shell exited is all kept', async () => {
		const task = run("trap '' HUP; (sleep 1.5; echo one; sleep 1.5; echo two) & echo zero");
		expect(await task.exited).toEqual({exitCode: 0, signal: null});
		expect(task.text()).toBe('zero\r\none\r\ntwo\r\n');
	});
});
