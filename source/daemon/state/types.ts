// The daemon's state as plain data: what the store persists. The records
// themselves are the protocol's (protocol/model.ts); a task also keeps the id
// of its environment snapshot, which never goes out.
import type {Task as TaskRecord} from '../../protocol/model.js';

export type {Group, GroupStatus, TaskResult, TaskStatus} from '../../protocol/model.js';
export {defaultGroup, isActive} from '../../protocol/model.js';

export type Task = TaskRecord & {
	/** Id of the task's environment snapshot (deduplicated in the store). */
	envId: number;
	/** While `Locked`: who holds the lock and the status it goes back to (never stored, never sent). */
	lock?: EditLock | undefined;
};

/**
 * A lock lives as long as the connection that took it (`owner`, compared by
 * identity), so the store writes the status under it: after a restart the
 * task is as it was before the lock.
 */
export type EditLock = {owner: object; from: 'Queued' | 'Stashed'};

export type Env = Record<string, string>;
