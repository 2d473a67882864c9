// The log pane says why a task has no output, instead of a blank pane with
// FOLLOW; a finished task's log says it ended, not FOLLOW or "paused".
import {afterEach, describe, expect, it} from 'vitest';
import {addTask, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {type Harness, keys, startHarness} from './app-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

/** The log pane's title line of a task, and the line under it. */
function pane(frame: string, id: number): string {
	const lines = frame.split('\n');
	const at = lines.findIndex((line) => line.startsWith(`task ${id} · `));
	return at === -1 ? '' : lines.slice(at, at + 3).join('\n');
}

describe('the log pane of a task without output', () => {
	it('names the dependencies a queued task waits for, then shows its log once it runs', async () => {
		harness = await startHarness();
		const first = await addTask(harness.client, 'sleep 1');
		const second = await addTask(harness.client, 'echo second-ran', {after: [first.id]});
		await waitForTasks(harness.client, [first.id], 'running');
		await harness.waitForFrame((text) => text.includes('echo second-ran'), 'both rows');
		await harness.press('j');
		const frame = await harness.waitForFrame((text) => pane(text, second.id).includes('has not run yet'), 'the reason');
		expect(pane(frame, second.id)).toContain(`task ${second.id} has not run yet: waiting for dependency ${first.id} (running)`);
		expect(pane(frame, second.id)).not.toContain('FOLLOW');
		await harness.waitForFrame((text) => pane(text, second.id).includes('second-ran'), 'the log once it ran');
	});

	it('says a stashed task waits to be enqueued, and a delayed one until when', async () => {
		harness = await startHarness();
		const stashed = await addTask(harness.client, 'echo later', {stashed: true});
		const delayed = await addTask(harness.client, 'echo much-later', {enqueueAt: Date.now() + 3_600_000});
		await harness.waitForFrame((text) => text.includes('echo much-later'), 'both rows');
		await harness.waitForFrame((text) => pane(text, stashed.id).includes('stashed: it runs once enqueued'), 'the stashed reason');
		await harness.press('j');
		await harness.waitForFrame((text) => /delayed until \d{4}-\d\d-\d\d \d\d:\d\d/.test(pane(text, delayed.id)), 'the delayed reason');
	});

	it('says a dependency failed, in the daemon words', async () => {
		harness = await startHarness();
		const failed = await addTask(harness.client, 'exit 2');
		const dependant = await addTask(harness.client, 'echo never', {after: [failed.id]});
		await waitForTasks(harness.client, [dependant.id]);
		await harness.waitForFrame((text) => text.includes('Dep'), 'the dependant row, ended');
		await harness.press('j');
		const frame = await harness.waitForFrame((text) => pane(text, dependant.id).includes('never ran'), 'the reason');
		expect(pane(frame, dependant.id)).toContain(`task ${dependant.id} never ran: dependency ${failed.id} ended Failed`);
		expect(frame).not.toContain('FOLLOW');
	});

	it('says why a task failed to spawn', async () => {
		harness = await startHarness({config: {shell: '/nonexistent/spool-test-shell'}});
		const task = await addTask(harness.client, 'echo unreachable');
		await waitForTasks(harness.client, [task.id]);
		const frame = await harness.waitForFrame((text) => pane(text, task.id).includes('never ran: it failed to spawn'), 'the reason');
		expect(pane(frame, task.id)).toContain('spool-test-shell');
	});
});

describe('the log pane of a finished task', () => {
	it('says it is at the end of the log, and scrolled up, never FOLLOW or paused', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'seq 1 100');
		await waitForTasks(harness.client, [task.id]);
		const end = await harness.waitForFrame((text) => pane(text, task.id).includes('end of log') && /^100\s*$/m.test(text), 'the end of the log');
		expect(end).not.toContain('FOLLOW');
		await harness.press(keys.tab);
		await harness.waitForFrame((text) => text.includes('w wrap'), 'the log to have the keys');
		await harness.press('k');
		const up = await harness.waitForFrame((text) => pane(text, task.id).includes('scrolled up'), 'scrolled up');
		expect(up).not.toContain('paused');
		expect(up).not.toContain('new line');
	});
});
