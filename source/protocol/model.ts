// The records the protocol carries: tasks, groups, workers and the daemon's
// own info, as docs/protocol.md ("Task record", "Group", "Worker entry",
// "Daemon info") defines them. Both sides import them from here; the daemon
// keeps more about a task than goes out (its environment's id) on top.

/** `Locked`: a queued or stashed task a client is editing (Lock); it cannot start until the edit ends. */
export type TaskStatus = 'Queued' | 'Stashed' | 'Locked' | 'Running' | 'Paused' | 'Done';

export type TaskResult =
	| 'Success'
	| 'Failed' // non-zero exit; exitCode says which
	| 'FailedToSpawn' // error says why
	| 'Killed' // spool killed it (kill request, reset, shutdown)
	| 'DependencyFailed' // a dependency ended in anything but Success
	| 'Interrupted' // it was running when the daemon stopped unexpectedly
	| 'WorkerLost'; // its remote worker vanished

export type Task = {
	id: number;
	command: string;
	cwd: string;
	group: string;
	label: string | null;
	priority: number;
	/** Ids this task waits for; they must all end in Success. */
	after: number[];
	status: TaskStatus;
	result: TaskResult | null;
	exitCode: number | null;
	/** Signal name that ended the process, if one did. */
	signal: string | null;
	/** Why it failed to spawn, was lost, etc. */
	error: string | null;
	createdAt: number;
	/** When a stashed/delayed task becomes Queued by itself (ms since epoch). */
	enqueueAt: number | null;
	startedAt: number | null;
	endedAt: number | null;
	/** Name of the worker that runs / ran it ("local" for the daemon itself). */
	worker: string | null;
	/**
	 * Its slot in its group while it runs (SPOOL_SLOT): the lowest index no
	 * other running task of the group holds, 0..parallel-1; kept after the run.
	 */
	slot: number | null;
	cols: number;
	rows: number;
	/** Bumped each time the task is started; fences stale runner messages. */
	attempt: number;
};

export type GroupStatus = 'Running' | 'Paused';

export type Group = {
	name: string;
	status: GroupStatus;
	/** Tasks of this group that may run at once; 0 = unlimited. */
	parallel: number;
};

export type WorkerStatus = 'Connected' | 'Reconnecting' | 'Lost' | 'Leaving';

/** A place tasks run: "local" (the daemon's own slots) or a remote worker. */
export type WorkerEntry = {
	name: string;
	/** 0 = no limit. */
	slots: number;
	used: number;
	/** null: serves every group. */
	groups: string[] | null;
	status: WorkerStatus;
	host: string | null;
	platform: string | null;
	cpus: number | null;
	load: number | null;
	version: string | null;
	connectedAt: number | null;
	lastHeard: number | null;
};

export type DaemonInfo = {
	version: string;
	pid: number;
	startedAt: number;
	/** What keeps the daemon from working normally, in words, or null. */
	problem: string | null;
};

export const defaultGroup = 'default';

/** What a group may be called (GroupAdd checks it; the CLI checks it first, as a usage error). */
export const groupNamePattern = /^[\w.-]{1,64}$/;
export const invalidGroupName = (name: string) => `invalid group name ${JSON.stringify(name)}: use 1-64 letters, digits, '_', '-' or '.'`;

export const isActive = (task: Pick<Task, 'status'>) => task.status === 'Running' || task.status === 'Paused';

/** Lists of tasks go out in pieces of this many, so no frame nears the size limit. */
export const tasksPerMessage = 1000;
