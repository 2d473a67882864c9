// The daemon's state as plain data. Everything here is what the store
// persists and what status/subscribe send (docs/protocol.md, "Task").

export type TaskStatus = 'Queued' | 'Stashed' | 'Running' | 'Paused' | 'Done';

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
	/** Id of the task's environment snapshot (deduplicated in the store). */
	envId: number;
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

export type Env = Record<string, string>;

export const defaultGroup = 'default';

export const isFinished = (task: Task) => task.status === 'Done';
export const isActive = (task: Task) => task.status === 'Running' || task.status === 'Paused';
