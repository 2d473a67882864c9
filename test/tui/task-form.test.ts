// The add / edit form as data: its fields, what they start with, how keys change it.
import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {addFields, editForm, taskForm} from '../../source/tui/task-form.js';
import {wireTask} from '../helpers/wire-task.js';

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};
const key = (pressed: Partial<Key> = {}): Key => ({...noKey, ...pressed});

describe('the task form', () => {
	it('starts empty for a new task and with the task for an edit', () => {
		const add = taskForm(undefined, {group: undefined, cwd: '/work'});
		expect(add).toMatchObject({title: 'Add a task', submit: 'adds', focus: 0, error: undefined, fields: addFields});
		expect(add.values).toEqual({command: '', group: 'default', label: '', priority: '', after: '', delay: '', cwd: '/work'});
		const edit = taskForm(wireTask(9, {command: 'make', label: 'x', priority: 3, after: [1, 2], cwd: '/src'}), {group: 'other', cwd: '/work'});
		// What spool edit can change: the dependencies too.
		expect(edit).toMatchObject({title: 'Edit task 9', submit: 'saves', fields: ['command', 'label', 'priority', 'after', 'cwd']});
		expect(edit.values).toEqual({command: 'make', group: 'default', label: 'x', priority: '3', after: '1,2', delay: '', cwd: '/src'});
	});

	it('moves between fields with Tab and the arrows, round the ends', () => {
		const form = taskForm(undefined, {group: undefined, cwd: ''});
		expect(editForm(form, '', key({tab: true})).focus).toBe(1);
		expect(editForm(form, '', key({downArrow: true})).focus).toBe(1);
		expect(editForm(form, '', key({upArrow: true})).focus).toBe(addFields.length - 1);
		expect(editForm(form, '', key({tab: true, shift: true})).focus).toBe(addFields.length - 1);
	});

	it('edits the focused field and forgets the last error', () => {
		const form = {...taskForm(undefined, {group: undefined, cwd: ''}), error: 'the command must not be empty'};
		const typed = editForm(editForm(form, 'make', key()), 'x', key());
		expect(typed).toMatchObject({error: undefined, values: {command: 'makex'}});
		expect(editForm(typed, '', key({backspace: true})).values.command).toBe('make');
		expect(editForm(typed, 'u', key({ctrl: true})).values.command).toBe('');
		// Keys that edit nothing leave the text alone.
		expect(editForm(typed, '', key({leftArrow: true})).values.command).toBe('makex');
	});

	it('spreads pasted text with tabs over the next fields', () => {
		const form = taskForm(undefined, {group: undefined, cwd: ''});
		const pasted = editForm(form, 'make test\tbuild\t\t5', key());
		expect(pasted.focus).toBe(3);
		expect(pasted.values).toMatchObject({command: 'make test', group: 'defaultbuild', label: '', priority: '5'});
	});
});
