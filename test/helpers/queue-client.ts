// Small conveniences over the protocol client for daemon tests.
import type {Client, Message} from '../../source/client/client.js';
import type {Task} from '../../source/protocol/model.js';

export const taskEnv = (extra: Record<string, string> = {}) => ({PATH: process.env.PATH ?? '/usr/bin:/bin', ...extra});

export async function addTask(client: Client, command: string, extra: Record<string, unknown> = {}): Promise<Task> {
	const reply = await client.request({type: 'Add', command, cwd: '/tmp', env: taskEnv(), ...extra});
	return reply.task as Task;
}

export async function status(client: Client, filter: Record<string, unknown> = {}): Promise<{head: Message; tasks: Task[]}> {
	let head: Message | undefined;
	const tasks: Task[] = [];
	await client.stream({type: 'Status', ...filter}, (message) => {
		if (message.type === 'Status') head = message;
		else if (message.type === 'Tasks') tasks.push(...(message.tasks as Task[]));
	}).done;
	return {head: head!, tasks};
}

export async function getTask(client: Client, id: number): Promise<Task> {
	const {tasks} = await status(client, {ids: [id]});
	const task = tasks[0];
	if (!task) throw new Error(`no task ${id}`);
	return task;
}

export async function waitFor(client: Client, ids: number[], state: 'queued' | 'running' | 'done' | 'success' = 'done'): Promise<Task[]> {
	const reply = await client.request({type: 'Wait', ids, status: state});
	return reply.tasks as Task[];
}

export async function readLog(client: Client, id: number, extra: Record<string, unknown> = {}): Promise<Buffer> {
	const chunks: Buffer[] = [];
	await client.stream({type: 'Log', task: id, ...extra}, (message) => {
		if (message.type === 'LogChunk') chunks.push(Buffer.from(message.data as Uint8Array));
	}).done;
	return Buffer.concat(chunks);
}

export async function expectError(promise: Promise<unknown>, code: string): Promise<string> {
	try {
		await promise;
	} catch (error) {
		const {code: actual, message} = error as {code?: string; message: string};
		if (actual !== code) throw new Error(`expected error ${code}, got ${actual}: ${message}`);
		return message;
	}

	throw new Error(`expected error ${code}, but the request succeeded`);
}
