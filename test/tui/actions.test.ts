// What each action of the UI decides: the requests, their messages and CLI
// equivalents, the questions before destructive ones, the view changes.
import {describe, expect, it} from 'vitest';
import type {Group, Task} from '../../source/protocol/model.js';
import {type ActionContext, actionEffects, answerEffects, cancelFormEffects, promptEffects, submitFormEffects} from '../../source/tui/actions.js';
import {editFields, taskForm} from '../../source/tui/task-form.js';
import {TaskList} from '../../source/tui/view-model.js';
import {type Effect, initialViewState, type ModeOf, type ViewState} from '../../source/tui/view-state.js';
import {wireTask} from '../helpers/wire-task.js';

const groups: Group[] = [
	{name: 'default', status: 'Running', parallel: 2},
	{name: 'gpu', status: 'Running', parallel: 0},
];

/** The table shows `tasks`; the cursor is on `cursorId` (else the first row). */
function context(tasks: Task[], view: Partial<ViewState> = {}): ActionContext {
	const map = new Map(tasks.map((task) => [task.id, task]));
	return {
		view: {...initialViewState, ...view},
		tasks: new TaskList(
			tasks.map((task) => task.id),
			map,
		),
		snapshot: {tasks: map, groups},
		tableRows: 10,
		cwd: '/work',
	};
}

const requests = (effects: Effect[]) => effects.flatMap((effect) => (effect.kind === 'send' || effect.kind === 'add' ? [effect.request] : []));
const messages = (effects: Effect[]) => effects.flatMap((effect) => (effect.kind === 'view' && effect.event.type === 'say' ? [effect.event.message] : []));
const question = (effects: Effect[]) => {
	const [effect] = effects;
	if (effect?.kind !== 'view' || effect.event.type !== 'open' || effect.event.mode.kind !== 'confirm') throw new Error(`not a question: ${JSON.stringify(effects)}`);
	return effect.event.mode;
};

const running = wireTask(3, {command: 'sleep 60', status: 'Running'});
const queued = wireTask(4, {command: 'make', status: 'Queued', label: 'nightly', priority: 2, after: [3]});
const done = wireTask(5, {status: 'Done', result: 'Success'});
const all = [running, queued, done];

describe('moving', () => {
	it('moves the cursor in the table and scrolls the log', () => {
		const ids = [3, 4, 5];
		expect(actionEffects('down', context(all))).toEqual([{kind: 'view', event: {type: 'moveBy', delta: 1, ids}}]);
		expect(actionEffects('pageUp', context(all))).toEqual([{kind: 'view', event: {type: 'moveBy', delta: -10, ids}}]);
		expect(actionEffects('bottom', context(all))).toEqual([{kind: 'view', event: {type: 'moveTo', index: 2, ids}}]);
		expect(actionEffects('down', context(all, {focus: 'log'}))).toEqual([{kind: 'log', call: {call: 'scroll', lines: 1}}]);
		expect(actionEffects('pageDown', context(all, {zoom: true}))).toEqual([{kind: 'log', call: {call: 'page', pages: 1}}]);
		expect(actionEffects('top', context(all, {focus: 'log'}))).toEqual([{kind: 'log', call: {call: 'top'}}]);
		// F follows the log from the table too.
		expect(actionEffects('follow', context(all))).toEqual([{kind: 'log', call: {call: 'bottom'}}]);
	});

	it('marks the task under the cursor and moves on', () => {
		expect(actionEffects('mark', context(all, {cursorId: 4}))).toEqual([
			{kind: 'view', event: {type: 'toggleMark', id: 4}},
			{kind: 'view', event: {type: 'moveBy', delta: 1, ids: [3, 4, 5]}},
		]);
		expect(actionEffects('mark', context([]))).toEqual([]);
	});

	it('quits, or leaves the zoomed log first', () => {
		expect(actionEffects('quit', context(all))).toEqual([{kind: 'quit'}]);
		expect(actionEffects('quit', context(all, {zoom: true}))).toEqual([{kind: 'view', event: {type: 'unzoom'}}]);
		expect(actionEffects('forceQuit', context(all, {zoom: true}))).toEqual([{kind: 'quit'}]);
	});

	it('opens the filter with the filter there is', () => {
		expect(actionEffects('filter', context(all, {filter: 'make'}))).toEqual([{kind: 'view', event: {type: 'open', mode: {kind: 'filter', value: 'make', before: 'make'}}}]);
	});
});

