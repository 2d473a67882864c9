// Tasks and groups as they go out (docs/protocol.md, "Task record").
import type {Group, Task as TaskRecord} from '../protocol/model.js';
import type {Task} from './state/types.js';

export function wireTask(task: Task): TaskRecord {
	const {envId: _envId, lock: _lock, ...rest} = task;
	return rest;
}

export function wireGroup(group: Group): Group {
	return {...group};
}
