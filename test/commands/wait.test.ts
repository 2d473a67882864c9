// `spool wait` through the real binary: a group or everything takes in tasks
// added while it waits; --status success gives up at the first failure; on a
// terminal it prints a line per change, without one only the summary.
// Tasks wait on gate files the test creates, so nothing depends on timing.
import {spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {spoolBin} from '../helpers/spool-bin.js';
import {runSpoolOnPty} from '../helpers/spool-pty.js';
import {type SpoolHome, spoolHome} from './spool-home.js';

let h: SpoolHome;
beforeAll(() => {
	h = spoolHome();
});

// Waits a failed test left behind end before the daemon does (and, with --no-autostart, never start another).
const stops: Array<() => void> = [];
afterAll(async () => {
	for (const stop of stops) stop();
	await h.stop();
});

function onPty(args: string[]) {
	const run = runSpoolOnPty(args);
	stops.push(run.kill);
	return run;
}

const gate = (name: string) => path.join(h.home, `gate-${name}`);
/** A command that runs until the test opens its gate, then exits with `code`. */
const gated = (name: string, code = 0) => `until [ -e ${gate(name)} ]; do sleep 0.05; done; exit ${code}`;
const open = (name: string) => writeFileSync(gate(name), '');
const statusOf = async (id: number) => (await h.tasks()).find((task) => task.id === id);

/** `spool wait …` without a terminal (pipes), as a script runs it. */
function waitInBackground(args: string[]) {
	const child = spawn(process.execPath, [spoolBin, '--home', h.home, '--no-autostart', 'wait', ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NO_COLOR: '1'}});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
	stops.push(() => {
		if (child.exitCode === null) child.kill();
	});
	return {exited, stdout: () => stdout, stderr: () => stderr, running: () => child.exitCode === null};
}

describe('spool wait (real binary)', () => {
	it('on a group, waits also for a task added while it waits, printing each change on a terminal', async () => {
		await h.ok(['group', 'add', 'waitg']);
		const first = await h.add(['-g', 'waitg', '--', gated('g1')]);
		await h.waitForTask(first, 'Running');
		const wait = onPty(['--home', h.home, '--no-autostart', 'wait', '-g', 'waitg']);
		await wait.waitForOutput(/Waiting for 1 task: 1 running/);

		const added = await h.add(['-g', 'waitg', '--', gated('g2')]);
		await wait.waitForOutput(new RegExp(`^\\d\\d:\\d\\d:\\d\\d - New task ${added} with status Queued$`, 'm'));
		open('g1');
		await wait.waitForOutput(new RegExp(`- Task ${first} succeeded\\n.*- Task ${added} changed from Queued to Running`, 's'));
		expect(wait.exitCode()).toBe(null);

		open('g2');
		expect(await wait.exited).toBe(0);
		expect(wait.output()).toMatch(new RegExp(`- Task ${added} succeeded\\n2 tasks done, all successful\\.\\n$`));
		expect(await statusOf(added)).toMatchObject({status: 'Done', result: 'Success'});
	});

	it('without a terminal, waits for every task (added meanwhile too) and prints only the summary', async () => {
		const first = await h.add(['--', gated('q1')]);
		await h.waitForTask(first, 'Running');
		const wait = waitInBackground([]);
		const added = await h.add(['--', gated('q2')]);
		open('q1');
		await h.waitForTask(added, 'Running');
		expect(wait.running()).toBe(true);
		open('q2');
		expect(await wait.exited).toBe(0);
		expect(await statusOf(added)).toMatchObject({status: 'Done', result: 'Success'});
		expect(wait.stderr()).toBe('');
		expect(wait.stdout()).toMatch(/^\d+ tasks done, all successful\.\n$/);
	});

	it('with --status success, exits 1 as soon as one task fails while others still run', async () => {
		await h.ok(['group', 'add', 'failg', '-p', '2']);
		const slow = await h.add(['-g', 'failg', '--', gated('slow')]);
		const failing = await h.add(['-g', 'failg', '--', gated('fail', 3)]);
		await h.waitForTask(failing, 'Running');
		const wait = onPty(['--home', h.home, '--no-autostart', 'wait', '-g', 'failg', '--status', 'success']);
		const quiet = waitInBackground(['-g', 'failg', '--status', 'success']);
		await wait.waitForOutput(/Waiting for 2 tasks: 2 running/);
		open('fail');

		expect(await wait.exited).toBe(1);
		expect(wait.output()).toMatch(new RegExp(`- Task ${failing} failed with exit code 3\\n`));
		expect(wait.output()).toMatch(new RegExp(`failed: ${failing} \\(Failed 3\\); 1 task not finished \\(${slow}\\)\\.\\n$`));
		expect(await quiet.exited).toBe(1);
		expect(quiet.stdout()).toBe(`1 task done; failed: ${failing} (Failed 3); 1 task not finished (${slow}).\n`);
		expect(await statusOf(slow)).toMatchObject({status: 'Running'});
		open('slow');
		await h.waitForTask(slow, 'Done');
	});

	it('on ids, waits only for those; refuses unknown ids and groups', async () => {
		const one = await h.add(['--', 'true']);
		expect(await h.ok(['wait', String(one)])).toBe('1 task done, all successful.\n');
		const missing = await h.spool(['wait', '99999']);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/no task 99999/);
		const noGroup = await h.spool(['wait', '-g', 'nope']);
		expect(noGroup.code).toBe(1);
		expect(noGroup.stderr).toMatch(/no group "nope"/);
	});

	it('with --quiet prints no progress on a terminal', async () => {
		const one = await h.add(['--', 'true']);
		await h.waitForTask(one, 'Done');
		const wait = onPty(['--home', h.home, '--no-autostart', 'wait', String(one), '--quiet']);
		expect(await wait.exited).toBe(0);
		expect(wait.output()).toBe('1 task done, all successful.\n');
	});

	it('prints the tasks and success with --json', async () => {
		const one = await h.add(['--', 'exit 4']);
		const result = await h.spool(['wait', String(one), '--json']);
		expect(result.code).toBe(0);
		const reply = JSON.parse(result.stdout) as {tasks: Array<{id: number; result: string}>; success: boolean};
		expect(reply.success).toBe(false);
		expect(reply.tasks).toEqual([expect.objectContaining({id: one, result: 'Failed'})]);
	});
});
