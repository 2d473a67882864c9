// The UI's actions against a real daemon say what they did: a restart names
// the new task and moves to it, an action on marked tasks does what it can
// and names the rest, marks stay when the daemon refuses, s undoes p on a
// group, and every edit spool edit allows works from `e`.
import {afterEach, describe, expect, it} from 'vitest';
import {addTask, getTask, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {type Harness, keys, startHarness} from './app-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

const row = (frame: string, id: number) => frame.split('\n').find((line) => new RegExp(`^.\\s*${id} `).test(line));
/** The log pane's title names the task under the cursor. */
const selected = (frame: string, id: number) => new RegExp(`task ${id} · `).test(frame);

describe('actions say the truth', () => {
	it('r names the new task and moves the cursor to it', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'echo again');
		await waitForTasks(harness.client, [task.id]);
		await harness.waitForFrame((text) => Boolean(row(text, task.id)?.includes('Success')) && selected(text, task.id), 'the finished task');
		await harness.press('r');
		const frame = await harness.waitForFrame((text) => text.includes(`Restarted task ${task.id} as task ${task.id + 1}`), 'the message');
		expect(frame).toContain(`spool restart ${task.id}`);
		await harness.waitForFrame((text) => selected(text, task.id + 1), 'the cursor on the new task');
	});

	it('kills the marked tasks that run, names the one that does not, and keeps its mark', async () => {
		harness = await startHarness();
		await harness.client.request({type: 'Parallel', parallel: 0});
		const a = await addTask(harness.client, 'sleep 60');
		const b = await addTask(harness.client, 'sleep 60');
		const c = await addTask(harness.client, 'true');
		await waitForTasks(harness.client, [a.id, b.id], 'running');
		await waitForTasks(harness.client, [c.id]);
		await harness.waitForFrame((text) => Boolean(row(text, c.id)?.includes('Success') && row(text, b.id)?.includes('Running')), 'the rows');
		await harness.press(keys.space, keys.space, keys.space);
		await harness.waitForFrame((text) => text.includes('3 marked'), 'three marks');
		await harness.press('x');
		await harness.waitForFrame((text) => text.includes(`Kill tasks ${a.id}, ${b.id}? (${c.id} is not running) [y/N]`), 'the question, naming the running ones and the other');
		await harness.press('y');
		const frame = await harness.waitForFrame((text) => text.includes(`Killed tasks ${a.id}, ${b.id}; ${c.id} is not running`), 'the report');
		expect(frame).toContain(`spool kill ${a.id} ${b.id}`);
		// The one left out stays marked; the killed ones are not.
		await harness.waitForFrame((text) => text.includes('1 marked'), 'one mark left');
	});

	it('keeps every mark when the daemon refuses, and removes what can go', async () => {
		harness = await startHarness();
		const needed = await addTask(harness.client, 'true');
		const other = await addTask(harness.client, 'true');
		await waitForTasks(harness.client, [needed.id, other.id]);
		// A stashed task waits for the first: the daemon will not remove that one.
		const waiter = await addTask(harness.client, 'echo later', {stashed: true, after: [needed.id]});
		await harness.waitForFrame((text) => text.includes('Stashed') && Boolean(row(text, other.id)?.includes('Success')), 'the rows');
		await harness.press(keys.space);
		await harness.waitForFrame((text) => text.includes('1 marked'), 'a mark');
		await harness.press('D', 'y');
		await harness.waitForFrame((text) => text.includes(`Nothing removed; task ${waiter.id} depends on task ${needed.id}`), 'the refusal, whole');
		expect(harness.frame()).toContain('1 marked');
		expect(row(harness.frame(), needed.id)).toBeDefined();
		// With the other one marked too, that one goes and the first is named.
		await harness.press(keys.space);
		await harness.waitForFrame((text) => text.includes('2 marked'), 'two marks');
		await harness.press('D');
		await harness.waitForFrame((text) => text.includes(`Remove tasks ${needed.id}, ${other.id} and their logs? [y/N]`), 'the question');
		await harness.press('y');
		await harness.waitForFrame((text) => !row(text, other.id) && text.includes(`Removed task ${other.id}; task ${waiter.id} depends on task ${needed.id}`), 'the report');
		await harness.waitForFrame((text) => text.includes('1 marked'), 'the refused one still marked');
	});

	it('s on a finished task in a paused group resumes the group that p paused', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'true');
		await waitForTasks(harness.client, [task.id]);
		await harness.waitForFrame((text) => Boolean(row(text, task.id)?.includes('Success')), 'the finished task');
		await harness.press('p');
		await harness.waitForFrame((text) => text.includes('Paused group default — spool pause -g default'), 'the group paused');
		await harness.press('s');
		await harness.waitForFrame((text) => text.includes('Resumed group default — spool start -g default'), 'the group resumed');
		const {groups} = await harness.client.request({type: 'GroupList'});
		expect(groups.find((group) => group.name === 'default')?.status).toBe('Running');
	});

	it('e edits the label of a finished task; Esc in the edit changes nothing and says so', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'true', {label: 'old'});
		await waitForTasks(harness.client, [task.id]);
		await harness.waitForFrame((text) => Boolean(row(text, task.id)?.includes('Success')), 'the finished task');
		await harness.press('e');
		await harness.waitForFrame((text) => text.includes(`Edit task ${task.id}`), 'the edit dialog');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => text.includes('Nothing changed.'), 'the cancel');
		await harness.press('e');
		await harness.waitForFrame((text) => text.includes(`Edit task ${task.id}`), 'the edit dialog again');
		// Down to the label, which holds "old": three backspaces, then the new one.
		await harness.press(keys.down, '\u007F', '\u007F', '\u007F');
		await harness.type('new');
		await harness.press(keys.enter);
		await harness.waitForFrame((text) => text.includes(`Edited task ${task.id} — spool edit ${task.id} --label new`), 'the edit');
		expect((await getTask(harness.client, task.id)).label).toBe('new');
	});
});
