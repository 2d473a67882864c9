// The details view (d, :details [id]) against a real daemon: every field of
// the task, the result with its reason, dependencies with their states, the
// environment's names and, on v, its values; it scrolls, and Esc goes back.
import {afterEach, describe, expect, it} from 'vitest';
import {addTask, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {type Harness, keys, startHarness} from './app-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

/** The line of the view that holds a field, e.g. `Exit      code 3`. */
const field = (frame: string, name: string) => frame.split('\n').find((line) => new RegExp(`│ ${name}\\s`).test(line));

describe('the details view', () => {
	it('shows a failed task whole, its environment on demand, and goes back on Esc', async () => {
		harness = await startHarness({size: {columns: 80, rows: 50}});
		const command = 'echo one two three four five six seven eight nine ten eleven twelve thirteen fourteen; exit 3';
		const task = await addTask(harness.client, command, {label: 'nightly', priority: 2, env: {PATH: process.env.PATH ?? '/usr/bin:/bin', SECRET_TOKEN: 'hunter2'}});
		await waitForTasks(harness.client, [task.id]);
		await harness.waitForFrame((text) => text.includes('Failed (3)'), 'the failed row');
		await harness.press('d');
		const frame = await harness.waitForFrame((text) => text.includes(`Task ${task.id}: failed with exit code 3`) && /Log\s+\d+ bytes/.test(text), 'the details');
		expect(field(frame, 'Result')).toContain('✘ failed with exit code 3');
		expect(field(frame, 'Exit')).toContain('code 3');
		expect(field(frame, 'Label')).toContain('nightly');
		expect(field(frame, 'Priority')).toContain('2');
		expect(field(frame, 'Group')).toContain('default');
		expect(field(frame, 'Path')).toContain('/tmp');
		expect(field(frame, 'Worker')).toContain('local');
		expect(field(frame, 'Slot')).toContain('0');
		expect(field(frame, 'Attempts')).toContain('1');
		expect(field(frame, 'After')).toContain('—');
		expect(field(frame, 'Enqueued')).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/);
		expect(field(frame, 'Started')).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/);
		expect(field(frame, 'Ended')).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/);
		expect(field(frame, 'Duration')).toMatch(/\d+\.\ds/);
		// The output is "one two … fourteen\r\n": one line.
		expect(field(frame, 'Log')).toMatch(/\d+ bytes · 1 line/);
		// The whole command, wrapped over two lines, not cut.
		const text = frame.replaceAll(/\s*│\s*/g, ' ');
		expect(text).toContain('thirteen');
		expect(text).toContain('fourteen; exit 3');
		expect(frame).not.toMatch(/fourte…/);
		// Environment: names only, until v.
		expect(field(frame, 'Env')).toMatch(/2 variables/);
		expect(frame).toContain('SECRET_TOKEN');
		expect(frame).not.toContain('hunter2');
		await harness.press('v');
		await harness.waitForFrame((text) => text.includes('SECRET_TOKEN=hunter2'), 'the values');
		await harness.press('v');
		await harness.waitForFrame((text) => !text.includes('hunter2'), 'the values hidden again');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => !text.includes('Attempts') && text.includes('Failed (3)'), 'the table again');
	});

	it('names the dependency that failed, with its state', async () => {
		harness = await startHarness({size: {columns: 100, rows: 40}});
		const failed = await addTask(harness.client, 'exit 5');
		const dependant = await addTask(harness.client, 'echo never', {after: [failed.id]});
		await waitForTasks(harness.client, [dependant.id]);
		await harness.waitForFrame((text) => text.includes('Dep') && text.includes('Failed (5)'), 'both ended');
		await harness.press('j');
		await harness.waitForFrame((text) => text.includes(`task ${dependant.id} · `), 'the cursor on the dependant');
		await harness.press('d');
		const frame = await harness.waitForFrame((text) => text.includes(`Task ${dependant.id}: dependency failed`) && /Log\s+\d/.test(text), 'the details');
		expect(field(frame, 'Reason')).toContain(`dependency ${failed.id} ended Failed`);
		expect(field(frame, 'After')).toContain(`${failed.id} ✘ Failed (5)`);
		expect(field(frame, 'Started')).toContain('never');
		expect(field(frame, 'Attempts')).toContain('0');
		expect(field(frame, 'Log')).toMatch(/0 bytes · 0 lines/);
	});

	it('says what a queued task waits for', async () => {
		harness = await startHarness();
		const first = await addTask(harness.client, 'sleep 30');
		const second = await addTask(harness.client, 'echo after', {after: [first.id]});
		await waitForTasks(harness.client, [first.id], 'running');
		await harness.waitForFrame((text) => text.includes('Running') && text.includes('echo after'), 'the running task and the one after it');
		await harness.press('j');
		await harness.waitForFrame((text) => text.includes(`task ${second.id} · `), 'the cursor on the second task');
		await harness.press('d');
		const frame = await harness.waitForFrame((text) => text.includes(`Task ${second.id}: queued`), 'the details');
		expect(field(frame, 'Waiting')).toContain(`waiting for dependency ${first.id} (running)`);
		expect(field(frame, 'After')).toContain(`${first.id} ▶ Running`);
		expect(field(frame, 'Started')).toContain('not yet');
		await harness.client.request({type: 'Kill', all: true});
	});

	it('scrolls when taller than the screen', async () => {
		harness = await startHarness({size: {columns: 80, rows: 16}});
		const task = await addTask(harness.client, 'true', {stashed: true});
		await harness.waitForFrame((text) => text.includes('Stashed'), 'the row');
		await harness.press('d');
		const top = await harness.waitForFrame((text) => text.includes(`Task ${task.id}: stashed`) && / 1–\d+ of \d+/.test(text), 'the details, scrollable');
		expect(top).toContain('│ Status');
		expect(top).not.toContain('Env ');
		await harness.press('j');
		await harness.waitForFrame((text) => / 2–\d+ of \d+/.test(text) && !text.includes('│ Status'), 'one line down');
		await harness.press('G');
		await harness.waitForFrame((text) => /│ Env\s+1 variable/.test(text), 'the end');
		await harness.press('g');
		await harness.waitForFrame((text) => text.includes('│ Status'), 'the top again');
	});

	it('opens from the palette, for a task by id or the one under the cursor', async () => {
		harness = await startHarness();
		const first = await addTask(harness.client, 'echo first', {stashed: true});
		const second = await addTask(harness.client, 'echo second', {stashed: true});
		await harness.waitForFrame((text) => text.includes('echo second'), 'both rows');
		await harness.press(':');
		await harness.type(`details ${second.id}`);
		await harness.press(keys.enter);
		await harness.waitForFrame((text) => text.includes(`Task ${second.id}: stashed`), 'the details of the second task');
		// Esc goes back to the table, the cursor on that task.
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => text.includes(`task ${second.id} · `), 'the table, the cursor on the second task');
		await harness.press(':');
		await harness.type('details');
		await harness.press(keys.enter);
		await harness.waitForFrame((text) => text.includes(`Task ${second.id}: stashed`), 'the details of the task under the cursor');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => !text.includes('Attempts'), 'the table');
		await harness.press('k');
		await harness.waitForFrame((text) => text.includes(`task ${first.id} · `), 'the cursor on the first task');
		await harness.press(':');
		await harness.type('details x');
		await harness.press(keys.enter);
		await harness.waitForFrame((text) => text.includes('details takes one task id'), 'the error');
		await harness.press(':');
		await harness.type('details 99');
		await harness.press(keys.enter);
		await harness.waitForFrame((text) => text.includes('Task 99: there is no such task'), 'a missing task');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => text.includes(`echo first`) && !text.includes('no such task'), 'the table');
	});
});
