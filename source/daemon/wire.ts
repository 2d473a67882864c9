// How tasks, groups and workers look on the wire (docs/protocol.md, "Task").
import type {Group, Task} from './state/types.js';

export type WireTask = Omit<Task, 'envId'>;

export function wireTask(task: Task): WireTask {
	const {envId: _envId, ...rest} = task;
	return rest;
}

export function wireGroup(group: Group): Group {
	return {...group};
}

/** Lists of tasks go out in pieces of this many, so no frame nears the size limit. */
export const tasksPerMessage = 1000;
