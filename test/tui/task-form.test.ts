// The add / edit form as data: its fields, what they start with, how keys change it.
import {describe, expect, it} from 'vitest';
import {KeyDecoder} from '../../source/tui/key-decoder.js';
import {addFields, editForm, type TaskForm, taskForm} from '../../source/tui/task-form.js';
import {wireTask} from '../helpers/wire-task.js';

/** The form after `keys`, each piece as Ink hands it over (a run of text or one escape sequence). */
function typeInto(form: TaskForm, ...pieces: string[]): TaskForm {
	const decoder = new KeyDecoder();
	let current = form;
	for (const piece of pieces) for (const press of decoder.push(piece)) current = editForm(current, press);
	return current;
}

const tab = '\t';
const down = '\u001B[B';
const up = '\u001B[A';
const left = '\u001B[D';

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

	it('moves between fields with Tab and the arrows, round the ends, the cursor to the end of the next field', () => {
		const form = taskForm(undefined, {group: undefined, cwd: ''});
		expect(typeInto(form, tab)).toMatchObject({focus: 1, cursor: 'default'.length});
		expect(typeInto(form, down).focus).toBe(1);
		expect(typeInto(form, up).focus).toBe(addFields.length - 1);
		expect(typeInto(form, '\u001B[Z').focus).toBe(addFields.length - 1);
	});

	it('edits the focused field at its cursor and forgets the last error', () => {
		const form = {...taskForm(undefined, {group: undefined, cwd: ''}), error: 'the command must not be empty'};
		const typed = typeInto(form, 'make', 'x');
		expect(typed).toMatchObject({error: undefined, values: {command: 'makex'}, cursor: 5});
		expect(typeInto(typed, '\u007F').values.command).toBe('make');
		expect(typeInto(typed, '\u0015').values.command).toBe('');
		// ← moves the cursor and leaves the text alone; typing then inserts there.
		expect(typeInto(typed, left)).toMatchObject({values: {command: 'makex'}, cursor: 4});
		expect(typeInto(typed, left, left, 'e').values.command).toBe('makeex');
	});

	it('starts an edit with the cursor after the command', () => {
		const edit = taskForm(wireTask(9, {command: 'make relase'}), {group: 'other', cwd: '/work'});
		expect(edit.cursor).toBe('make relase'.length);
		expect(typeInto(edit, left, left, left, 'e').values.command).toBe('make release');
	});

	it('spreads fast-typed text with tabs over the next fields', () => {
		const form = taskForm(undefined, {group: undefined, cwd: ''});
		const typed = typeInto(form, 'make test\tbuild\t\t5');
		expect(typed.focus).toBe(3);
		expect(typed.values).toMatchObject({command: 'make test', group: 'defaultbuild', label: '', priority: '5'});
	});

	it('takes a bracketed paste whole into the focused field, tabs and all', () => {
		const form = taskForm(undefined, {group: undefined, cwd: ''});
		const pasted = typeInto(form, '\u001B[200~', 'printf "a\tb"\r', '\u001B[201~');
		expect(pasted).toMatchObject({focus: 0, values: {command: 'printf "a\tb"\n'}});
	});
});
