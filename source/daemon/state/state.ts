// The queue's in-memory state and the error type of refused transitions.
import type {ErrorCode} from '../../protocol/envelope.js';
import {type Group, type Task, defaultGroup} from './types.js';

export type State = {
	tasks: Map<number, Task>;
	groups: Map<string, Group>;
	nextTaskId: number;
};

/** A request the state refuses; `code` is the protocol's error code. */
export class TransitionError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'TransitionError';
	}
}

export function createState(defaultParallel = 1): State {
	return {
		tasks: new Map(),
		groups: new Map([[defaultGroup, {name: defaultGroup, status: 'Running', parallel: defaultParallel}]]),
		nextTaskId: 1,
	};
}

export function getTask(state: State, id: number): Task {
	const task = state.tasks.get(id);
	if (!task) throw new TransitionError('not_found', `no task ${id}; \`spool status\` lists the tasks`);
	return task;
}

export function getGroup(state: State, name: string): Group {
	const group = state.groups.get(name);
	if (!group) {
		throw new TransitionError('not_found', `no group ${JSON.stringify(name)}; create it with \`spool group add ${name}\``);
	}

	return group;
}

/** "task 3 is queued", "task 3 is done (Failed)", for refusals. */
export function describeTask(task: Task): string {
	if (task.status === 'Locked') return `task ${task.id} is locked (a client is editing it)`;
	return `task ${task.id} is ${task.status === 'Done' ? `done (${task.result})` : task.status.toLowerCase()}`;
}

/** Queued or stashed: a task that may still be moved, stashed, edited or locked. */
export const isWaiting = (task: Task) => task.status === 'Queued' || task.status === 'Stashed';

/** How many tasks of a group wait: queued, and stashed (delayed ones included); a callback's counts. */
export type Waiting = {queued: number; stashed: number};

export function waitingIn(state: State, group: string): Waiting {
	const waiting = {queued: 0, stashed: 0};
	for (const task of state.tasks.values()) {
		if (task.group !== group) continue;
		// A task being edited counts as what it goes back to.
		const status = task.lock?.from ?? task.status;
		if (status === 'Queued') waiting.queued++;
		else if (status === 'Stashed') waiting.stashed++;
	}

	return waiting;
}

/** Every id must exist; returns the tasks in the given order, deduplicated. */
export function getTasks(state: State, ids: readonly number[]): Task[] {
	const missing = ids.filter((id) => !state.tasks.has(id));
	if (missing.length > 0) {
		throw new TransitionError('not_found', `no task ${missing.join(', ')}; \`spool status\` lists the tasks`);
	}

	return [...new Set(ids)].map((id) => state.tasks.get(id)!);
}

/** The tasks a request selects: explicit ids, else a group, else all (when `all`). */
export function selectTasks(state: State, selection: {ids?: number[] | undefined; group?: string | undefined; all?: boolean | undefined}): Task[] {
	if (selection.ids && selection.ids.length > 0) return getTasks(state, selection.ids);
	if (selection.group !== undefined) {
		getGroup(state, selection.group);
		return [...state.tasks.values()].filter((task) => task.group === selection.group);
	}

	if (selection.all) return [...state.tasks.values()];
	return [];
}
