// Reset's rules: it empties the queue (or one group) in two commits around
// the kill of what still runs, and touches tasks and groups alike, so it
// sits apart from the task and group transitions.
import type {Changes} from './changes.js';
import {setGroupStatus} from './group-transitions.js';
import {markDone} from './run-transitions.js';
import type {State} from './state.js';
import type {Task} from './types.js';

/** The tasks a reset removes: all, or one group's. */
export function resetScope(state: State, group: string | undefined): Task[] {
	return [...state.tasks.values()].filter((task) => group === undefined || task.group === group);
}

/** Pauses the groups a reset covers, so nothing new starts while their tasks are killed. */
export function pauseForReset(state: State, group: string | undefined, changes: Changes): void {
	for (const each of state.groups.values()) {
		if (group === undefined || each.name === group) setGroupStatus(each, 'Paused', changes);
	}
}

/**
 * Reset, once nothing in scope runs: removes the tasks (all, or one group's)
 * and runs the groups again. Tasks of other groups that waited for a removed
 * task can never run as meant: they end DependencyFailed. Returns the removed ids.
 */
export function resetTasks(state: State, group: string | undefined, now: number, changes: Changes): number[] {
	const ids = resetScope(state, group).map((task) => task.id);
	const gone = new Set(ids);
	for (const id of ids) {
		state.tasks.delete(id);
		changes.removeTask(id);
	}

	for (const task of state.tasks.values()) {
		const missing = task.after.find((id) => gone.has(id));
		if (missing !== undefined && (task.status === 'Queued' || task.status === 'Stashed' || task.status === 'Locked')) {
			markDone(task, {result: 'DependencyFailed', error: `dependency ${missing} was removed by reset`}, now, changes);
		}
	}

	for (const each of state.groups.values()) {
		if (group === undefined || each.name === group) setGroupStatus(each, 'Running', changes);
	}

	return ids;
}