describe('requests', () => {
	it('apply to the marked tasks in id order, or else to the one under the cursor', () => {
		const marked = actionEffects('start', context(all, {cursorId: 3, marked: new Set([5, 4])}));
		// 5 is done: it is named, not sent (the daemon would refuse the whole request).
		expect(marked).toEqual([{kind: 'send', request: {type: 'Start', ids: [4]}, done: 'Started task 4', skipped: '5 is done', cli: 'spool start 4', unmark: [4]}]);
		expect(actionEffects('stash', context(all, {cursorId: 4}))).toEqual([{kind: 'send', request: {type: 'Stash', ids: [4]}, done: 'Stashed task 4', cli: 'spool stash 4'}]);
		expect(actionEffects('enqueue', context([]))).toEqual([]);
	});

	it('pause running tasks, or else the group of the task under the cursor', () => {
		expect(actionEffects('pause', context(all, {marked: new Set([3, 4])}))).toEqual([
			{kind: 'send', request: {type: 'Pause', ids: [3]}, done: 'Paused task 3', skipped: '4 is not running', cli: 'spool pause 3', unmark: [3]},
		]);
		expect(actionEffects('pause', context(all, {cursorId: 4}))).toEqual([{kind: 'send', request: {type: 'Pause', group: 'default'}, done: 'Paused group default', cli: 'spool pause -g default'}]);
	});

	it('restart only finished tasks, as new ones or in place', () => {
		expect(messages(actionEffects('restart', context(all, {cursorId: 3})))).toEqual([{text: 'Nothing to restart: 3 is not finished', kind: 'error'}]);
		expect(actionEffects('restartInPlace', context(all, {marked: new Set([3, 5])}))).toEqual([
			{kind: 'restart', request: {type: 'Restart', ids: [5], inPlace: true}, from: [5], skipped: '3 is not finished', cli: 'spool restart 5 -i', unmark: [5]},
		]);
	});

	it('change the parallel slots of the group of the task under the cursor', () => {
		expect(requests(actionEffects('parallelUp', context(all)))).toEqual([{type: 'Parallel', group: 'default', parallel: 3}]);
		expect(actionEffects('parallelDown', context(all))).toEqual([
			{kind: 'send', request: {type: 'Parallel', group: 'default', parallel: 1}, done: 'Group default runs 1 at once', cli: 'spool parallel 1 -g default'},
		]);
		const gpu = [wireTask(1, {group: 'gpu'})];
		expect(messages(actionEffects('parallelUp', context(gpu)))).toEqual([{text: 'group gpu already runs any number of tasks', kind: 'info'}]);
		expect(requests(actionEffects('parallelDown', context(gpu)))).toEqual([{type: 'Parallel', group: 'gpu', parallel: 1}]);
		expect(actionEffects('parallelUp', context([wireTask(1, {group: 'gone'})]))).toEqual([]);
	});
});

describe('questions first', () => {
	it('kill asks about running tasks only, naming the command', () => {
		expect(messages(actionEffects('kill', context(all, {cursorId: 4})))).toEqual([{text: 'Nothing to kill: 4 is not running', kind: 'error'}]);
		const asked = question(actionEffects('kill', context(all, {cursorId: 3})));
		expect(asked.question).toBe('Kill task 3 (sleep 60)?');
		expect(asked.then).toEqual([{kind: 'send', request: {type: 'Kill', ids: [3]}, done: 'Killed task 3', cli: 'spool kill 3'}]);
		const long = wireTask(7, {status: 'Paused', command: `python  train.py ${'--flag '.repeat(6)}`});
		expect(question(actionEffects('kill', context([long]))).question).toBe('Kill task 7 (python train.py --flag --flag -…)?');
		expect(question(actionEffects('kill', context([running, long], {marked: new Set([3, 7])}))).question).toBe('Kill tasks 3, 7?');
	});

	it('remove asks, then removes what can go; the marks go once the daemon agreed', () => {
		const asked = question(actionEffects('remove', context(all, {marked: new Set([4, 5])})));
		expect(asked.question).toBe('Remove tasks 4, 5 and their logs?');
		expect(asked.then).toEqual([{kind: 'send', request: {type: 'Remove', ids: [4, 5], partial: true}, done: 'Removed tasks 4, 5', cli: 'spool remove 4 5', unmark: [4, 5]}]);
		expect(question(actionEffects('remove', context(all, {cursorId: 5}))).question).toBe('Remove task 5 and its log?');
		expect(messages(actionEffects('remove', context(all)))).toEqual([{text: 'Nothing to remove: 3 is running (kill it first)', kind: 'error'}]);
		expect(actionEffects('remove', context([]))).toEqual([]);
		expect(question(actionEffects('clean', context([]))).question).toBe('Remove every finished task and its log?');
	});

	it('y runs what was asked, any other answer changes nothing', () => {
		const asked = question(actionEffects('kill', context(all))) as ModeOf<'confirm'>;
		expect(answerEffects(asked, true)).toEqual([{kind: 'view', event: {type: 'close'}}, ...asked.then]);
		expect(answerEffects(asked, false)).toEqual([
			{kind: 'view', event: {type: 'close'}},
			{kind: 'view', event: {type: 'say', message: {text: 'Nothing changed.', kind: 'info'}}},
		]);
	});
});

