// `spool edit <ids>`: changes tasks that do not run — with flags (the same
// change to each), or in $VISUAL/$EDITOR on one file of `field: value`
// blocks when no flag is given. While the editor is open, the queued and
// stashed tasks are Locked on the daemon (they cannot start, nobody else can
// change them); the lock ends when the edit is sent, cancelled, or this
// process dies (its connection closes).
import {type Client, DaemonError} from '../client/client.js';
import {editCommand} from '../definitions/queue-commands.js';
import type {Task} from '../protocol/model.js';
import {parseIds} from '../shared/ids.js';
import {changedFields, checkCommand, editFile, parseAfter, parseEditFile, parsePriority, resolveCwd, type TaskEdit} from './edit-file.js';
import {editText} from './edit-text.js';
import {CommandError, exitCodes, usageError} from './exit-codes.js';
import {jsonTask, printJson} from './json-output.js';
import {type Parsed, parseCommand} from './parse.js';
import {describeIds} from './selection.js';
import {fetchTasks} from './task-query.js';
import {withClient} from './with-client.js';

function editFromFlags(flags: Parsed<typeof editCommand>['flags']): TaskEdit | undefined {
	const edit: TaskEdit = {};
	if (flags.command !== undefined) edit.command = checkCommand(flags.command, '--command');
	if (flags.cwd !== undefined) edit.cwd = resolveCwd(flags.cwd, '--cwd');
	if (flags.label !== undefined) edit.label = flags.label === '' ? null : flags.label;
	if (flags.priority !== undefined) edit.priority = parsePriority(flags.priority, '--priority');
	if (flags.after !== undefined) edit.after = parseAfter(flags.after);
	return Object.keys(edit).length === 0 ? undefined : edit;
}

function taskIds(input: readonly string[]): number[] {
	const ids = parseIds(input);
	if (ids.length === 0) throw usageError('say which tasks to edit: spool edit <ids> [--command X] [--cwd DIR] [--label L] [--priority N] [--after IDS]');
	return ids;
}

const changedLine = (id: number, fields: TaskEdit) => `Task ${id} edited: ${Object.keys(fields).join(', ')}\n`;

/** The same edit to every task, one Edit each, in order; a refusal stops there (the earlier ones are done). */
/** --json: one task edited is the task object; several are `{"tasks": [...]}` (docs/cli-json.md). */
function editedJson(tasks: readonly Task[]) {
	return tasks.length === 1 ? jsonTask(tasks[0]!) : {tasks: tasks.map((task) => jsonTask(task))};
}

async function editWithFlags(client: Client, ids: readonly number[], edit: TaskEdit, json: boolean): Promise<number> {
	const edited: Task[] = [];
	for (const id of ids) {
		const reply = await client.request({type: 'Edit', task: id, ...edit});
		edited.push(reply.task);
		if (!json) process.stdout.write(changedLine(id, edit));
	}

	if (json) printJson(editedJson(edited));
	return exitCodes.ok;
}

/** Fetches the tasks, locks the waiting ones, opens the editor, sends what changed and gives back the rest. */
async function editInEditor(client: Client, ids: readonly number[], json: boolean): Promise<number> {
	const tasks = await fetchTasks(client, {ids: [...ids]});
	const missing = ids.filter((id) => !tasks.some((task) => task.id === id));
	if (missing.length > 0) throw new DaemonError('not_found', `no task ${missing.join(', ')}; \`spool status\` lists the tasks`);
	const ordered = ids.map((id) => tasks.find((task) => task.id === id)!);
	const running = ordered.filter((task) => task.status === 'Running' || task.status === 'Paused');
	if (running.length > 0) {
		const [first] = running;
		throw new CommandError(
			`${running.length === 1 ? `task ${first!.id} is ${first!.status.toLowerCase()}` : `${describeIds(running.map((task) => task.id))} run`}: a running task cannot be edited; wait for it or kill it first`,
			exitCodes.failed,
		);
	}

	const waiting = ordered.filter((task) => task.status === 'Queued' || task.status === 'Stashed').map((task) => task.id);
	if (waiting.length > 0) await client.request({type: 'Lock', ids: waiting});
	let edits: Map<number, TaskEdit>;
	try {
		edits = parseEditFile(editText(editFile(ordered), ids.length === 1 ? `spool-task-${ids[0]}.txt` : 'spool-tasks.txt'), ids);
	} catch (error) {
		// Closing the connection would end the locks too; say it at once.
		if (waiting.length > 0) await client.request({type: 'Unlock', ids: waiting}).catch(() => undefined);
		throw error;
	}

	const result: Task[] = [];
	const unchanged: number[] = [];
	for (const task of ordered) {
		const fields = changedFields(task, edits.get(task.id) ?? {});
		if (Object.keys(fields).length === 0) {
			unchanged.push(task.id);
			result.push(task);
			continue;
		}

		// A refusal here (a new dependency that would make a cycle) leaves the
		// tasks before it edited; the rest are given back below or on exit.
		const reply = await client.request({type: 'Edit', task: task.id, ...fields});
		result.push(reply.task);
		if (!json) process.stdout.write(changedLine(task.id, fields));
	}

	const stillLocked = unchanged.filter((id) => waiting.includes(id));
	if (stillLocked.length > 0) await client.request({type: 'Unlock', ids: stillLocked});
	if (json) {
		printJson(editedJson(result));
	} else if (unchanged.length > 0) {
		const empty = edits.size === 0 ? ' (the file was empty)' : '';
		process.stdout.write(unchanged.length === 1 ? `Task ${unchanged[0]} unchanged${empty}\n` : `Tasks ${unchanged.join(', ')} unchanged${empty}\n`);
	}

	return exitCodes.ok;
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, editCommand);
	const ids = taskIds(parsed.input);
	const edit = editFromFlags(parsed.flags);
	const {json} = parsed.flags;
	// With the editor, the connection stays open while it is: it holds the locks.
	return withClient(parsed, async (client) => (edit ? editWithFlags(client, ids, edit, json) : editInEditor(client, ids, json)));
}
