// Edit and the locks of an edit in progress (Lock, Unlock): what a task
// that does not run may become, and who may change it meanwhile. A lock
// belongs to an owner (the connection that took it, compared by identity).
import type {Changes} from './changes.js';
import {type State, TransitionError, describeTask, getTask, getTasks, isWaiting} from './state.js';
import {type Task, isActive} from './types.js';

export type TaskEdit = {
	command?: string | undefined;
	cwd?: string | undefined;
	label?: string | null | undefined;
	priority?: number | undefined;
	after?: number[] | undefined;
};

/** Refuses dependencies a task cannot have: itself, or tasks that wait for it (a cycle would never start). */
function checkDependencies(state: State, id: number, after: readonly number[]): void {
	getTasks(state, after);
	if (after.includes(id)) throw new TransitionError('bad_request', `task ${id} cannot wait for itself`);
	const seen = new Set<number>();
	const waitsFor = (from: number): boolean => {
		if (from === id) return true;
		if (seen.has(from)) return false;
		seen.add(from);
		return (state.tasks.get(from)?.after ?? []).some((next) => waitsFor(next));
	};

	const looping = after.find((dependency) => waitsFor(dependency));
	if (looping !== undefined) {
		throw new TransitionError('bad_request', `task ${id} cannot wait for task ${looping}, which waits for it: that would be a cycle, and neither would ever start`);
	}
}

/**
 * Edits a task that does not run. A Locked task only by the connection that
 * locked it (`owner`), and the edit ends that lock: the task goes back to
 * the status it had.
 */
export function editTask(state: State, id: number, edit: TaskEdit, changes: Changes, owner?: object): Task {
	const task = getTask(state, id);
	if (isActive(task)) throw new TransitionError('invalid_state', `${describeTask(task)}: a running task cannot be edited`);
	if (task.lock && task.lock.owner !== owner) {
		throw new TransitionError('invalid_state', `task ${id} is locked: another client is editing it (spool edit); try again once that edit is done`);
	}

	if (edit.command?.trim() === '') throw new TransitionError('bad_request', 'the command must not be empty');
	if (edit.after !== undefined) checkDependencies(state, id, edit.after);
	if (edit.command !== undefined) task.command = edit.command;
	if (edit.cwd !== undefined) task.cwd = edit.cwd;
	if (edit.label !== undefined) task.label = edit.label;
	if (edit.priority !== undefined) task.priority = edit.priority;
	if (edit.after !== undefined) task.after = [...new Set(edit.after)];
	if (task.lock) unlock(task);
	changes.task(id);
	return task;
}

/** Locks queued or stashed tasks for `owner` while it edits them (all or none); they cannot start meanwhile. */
export function lockTasks(state: State, ids: readonly number[], owner: object, changes: Changes): Task[] {
	const tasks = getTasks(state, ids);
	const wrong = tasks.filter((task) => !isWaiting(task));
	if (wrong.length > 0) {
		throw new TransitionError('invalid_state', `${wrong.map((task) => describeTask(task)).join('; ')}: only queued or stashed tasks can be locked for editing`);
	}

	for (const task of tasks) {
		task.lock = {owner, from: task.status as 'Queued' | 'Stashed'};
		task.status = 'Locked';
		changes.task(task.id);
	}

	return tasks;
}

function unlock(task: Task): void {
	if (!task.lock) return;
	task.status = task.lock.from;
	task.lock = undefined;
}

/** Gives back the locks `owner` holds among `ids`; other ids are left alone. Returns the ids unlocked. */
export function unlockTasks(state: State, ids: readonly number[], owner: object, changes: Changes): number[] {
	const unlocked: number[] = [];
	for (const id of new Set(ids)) {
		const task = state.tasks.get(id);
		if (task?.lock?.owner !== owner) continue;
		unlock(task);
		changes.task(id);
		unlocked.push(id);
	}

	return unlocked;
}