describe('dialogs and prompts', () => {
	const openMode = (effects: Effect[]) => {
		const [effect] = effects;
		if (effect?.kind !== 'view' || effect.event.type !== 'open') throw new Error(`opens nothing: ${JSON.stringify(effects)}`);
		return effect.event.mode;
	};

	it('add opens the form in the group of the task under the cursor', () => {
		const mode = openMode(actionEffects('add', context([wireTask(1, {group: 'gpu'})])));
		expect(mode).toMatchObject({kind: 'add', edit: undefined, form: {title: 'Add a task', values: {group: 'gpu', cwd: '/work', command: ''}}});
		expect(openMode(actionEffects('add', context([])))).toMatchObject({form: {values: {group: 'default'}}});
	});

	it('edit opens the form on any task that does not run, as spool edit takes it', () => {
		expect(openMode(actionEffects('edit', context(all, {cursorId: 4})))).toEqual({kind: 'add', edit: 4, form: taskForm(queued, {group: 'default', cwd: '/work'})});
		expect(openMode(actionEffects('edit', context(all, {cursorId: 5})))).toMatchObject({kind: 'add', edit: 5, form: {title: 'Edit task 5'}});
		expect(messages(actionEffects('edit', context(all, {cursorId: 3})))).toEqual([{text: 'task 3 is running: only a task that does not run can be edited', kind: 'error'}]);
		expect(messages(actionEffects('edit', context([wireTask(8, {status: 'Locked'})])))).toEqual([
			{text: 'task 8 is being edited elsewhere (spool edit); try again once that edit is done', kind: 'error'},
		]);
	});

	it('input opens its prompt for a running task only', () => {
		expect(openMode(actionEffects('input', context(all, {cursorId: 3})))).toEqual({kind: 'input', value: '', task: 3});
		expect(messages(actionEffects('input', context(all, {cursorId: 5})))).toEqual([{text: 'input goes to a running task', kind: 'error'}]);
	});

	const addContext = {cwd: '/work', env: {PATH: '/bin'}};
	const close = {kind: 'view', event: {type: 'close'}};

	it('Enter in a prompt sends its line, searches, or keeps the filter', () => {
		expect(promptEffects({kind: 'filter', value: 'make', before: ''}, addContext)).toEqual([close]);
		expect(promptEffects({kind: 'search', value: 'error'}, addContext)).toEqual([close, {kind: 'log', call: {call: 'search', query: 'error'}}]);
		expect(promptEffects({kind: 'input', value: 'yes', task: 3}, addContext)).toEqual([
			close,
			{kind: 'send', request: {type: 'Send', task: 3, data: 'yes\n'}, done: 'Sent input to task 3', cli: 'spool send 3 yes'},
		]);
		expect(promptEffects({kind: 'palette', value: 'parallel 4 -g gpu'}, addContext)).toEqual([
			close,
			{kind: 'send', request: {type: 'Parallel', parallel: 4, group: 'gpu'}, done: 'Group gpu runs 4 at once', cli: 'spool parallel 4 -g gpu'},
		]);
		expect(messages(promptEffects({kind: 'palette', value: 'frob'}, addContext))).toEqual([{text: expect.any(String), kind: 'error'}]);
		// Where the CLI prints, the UI shows: :status filters the table, :log opens the log of a task.
		expect(promptEffects({kind: 'palette', value: 'status status=failed'}, addContext)).toEqual([
			close,
			{kind: 'view', event: {type: 'setFilter', filter: 'status=failed'}},
			{kind: 'view', event: {type: 'say', message: {text: 'Filter: status=failed — spool status status=failed', kind: 'info'}}},
		]);
		expect(promptEffects({kind: 'palette', value: 'log 3'}, {...addContext, tasks: new Map([[3, running]]), hidden: () => true})).toEqual([
			close,
			{kind: 'view', event: {type: 'setFilter', filter: ''}},
			{kind: 'view', event: {type: 'select', id: 3}},
			{kind: 'view', event: {type: 'unzoom'}},
			{kind: 'view', event: {type: 'zoom'}},
		]);
		expect(messages(promptEffects({kind: 'palette', value: 'log 9'}, {...addContext, tasks: new Map()}))).toEqual([{text: 'no task 9', kind: 'error'}]);
		const [, asked] = promptEffects({kind: 'palette', value: 'reset'}, addContext);
		expect(question(asked ? [asked] : []).then).toMatchObject([{kind: 'send', request: {type: 'Reset'}}]);
	});

	const form = (values: Partial<Record<string, string>>, edit?: number): ModeOf<'add'> => {
		const base = taskForm(undefined, {group: undefined, cwd: ''});
		return {kind: 'add', edit, form: {...base, values: {...base.values, ...values}}};
	};

	it('the form says what is wrong and stays open', () => {
		const errors = (mode: ModeOf<'add'>) =>
			submitFormEffects(mode, addContext).map((effect) => (effect.kind === 'view' && effect.event.type === 'open' && effect.event.mode.kind === 'add' ? effect.event.mode.form.error : 'closed'));
		expect(errors(form({command: '  '}))).toEqual(['the command must not be empty']);
		expect(errors(form({command: 'make', priority: 'high'}))).toEqual(['priority is a whole number']);
		expect(errors(form({command: 'make', after: 'x'}))[0]).toMatch(/x/);
		expect(errors(form({command: 'make', delay: 'whenever'}))[0]).toMatch(/whenever/);
	});

	it('the form adds a task with only the fields given', () => {
		expect(submitFormEffects(form({command: 'make test'}), addContext)).toEqual([
			close,
			{kind: 'add', request: {type: 'Add', command: 'make test', cwd: '/work', env: {PATH: '/bin'}, group: 'default'}, cli: 'spool add -- make test'},
		]);
		const [, add] = submitFormEffects(form({command: 'echo a; sleep 2', group: 'gpu', label: 'big', priority: '-1', after: '3,5', delay: '10m', cwd: '/data'}), addContext);
		expect(add).toMatchObject({
			kind: 'add',
			cli: "spool add -g gpu -a 3,5 -o -1 -l big -d 10m -w /data -- 'echo a; sleep 2'",
			request: {type: 'Add', command: 'echo a; sleep 2', cwd: '/data', group: 'gpu', label: 'big', priority: -1, after: [3, 5]},
		});
		expect(add?.kind === 'add' && add.request.enqueueAt).toBeGreaterThan(Date.now() + 9 * 60_000);
	});

	it('the form edits a task: only what changed is sent, and spool edit with exactly that', () => {
		const edit = taskForm(queued, {group: 'default', cwd: '/work'});
		expect(edit.fields).toEqual(editFields);
		const changed = (values: Partial<typeof edit.values>) => submitFormEffects({kind: 'add', edit: 4, form: {...edit, values: {...edit.values, ...values}}}, addContext);
		// An empty label clears it.
		expect(changed({label: ''})).toEqual([close, {kind: 'send', request: {type: 'Edit', task: 4, label: null}, done: 'Edited task 4', cli: "spool edit 4 --label ''"}]);
		expect(changed({after: '', priority: '5', command: 'make -j4'})).toEqual([
			close,
			{kind: 'send', request: {type: 'Edit', task: 4, command: 'make -j4', priority: 5, after: []}, done: 'Edited task 4', cli: "spool edit 4 --priority 5 --after '' --command 'make -j4'"},
		]);
		expect(changed({})).toEqual([close, {kind: 'view', event: {type: 'say', message: {text: 'Nothing changed.', kind: 'info'}}}]);
	});

	it('Esc in the form adds nothing, or changes nothing', () => {
		expect(cancelFormEffects(form({}))).toEqual([close, {kind: 'view', event: {type: 'say', message: {text: 'Nothing added.', kind: 'info'}}}]);
		expect(cancelFormEffects(form({}, 4))).toEqual([close, {kind: 'view', event: {type: 'say', message: {text: 'Nothing changed.', kind: 'info'}}}]);
	});
});
