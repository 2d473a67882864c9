// The full-screen UI against a real daemon: live updates, navigation, filter,
// dialogs, confirmation, the log pane, marks, help.
import {afterEach, describe, expect, it, vi} from 'vitest';

// Colours in frames need Ink's chalk to believe the terminal takes them.
vi.hoisted(() => {
	process.env.FORCE_COLOR = '3';
	process.env.COLORTERM = 'truecolor';
});

import {defaultKeymap} from '../../source/tui/keymap.js';
import {addTask, getTask, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {waitFor} from '../helpers/wait-for.js';
import {type Harness, keys, startHarness} from './app-harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

const row = (frame: string, id: number) => frame.split('\n').find((line) => new RegExp(`^.\\s*${id} `).test(line));

describe('the UI with a real daemon', () => {
	it('shows a task added from outside, live', async () => {
		harness = await startHarness();
		expect(harness.frame()).toContain('No tasks.');
		const task = await addTask(harness.client, 'echo added-from-outside');
		const frame = await harness.waitForFrame((text) => row(text, task.id)?.includes('echo added-from-outside') ?? false, 'the new row');
		expect(frame).toMatch(/1 (queued|running|done)/);
		await harness.waitForFrame((text) => row(text, task.id)?.includes('Success') ?? false, 'the task to end');
	});

	it('shows a task being edited as Locked, counted in the header, and as it was once the edit ends', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'echo being-edited', {stashed: true});
		const editor = await harness.daemon.client();
		await editor.request({type: 'Lock', ids: [task.id]});
		const frame = await harness.waitForFrame((text) => row(text, task.id)?.includes('✎ Locked') ?? false, 'the locked row');
		expect(frame).toContain('1 locked');
		await editor.request({type: 'Unlock', ids: [task.id]});
		await harness.waitForFrame((text) => row(text, task.id)?.includes('◌ Stashed') ?? false, 'the row stashed again');
	});

	it('moves the cursor and keeps it on its task when rows move', async () => {
		harness = await startHarness();
		const tasks: Array<{id: number}> = [];
		for (let index = 0; index < 4; index++) tasks.push(await addTask(harness.client, `echo row-${index}`));
		await waitForTasks(
			harness.client,
			tasks.map((task) => task.id),
		);
		await harness.waitForFrame((text) => Boolean(row(text, tasks[3]!.id)), 'all rows');
		await harness.press('j', 'j');
		await harness.waitForFrame((text) => text.includes(`task ${tasks[2]!.id} · echo row-2`), 'the log of the third task');
		// Remove the first two: the cursor's task moves up two rows and stays selected.
		await harness.client.request({type: 'Remove', ids: [tasks[0]!.id, tasks[1]!.id]});
		await harness.waitForFrame((text) => !row(text, tasks[0]!.id), 'rows to move');
		expect(harness.frame()).toContain(`task ${tasks[2]!.id} · echo row-2`);
		await harness.press('G');
		await harness.waitForFrame((text) => text.includes(`task ${tasks[3]!.id} · echo row-3`), 'the last task');
		await harness.press('g');
		await harness.waitForFrame((text) => text.includes(`task ${tasks[2]!.id} · echo row-2`), 'the first task');
	});

	it('filters tasks', async () => {
		harness = await startHarness();
		const good = await addTask(harness.client, 'echo fine');
		const bad = await addTask(harness.client, 'exit 3');
		await waitForTasks(harness.client, [good.id, bad.id]);
		await harness.waitForFrame((text) => Boolean(row(text, bad.id)?.includes('Failed')), 'both rows');
		await harness.press('/');
		await harness.type('status:failed');
		await harness.press(keys.enter);
		const frame = await harness.waitForFrame((text) => !row(text, good.id), 'the filter to apply');
		expect(row(frame, bad.id)).toBeDefined();
		expect(frame).toContain('filter: status:failed');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => Boolean(row(text, good.id)), 'the filter to clear');
	});

	it('adds a task through the dialog', async () => {
		harness = await startHarness();
		await harness.press('a');
		await harness.waitForFrame((text) => text.includes('Add a task'), 'the dialog');
		await harness.type('echo from-the-dialog');
		await harness.press(keys.tab, keys.tab);
		await harness.type('dialog-label');
		await harness.press(keys.enter);
		const frame = await harness.waitForFrame((text) => text.includes('Added task 1'), 'the confirmation');
		// Every field given is in the command shown, so pasting it does the same.
		expect(frame).toContain('spool add -l dialog-label -- echo from-the-dialog');
		const task = await getTask(harness.client, 1);
		expect(task).toMatchObject({command: 'echo from-the-dialog', label: 'dialog-label', cwd: '/tmp'});
	});

	it('asks before killing, and kills on yes', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'sleep 60');
		await waitForTasks(harness.client, [task.id], 'running');
		await harness.waitForFrame((text) => Boolean(row(text, task.id)?.includes('Running')), 'the running row');
		await harness.press('x');
		await harness.waitForFrame((text) => text.includes(`Kill task ${task.id} (sleep 60)? [y/N]`), 'the question');
		await harness.press('n');
		await harness.waitForFrame((text) => text.includes('Nothing changed.'), 'the refusal');
		expect((await getTask(harness.client, task.id)).status).toBe('Running');
		await harness.press('x');
		await harness.waitForFrame((text) => text.includes('[y/N]'), 'the question again');
		await harness.press('y');
		await harness.waitForFrame((text) => Boolean(row(text, task.id)?.includes('Killed')), 'the killed row');
		expect(harness.frame()).toContain(`spool kill ${task.id}`);
	});

	it('shows the log with colours and one line for a \\r progress bar', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'printf "\\033[31mred text\\033[0m\\n"; for p in 10 50 100; do printf "progress $p%%\\r"; done; echo; echo end');
		await waitForTasks(harness.client, [task.id]);
		await harness.waitForFrame((text) => text.includes('end') && text.includes('progress 100%'), 'the log');
		const lines = harness.frame().split('\n');
		// One log line (the pane's title also shows the command, which mentions "progress").
		expect(lines.filter((line) => line.trimStart().startsWith('progress')).length).toBe(1);
		expect(lines.some((line) => line.includes('progress 10%') || line.includes('progress 50%'))).toBe(false);
		// The raw frame holds the colour: a red foreground around the text.
		await waitFor(() => /\u001B\[31mred text/.test(harness!.raw()), {what: 'red colour in the frame'});
	});

	it('marks several tasks and pauses them together', async () => {
		harness = await startHarness();
		await harness.client.request({type: 'Parallel', parallel: 0});
		const first = await addTask(harness.client, 'sleep 60');
		const second = await addTask(harness.client, 'sleep 60');
		await waitForTasks(harness.client, [first.id, second.id], 'running');
		await harness.waitForFrame((text) => Boolean(row(text, second.id)?.includes('Running')), 'both running');
		await harness.press(keys.space, keys.space);
		await harness.waitForFrame((text) => text.includes('2 marked'), 'two marks');
		await harness.press('p');
		await harness.waitForFrame((text) => Boolean(row(text, first.id)?.includes('Paused') && row(text, second.id)?.includes('Paused')), 'both paused');
		expect(harness.frame()).toContain(`spool pause ${first.id} ${second.id}`);
		await harness.client.request({type: 'Kill', all: true});
	});

	it('lists every key in the help', async () => {
		harness = await startHarness({size: {columns: 120, rows: 60}});
		await harness.press('?');
		const frame = await harness.waitForFrame((text) => text.includes('this help'), 'the help');
		for (const spec of Object.values(defaultKeymap)) expect(frame).toContain(spec.description);
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => !text.includes('this help'), 'the help to close');
	});
});

