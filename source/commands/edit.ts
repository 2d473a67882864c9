// `spool edit <id>`: changes a task that is not running — with flags, or in
// $VISUAL/$EDITOR on a small `field: value` file when no flag is given.
import {editCommand} from '../definitions/queue-commands.js';
import path from 'node:path';
import type {Task} from '../protocol/model.js';
import {editText} from './edit-text.js';
import {CommandError, commandErrorOf, exitCodes, usageError} from './exit-codes.js';
import {parseIds} from '../shared/ids.js';
import {jsonTask, printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {fetchTasks} from './task-query.js';
import {withClient} from './with-client.js';

/** The fields of an Edit request other than `task`. */
export type TaskEdit = {command?: string; cwd?: string; label?: string | null; priority?: number};

const fieldNames = ['command', 'cwd', 'label', 'priority'] as const;
type FieldName = (typeof fieldNames)[number];

function parsePriority(text: string, where: string): number {
	const trimmed = text.trim();
	if (!/^[+-]?\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) {
		throw usageError(`${where}: the priority must be a whole number (e.g. 5 or -2), not ${JSON.stringify(text)}`);
	}

	return Number(trimmed);
}

function resolveCwd(text: string, where: string): string {
	const trimmed = text.trim();
	if (trimmed === '') throw usageError(`${where}: the cwd must not be empty`);
	// Relative to where the user runs `spool edit`, as `spool add` does.
	return path.resolve(process.cwd(), trimmed);
}

function checkCommand(text: string, where: string): string {
	if (text.trim() === '') throw usageError(`${where}: the command must not be empty`);
	return text;
}

/** The file the editor opens: a comment header, then one `field: value` line each. */
export function editFile(task: Task): string {
	const state = task.status === 'Done' ? `finished: ${(task.result ?? 'done').toLowerCase()}` : task.status.toLowerCase();
	const [first = '', ...more] = task.command.split('\n');
	return [
		`# spool: editing task ${task.id} (${state}, group "${task.group}").`,
		'# Change the values after the colons, save and quit. Lines starting with # are ignored.',
		'# A command of several lines goes on: each further line starts with one tab.',
		'# An empty label removes it; a relative cwd starts from the directory you ran `spool edit` in.',
		'# To cancel, delete every line (or change nothing).',
		`command: ${first}`,
		...more.map((line) => `\t${line}`),
		`cwd: ${task.cwd}`,
		`label: ${task.label ?? ''}`,
		`priority: ${task.priority}`,
		'',
	].join('\n');
}

/**
 * Reads the edited file back. Fields left out stay as they are; anything
 * unreadable is a usage error naming the line, and nothing is sent.
 */
export function parseEditFile(text: string): TaskEdit {
	const values = new Map<FieldName, string>();
	let last: FieldName | undefined;
	for (const [index, line] of text.split(/\r?\n/).entries()) {
		const where = `line ${index + 1}`;
		if (line.startsWith('\t') && last !== undefined) {
			if (last !== 'command') throw usageError(`${where}: only the command may go on over several lines; nothing changed`);
			values.set(last, `${values.get(last)!}\n${line.slice(1)}`);
			continue;
		}

		last = undefined;
		if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
		const match = /^\s*(\w+)\s*:(.*)$/.exec(line);
		if (!match) throw usageError(`${where}: expected "field: value", got ${JSON.stringify(line)}; nothing changed`);
		const name = match[1]!.toLowerCase();
		if (!(fieldNames as readonly string[]).includes(name)) {
			throw usageError(`${where}: unknown field ${JSON.stringify(match[1])} (fields: ${fieldNames.join(', ')}); nothing changed`);
		}

		const field = name as FieldName;
		if (values.has(field)) throw usageError(`${where}: ${field} is given twice; nothing changed`);
		// One space after the colon belongs to the format, the rest to the value.
		values.set(field, match[2]!.replace(/^ /, ''));
		last = field;
	}

	const edit: TaskEdit = {};
	const at = (field: string) => `${field} (in the edited file)`;
	try {
		const command = values.get('command');
		if (command !== undefined) edit.command = checkCommand(command, at('command'));
		const cwd = values.get('cwd');
		if (cwd !== undefined) edit.cwd = resolveCwd(cwd, at('cwd'));
		const label = values.get('label');
		if (label !== undefined) edit.label = label.trim() === '' ? null : label.trim();
		const priority = values.get('priority');
		if (priority !== undefined) edit.priority = parsePriority(priority, at('priority'));
	} catch (error) {
		const known = commandErrorOf(error);
		if (known) throw usageError(`${known.message}; nothing changed`);
		throw error;
	}

	return edit;
}

/** Only the fields that differ from the task as it is. */
export function changedFields(task: Task, edit: TaskEdit): TaskEdit {
	const changed: TaskEdit = {};
	if (edit.command !== undefined && edit.command !== task.command) changed.command = edit.command;
	if (edit.cwd !== undefined && edit.cwd !== task.cwd) changed.cwd = edit.cwd;
	if (edit.label !== undefined && edit.label !== task.label) changed.label = edit.label;
	if (edit.priority !== undefined && edit.priority !== task.priority) changed.priority = edit.priority;
	return changed;
}

function editFromFlags(flags: Record<string, unknown>): TaskEdit | undefined {
	const edit: TaskEdit = {};
	if (typeof flags.command === 'string') edit.command = checkCommand(flags.command, '--command');
	if (typeof flags.cwd === 'string') edit.cwd = resolveCwd(flags.cwd, '--cwd');
	if (typeof flags.label === 'string') edit.label = flags.label === '' ? null : flags.label;
	if (typeof flags.priority === 'string') edit.priority = parsePriority(flags.priority, '--priority');
	return Object.keys(edit).length === 0 ? undefined : edit;
}

function taskId(input: readonly string[]): number {
	const ids = input.length === 1 ? parseIds(input) : [];
	if (ids.length !== 1) throw usageError('say which task to edit, one id: spool edit <id> [--command X] [--cwd DIR] [--label L] [--priority N]');
	return ids[0]!;
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, editCommand);
	const id = taskId(parsed.input);
	let edit = editFromFlags(parsed.flags as Record<string, unknown>);

	if (edit === undefined) {
		// Fetch, then let go of the daemon while the editor is open (it may stay open for long).
		let found: Task | undefined;
		await withClient(parsed, async (client) => {
			[found] = await fetchTasks(client, {ids: [id]});
			return exitCodes.ok;
		});
		if (!found) throw new CommandError(`no task ${id}; \`spool status\` lists the tasks`, exitCodes.failed);
		const task = found;
		if (task.status === 'Running' || task.status === 'Paused') {
			throw new CommandError(`task ${id} is ${task.status.toLowerCase()}: a running task cannot be edited; wait for it or kill it first`, exitCodes.failed);
		}

		const text = editText(editFile(task), `spool-task-${id}.txt`);
		const parsedEdit = parseEditFile(text);
		edit = changedFields(task, parsedEdit);
		if (Object.keys(edit).length === 0) {
			if (parsed.flags.json) printJson(jsonTask(task));
			else process.stdout.write(`Task ${id} unchanged${Object.keys(parsedEdit).length === 0 ? ' (the file was empty)' : ''}\n`);
			return exitCodes.ok;
		}
	}

	const fields = edit;
	return withClient(parsed, async (client) => {
		const reply = await client.request({type: 'Edit', task: id, ...fields});
		if (parsed.flags.json) printJson(jsonTask(reply.task));
		else process.stdout.write(`Task ${id} edited: ${Object.keys(fields).join(', ')}\n`);
		return exitCodes.ok;
	});
}
