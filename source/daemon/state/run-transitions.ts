// Run transitions: what happens to a task's record while it runs (started,
// requeued, paused, resumed, done), the failure policy, and recovery after
// a daemon start. The daemon's runs (daemon/runs.ts) and scheduler call
// these; the processes themselves are theirs, the record's rules are here.
import {defaultGroup} from '../../protocol/model.js';
import {localWorkerName} from '../../protocol/worker-messages.js';
import type {Changes} from './changes.js';
import {setGroupStatus} from './group-transitions.js';
import type {State} from './state.js';
import {type Task, type TaskResult, isActive} from './types.js';

export function markStarted(task: Task, worker: string, now: number, changes: Changes): void {
	task.status = 'Running';
	task.startedAt = now;
	task.endedAt = null;
	task.worker = worker;
	task.attempt += 1;
	task.enqueueAt = null;
	changes.task(task.id);
}

/**
 * A start whose task never reached its worker (refused, or lost on the way):
 * the task waits again. It never ran, so running it elsewhere is no re-run.
 * `attempt` keeps its new value, so messages about the aborted start stay stale.
 */
export function markRequeued(task: Task, changes: Changes): void {
	task.status = 'Queued';
	task.startedAt = null;
	task.worker = null;
	changes.task(task.id);
}

export function markPaused(task: Task, changes: Changes): void {
	if (task.status === 'Running') {
		task.status = 'Paused';
		changes.task(task.id);
	}
}

export function markResumed(task: Task, changes: Changes): void {
	if (task.status === 'Paused') {
		task.status = 'Running';
		changes.task(task.id);
	}
}

export type Ending = {
	result: TaskResult;
	exitCode?: number | null;
	signal?: string | null;
	error?: string | null;
};

export function markDone(task: Task, ending: Ending, now: number, changes: Changes): void {
	task.status = 'Done';
	task.result = ending.result;
	task.exitCode = ending.exitCode ?? null;
	task.signal = ending.signal ?? null;
	task.error = ending.error ?? null;
	task.endedAt = now;
	task.enqueueAt = null;
	changes.task(task.id);
}

/** After a task failed: pauses its group, or every group, as the daemon is configured to. */
export function pauseOnFailure(state: State, task: Task, policy: {all: boolean; group: boolean}, changes: Changes): void {
	const failed = task.result === 'Failed' || task.result === 'FailedToSpawn' || task.result === 'WorkerLost';
	if (!failed) return;
	for (const group of state.groups.values()) {
		if (policy.all || (policy.group && group.name === task.group)) setGroupStatus(group, 'Paused', changes);
	}
}


export type RecoverOptions = {
	/** The default group's parallel, should it have to be created again. */
	defaultParallel: number;
	/** Tasks of remote workers wait for their workers (worker_grace_ms > 0). */
	adoptRemote: boolean;
	/** on_restart = pause: the groups of interrupted tasks are paused. */
	pauseGroups: boolean;
};

/**
 * After a daemon start: tasks that were running when the daemon stopped
 * without recording their end are Interrupted. A remote worker's task did
 * not die with the daemon: it may still run there, so with `adoptRemote` it
 * keeps its record and is returned as adopted for its worker to re-attach.
 */
export function recoverTasks(state: State, options: RecoverOptions, now: number, changes: Changes): {interrupted: Task[]; adopted: Task[]} {
	if (!state.groups.has(defaultGroup)) {
		state.groups.set(defaultGroup, {name: defaultGroup, status: 'Running', parallel: options.defaultParallel});
	}

	changes.group(defaultGroup);
	const active = [...state.tasks.values()].filter((task) => isActive(task));
	const orphaned = (task: Task) => task.worker !== null && task.worker !== localWorkerName && options.adoptRemote;
	const adopted = active.filter((task) => orphaned(task));
	const interrupted = active.filter((task) => !orphaned(task));
	for (const task of interrupted) {
		markDone(task, {result: 'Interrupted', error: 'the daemon stopped while the task ran'}, now, changes);
		if (options.pauseGroups) {
			const group = state.groups.get(task.group);
			if (group) setGroupStatus(group, 'Paused', changes);
		}
	}

	return {interrupted, adopted};
}
