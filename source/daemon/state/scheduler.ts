// Scheduling decisions, pure: given the state and the free capacity of the
// workers, which queued tasks start now and where; which tasks fail because a
// dependency failed; which delayed tasks are due; when to wake up next. The
// daemon calls these after every event (no polling tick).
import type {Changes} from './changes.js';
import type {State} from './state.js';
import {markDone} from './run-transitions.js';
import type {Task} from './types.js';

export type WorkerCapacity = {
	name: string;
	/** Task slots; 0 = unlimited. */
	slots: number;
	used: number;
	/** Groups served; undefined = all. */
	groups?: ReadonlySet<string> | undefined;
	/**
	 * For an unlimited worker (slots 0): the tasks it counts as fully busy at
	 * (e.g. its CPUs), so it shares work with limited workers instead of
	 * always looking idle.
	 */
	loadBase?: number | undefined;
};

export type Assignment = {task: Task; worker: string};

/** Priority desc, then id asc. */
export function compareTasks(a: Task, b: Task): number {
	return b.priority - a.priority || a.id - b.id;
}

function dependenciesSucceeded(state: State, task: Task): boolean {
	for (const id of task.after) {
		const dependency = state.tasks.get(id);
		// A removed dependency was cleaned after it finished: nothing to wait for.
		if (dependency && (dependency.status !== 'Done' || dependency.result !== 'Success')) return false;
	}

	return true;
}

/** Tasks whose dependency ended in anything but Success become DependencyFailed (transitively). */
export function failBlockedDependants(state: State, now: number, changes: Changes): Task[] {
	const failed: Task[] = [];
	let progress = true;
	while (progress) {
		progress = false;
		for (const task of state.tasks.values()) {
			if ((task.status !== 'Queued' && task.status !== 'Stashed') || task.after.length === 0) continue;
			const broken = task.after.map((id) => state.tasks.get(id)).find((dependency) => dependency?.status === 'Done' && dependency.result !== 'Success');
			if (broken) {
				markDone(task, {result: 'DependencyFailed', error: `dependency ${broken.id} ended ${broken.result}`}, now, changes);
				failed.push(task);
				progress = true;
			}
		}
	}

	return failed;
}

/** Stashed tasks whose enqueue time has come become Queued. */
export function enqueueDue(state: State, now: number, changes: Changes): Task[] {
	const due: Task[] = [];
	for (const task of state.tasks.values()) {
		if (task.status === 'Stashed' && task.enqueueAt !== null && task.enqueueAt <= now) {
			task.status = 'Queued';
			task.enqueueAt = null;
			changes.task(task.id);
			due.push(task);
		}
	}

	return due;
}

/** The earliest future enqueue time, for the daemon's one timer. */
export function nextWake(state: State): number | undefined {
	let next: number | undefined;
	for (const task of state.tasks.values()) {
		if (task.status === 'Stashed' && task.enqueueAt !== null && (next === undefined || task.enqueueAt < next)) {
			next = task.enqueueAt;
		}
	}

	return next;
}

const hasRoom = (worker: WorkerCapacity) => worker.slots === 0 || worker.used < worker.slots;
const load = (worker: WorkerCapacity) => worker.used / (worker.slots === 0 ? Math.max(1, worker.loadBase ?? 1) : worker.slots);

/** The worker serving `group` with the lowest share of its slots in use (with a free slot, unless needRoom is false). */
export function leastLoaded<W extends WorkerCapacity>(workers: Iterable<W>, group: string, {needRoom = true} = {}): W | undefined {
	let best: W | undefined;
	for (const worker of workers) {
		if ((needRoom && !hasRoom(worker)) || (worker.groups && !worker.groups.has(group))) continue;
		if (!best || load(worker) < load(best)) best = worker;
	}

	return best;
}

/**
 * Which queued tasks start now, and on which worker. A task starts when it is
 * Queued, its group runs and has a free slot, its dependencies all ended in
 * Success, and a worker that serves its group has a free slot (least loaded
 * first).
 */
export function selectStarts(state: State, workers: readonly WorkerCapacity[], queued: Iterable<Task>): Assignment[] {
	const capacity = workers.map((worker) => ({...worker}));
	const running = new Map<string, number>();
	for (const task of state.tasks.values()) {
		if (task.status === 'Running' || task.status === 'Paused') running.set(task.group, (running.get(task.group) ?? 0) + 1);
	}

	const assignments: Assignment[] = [];
	for (const task of queued) {
		if (task.status !== 'Queued') continue;
		if (!capacity.some((worker) => hasRoom(worker))) break;
		const group = state.groups.get(task.group);
		if (group?.status !== 'Running') continue;
		const inGroup = running.get(task.group) ?? 0;
		if (group.parallel !== 0 && inGroup >= group.parallel) continue;
		if (!dependenciesSucceeded(state, task)) continue;
		const best = leastLoaded(capacity, task.group);
		if (!best) continue;
		best.used += 1;
		running.set(task.group, inGroup + 1);
		assignments.push({task, worker: best.name});
	}

	return assignments;
}

/**
 * The slot a task starting in a group takes (SPOOL_SLOT): the lowest index
 * that no running task of the group holds. Within the group's parallel that
 * is always below it; a task started at once beyond it gets the next index.
 */
export function lowestFreeSlot(taken: Iterable<number | null>): number {
	const used = new Set(taken);
	let slot = 0;
	while (used.has(slot)) slot++;
	return slot;
}

/** Queued tasks in start order. */
export function queuedInOrder(state: State): Task[] {
	return [...state.tasks.values()].filter((task) => task.status === 'Queued').sort(compareTasks);
}
