// Fetching tasks (a Status stream) for commands that need them.
import type {Client} from '../client/client.js';
import type {DaemonInfo, Group, Task, WorkerEntry} from '../protocol/model.js';
import type {StatusFilter} from './status-query.js';

export type StatusResult = {daemon: DaemonInfo | undefined; groups: Group[]; workers: WorkerEntry[]; tasks: Task[]};

export async function fetchStatus(client: Client, filter: StatusFilter = {}): Promise<StatusResult> {
	const result: StatusResult = {daemon: undefined, groups: [], workers: [], tasks: []};
	await client.stream({type: 'Status', ...filter}, (message) => {
		if (message.type === 'Status') {
			result.daemon = message.daemon;
			result.groups = message.groups;
			result.workers = message.workers;
		} else {
			result.tasks.push(...message.tasks);
		}
	}).done;
	return result;
}

export async function fetchTasks(client: Client, filter: StatusFilter = {}): Promise<Task[]> {
	return (await fetchStatus(client, filter)).tasks;
}
