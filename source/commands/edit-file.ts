// The file `spool edit` and `spool restart --edit` open in the editor: one
// block of `field: value` lines per task, each block starting with a
// `task: <id>` line, comments (#) ignored. Reading it back is strict: any
// line it cannot read is a usage error naming the line, and nothing is sent.
import path from 'node:path';
import type {Task} from '../protocol/model.js';
import {parseIds} from '../shared/ids.js';
import {commandErrorOf, usageError} from './exit-codes.js';

/** The fields of an Edit request other than `task`. */
export type TaskEdit = {command?: string; cwd?: string; label?: string | null; priority?: number; after?: number[]};

export const editFields = ['command', 'cwd', 'label', 'priority', 'after'] as const;
export type FieldName = (typeof editFields)[number];

export type EditFileOptions = {
	/** The fields offered (restart has no `after`); all by default. */
	fields?: readonly FieldName[];
	/** What is done to the tasks, for the first comment line: "editing" by default. */
	verb?: string;
	/** The command the user ran, for the comment about relative paths. */
	command?: string;
	/** The last comment line: how to cancel. */
	cancel?: string;
};

export function parsePriority(text: string, where: string): number {
	const trimmed = text.trim();
	if (!/^[+-]?\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
		throw usageError(`${where}: the priority must be a whole number (e.g. 5 or -2), not ${JSON.stringify(text)}`);
	}

	return Number(trimmed);
}

export function resolveCwd(text: string, where: string): string {
	const trimmed = text.trim();
	if (trimmed === '') throw usageError(`${where}: the cwd must not be empty`);
	// Relative to where the user runs `spool edit`, as `spool add` does.
	return path.resolve(process.cwd(), trimmed);
}

export function checkCommand(text: string, where: string): string {
	if (text.trim() === '') throw usageError(`${where}: the command must not be empty`);
	return text;
}

/** `3, 5` or `3-5` or `3 5`; empty: no dependencies. */
export function parseAfter(text: string): number[] {
	return parseIds(text.split(/[\s,]+/));
}

const describeState = (task: Task) => (task.status === 'Done' ? `finished: ${(task.result ?? 'done').toLowerCase()}` : task.status.toLowerCase());

function block(task: Task, fields: readonly FieldName[]): string[] {
	const [first = '', ...more] = task.command.split('\n');
	const lines = [`task: ${task.id}`];
	for (const field of fields) {
		if (field === 'command') lines.push(`command: ${first}`, ...more.map((line) => `\t${line}`));
		else if (field === 'cwd') lines.push(`cwd: ${task.cwd}`);
		else if (field === 'label') lines.push(`label: ${task.label ?? ''}`);
		else if (field === 'priority') lines.push(`priority: ${task.priority}`);
		else lines.push(`after: ${task.after.join(', ')}`);
	}

	return lines;
}

/** The file the editor opens: comments, then one block per task. */
export function editFile(
	tasks: readonly Task[],
	{fields = editFields, verb = 'editing', command = 'spool edit', cancel = 'To cancel, delete every line (or change nothing).'}: EditFileOptions = {},
): string {
	const [only] = tasks;
	const title =
		tasks.length === 1 && only
			? `# spool: ${verb} task ${only.id} (${describeState(only)}, group "${only.group}").`
			: `# spool: ${verb} tasks ${tasks.map((task) => task.id).join(', ')}; each one's lines start at its "task:" line.`;
	const lines = [
		title,
		'# Change the values after the colons, save and quit. Lines starting with # are ignored.',
		'# A command of several lines goes on: each further line starts with one tab.',
		`# An empty label removes it; a relative cwd starts from the directory you ran \`${command}\` in.`,
		...(fields.includes('after') ? ['# after: the tasks it waits for, as 3, 5 or 3-5; empty: none.'] : []),
		`# ${cancel}`,
	];
	for (const task of tasks) {
		if (tasks.length > 1) lines.push('', `# task ${task.id}: ${describeState(task)}, group "${task.group}"`);
		lines.push(...block(task, fields));
	}

	return `${lines.join('\n')}\n`;
}

