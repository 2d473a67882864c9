// Why a task has no output: it waits (for its dependencies, its turn, its
// delay, an enqueue, the end of an edit) or it ended without running (a
// dependency failed, it could not be spawned). The log pane says this in
// place of an empty log, and the details view shows it as "Waiting".
import type {Group, Task} from '../protocol/model.js';
import {formatDate, statusLook} from '../shared/format.js';
import {oneLine} from '../terminal/sanitize.js';

export type WhyContext = {
	tasks: ReadonlyMap<number, Task>;
	groups: readonly Group[];
	/** Running or paused tasks per group (the store's stats). */
	running: ReadonlyMap<string, number>;
};

/** `3 (running), 5 (queued)`: the dependencies that have not succeeded yet, with their states. */
function pendingDependencies(task: Task, tasks: ReadonlyMap<number, Task>): string | undefined {
	const pending = task.after.flatMap((id) => {
		const dependency = tasks.get(id);
		if (dependency?.status === 'Done' && dependency.result === 'Success') return [];
		return [`${id} (${dependency ? statusLook(dependency).text.toLowerCase() : 'removed'})`];
	});
	if (pending.length === 0) return undefined;
	return `${pending.length === 1 ? 'dependency' : 'dependencies'} ${pending.join(', ')}`;
}

/** What a waiting task waits for; undefined when it is not waiting. */
export function waitingFor(task: Task, {tasks, groups, running}: WhyContext): string | undefined {
	switch (task.status) {
		case 'Stashed':
			return task.enqueueAt === null ? 'stashed: it runs once enqueued' : `delayed until ${formatDate(task.enqueueAt)}`;
		case 'Locked':
			return 'being edited (spool edit): it waits until the edit ends';
		case 'Queued': {
			const dependencies = pendingDependencies(task, tasks);
			if (dependencies) return `waiting for ${dependencies}`;
			const group = groups.find((entry) => entry.name === task.group);
			if (group?.status === 'Paused') return `waiting: group ${oneLine(task.group)} is paused`;
			const busy = running.get(task.group) ?? 0;
			if (group && group.parallel > 0 && busy >= group.parallel) {
				return `waiting for its turn: group ${oneLine(task.group)} runs ${group.parallel} at once and ${busy === 1 ? '1 is' : `${busy} are`} running`;
			}

			return 'waiting for a worker with a free slot';
		}

		default:
			return undefined;
	}
}

/** Why a task that ended never ran; undefined for one that did run. */
function whyEndedUnrun(task: Task): string | undefined {
	if (task.status !== 'Done') return undefined;
	const error = task.error === null ? undefined : oneLine(task.error);
	switch (task.result) {
		case 'DependencyFailed':
			return error ?? 'a dependency failed';
		// It was claimed (so it has a start) but nothing ran: the log holds only spool's own line.
		case 'FailedToSpawn':
			return `it failed to spawn${error ? `: ${error}` : ''}`;
		default:
			return task.startedAt === null ? (error ?? 'it ended before it started') : undefined;
	}
}

/**
 * The sentence the log pane shows for a task with no output of its own:
 * `task 4 never ran: dependency 3 ended Failed`, `task 5 has not run yet:
 * waiting for dependency 4 (running)`. Undefined when the task has (or will
 * have, as it runs) a log to show.
 */
export function whyNoLog(task: Task, context: WhyContext): string | undefined {
	const unrun = whyEndedUnrun(task);
	if (unrun) return `task ${task.id} never ran: ${unrun}`;
	const waiting = waitingFor(task, context);
	return waiting ? `task ${task.id} has not run yet: ${waiting}` : undefined;
}
