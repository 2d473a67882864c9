// The actions on the selected tasks say the truth: each applies to the tasks
// it can and names the others with why; the CLI command shown is exactly
// what was done, quoted for a shell; p and s are each other's undo.
import {describe, expect, it} from 'vitest';
import type {Group, Task} from '../../source/protocol/model.js';
import {type ActionContext, actionEffects} from '../../source/tui/actions.js';
import type {ActionId} from '../../source/tui/keymap.js';
import {TaskList} from '../../source/tui/view-model.js';
import {type Effect, initialViewState, type ViewState} from '../../source/tui/view-state.js';
import {wireTask} from '../helpers/wire-task.js';

const running = wireTask(3, {command: 'sleep 60', status: 'Running'});
const queued = wireTask(4, {status: 'Queued'});
const done = wireTask(5, {status: 'Done', result: 'Success'});
const paused = wireTask(6, {status: 'Paused'});
const failed = wireTask(7, {status: 'Done', result: 'Failed', group: 'gpu'});
const stashed = wireTask(8, {status: 'Stashed'});
const locked = wireTask(9, {status: 'Locked'});
const all = [running, queued, done, paused, failed, stashed, locked];

function context(
	view: Partial<ViewState>,
	{
		groups = [
			{name: 'default', status: 'Running', parallel: 2},
			{name: 'gpu', status: 'Paused', parallel: 1},
		] as Group[],
		tasks = all as Task[],
		connection = {},
	} = {},
): ActionContext {
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
		connection,
	};
}

const act = (action: ActionId, view: Partial<ViewState>, options?: Parameters<typeof context>[1]) => actionEffects(action, context(view, options));
const marked = (...ids: number[]) => ({marked: new Set(ids), cursorId: ids[0]});
/** The request effect, through a question when there is one. */
const sent = (effects: Effect[]) => {
	const [effect] = effects;
	if (effect?.kind === 'view' && effect.event.type === 'open' && effect.event.mode.kind === 'confirm') return effect.event.mode.then.at(-1);
	return effect;
};

const said = (effects: Effect[]) => effects.flatMap((effect) => (effect.kind === 'view' && effect.event.type === 'say' ? [effect.event.message] : []));

describe('an action on marked tasks', () => {
	it('applies to those it can and names the others, with why', () => {
		expect(sent(act('kill', marked(3, 5, 6, 7)))).toEqual({
			kind: 'send',
			request: {type: 'Kill', ids: [3, 6]},
			done: 'Killed tasks 3, 6',
			skipped: '5, 7 are not running',
			cli: 'spool kill 3 6',
			unmark: [3, 6],
		});
		expect(sent(act('stash', marked(3, 4, 8)))).toMatchObject({request: {type: 'Stash', ids: [4]}, skipped: '3 is running; 8 is already stashed', cli: 'spool stash 4', unmark: [4]});
		expect(sent(act('enqueue', marked(4, 8)))).toMatchObject({request: {type: 'Enqueue', ids: [8]}, skipped: '4 is already queued'});
		expect(sent(act('remove', marked(3, 4, 5, 9)))).toMatchObject({
			request: {type: 'Remove', ids: [4, 5], partial: true},
			skipped: '3 is running (kill it first); 9 is being edited',
			cli: 'spool remove 4 5',
			unmark: [4, 5],
		});
	});

	it('says so when it can apply to none of them, and sends nothing (the marks stay)', () => {
		expect(act('kill', marked(4, 5))).toEqual([{kind: 'view', event: {type: 'say', message: {text: 'Nothing to kill: 4, 5 are not running', kind: 'error'}}}]);
		expect(said(act('restart', marked(3, 4)))).toEqual([{text: 'Nothing to restart: 3, 4 are not finished', kind: 'error'}]);
	});

	it('writes many ids as ranges, in the message and the command', () => {
		const many = Array.from({length: 6}, (_, index) => wireTask(10 + index, {status: 'Running'}));
		expect(sent(act('kill', marked(10, 11, 12, 13, 15), {tasks: many}))).toMatchObject({done: 'Killed tasks 10-13, 15', cli: 'spool kill 10-13 15'});
	});

	it('asks about the tasks it will act on, and names the others', () => {
		const [asked] = act('kill', marked(3, 5));
		expect(asked).toMatchObject({kind: 'view', event: {type: 'open', mode: {kind: 'confirm', question: 'Kill task 3 (sleep 60)? (5 is not running)'}}});
	});

	it('leaves the marks alone when it acts on the task under the cursor', () => {
		expect(sent(act('kill', {cursorId: 3}))).toMatchObject({request: {type: 'Kill', ids: [3]}, unmark: undefined});
	});
});

describe('p and s', () => {
	it('p pauses a running task, else the group of the task; s resumes it', () => {
		expect(sent(act('pause', {cursorId: 3}))).toMatchObject({request: {type: 'Pause', ids: [3]}, cli: 'spool pause 3'});
		expect(sent(act('start', {cursorId: 6}))).toMatchObject({request: {type: 'Start', ids: [6]}, done: 'Resumed task 6', cli: 'spool start 6'});
		expect(sent(act('pause', {cursorId: 5}))).toMatchObject({request: {type: 'Pause', group: 'default'}, done: 'Paused group default', cli: 'spool pause -g default'});
	});

	it('s on a finished task in a paused group resumes the group, as p paused it', () => {
		expect(sent(act('start', {cursorId: 7}))).toEqual({kind: 'send', request: {type: 'Start', group: 'gpu'}, done: 'Resumed group gpu', cli: 'spool start -g gpu'});
		// In a running group there is nothing to resume: it says what would help.
		expect(said(act('start', {cursorId: 5}))).toEqual([{text: 'task 5 is done and group default is running: r restarts it', kind: 'error'}]);
		expect(said(act('pause', {cursorId: 7}))).toEqual([{text: 'group gpu is already paused (s resumes it)', kind: 'info'}]);
	});

	it('s starts queued and stashed tasks now and resumes paused ones; the rest are named', () => {
		expect(sent(act('start', marked(3, 4, 6, 8)))).toMatchObject({request: {type: 'Start', ids: [4, 6, 8]}, done: 'Started tasks 4, 6, 8', skipped: '3 is already running'});
	});
});

describe('restart', () => {
	it('names the task it restarts; the new id comes with the reply', () => {
		expect(sent(act('restart', marked(3, 5, 7)))).toEqual({
			kind: 'restart',
			request: {type: 'Restart', ids: [5, 7], inPlace: false},
			from: [5, 7],
			skipped: '3 is not finished',
			cli: 'spool restart 5 7',
			unmark: [5, 7],
		});
		expect(sent(act('restartInPlace', {cursorId: 5}))).toMatchObject({request: {type: 'Restart', ids: [5], inPlace: true}, cli: 'spool restart 5 -i'});
	});
});

describe('the command shown', () => {
	it('names the daemon the UI talks to, as the UI was told', () => {
		expect(sent(act('kill', {cursorId: 3}, {connection: {home: '/tmp/h'}}))).toMatchObject({cli: 'spool --home /tmp/h kill 3'});
	});

	it('for the parallel keys', () => {
		expect(sent(act('parallelUp', {cursorId: 7}))).toMatchObject({request: {type: 'Parallel', group: 'gpu', parallel: 2}, cli: 'spool parallel 2 -g gpu'});
	});
});
