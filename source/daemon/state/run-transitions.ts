// Run transitions: what happens to a task's record while it runs (started,
// requeued, paused, resumed, done), the failure policy, and recovery after
// a daemon start. The daemon's runs (daemon/runs.ts) and scheduler call
// these; the processes themselves are theirs, the record's rules are here.
import {defaultGroup} from '../../protocol/model.js';
import {localWorkerName} from '../../protocol/worker-messages.js';
import type {Changes} from './changes.js';
import {setGroupStatus} from './group-transitions.js';
import {type State, TransitionError, getGroup, getTasks, selectTasks} from './state.js';
import {type Group, type Task, type TaskResult, isActive} from './types.js';

/** `slot`: the task's slot in its group (scheduler.ts, lowestFreeSlot). */
export function markStarted(task: Task, worker: string, now: number, changes: Changes, slot = 0): void {
	task.status = 'Running';
	task.startedAt = now;
	task.endedAt = null;
	task.worker = worker;
	task.slot = slot;
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
	task.slot = null;
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
	task.lock = undefined;
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

/** What Pause, Start and Kill name: tasks by id, else a group, else every group. */
export type Selection = {ids?: number[] | undefined; group?: string | undefined};

function selectedGroups(state: State, selection: Selection): Group[] {
	return selection.group === undefined ? [...state.groups.values()] : [getGroup(state, selection.group)];
}

/**
 * Pause: with ids, the tasks to stop (each must be running or paused); with
 * a group (or none: all), pauses the group(s) so nothing new starts and
 * returns their running tasks, none with `wait`. The caller stops them
 * (runs.pause marks each Paused).
 */
export function pauseTargets(state: State, request: Selection & {wait?: boolean | undefined}, changes: Changes): Task[] {
	if (request.ids?.length) {
		const tasks = getTasks(state, request.ids);
		const wrong = tasks.filter((task) => task.status !== 'Running' && task.status !== 'Paused');
		if (wrong.length > 0) {
			throw new TransitionError('invalid_state', `task ${wrong.map((task) => task.id).join(', ')} is not running, so it cannot be paused`);
		}

		return tasks;
	}

	const groups = selectedGroups(state, request);
	const names = new Set(groups.map((group) => group.name));
	for (const group of groups) setGroupStatus(group, 'Paused', changes);
	if (request.wait) return [];
	return [...state.tasks.values()].filter((task) => task.status === 'Running' && names.has(task.group));
}

/**
 * Start: with ids, the paused tasks to resume and the queued or stashed ones
 * to start now (`forced`); with a group (or none: all), runs the group(s)
 * again and returns their paused tasks to resume. `ids` is what the reply
 * names. The caller resumes (runs.resume marks each Running) and starts.
 */
export function startTargets(state: State, request: Selection, changes: Changes): {resume: Task[]; forced: Task[]; ids: number[]} {
	if (request.ids?.length) {
		const tasks = getTasks(state, request.ids);
		const locked = tasks.filter((task) => task.status === 'Locked');
		if (locked.length > 0) {
			throw new TransitionError(
				'invalid_state',
				`task ${locked.map((task) => task.id).join(', ')} ${locked.length === 1 ? 'is' : 'are'} locked: a client is editing it; it can start once the edit is done`,
			);
		}

		const wrong = tasks.filter((task) => task.status === 'Running' || task.status === 'Done');
		if (wrong.length > 0) {
			throw new TransitionError(
				'invalid_state',
				`task ${wrong.map((task) => task.id).join(', ')} ${wrong.length === 1 ? 'is' : 'are'} already running or done; \`spool restart\` runs a finished task again`,
			);
		}

		return {
			resume: tasks.filter((task) => task.status === 'Paused'),
			forced: tasks.filter((task) => task.status !== 'Paused'),
			ids: tasks.map((task) => task.id),
		};
	}

	const groups = selectedGroups(state, request);
	const names = new Set(groups.map((group) => group.name));
	for (const group of groups) setGroupStatus(group, 'Running', changes);
	const resume = [...state.tasks.values()].filter((task) => task.status === 'Paused' && names.has(task.group));
	return {resume, forced: [], ids: resume.map((task) => task.id)};
}

/** Kill: the running tasks a request names. Named ids must all run; without ids, a group or `all` must be said. */
export function killTargets(state: State, request: Selection & {all?: boolean | undefined}): Task[] {
	const tasks = selectTasks(state, request);
	if (request.ids?.length) {
		const idle = tasks.filter((task) => !isActive(task));
		if (idle.length > 0) {
			throw new TransitionError('invalid_state', `task ${idle.map((task) => task.id).join(', ')} is not running; \`spool remove\` drops queued tasks`);
		}
	} else if (request.group === undefined && !request.all) {
		throw new TransitionError('bad_request', 'say which tasks to kill: ids, a group, or all');
	}

	return tasks.filter((task) => isActive(task));
}

/**
 * Kill of a group or of all (pueue's emergency stop): each group that still
 * has queued tasks is paused, so the next one does not start in the slot
 * the kill frees. Kill by ids pauses nothing. Returns the groups paused.
 */
export function pauseKilledGroups(state: State, selection: Selection, changes: Changes): string[] {
	const paused: string[] = [];
	for (const group of selectedGroups(state, selection)) {
		if (group.status === 'Paused') continue;
		const waiting = [...state.tasks.values()].some((task) => task.group === group.name && task.status === 'Queued');
		if (!waiting) continue;
		setGroupStatus(group, 'Paused', changes);
		paused.push(group.name);
	}

	return paused;
}
