// The "lost tails" regression. node-pty's own wrapper reports exit before the
// last data and drops what is unread 200 ms later; libuv itself reports EOF
// early on a pty (POLLHUP after a short read). Every run must deliver every
// byte, and onExit must come after the last one.
import {afterEach, describe, expect, it} from 'vitest';
import {startTask, type RunExit, type RunningTask} from '../../source/runner/index.js';
import {baseEnv, killLeftovers, run, type Run} from './harness.js';

afterEach(killLeftovers);

const runs = 24;
const parallel = 2;

type Outcome = {run: number; bytes: number; ending: string; exitCode: number | null; outputAfterExit: boolean};

/** Runs `command` `runs` times, `parallel` at a time; returns every outcome once all ended. */
async function repeat(command: string, keep: boolean): Promise<Array<{outcome: Outcome; task: Run}>> {
	const all: Array<{outcome: Outcome; task: Run}> = [];
	for (let batch = 0; batch < runs / parallel; batch++) {
		const tasks = Array.from({length: parallel}, () => run(command, {}, {keep}));
		for (const task of tasks) {
			const exit = await task.exited;
			const ending = keep ? task.text().slice(-6) : '';
			all.push({task, outcome: {run: all.length, bytes: task.byteCount(), ending, exitCode: exit.exitCode, outputAfterExit: false}});
		}
	}

	// Read late: output after onExit from any run has had time to show up.
	for (const entry of all) entry.outcome.outputAfterExit = entry.task.outputAfterExit();
	return all;
}

describe('lost tails', () => {
	it(`delivers every byte of yes | head in ${runs} runs`, async () => {
		const size = 3_000_000;
		// `yes` writes "y\n"; the pty's ONLCR turns every "\n" into "\r\n".
		const expected = size + size / 2;
		const outcomes = (await repeat(`yes | head -c ${size}`, false)).map((entry) => entry.outcome);
		expect(outcomes.filter((outcome) => outcome.bytes !== expected || outcome.exitCode !== 0 || outcome.outputAfterExit)).toEqual([]);
	});

	it(`delivers the tail of a shell that exits right after a fast write, in ${runs} runs`, async () => {
		// No newlines, so no ONLCR: the writer is fast and the shell exits while
		// kilobytes are still queued in the pty. This is the case libuv's early
		// EOF used to cut short in about a third of the runs.
		const outcomes = (await repeat("head -c 1000000 /dev/zero | tr '\\0' x; printf END", true)).map((entry) => entry.outcome);
		expect(outcomes.filter((outcome) => outcome.bytes !== 1_000_003 || outcome.ending !== 'xxxEND' || outcome.exitCode !== 0 || outcome.outputAfterExit)).toEqual([]);
	});

	it('delivers every byte when a slow consumer keeps pausing output', async () => {
		// Like a log sink that applies back-pressure: pause every ~64 KB, resume a
		// little later. Pauses also land around the task's exit and its last bytes.
		const size = 2_000_000;
		for (let index = 0; index < 6; index++) {
			let bytes = 0;
			let sincePause = 0;
			let late = false;
			let exit: RunExit | undefined;
			let task: RunningTask | undefined;
			const exited = new Promise<RunExit>((resolve) => {
				task = startTask(
					{command: `head -c ${size} /dev/zero | tr '\\0' x`, shell: 'sh', cwd: '/', env: baseEnv(), cols: 80, rows: 24},
					{
						onOutput(data) {
							if (exit) late = true;
							bytes += data.length;
							sincePause += data.length;
							if (sincePause >= 65_536) {
								sincePause = 0;
								task!.pauseOutput();
								setTimeout(() => task!.resumeOutput(), 2);
							}
						},
						onExit(result) {
							exit = result;
							resolve(result);
						},
					},
				);
			});
			expect(await exited).toEqual({exitCode: 0, signal: null});
			expect(bytes).toBe(size);
			expect(late).toBe(false);
		}
	});
});
