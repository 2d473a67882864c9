// The UI's pure parts: filter, palette, keymap, view model, store coalescing.
import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {wireTask} from '../helpers/wire-task.js';
import {buildKeymap, resolve} from '../../source/tui/keymap.js';
import {parsePalette as parseLine} from '../../source/tui/palette.js';
import {PaletteError} from '../../source/tui/palette-scan.js';
import {splitWords} from '../../source/tui/shell-words.js';
import {QueueStore} from '../../source/tui/queue-store.js';
import {parseFilter} from '../../source/tui/task-filter.js';
import {cursorIndex, scrollTop, visibleTasks} from '../../source/tui/view-model.js';

const task = wireTask;

describe('filter', () => {
	const tasks = [
		task(1, {command: 'make test', status: 'Done', result: 'Failed', label: 'nightly'}),
		task(2, {command: 'make build', status: 'Done', result: 'Success', group: 'gpu'}),
		task(3, {command: 'sleep 9', status: 'Running'}),
	];
	const ids = (text: string) => tasks.filter(parseFilter(text)).map((entry) => entry.id);
	it('matches text, status, group and label, all words together', () => {
		expect(ids('make')).toEqual([1, 2]);
		expect(ids('status:failed')).toEqual([1]);
		expect(ids('status:running,success')).toEqual([2, 3]);
		expect(ids('group:gpu')).toEqual([2]);
		expect(ids('label:night make')).toEqual([1]);
		expect(ids('')).toEqual([1, 2, 3]);
	});
});

describe('palette', () => {
	const context = {cwd: '/work', env: {PATH: '/bin'}};
	/** The request a line sends (every line here sends one). */
	const parsePalette = (line: string, lineContext: typeof context) => {
		const command = parseLine(line, lineContext);
		if (!('request' in command)) throw new Error(`${line} sends no request`);
		return command;
	};
	it('turns CLI-style commands into requests', () => {
		expect(parsePalette(':parallel 4 -g gpu', context).request).toEqual({type: 'Parallel', parallel: 4, group: 'gpu'});
		expect(parsePalette('add -g x -l nightly -- make "a b"', context).request).toMatchObject({type: 'Add', command: 'make a b', group: 'x', label: 'nightly', cwd: '/work'});
		expect(parsePalette('kill 3-5 -s int', context).request).toEqual({type: 'Kill', ids: [3, 4, 5], signal: 'SIGINT'});
		expect(parsePalette('pause', context).request).toEqual({type: 'Pause', group: 'default'});
		expect(parsePalette('group add gpu -p 2', context).request).toEqual({type: 'GroupAdd', name: 'gpu', parallel: 2});
		expect(parsePalette('restart 4 -i', context).request).toMatchObject({type: 'Restart', ids: [4], inPlace: true});
		expect(parsePalette('clean -s -g gpu', context).request).toEqual({type: 'Clean', successfulOnly: true, group: 'gpu'});
		expect(parsePalette('clean', context).request).toEqual({type: 'Clean', successfulOnly: false});
		expect(parsePalette('stash 3', context).request).toEqual({type: 'Stash', ids: [3]});
	});

	it('reads :add as the CLI does: the command starts at the first word that is not an option', () => {
		expect(parsePalette(':add ls -la', context).request).toMatchObject({type: 'Add', command: 'ls -la'});
		expect(parsePalette(':add -g x grep -i foo f', context).request).toMatchObject({type: 'Add', command: 'grep -i foo f', group: 'x'});
		expect(parsePalette(':add -o -5 make -j4', context).request).toMatchObject({type: 'Add', command: 'make -j4', priority: -5});
		expect(() => parsePalette(':add --bogus ls', context)).toThrow('unknown option --bogus for "add"');
		expect(() => parsePalette(':pasue', context)).toThrow('did you mean pause?');
	});

	it('says what is wrong', () => {
		expect(() => parsePalette('frob', context)).toThrow(PaletteError);
		expect(() => parsePalette('parallel many', context)).toThrow(/whole number/);
		// What the CLI does in several requests is refused, never half done (clean of every group, stash without its time).
		expect(() => parsePalette('clean -g a -g b', context)).toThrow(/one group here/);
		expect(() => parsePalette('stash 3 -d 1h', context)).toThrow(/run it in a shell/);
		expect(() => splitWords('say "unclosed')).toThrow(/unclosed/);
	});

	it(':edit takes the same flags as spool edit, --after included, for one task', () => {
		expect(parsePalette(':edit 4 --after 1,2 --label x', context).request).toEqual({type: 'Edit', task: 4, after: [1, 2], label: 'x'});
		expect(parsePalette(":edit 4 --after ''", context).request).toEqual({type: 'Edit', task: 4, after: []});
		expect(() => parsePalette(':edit 4 5 --label x', context)).toThrow(/one task here/);
	});
});

