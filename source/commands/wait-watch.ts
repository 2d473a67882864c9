// What `spool wait` keeps track of, fed by a Subscribe stream: the tasks in
// its scope as they are now, which of them have not reached the status yet,
// which failed, and what changed since the last message (for the progress
// lines). Plain data in, plain data out: no socket, no clock.
//
// The scope is live, as in pueue: with a group or with everything, a task
// added while the wait runs is waited for too; with ids, only those. Whether
// the wait is over is read from the current state, not from the history: a
// task restarted in place is unfinished again and is waited for again.
import type {Task, TaskStatus} from '../protocol/model.js';

export type WaitTarget = 'queued' | 'running' | 'done' | 'success';

export type WaitScope = {ids?: readonly number[] | undefined; group?: string | undefined};

export type WaitEvent = {kind: 'new'; task: Task} | {kind: 'changed'; task: Task; from: TaskStatus} | {kind: 'ended'; task: Task} | {kind: 'removed'; id: number};

const reachedBy: Record<WaitTarget, (task: Task) => boolean> = {
	queued: (task) => task.status !== 'Stashed',
	running: (task) => task.status !== 'Stashed' && task.status !== 'Queued',
	done: (task) => task.status === 'Done',
	success: (task) => task.status === 'Done',
};

export const hasFailed = (task: Task) => task.status === 'Done' && task.result !== 'Success';

export class WaitWatch {
	readonly #inScope: (task: Task) => boolean;
	readonly #reached: (task: Task) => boolean;
	readonly #tasks = new Map<number, Task>();
	readonly #unreached = new Set<number>();
	readonly #failed = new Set<number>();

	constructor(
		readonly scope: WaitScope,
		readonly target: WaitTarget,
	) {
		const ids = scope.ids?.length ? new Set(scope.ids) : undefined;
		const {group} = scope;
		this.#inScope = ids ? (task) => ids.has(task.id) : group === undefined ? () => true : (task) => task.group === group;
		this.#reached = reachedBy[target];
	}

	/** A task as it is now (snapshot or change); what that changed, for a progress line. */
	put(task: Task): WaitEvent | undefined {
		const before = this.#tasks.get(task.id);
		if (!this.#inScope(task)) {
			// It left the scope (its group was removed and it moved to the default group): no longer waited for.
			if (before) this.#forget(task.id);
			return undefined;
		}

		this.#tasks.set(task.id, task);
		this.#mark(this.#unreached, task.id, !this.#reached(task));
		this.#mark(this.#failed, task.id, hasFailed(task));
		if (!before) return {kind: 'new', task};
		if (before.status === task.status) return undefined;
		return task.status === 'Done' ? {kind: 'ended', task} : {kind: 'changed', task, from: before.status};
	}

	remove(id: number): WaitEvent | undefined {
		if (!this.#tasks.has(id)) return undefined;
		this.#forget(id);
		return {kind: 'removed', id};
	}

	has(id: number): boolean {
		return this.#tasks.has(id);
	}

	/** Every task in scope, in the order of the ids asked for, else by id. */
	tasks(): Task[] {
		const tasks = [...this.#tasks.values()].sort((a, b) => a.id - b.id);
		if (!this.scope.ids?.length) return tasks;
		const order = new Map(this.scope.ids.map((id, index) => [id, index]));
		return tasks.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
	}

	/** The tasks in scope that have not reached the status yet. */
	unreached(): Task[] {
		return this.tasks().filter((task) => this.#unreached.has(task.id));
	}

	failed(): Task[] {
		return this.tasks().filter((task) => this.#failed.has(task.id));
	}

	/** `reached`: every task in scope has; `failed`: waiting for success and one failed; else `waiting`. */
	outcome(): 'reached' | 'failed' | 'waiting' {
		if (this.target === 'success' && this.#failed.size > 0) return 'failed';
		return this.#unreached.size === 0 ? 'reached' : 'waiting';
	}

	#forget(id: number): void {
		this.#tasks.delete(id);
		this.#unreached.delete(id);
		this.#failed.delete(id);
	}

	#mark(set: Set<number>, id: number, on: boolean): void {
		if (on) set.add(id);
		else set.delete(id);
	}
}
