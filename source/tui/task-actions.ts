// The actions on the selected tasks — the marked ones, or else the one under
// the cursor: start, pause, kill, restart, stash, enqueue, remove. Each one
// applies to the tasks it can and names the others with why ("Killed tasks
// 3, 5; 7 is not running"); the command it shows does exactly what was done.
// The daemon refuses a whole request when one task does not fit, so the
// tasks that do not are left out here, before it is sent. Pure, like
// actions.ts, which calls these.
import type {PlainRequest as Request} from '../client/client.js';
import {commandLine, type LineParts} from '../definitions/command-line.js';
import {enqueueCommand, killCommand, pauseCommand, restartCommand, startCommand, stashCommand} from '../definitions/control-commands.js';
import {removeCommand} from '../definitions/queue-commands.js';
import type {CommandDef} from '../definitions/types.js';
import type {Group, Task} from '../protocol/model.js';
import type {Effect} from './view-state.js';

/** The options that chose the daemon (--home DIR), by long name: a command shown must reach the same one. */
export type Connection = Readonly<Record<string, string>>;

export type Selected = {
	/** Sorted. */
	ids: readonly number[];
	/** The ids are the marked tasks: those acted on are unmarked once the daemon agreed. */
	marked: boolean;
	current: Task | undefined;
	tasks: ReadonlyMap<number, Task>;
	groups: readonly Group[];
	connection: Connection;
};

/** Ids as the CLI takes them, runs of three or more as ranges: ['3-6', '9']. */
export function idWords(ids: readonly number[]): string[] {
	const words: string[] = [];
	for (let index = 0; index < ids.length; ) {
		let end = index;
		while (end + 1 < ids.length && ids[end + 1] === ids[end]! + 1) end++;
		if (end - index >= 2) words.push(`${ids[index]}-${ids[end]}`);
		else for (let at = index; at <= end; at++) words.push(String(ids[at]));
		index = end + 1;
	}

	return words;
}

/** "task 3", "tasks 3, 5, 7-9". */
export const describeTasks = (ids: readonly number[]) => (ids.length === 1 ? `task ${ids[0]}` : `tasks ${idWords(ids).join(', ')}`);

export const cliLine = (definition: CommandDef, parts: LineParts, connection: Connection) => commandLine(definition, parts, connection);

/** Why a task is left out, as "… is <why>"; undefined when the action applies to it. */
type Verdict = (task: Task) => string | undefined;

/** The ids the action applies to, and "5, 7 are not running; 9 is being edited" for the others. */
function sortOut(selected: Selected, verdict: Verdict): {can: number[]; skipped: string | undefined} {
	const can: number[] = [];
	const left = new Map<string, number[]>();
	for (const id of selected.ids) {
		const task = selected.tasks.get(id);
		const why = task ? verdict(task) : 'gone';
		if (why === undefined) can.push(id);
		else left.set(why, [...(left.get(why) ?? []), id]);
	}

	const parts = [...left].map(([why, ids]) => `${idWords(ids).join(', ')} ${ids.length === 1 ? 'is' : 'are'} ${why}`);
	return {can, skipped: parts.length > 0 ? parts.join('; ') : undefined};
}

const say = (text: string, kind: 'info' | 'error'): Effect => ({kind: 'view', event: {type: 'say', message: {text, kind}}});

/** The send effect for the tasks an action applies to, or the message that it applies to none. */
function onTasks(selected: Selected, verb: string, verdict: Verdict, build: (ids: number[]) => {request: Request; done: string; definition: CommandDef; parts?: LineParts}): Effect {
	const {can, skipped} = sortOut(selected, verdict);
	if (can.length === 0) return say(`Nothing to ${verb}${skipped ? `: ${skipped}` : ''}`, 'error');
	const {request, done, definition, parts} = build(can);
	return {kind: 'send', request, done, skipped, cli: cliLine(definition, parts ?? {args: idWords(can)}, selected.connection), unmark: selected.marked ? can : undefined};
}

const isActive = (task: Task) => task.status === 'Running' || task.status === 'Paused';
const statusWord = (task: Task) => (task.status === 'Locked' ? 'being edited' : task.status === 'Done' ? 'done' : task.status.toLowerCase());

/** The group the selection's group actions mean: the task under the cursor's, or the one group of all marked tasks. */
function selectionGroup(selected: Selected): Group | undefined {
	const names = new Set(selected.marked ? selected.ids.flatMap((id) => selected.tasks.get(id)?.group ?? []) : selected.current ? [selected.current.group] : []);
	const [name] = names;
	return names.size === 1 ? selected.groups.find((group) => group.name === name) : undefined;
}

export function killEffect(selected: Selected): Effect {
	return onTasks(
		selected,
		'kill',
		(task) => (isActive(task) ? undefined : 'not running'),
		(ids) => ({request: {type: 'Kill', ids}, done: `Killed ${describeTasks(ids)}`, definition: killCommand}),
	);
}

/** p: running tasks pause; when none of them runs, their group stops starting tasks. */
export function pauseEffect(selected: Selected): Effect {
	const verdict: Verdict = (task) => (task.status === 'Running' ? undefined : task.status === 'Paused' ? 'already paused' : 'not running');
	if (selected.ids.some((id) => selected.tasks.get(id)?.status === 'Running')) {
		return onTasks(selected, 'pause', verdict, (ids) => ({request: {type: 'Pause', ids}, done: `Paused ${describeTasks(ids)}`, definition: pauseCommand}));
	}

	const group = selectionGroup(selected);
	if (!group) return say(`Nothing to pause: ${sortOut(selected, verdict).skipped ?? 'no task'}, and they are in several groups (:pause -g NAME pauses one)`, 'error');
	if (group.status === 'Paused') return say(`group ${group.name} is already paused (s resumes it)`, 'info');
	return {kind: 'send', request: {type: 'Pause', group: group.name}, done: `Paused group ${group.name}`, cli: cliLine(pauseCommand, {flags: {group: group.name}}, selected.connection)};
}