describe('keymap', () => {
	it('resolves keys per context and takes overrides from the config', () => {
		const keymap = buildKeymap({kill: 'X', down: ['j', 'ctrl+n']});
		expect(resolve(keymap, 'table', 'X')).toBe('kill');
		expect(resolve(keymap, 'table', 'x')).toBeUndefined();
		expect(resolve(keymap, 'table', 'ctrl+n')).toBe('down');
		expect(resolve(keymap, 'table', '/')).toBe('filter');
		expect(resolve(keymap, 'log', '/')).toBe('search');
		expect(() => buildKeymap({explode: 'e'})).toThrow(/unknown action "explode"/);
	});
});

describe('view model', () => {
	it('keeps the cursor on its task when rows move', () => {
		const tasks = {ids: [2, 5, 9]};
		expect(cursorIndex(tasks, 5, 0)).toBe(1);
		expect(cursorIndex({ids: [5, 9]}, 5, 0)).toBe(0);
		expect(cursorIndex(tasks, 7, 2)).toBe(2);
		expect(scrollTop(0, 25, 10, 100)).toBe(16);
		expect(scrollTop(20, 5, 10, 100)).toBe(5);
	});

	it('filters 100,000 tasks', () => {
		const store = new QueueStore(0);
		store.reset(
			{},
			[],
			[],
			Array.from({length: 100_000}, (_value, index) => task(index + 1, index % 10 === 0 ? {label: 'x'} : {})),
		);
		const snapshot = store.getSnapshot();
		expect(visibleTasks(snapshot, '').length).toBe(100_000);
		expect(visibleTasks(snapshot, 'label:x').length).toBe(10_000);
		store.dispose();
	});
});

describe('store', () => {
	it('coalesces a burst of events into one notification', async () => {
		const store = new QueueStore(50);
		let notified = 0;
		store.subscribe(() => notified++);
		store.reset({}, [], [], []);
		for (let id = 1; id <= 100; id++) store.taskChanged(task(id));
		await waitFor(() => notified > 0, {what: 'the notification of the burst', timeoutMs: 5000});
		// One more change is told a frame later: a notification still owed for the
		// burst would land before it, so exactly two means the burst was told once.
		store.taskChanged(task(100));
		await waitFor(() => notified > 1, {what: 'the notification of the next change', timeoutMs: 5000});
		expect(notified).toBe(2);
		expect(store.getSnapshot().order.length).toBe(100);
		expect(store.getSnapshot().stats.counts.queued).toBe(100);
		store.taskChanged(task(5, {status: 'Running', label: 'x'}));
		expect(store.getSnapshot().stats).toMatchObject({labelled: 1, counts: {queued: 99, running: 1}});
		expect(store.getSnapshot().stats.running.get('default')).toBe(1);
		store.tasksRemoved([1, 2]);
		expect(store.getSnapshot().order.slice(0, 2)).toEqual([3, 4]);
		store.dispose();
	});
});
