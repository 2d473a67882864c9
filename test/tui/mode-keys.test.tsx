// Each dialog answers its own keys. Several keys can arrive in one read of
// the terminal (fast typing, a paste with arrow keys in it): each must be
// answered by the mode it arrived in, also when the key before it in the same
// read opened or closed a dialog. And the terminal stays in raw mode while
// the dialogs take turns.
import {afterEach, describe, expect, it, vi} from 'vitest';
import {addTask, getTask, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {type Harness, keys, startHarness} from './app-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

describe('keys that arrive in one read', () => {
	it('an arrow after x answers the question: no', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'sleep 60');
		await waitForTasks(harness.client, [task.id], 'running');
		await harness.waitForFrame((text) => text.includes('Running'), 'the running row');
		await harness.press(`x${keys.up}`);
		await harness.waitForFrame((text) => text.includes('Nothing changed.'), 'the refusal');
		expect((await getTask(harness.client, task.id)).status).toBe('Running');
		await harness.client.request({type: 'Kill', all: true});
	});

	it('an arrow and text after a go to the add dialog', async () => {
		harness = await startHarness();
		await harness.press(`a${keys.down}gpu`);
		await harness.waitForFrame((text) => /group\s+defaultgpu/.test(text), 'the text in the group field');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => text.includes('Nothing added.'), 'the dialog to close');
	});

	it('an arrow after ? scrolls the help', async () => {
		harness = await startHarness();
		await harness.press(`?${keys.down}`);
		await harness.waitForFrame((text) => text.includes('previous task / scroll up') && !text.includes('next task / scroll down'), 'the help, one line down');
	});

	it('x after an arrow asks about the task the arrow moved to', async () => {
		harness = await startHarness();
		await harness.client.request({type: 'Parallel', parallel: 0});
		const first = await addTask(harness.client, 'sleep 60');
		const second = await addTask(harness.client, 'sleep 61');
		await waitForTasks(harness.client, [first.id, second.id], 'running');
		await harness.waitForFrame((text) => text.includes(`task ${first.id} · sleep 60`) && text.split('Running').length > 2, 'both running, the first selected');
		await harness.press(`${keys.down}x`);
		await harness.waitForFrame((text) => text.includes(`Kill task ${second.id} (sleep 61)? [y/N]`), 'the question about the second task');
		await harness.press('n');
		await harness.client.request({type: 'Kill', all: true});
	});
});

describe('keys that arrive in one read, after one that moves the focus', () => {
	it.each([
		['Tab', keys.tab],
		['Enter', keys.enter],
	])('an arrow after %s scrolls the log, not the table', async (_name, first) => {
		harness = await startHarness();
		const short = await addTask(harness.client, 'echo short');
		const long = await addTask(harness.client, 'seq 1 200');
		await waitForTasks(harness.client, [short.id, long.id]);
		await harness.press('j');
		await harness.waitForFrame((text) => text.includes(`task ${long.id} · seq 1 200`) && text.includes('end of log') && /^200\s*$/m.test(text), 'the long log, at its end');
		await harness.press(`${first}${keys.up}`);
		const frame = await harness.waitForFrame((text) => text.includes('scrolled up'), 'the log to scroll');
		expect(frame).toContain(`task ${long.id} · seq 1 200`);
	});
});

describe('dialogs taking turns', () => {
	it('leave the terminal in raw mode', async () => {
		harness = await startHarness();
		// Ink switches raw mode through the stdin it was given.
		const setRawMode = vi.spyOn(harness.stdin, 'setRawMode');
		await harness.press('a');
		await harness.waitForFrame((text) => text.includes('Add a task'), 'the add dialog');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => text.includes('Nothing added.'), 'the add dialog to close');
		await harness.press('?');
		// The help's first line: its last ones are below the fold of 40 rows.
		await harness.waitForFrame((text) => text.includes('next task / scroll down'), 'the help');
		await harness.press('q');
		await harness.waitForFrame((text) => !text.includes('next task / scroll down'), 'the help to close');
		await harness.press(':');
		await harness.type('zz');
		await harness.waitForFrame((text) => text.includes(':zz'), 'the palette');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => !text.includes(':zz'), 'the palette to close');
		await harness.press('/');
		await harness.type('x');
		await harness.waitForFrame((text) => text.includes('filter: x'), 'the filter');
		expect(setRawMode).not.toHaveBeenCalled();
	});
});
