// Signals reach the whole process tree, and tasks whose grandchildren outlive
// the shell still finish.
import {afterEach, describe, expect, it} from 'vitest';
import {idleAfterExitMs} from '../../source/runner/run-task.js';
import {allStopped, noneStopped} from '../helpers/proc-state.js';
import {waitFor} from '../helpers/wait-for.js';
import {delay, isAlive, killLeftovers, killQuietly, pidsIn, run, shellDone} from './harness.js';

const strays: number[] = [];

afterEach(() => {
	killLeftovers();
	for (const pid of strays.splice(0)) killQuietly(pid);
});

describe('process group control', () => {
	it('pause stops grandchildren and resume continues them', async () => {
		const task = run('echo pid:$$; (while :; do echo tick; sleep 0.05; done) & echo pid:$!; wait');
		// The shell and its background loop (a grandchild of the pty's child, the keeper).
		const pids = await waitFor(
			() => {
				const found = pidsIn(task.text());
				return found.length === 2 && task.text().split('tick').length > 3 ? found : undefined;
			},
			{what: 'both pids and some ticks'},
		);
		task.task.pause();
		await waitFor(() => allStopped(pids), {what: `the shell and the loop to be stopped (state T in /proc/<pid>/stat): ${pids.join(', ')}`});
		const stoppedAt = task.byteCount();
		task.task.resume();
		await waitFor(() => noneStopped(pids), {what: 'the shell and the loop to run again'});
		await waitFor(() => task.byteCount() > stoppedAt + 10, {what: 'ticks after resume'});
		task.task.kill('SIGKILL');
		expect((await task.exited).signal).toBe('SIGKILL');
	});

	it('kill reaches every grandchild', async () => {
		const task = run('sleep 1000 & echo pid:$!; sleep 1000 & echo pid:$!; (sleep 1000; true) & echo pid:$!; wait');
		const pids = await waitFor(
			() => {
				const found = pidsIn(task.text());
				return found.length === 3 ? found : undefined;
			},
			{what: 'three background pids'},
		);
		strays.push(...pids);
		for (const pid of pids) expect(isAlive(pid)).toBe(true);
		task.task.kill();
		expect(await task.exited).toEqual({exitCode: null, signal: 'SIGTERM'});
		await waitFor(() => pids.every((pid) => !isAlive(pid)), {what: 'grandchildren gone'});
	});

	it('signal() on a paused task is delivered', async () => {
		const task = run('echo ready; while :; do sleep 0.05; done');
		await waitFor(() => task.text().includes('ready'), {what: 'ready'});
		task.task.pause();
		task.task.signal('SIGINT');
		expect(await task.exited).toEqual({exitCode: null, signal: 'SIGINT'});
	});

	it('kill escalates to SIGKILL after the grace period', async () => {
		// Ignored signals stay ignored in the children too, so nothing reacts to TERM.
		const task = run("trap '' TERM; echo ready; while :; do sleep 0.05; done");
		await waitFor(() => task.text().includes('ready'), {what: 'ready'});
		const started = Date.now();
		task.task.kill('SIGTERM', 400);
		expect(await task.exited).toEqual({exitCode: null, signal: 'SIGKILL'});
		expect(Date.now() - started).toBeGreaterThanOrEqual(350);
	});

	it('kill on a paused task still ends it', async () => {
		const task = run('echo ready; while :; do sleep 0.05; done');
		await waitFor(() => task.text().includes('ready'), {what: 'ready'});
		task.task.pause();
		task.task.kill();
		expect(await task.exited).toEqual({exitCode: null, signal: 'SIGTERM'});
	});
});

describe('grandchildren that keep the pty open', () => {
	it('the task ends soon after the shell exits', async () => {
		// The ignored HUP is inherited, so the sleep survives the shell's exit
		// (a plain `sleep 30 &` dies of the hangup) and keeps the pty open.
		const task = run("trap '' HUP; sleep 30 & echo pid:$!; echo done");
		const started = Date.now();
		const exit = await task.exited;
		const [holder] = pidsIn(task.text());
		expect(holder).toBeDefined();
		strays.push(holder!);
		expect(exit).toEqual({exitCode: 0, signal: null});
		expect(task.text()).toContain('done');
		expect(Date.now() - started).toBeLessThan(10_000);
		// It really was held open: EOF cannot have ended it.
		expect(isAlive(holder!)).toBe(true);
	});

	it('output still flowing after the shell exited keeps the task alive', async () => {
		const task = run("trap '' HUP; (for i in 1 2 3 4 5 6 7 8; do echo line$i; sleep 0.2; done; echo last; exec sleep 30) & echo pid:$!");
		const exit = await task.exited;
		const [holder] = pidsIn(task.text());
		strays.push(holder!);
		expect(exit).toEqual({exitCode: 0, signal: null});
		expect(task.text()).toContain('line8\r\nlast\r\n');
	});

	it('time with output paused does not count as idle', async () => {
		// 8000 bytes: well under what a pty buffers (about 17 KB here), so the shell can exit unread.
		const task = run("trap '' HUP; sleep 30 & echo pid:$!; head -c 8000 /dev/zero | tr '\\0' x");
		task.task.pauseOutput();
		// The shell is gone ...
		await waitFor(() => shellDone(task.task.pid), {what: 'shell exit'});
		// ... but while output is paused the task must not end, whatever the wait.
		// No condition can show a timer that did not fire: time has to pass. The idle
		// rule would end the task idleAfterExitMs after the runner saw the shell exit,
		// which it sees up to a status poll (250 ms) after we do, and timers run late
		// on a loaded machine: wait twice the idle period, so a task that wrongly
		// counts paused time as idle has ended by the time we look.
		await delay(2 * idleAfterExitMs);
		expect(task.exit()).toBeUndefined();
		task.task.resumeOutput();
		const exit = await task.exited;
		const [holder] = pidsIn(task.text());
		strays.push(holder!);
		expect(exit).toEqual({exitCode: 0, signal: null});
		expect(task.text().split('x').length - 1).toBe(8000);
	});

	it('a stalled event loop does not make waiting output look idle', async () => {
		// The shell exits at once; its grandchild writes 0.3 s later while this
		// process is busy. When the loop wakes, the idle timer and the pty's
		// readable event are both due; the output must be read, not dropped.
		const task = run("trap '' HUP; (sleep 0.3; echo late; exec sleep 30) & echo pid:$!");
		const [holder] = await waitFor(() => (pidsIn(task.text()).length === 1 ? pidsIn(task.text()) : undefined), {what: 'holder pid'});
		strays.push(holder!);
		await waitFor(() => shellDone(task.task.pid), {what: 'shell exit'});
		await delay(50); // let the exit notification reach this thread
		const until = Date.now() + 2500;
		while (Date.now() < until) {
			// Busy: a stalled daemon.
		}

		expect(await task.exited).toEqual({exitCode: 0, signal: null});
		expect(task.text()).toContain('late');
	});
});