function fieldValue(edit: TaskEdit, field: FieldName, value: string): void {
	const at = `${field} (in the edited file)`;
	if (field === 'command') edit.command = checkCommand(value, at);
	else if (field === 'cwd') edit.cwd = resolveCwd(value, at);
	else if (field === 'label') edit.label = value.trim() === '' ? null : value.trim();
	else if (field === 'priority') edit.priority = parsePriority(value, at);
	else edit.after = parseAfter(value);
}

/**
 * Reads the edited file back: the edits of each task whose block is there
 * (a task whose block was deleted is left as it is). Lines before the first
 * `task:` line belong to the only task when there is one. Fields left out
 * stay as they are.
 */
export function parseEditFile(text: string, ids: readonly number[], {fields = editFields}: {fields?: readonly FieldName[]} = {}): Map<number, TaskEdit> {
	const values = new Map<number, Map<FieldName, string>>();
	let current: number | undefined = ids.length === 1 ? ids[0] : undefined;
	let last: FieldName | undefined;
	const nothing = '; nothing changed';
	for (const [index, line] of text.split(/\r?\n/).entries()) {
		const where = `line ${index + 1}`;
		if (line.startsWith('\t') && last !== undefined && current !== undefined) {
			if (last !== 'command') throw usageError(`${where}: only the command may go on over several lines${nothing}`);
			const taskValues = values.get(current)!;
			taskValues.set(last, `${taskValues.get(last)!}\n${line.slice(1)}`);
			continue;
		}

		last = undefined;
		if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
		const match = /^\s*(\w+)\s*:(.*)$/.exec(line);
		if (!match) throw usageError(`${where}: expected "field: value", got ${JSON.stringify(line)}${nothing}`);
		const name = match[1]!.toLowerCase();
		if (name === 'task') {
			const id = match[2]!.trim();
			if (!/^\d+$/.test(id) || !ids.includes(Number(id))) {
				throw usageError(`${where}: "task: ${id}" names no task being edited (${ids.join(', ')})${nothing}`);
			}

			current = Number(id);
			if (values.has(current)) throw usageError(`${where}: task ${current} is given twice${nothing}`);
			values.set(current, new Map());
			continue;
		}

		if (!(fields as readonly string[]).includes(name)) {
			throw usageError(`${where}: unknown field ${JSON.stringify(match[1])} (fields: ${fields.join(', ')})${nothing}`);
		}

		if (current === undefined) throw usageError(`${where}: say which task this is for, with a "task: <id>" line before it${nothing}`);
		if (!values.has(current)) values.set(current, new Map());
		const taskValues = values.get(current)!;
		const field = name as FieldName;
		if (taskValues.has(field)) throw usageError(`${where}: ${field} is given twice${ids.length > 1 ? ` for task ${current}` : ''}${nothing}`);
		// One space after the colon belongs to the format, the rest to the value.
		taskValues.set(field, match[2]!.replace(/^ /, ''));
		last = field;
	}

	const edits = new Map<number, TaskEdit>();
	for (const [id, taskValues] of values) {
		const edit: TaskEdit = {};
		try {
			for (const [field, value] of taskValues) fieldValue(edit, field, value);
		} catch (error) {
			const known = commandErrorOf(error);
			if (known) throw usageError(`${ids.length > 1 ? `task ${id}: ` : ''}${known.message}${nothing}`);
			throw error;
		}

		edits.set(id, edit);
	}

	return edits;
}

const sameIds = (a: readonly number[], b: readonly number[]) => a.length === b.length && [...a].sort((x, y) => x - y).every((id, index) => id === [...b].sort((x, y) => x - y)[index]);

/** Only the fields that differ from the task as it is. */
export function changedFields(task: Task, edit: TaskEdit): TaskEdit {
	const changed: TaskEdit = {};
	if (edit.command !== undefined && edit.command !== task.command) changed.command = edit.command;
	if (edit.cwd !== undefined && edit.cwd !== task.cwd) changed.cwd = edit.cwd;
	if (edit.label !== undefined && edit.label !== task.label) changed.label = edit.label;
	if (edit.priority !== undefined && edit.priority !== task.priority) changed.priority = edit.priority;
	if (edit.after !== undefined && !sameIds(edit.after, task.after)) changed.after = edit.after;
	return changed;
}