/**
 * s, p's undo: paused tasks resume, queued and stashed ones start now; when
 * none of the tasks can, their group resumes if it is paused.
 */
export function startEffect(selected: Selected): Effect {
	const startable = (task: Task) => task.status === 'Paused' || task.status === 'Queued' || task.status === 'Stashed';
	const verdict: Verdict = (task) => (startable(task) ? undefined : task.status === 'Running' ? 'already running' : statusWord(task));
	if (
		selected.ids.some((id) => {
			const task = selected.tasks.get(id);
			return task !== undefined && startable(task);
		})
	) {
		return onTasks(selected, 'start', verdict, (ids) => {
			const resumed = ids.every((id) => selected.tasks.get(id)?.status === 'Paused');
			return {request: {type: 'Start', ids}, done: `${resumed ? 'Resumed' : 'Started'} ${describeTasks(ids)}`, definition: startCommand};
		});
	}

	const group = selectionGroup(selected);
	if (group?.status === 'Paused') {
		return {kind: 'send', request: {type: 'Start', group: group.name}, done: `Resumed group ${group.name}`, cli: cliLine(startCommand, {flags: {group: group.name}}, selected.connection)};
	}

	const {skipped} = sortOut(selected, verdict);
	const restartable = selected.ids.some((id) => selected.tasks.get(id)?.status === 'Done');
	if (!restartable || !group) return say(`Nothing to start: ${skipped ?? 'no task'}`, 'error');
	// A finished task: what would run it again, and that its group needs no resuming.
	const what = selected.ids.length === 1 ? `task ${skipped}` : skipped;
	return say(`${what} and group ${group.name} is running: r restarts ${selected.ids.length === 1 ? 'it' : 'them'}`, 'error');
}

export function restartEffect(selected: Selected, inPlace: boolean): Effect {
	const {can, skipped} = sortOut(selected, (task) => (task.status === 'Done' ? undefined : 'not finished'));
	if (can.length === 0) return say(`Nothing to restart${skipped ? `: ${skipped}` : ''}`, 'error');
	return {
		kind: 'restart',
		request: {type: 'Restart', ids: can, inPlace},
		from: can,
		skipped,
		cli: cliLine(restartCommand, {args: idWords(can), flags: {'in-place': inPlace}}, selected.connection),
		unmark: selected.marked ? can : undefined,
	};
}

export function stashEffect(selected: Selected): Effect {
	return onTasks(
		selected,
		'stash',
		(task) => (task.status === 'Queued' ? undefined : task.status === 'Stashed' ? 'already stashed' : statusWord(task)),
		(ids) => ({request: {type: 'Stash', ids}, done: `Stashed ${describeTasks(ids)}`, definition: stashCommand}),
	);
}

export function enqueueEffect(selected: Selected): Effect {
	return onTasks(
		selected,
		'enqueue',
		(task) => (task.status === 'Stashed' ? undefined : task.status === 'Queued' ? 'already queued' : statusWord(task)),
		(ids) => ({request: {type: 'Enqueue', ids}, done: `Enqueued ${describeTasks(ids)}`, definition: enqueueCommand}),
	);
}

/** Remove, partial: the daemon also leaves the tasks an unfinished task waits for, and names them in its reply. */
export function removeEffect(selected: Selected): Effect {
	return onTasks(
		selected,
		'remove',
		(task) => (isActive(task) ? `${statusWord(task)} (kill it first)` : task.status === 'Locked' ? statusWord(task) : undefined),
		(ids) => ({request: {type: 'Remove', ids, partial: true}, done: `Removed ${describeTasks(ids)}`, definition: removeCommand}),
	);
}

/** What the daemon's reply to a request on tasks says: the ids it acted on, and for Remove {partial} those it left. */
type TasksReply = {ids?: readonly number[]; refused?: ReadonlyArray<{id: number; message: string}>};

/**
 * The message after a request succeeded, and the marks to drop: those of
 * the tasks the daemon acted on. A partial Remove names what it removed and
 * what it left, with the daemon's reasons; it is an error when it removed nothing.
 */
export function sentReport(effect: Extract<Effect, {kind: 'send'}>, reply: TasksReply): {text: string; kind: 'info' | 'error'; unmark: number[] | undefined} {
	const acted = reply.ids === undefined ? undefined : new Set(reply.ids);
	const unmark = effect.unmark && (acted ? effect.unmark.filter((id) => acted.has(id)) : [...effect.unmark]);
	const refused = (reply.refused ?? []).map((refusal) => refusal.message);
	if (refused.length === 0) return {text: `${[effect.done, ...(effect.skipped ? [effect.skipped] : [])].join('; ')} — ${effect.cli}`, kind: 'info', unmark};
	const none = reply.ids?.length === 0;
	const done = none ? 'Nothing removed' : `Removed ${describeTasks(reply.ids ?? [])}`;
	return {text: `${[done, ...(effect.skipped ? [effect.skipped] : []), ...refused].join('; ')} — ${effect.cli}`, kind: none ? 'error' : 'info', unmark};
}
