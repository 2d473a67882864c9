// Task transitions: plain functions over plain data. Each checks everything
// first and throws TransitionError before touching anything, so a refused
// request changes nothing. Side effects (processes, files, sockets) are the
// daemon's job; these only decide. Groups are in group-transitions.ts, a
// task's run (started, paused, done) in run-transitions.ts, Reset's rules
// in reset-transitions.ts, Remove of what can go in remove-transitions.ts,
// Edit and its locks in edit-transitions.ts.
import type {Changes} from './changes.js';
import {editTask} from './edit-transitions.js';
import {type State, TransitionError, describeTask, getGroup, getTask, getTasks, isWaiting} from './state.js';
import {type Task, isActive} from './types.js';

/** What a new task is made of; the rest of its record starts empty. */
export type NewTask = Pick<Task, 'command' | 'cwd' | 'envId' | 'group' | 'label' | 'priority' | 'after' | 'enqueueAt' | 'cols' | 'rows'> & {
	stashed: boolean;
};

export function addTask(state: State, input: NewTask, now: number, changes: Changes): Task {
	getGroup(state, input.group);
	getTasks(state, input.after);
	const task: Task = {
		id: state.nextTaskId,
		command: input.command,
		cwd: input.cwd,
		envId: input.envId,
		group: input.group,
		label: input.label,
		priority: input.priority,
		after: [...new Set(input.after)],
		status: input.stashed || input.enqueueAt !== null ? 'Stashed' : 'Queued',
		result: null,
		exitCode: null,
		signal: null,
		error: null,
		createdAt: now,
		enqueueAt: input.enqueueAt,
		startedAt: null,
		endedAt: null,
		worker: null,
		slot: null,
		cols: input.cols,
		rows: input.rows,
		attempt: 0,
	};
	state.nextTaskId += 1;
	state.tasks.set(task.id, task);
	changes.task(task.id);
	return task;
}

/**
 * All or none: runs `add`, which adds tasks one by one; when it throws, the
 * tasks it added are gone again and their ids are free for the next add.
 */
export function addAllOrNone<T>(state: State, changes: Changes, add: () => T): T {
	const before = state.nextTaskId;
	try {
		return add();
	} catch (error) {
		for (let id = before; id < state.nextTaskId; id++) {
			state.tasks.delete(id);
			changes.tasks.delete(id);
		}

		state.nextTaskId = before;
		throw error;
	}
}

/** Unfinished tasks outside `ids` that wait for any of `ids`. */
function dependants(state: State, ids: ReadonlySet<number>): Task[] {
	return [...state.tasks.values()].filter((task) => task.status !== 'Done' && !ids.has(task.id) && task.after.some((id) => ids.has(id)));
}

export function removeTasks(state: State, ids: readonly number[], changes: Changes): number[] {
	const tasks = getTasks(state, ids);
	const active = tasks.filter((task) => isActive(task));
	if (active.length > 0) {
		throw new TransitionError('invalid_state', `${active.map((task) => describeTask(task)).join('; ')}: kill it first (\`spool kill ${active.map((task) => task.id).join(' ')}\`)`);
	}

	const locked = tasks.filter((task) => task.status === 'Locked');
	if (locked.length > 0) {
		throw new TransitionError('invalid_state', `${locked.map((task) => describeTask(task)).join('; ')}: try again once the edit is done`);
	}

	const removing = new Set(tasks.map((task) => task.id));
	const waiting = dependants(state, removing);
	if (waiting.length > 0) {
		throw new TransitionError('invalid_state', `task ${waiting.map((task) => task.id).join(', ')} depends on it; remove ${waiting.length === 1 ? 'that task' : 'those tasks'} too, or first`);
	}

	for (const id of removing) {
		state.tasks.delete(id);
		changes.removeTask(id);
	}

	return [...removing];
}

/** Swaps two queued/stashed tasks' places: each takes the other's id; dependencies follow. */
export function switchTasks(state: State, a: number, b: number, changes: Changes): void {
	const first = getTask(state, a);
	const second = getTask(state, b);
	if (a === b) throw new TransitionError('bad_request', 'switch needs two different tasks');
	for (const task of [first, second]) {
		if (!isWaiting(task)) throw new TransitionError('invalid_state', `${describeTask(task)}: only queued or stashed tasks can be switched`);
	}

	state.tasks.set(a, {...second, id: a});
	state.tasks.set(b, {...first, id: b});
	const swap = (id: number) => (id === a ? b : id === b ? a : id);
	for (const task of state.tasks.values()) {
		if (task.after.includes(a) || task.after.includes(b)) {
			task.after = task.after.map((id) => swap(id));
			changes.task(task.id);
		}
	}

	// A task may not wait for itself after the swap (a waited for b).
	for (const id of [a, b]) {
		const task = state.tasks.get(id)!;
		task.after = task.after.filter((dependency) => dependency !== id);
	}

	changes.task(a);
	changes.task(b);
}

export function stashTasks(tasks: readonly Task[], changes: Changes): void {
	const wrong = tasks.filter((task) => task.status !== 'Queued' && task.status !== 'Stashed');
	if (wrong.length > 0) {
		throw new TransitionError('invalid_state', `${wrong.map((task) => describeTask(task)).join('; ')}: only queued tasks can be stashed`);
	}

	for (const task of tasks) {
		task.status = 'Stashed';
		task.enqueueAt = null;
		changes.task(task.id);
	}
}

