// Fetching tasks (a Status stream) for commands that need them.
import {type Client, DaemonError} from '../client/client.js';
import type {DaemonInfo, Group, Task, WorkerEntry} from '../protocol/model.js';
import type {StatusFilter} from '../shared/status-query.js';

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

/**
 * The environments of these tasks (EnvGet, a few requests in flight at a
 * time). A task removed meanwhile has none: it is left out of the map.
 */
export async function fetchEnvs(client: Client, ids: readonly number[]): Promise<Map<number, Record<string, string>>> {
	const envs = new Map<number, Record<string, string>>();
	const inFlight = 32;
	for (let start = 0; start < ids.length; start += inFlight) {
		await Promise.all(
			ids.slice(start, start + inFlight).map(async (id) => {
				try {
					envs.set(id, (await client.request({type: 'EnvGet', task: id})).env);
				} catch (error) {
					if (!(error instanceof DaemonError && error.code === 'not_found')) throw error;
				}
			}),
		);
	}

	return envs;
}
