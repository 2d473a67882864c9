// The `:` palette in the UI: commands from the CLI's definitions, Tab
// completion, and errors shown whole (wrapped), never cut with "…".
import {afterEach, describe, expect, it} from 'vitest';
import {addTask, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {type Harness, keys, startHarness} from './app-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

describe('the palette', () => {
	it('shows a long error whole, on as many lines as it takes, at 80 columns', async () => {
		harness = await startHarness({size: {columns: 80, rows: 24}});
		await harness.press(':');
		await harness.type('frob');
		await harness.press(keys.enter);
		const frame = await harness.waitForFrame((text) => text.includes('unknown command "frob"'), 'the error');
		// The message's lines, above the line of keys.
		const message = frame.slice(frame.indexOf('unknown command'), frame.lastIndexOf('\n'));
		// The list of commands ends with the last palette command, and nothing is cut.
		expect(message.replaceAll(/\s+/g, ' ')).toMatch(/parallel\b/);
		expect(message).not.toContain('…');
		expect(frame.split('\n').length).toBeLessThanOrEqual(23);
	});

	it('completes with Tab: the command, then a group of the daemon, and lists the choices', async () => {
		harness = await startHarness();
		await harness.client.request({type: 'GroupAdd', name: 'gpu-small'});
		await harness.client.request({type: 'GroupAdd', name: 'gpu-large'});
		await harness.waitForFrame((text) => text.includes('connected'), 'the UI');
		await harness.press(':');
		await harness.type('para');
		await harness.press(keys.tab);
		await harness.waitForFrame((text) => text.includes(':parallel'), 'the command completed');
		await harness.type('3 -g g');
		await harness.press(keys.tab);
		const frame = await harness.waitForFrame((text) => text.includes(':parallel 3 -g gpu-'), 'the group completed as far as it goes');
		expect(frame).toMatch(/gpu-large\s+gpu-small/);
		await harness.type('s');
		await harness.press(keys.tab, keys.enter);
		await harness.waitForFrame((text) => text.includes('Group gpu-small runs 3 at once — spool parallel 3 -g gpu-small'), 'the command run');
	});

	it(":status filters the table with a status query; :log opens a task's log", async () => {
		harness = await startHarness();
		const good = await addTask(harness.client, 'echo fine');
		const bad = await addTask(harness.client, 'echo broken; exit 3');
		await waitForTasks(harness.client, [good.id, bad.id]);
		await harness.waitForFrame((text) => text.includes('Failed'), 'both rows');
		await harness.press(':');
		await harness.type('status status!=success');
		await harness.press(keys.enter);
		const frame = await harness.waitForFrame((text) => text.includes('filter: status!=success'), 'the filter');
		expect(frame).not.toContain('echo fine');
		expect(frame).toContain('Filter: status!=success — spool status');
		await harness.press(':');
		await harness.type(`log ${good.id}`);
		await harness.press(keys.enter);
		// The filter hid it: it goes, and the log of the task fills the screen.
		await harness.waitForFrame((text) => text.includes(`task ${good.id} · echo fine`) && !text.includes('filter:') && !text.includes('Command'), 'the zoomed log');
	});

	it(':env show opens the environment as a page; :help a command', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'true', {env: {PATH: '/bin', SPOOL_TEST_VALUE: 'forty two'}});
		await harness.waitForFrame((text) => text.includes('true'), 'the row');
		await harness.press(':');
		await harness.type(`env show ${task.id}`);
		await harness.press(keys.enter);
		await harness.waitForFrame((text) => text.includes(`Environment of task ${task.id} — spool env show ${task.id}`) && text.includes('SPOOL_TEST_VALUE=forty two'), 'the page');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => !text.includes('Environment of task'), 'the page to close');
		await harness.press(':');
		await harness.type('help kill');
		await harness.press(keys.enter);
		await harness.waitForFrame((text) => text.includes('spool kill [<ids> | -g <group> | --all] [-s SIGNAL]'), 'the help of kill');
	});
});
