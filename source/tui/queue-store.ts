// The UI's copy of the daemon's state, fed by one Subscribe stream. React
// reads it through useSyncExternalStore; listeners are told at most ~15 times
// a second however fast events arrive, so 100 tasks finishing at once cost
// one frame, not 100.
import type {DaemonInfo, Group, Task, WorkerEntry} from '../protocol/model.js';
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** Kept up to date event by event, so no frame has to walk 100,000 tasks to draw the header. */
export type QueueStats = {
	/** running, paused, queued, stashed, failed, success */
	counts: Record<string, number>;
	/** Running or paused tasks per group. */
	running: Map<string, number>;
	/** Tasks with a label; tasks that ran on a remote worker (decide optional columns). */
	labelled: number;
	remote: number;
	/** Tasks per group, only groups that have some: more than one entry shows the Group column. */
	groupTasks: Map<string, number>;
};

const statusKey = (task: Task) => (task.status === 'Done' ? (task.result === 'Success' ? 'success' : 'failed') : task.status.toLowerCase());

function emptyStats(): QueueStats {
	return {counts: {running: 0, paused: 0, queued: 0, stashed: 0, locked: 0, failed: 0, success: 0}, running: new Map(), labelled: 0, remote: 0, groupTasks: new Map()};
}

export type QueueSnapshot = {
	version: number;
	connection: ConnectionState;
	connectionError: string | undefined;
	/**
	 * Since when the tasks shown are the last ones the daemon sent, not live:
	 * set when a synced connection is lost, cleared by the next sync.
	 */
	staleSince: number | undefined;
	daemon: Partial<DaemonInfo> & {endpoint?: string};
	/** The live map (mutated in place); `version` says when it changed. */
	tasks: ReadonlyMap<number, Task>;
	/** Task ids in id order. */
	order: readonly number[];
	groups: readonly Group[];
	workers: readonly WorkerEntry[];
	/** When each task last changed status (for the brief highlight). */
	changedAt: ReadonlyMap<number, number>;
	stats: QueueStats;
};

export class QueueStore {
	#tasks = new Map<number, Task>();
	#order: number[] = [];
	#orderDirty = false;
	#groups: Group[] = [];
	#workers: WorkerEntry[] = [];
	#daemon: QueueSnapshot['daemon'] = {};
	#changedAt = new Map<number, number>();
	#stats = emptyStats();
	#connection: ConnectionState = 'connecting';
	#connectionError: string | undefined;
	#synced = false;
	#staleSince: number | undefined;
	#version = 0;
	#snapshot: QueueSnapshot | undefined;
	#listeners = new Set<() => void>();
	#timer: NodeJS.Timeout | undefined;
	#lastNotify = 0;

	constructor(readonly frameMs = 66) {}

	subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	getSnapshot = (): QueueSnapshot => {
		if (!this.#snapshot) {
			if (this.#orderDirty) {
				this.#order = [...this.#tasks.keys()].sort((a, b) => a - b);
				this.#orderDirty = false;
			}

			this.#snapshot = {
				version: this.#version,
				connection: this.#connection,
				connectionError: this.#connectionError,
				staleSince: this.#staleSince,
				daemon: this.#daemon,
				tasks: this.#tasks,
				order: this.#order,
				groups: this.#groups,
				workers: this.#workers,
				changedAt: this.#changedAt,
				stats: this.#stats,
			};
		}

		return this.#snapshot;
	};

	/** A fresh snapshot from Subscribe: replaces everything. */
	reset(daemon: QueueSnapshot['daemon'], groups: Group[], workers: WorkerEntry[], tasks: Task[]): void {
		this.#tasks = new Map(tasks.map((task) => [task.id, task]));
		this.#order = tasks.map((task) => task.id).sort((a, b) => a - b);
		this.#stats = emptyStats();
		for (const task of tasks) this.#account(task, 1);
		this.#orderDirty = false;
		this.#daemon = daemon;
		this.#groups = groups;
		this.#workers = workers;
		this.#changed();
	}

	/** The daemon's own state changed (a `problem` appeared or went). */
	daemonChanged(daemon: QueueSnapshot['daemon']): void {
		this.#daemon = daemon;
		this.#changed();
	}

	/** Tasks that arrive in pieces after a reset (Subscribe's `Tasks` messages). */
	addTasks(tasks: Task[]): void {
		for (const task of tasks) {
			const previous = this.#tasks.get(task.id);
			if (previous) this.#account(previous, -1);
			else this.#orderDirty = true;
			this.#tasks.set(task.id, task);
			this.#account(task, 1);
		}

		this.#changed();
	}

	taskChanged(task: Task): void {
		const previous = this.#tasks.get(task.id);
		if (!previous) {
			// New tasks have the highest ids: appending keeps the order.
			const last = this.#order.at(-1);
			if (!this.#orderDirty && (last === undefined || task.id > last)) this.#order = [...this.#order, task.id];
			else this.#orderDirty = true;
		}

		if (previous?.status !== task.status || previous.result !== task.result) this.#changedAt.set(task.id, Date.now());
		if (previous) this.#account(previous, -1);
		this.#account(task, 1);
		// Mutated in place: with 100,000 tasks a copy per event would cost more
		// than the frame. Readers key their memos on `version` instead.
		this.#tasks.set(task.id, task);
		this.#changed();
	}

	tasksRemoved(ids: number[]): void {
		const gone = new Set(ids);
		for (const id of gone) {
			const previous = this.#tasks.get(id);
			if (previous) this.#account(previous, -1);
			this.#tasks.delete(id);
			this.#changedAt.delete(id);
		}

		this.#order = this.#order.filter((id) => !gone.has(id));
		this.#changed();
	}

	groupChanged(group: Group): void {
		const index = this.#groups.findIndex((entry) => entry.name === group.name);
		this.#groups = index === -1 ? [...this.#groups, group] : this.#groups.map((entry, at) => (at === index ? group : entry));
		this.#changed();
	}

	groupRemoved(name: string): void {
		this.#groups = this.#groups.filter((entry) => entry.name !== name);
		this.#changed();
	}

	workersChanged(workers: WorkerEntry[]): void {
		this.#workers = workers;
		this.#changed();
	}

	setConnection(state: ConnectionState, error?: string): void {
		if (state === 'connected') {
			this.#synced = true;
			this.#staleSince = undefined;
		} else if (this.#synced) {
			this.#staleSince ??= Date.now();
		}

		this.#connection = state;
		this.#connectionError = error;
		this.#changed(true);
	}

	#account(task: Task, sign: 1 | -1): void {
		const stats = this.#stats;
		const key = statusKey(task);
		stats.counts[key] = (stats.counts[key] ?? 0) + sign;
		if (task.status === 'Running' || task.status === 'Paused') stats.running.set(task.group, (stats.running.get(task.group) ?? 0) + sign);
		if (task.label) stats.labelled += sign;
		const inGroup = (stats.groupTasks.get(task.group) ?? 0) + sign;
		if (inGroup > 0) stats.groupTasks.set(task.group, inGroup);
		else stats.groupTasks.delete(task.group);
		if (task.worker && task.worker !== 'local') stats.remote += sign;
	}

	#changed(now = false): void {
		this.#version++;
		this.#snapshot = undefined;
		if (this.#timer) return;
		const wait = now ? 0 : Math.max(0, this.#lastNotify + this.frameMs - Date.now());
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			this.#lastNotify = Date.now();
			for (const listener of [...this.#listeners]) listener();
		}, wait);
	}

	dispose(): void {
		clearTimeout(this.#timer);
		this.#listeners.clear();
	}
}
