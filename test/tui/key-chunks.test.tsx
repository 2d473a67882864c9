// Several keys in one read of the terminal (key repeat, ssh, a paste, tmux
// send-keys): each acts, in order, as if typed one by one; a bracketed paste
// lands whole in a text field and does nothing elsewhere.
import {afterEach, describe, expect, it} from 'vitest';
import {addTask, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {type Harness, keys, startHarness} from './app-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

const paste = (text: string) => `\u001B[200~${text}\u001B[201~`;

async function withRows(count: number): Promise<number[]> {
	harness = await startHarness();
	const ids: number[] = [];
	for (let index = 0; index < count; index++) ids.push((await addTask(harness.client, `echo row-${index}`)).id);
	await waitForTasks(harness.client, ids);
	await harness.waitForFrame((text) => text.includes(`task ${ids[0]} · echo row-0`) && text.includes('echo row-4'), 'the rows, the first selected');
	return ids;
}

describe('keys in one read', () => {
	it('jjj moves the cursor three rows', async () => {
		const ids = await withRows(5);
		await harness!.press('jjj');
		await harness!.waitForFrame((text) => text.includes(`task ${ids[3]} · echo row-3`), 'the fourth row selected');
	});

	it('arrow keys between letters are split and act in order', async () => {
		const ids = await withRows(5);
		await harness!.press(`j${keys.down}j${keys.down}k`);
		await harness!.waitForFrame((text) => text.includes(`task ${ids[3]} · echo row-3`), 'the fourth row selected');
	});

	it('two Backspaces in one write delete two characters of the filter', async () => {
		await withRows(5);
		await harness!.press('/');
		await harness!.waitForFrame((text) => /^\/\s*$/m.test(text), 'the filter prompt');
		await harness!.press('row-12');
		await harness!.waitForFrame((text) => text.includes('/row-12') && !text.includes('echo row-0'), 'the filter typed');
		await harness!.press('\u007F\u007F');
		await harness!.waitForFrame((text) => /^\/row-\s*$/m.test(text) && text.includes('echo row-0'), 'two characters deleted, the rows back');
	});

	it('Enter inside a chunk submits the filter and the keys after it move the cursor', async () => {
		const ids = await withRows(5);
		await harness!.press('/row\rjj');
		await harness!.waitForFrame((text) => text.includes('filter: row') && text.includes(`task ${ids[2]} · echo row-2`), 'the filter kept and the cursor two down');
	});

	it('a bracketed paste lands whole in the filter, and does nothing in the table', async () => {
		const ids = await withRows(5);
		await harness!.press(paste('jjjx'));
		await harness!.waitForFrame((text) => text.includes('Paste into a text field'), 'the paste refused in the table');
		expect(harness!.frame()).toContain(`task ${ids[0]} · echo row-0`);
		await harness!.press('/');
		await harness!.waitForFrame((text) => /^\/\s*$/m.test(text), 'the filter prompt');
		await harness!.press(paste('row-3\r'));
		// The line break in the paste is text in the field (shown as ↵), not an Enter: the prompt stays open.
		await harness!.waitForFrame((text) => /^\/row-3↵\s*$/m.test(text) && !text.includes('echo row-0'), 'the pasted text in the field');
		await harness!.press(keys.enter);
		await harness!.waitForFrame((text) => !/^\/row-3/m.test(text) && text.includes('filter: row-3↵') && text.includes(`task ${ids[3]} · echo row-3`), 'the filter kept after a real Enter');
	});
});