/** Stashed -> Queued now, or at `at` (then it stays stashed until that time). */
export function enqueueTasks(tasks: readonly Task[], at: number | null, now: number, changes: Changes): void {
	const wrong = tasks.filter((task) => task.status !== 'Stashed' && !(task.status === 'Queued' && at !== null));
	if (wrong.length > 0) {
		throw new TransitionError('invalid_state', `${wrong.map((task) => describeTask(task)).join('; ')}: only stashed tasks can be enqueued`);
	}

	for (const task of tasks) {
		if (at !== null && at > now) {
			task.status = 'Stashed';
			task.enqueueAt = at;
		} else {
			task.status = 'Queued';
			task.enqueueAt = null;
		}

		changes.task(task.id);
	}
}

/** Checks that a task's environment may change (queued or stashed only). */
export function checkEnvEditable(state: State, id: number): Task {
	const task = getTask(state, id);
	if (!isWaiting(task)) {
		throw new TransitionError('invalid_state', `${describeTask(task)}: the environment can only change before a task starts`);
	}

	return task;
}

export function setTaskEnv(state: State, id: number, envId: number, changes: Changes): void {
	const task = checkEnvEditable(state, id);
	task.envId = envId;
	changes.task(id);
}

function resetRun(task: Task): void {
	task.result = null;
	task.exitCode = null;
	task.signal = null;
	task.error = null;
	task.startedAt = null;
	task.endedAt = null;
	task.worker = null;
	task.slot = null;
}

export type RestartOptions = {inPlace: boolean; stashed: boolean};

export type RestartRequest = {
	ids?: number[] | undefined;
	allFailed?: boolean | undefined;
	group?: string | undefined;
	inPlace?: boolean | undefined;
	stashed?: boolean | undefined;
	command?: string | undefined;
	cwd?: string | undefined;
	label?: string | null | undefined;
	priority?: number | undefined;
};

/**
 * Restart as requested: the tasks named by ids, or every finished task that
 * did not succeed (optionally of one group); edits apply to exactly one task
 * and are checked before anything changes, so a bad edit refuses it all.
 */
export function restartRequested(state: State, request: RestartRequest, now: number, changes: Changes): Task[] {
	let tasks;
	if (request.ids?.length) {
		tasks = getTasks(state, request.ids);
	} else if (request.allFailed) {
		if (request.group !== undefined) getGroup(state, request.group);
		tasks = [...state.tasks.values()].filter((task) => task.status === 'Done' && task.result !== 'Success' && (request.group === undefined || task.group === request.group));
	} else {
		throw new TransitionError('bad_request', 'say which tasks to restart: ids, or allFailed (optionally with a group)');
	}

	const edited = request.command !== undefined || request.cwd !== undefined || request.label !== undefined || request.priority !== undefined;
	if (edited && tasks.length !== 1) throw new TransitionError('bad_request', 'edits apply to restarting exactly one task');
	if (request.command?.trim() === '') throw new TransitionError('bad_request', 'the command must not be empty');
	if (request.cwd !== undefined && !request.cwd.startsWith('/')) throw new TransitionError('bad_request', 'cwd must be an absolute path');
	const result = restartTasks(state, tasks, {inPlace: request.inPlace ?? false, stashed: request.stashed ?? false}, now, changes);
	if (edited) {
		editTask(state, result[0]!.id, {command: request.command, cwd: request.cwd, label: request.label, priority: request.priority}, changes);
	}

	return result;
}

/** Restarts done tasks: as new tasks (default) or in place. Returns the tasks that will run again. */
export function restartTasks(state: State, tasks: readonly Task[], options: RestartOptions, now: number, changes: Changes): Task[] {
	const wrong = tasks.filter((task) => task.status !== 'Done');
	if (wrong.length > 0) {
		throw new TransitionError('invalid_state', `${wrong.map((task) => describeTask(task)).join('; ')}: only finished tasks can be restarted`);
	}

	for (const task of tasks) getGroup(state, task.group);
	return tasks.map((task) => {
		if (options.inPlace) {
			resetRun(task);
			task.status = options.stashed ? 'Stashed' : 'Queued';
			task.enqueueAt = null;
			changes.task(task.id);
			return task;
		}

		return addTask(
			state,
			{
				command: task.command,
				cwd: task.cwd,
				envId: task.envId,
				group: task.group,
				label: task.label,
				priority: task.priority,
				// A restart runs again now; its old dependencies were already satisfied or failed.
				after: [],
				stashed: options.stashed,
				enqueueAt: null,
				cols: task.cols,
				rows: task.rows,
			},
			now,
			changes,
		);
	});
}

/** Done tasks to clean: all, or successful only; optionally one group. Keeps those an unfinished task waits for. */
export function cleanTasks(state: State, options: {successfulOnly: boolean; group?: string | undefined}, changes: Changes): number[] {
	if (options.group !== undefined) getGroup(state, options.group);
	const candidates = new Set(
		[...state.tasks.values()]
			.filter((task) => task.status === 'Done')
			.filter((task) => !options.successfulOnly || task.result === 'Success')
			.filter((task) => options.group === undefined || task.group === options.group)
			.map((task) => task.id),
	);
	for (const task of state.tasks.values()) {
		if (task.status !== 'Done') for (const id of task.after) candidates.delete(id);
	}

	for (const id of candidates) {
		state.tasks.delete(id);
		changes.removeTask(id);
	}

	return [...candidates];
}
