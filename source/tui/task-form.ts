// The add / edit dialog's form as data: which fields it has, what they start
// with, and how a key press changes it. Submitting it (checking the values and
// building the request) is in actions.ts; drawing it is components/add-dialog.tsx.
import type {Key} from 'ink';
import type {Task} from '../protocol/model.js';
import {editText} from './line-edit.js';
import {defaultGroup} from '../protocol/model.js';

export type TaskField = 'command' | 'group' | 'label' | 'priority' | 'after' | 'delay' | 'cwd';
export const addFields: readonly TaskField[] = ['command', 'group', 'label', 'priority', 'after', 'delay', 'cwd'];
/** What `e` can change, as `spool edit` can: a task's group and delay are fixed once added. */
export const editFields: readonly TaskField[] = ['command', 'label', 'priority', 'after', 'cwd'];

export type TaskForm = {
	values: Record<TaskField, string>;
	/** The values it opened with: an edit sends only what changed. */
	initial: Readonly<Record<TaskField, string>>;
	fields: readonly TaskField[];
	/** Index into `fields`. */
	focus: number;
	error: string | undefined;
	title: string;
	/** What Enter does, for the dialog's hint line. */
	submit: string;
};

/** A form for a new task (in the group of the task under the cursor), or one to edit `edit`. */
export function taskForm(edit: Task | undefined, defaults: {group: string | undefined; cwd: string}): TaskForm {
	const values: Record<TaskField, string> = {
		command: edit?.command ?? '',
		group: edit?.group ?? defaults.group ?? defaultGroup,
		label: edit?.label ?? '',
		priority: edit ? String(edit.priority) : '',
		after: edit ? edit.after.join(',') : '',
		delay: '',
		cwd: edit?.cwd ?? defaults.cwd,
	};
	return {values, initial: values, fields: edit ? editFields : addFields, focus: 0, error: undefined, title: edit ? `Edit task ${edit.id}` : 'Add a task', submit: edit ? 'saves' : 'adds'};
}

/** The form after a key that is not Enter or Esc: Tab and the arrows move between fields, anything else edits the focused one. */
export function editForm(form: TaskForm, input: string, key: Key): TaskForm {
	const count = form.fields.length;
	if (key.tab || key.downArrow || key.upArrow) {
		const step = key.upArrow || (key.tab && key.shift) ? -1 : 1;
		return {...form, focus: (form.focus + step + count) % count};
	}

	// Pasted or fast-typed text can hold tabs: each moves to the next field.
	let values = form.values;
	let focus = form.focus;
	const parts = input.includes('\t') && !key.tab ? input.split('\t') : [input];
	for (const [index, part] of parts.entries()) {
		if (index > 0) focus = (focus + 1) % count;
		const field = form.fields[focus]!;
		const next = part === '' && index > 0 ? values[field] : editText(values[field], part, key);
		if (next !== undefined) values = {...values, [field]: next};
	}

	return {...form, error: undefined, focus, values};
}
