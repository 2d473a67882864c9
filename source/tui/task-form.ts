// The add / edit dialog's form as data: which fields it has, what they start
// with, and how a key press changes it. Submitting it (checking the values and
// building the request) is in actions.ts; drawing it is components/add-dialog.tsx.
import type {Task} from '../protocol/model.js';
import type {KeyPress} from './key-decoder.js';
import {editLine} from './line-edit.js';
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
	/** The text cursor in the focused field (line-edit.ts); it starts after the text. */
	cursor: number;
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
	return {
		values,
		initial: values,
		fields: edit ? editFields : addFields,
		focus: 0,
		cursor: values.command.length,
		error: undefined,
		title: edit ? `Edit task ${edit.id}` : 'Add a task',
		submit: edit ? 'saves' : 'adds',
	};
}

/**
 * The form after a key that is not Enter, Esc or Ctrl-C: Tab, Shift-Tab and
 * ↑/↓ move between fields (the cursor goes to the end of the next one), any
 * other key edits the focused field at its cursor. Pasted or fast-typed text
 * with tabs in it (not a bracketed paste) comes as keys, so each tab moves on.
 */
export function editForm(form: TaskForm, press: KeyPress): TaskForm {
	const {key} = press;
	const count = form.fields.length;
	if (!press.paste && (key.tab || key.downArrow || key.upArrow)) {
		const step = key.upArrow || (key.tab && key.shift) ? -1 : 1;
		const focus = (form.focus + step + count) % count;
		return {...form, focus, cursor: form.values[form.fields[focus]!].length};
	}

	const field = form.fields[form.focus]!;
	const next = editLine({value: form.values[field], cursor: form.cursor}, press);
	if (!next) return form;
	return {...form, error: undefined, values: {...form.values, [field]: next.value}, cursor: next.cursor};
}
