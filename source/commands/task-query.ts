// Fetching tasks (a Status stream) for commands that need them.
import type {Client} from '../client/client.js';
import type {WireTask} from '../daemon/wire.js';

export type StatusResult = {daemon: Record<string, unknown>; groups: Array<{name: string; status: string; parallel: number}>; workers: unknown[]; tasks: WireTask[]};

export async function fetchStatus(client: Client, filter: Record<string, unknown> = {}): Promise<StatusResult> {
	const result: StatusResult = {daemon: {}, groups: [], workers: [], tasks: []};
	await client.stream({type: 'Status', ...filter}, (message) => {
		if (message.type === 'Status') {
			result.daemon = message.daemon as Record<string, unknown>;
			result.groups = message.groups as StatusResult['groups'];
			result.workers = message.workers as unknown[];
		} else if (message.type === 'Tasks') {
			result.tasks.push(...(message.tasks as WireTask[]));
		}
	}).done;
	return result;
}

export async function fetchTasks(client: Client, filter: Record<string, unknown> = {}): Promise<WireTask[]> {
	return (await fetchStatus(client, filter)).tasks;
}