describe('the UI when the daemon restarts', () => {
	it('shows reconnecting and recovers by itself', async () => {
		const {render} = await import('ink-testing-library');
		const {Daemon} = await import('../../source/daemon/daemon.js');
		const {defaultConfig, resolvePaths} = await import('../../source/config.js');
		const {connect} = await import('../../source/client/client.js');
		const {readSecretFile} = await import('../../source/protocol/secret.js');
		const {makeTempHome} = await import('../helpers/temp-home.js');
		const {App} = await import('../../source/tui/app.js');
		const {DaemonLink} = await import('../../source/tui/daemon-link.js');
		const {QueueStore} = await import('../../source/tui/queue-store.js');
		const {buildKeymap} = await import('../../source/tui/keymap.js');
		const {home, cleanup} = makeTempHome();
		const paths = resolvePaths(home);
		const start = async () => {
			const daemon = new Daemon({paths, config: defaultConfig()});
			await daemon.start();
			return daemon;
		};

		let daemon = await start();
		const open = async () => connect({endpoint: {kind: 'unix', path: paths.socket}, secret: readSecretFile(paths.secret)});
		const store = new QueueStore(10);
		const link = new DaemonLink(open, store, paths.socket);
		link.start();
		const instance = render(<App link={link} keymap={buildKeymap()} cwd="/tmp" env={{}} size={{columns: 120, rows: 30}} />);
		const frame = () => instance.lastFrame() ?? '';
		try {
			await waitFor(() => frame().includes('● connected'), {what: 'connected'});
			const client = await open();
			await client.request({type: 'Add', command: 'echo survives', cwd: '/tmp', env: {PATH: '/usr/bin:/bin'}});
			client.close();
			await waitFor(() => frame().includes('echo survives'), {what: 'the task'});
			await daemon.stop();
			await waitFor(() => frame().includes('reconnecting'), {what: 'reconnecting'});
			daemon = await start();
			await waitFor(() => frame().includes('● connected') && frame().includes('echo survives'), {what: 'reconnected with the state'});
		} finally {
			instance.unmount();
			link.stop();
			store.dispose();
			await daemon.stop();
			cleanup();
		}
	});
});
