import {type Request, requestSchemas} from '../../protocol/requests.js';
import type {HandlerHost} from '../handler.js';
import {defineHandler} from '../handler.js';
import type {RequestContext} from '../request-context.js';
import {getGroup} from '../state/state.js';
import type {Task} from '../state/types.js';
import {type DaemonInfo, tasksPerMessage} from '../../protocol/model.js';
import {wireGroup, wireTask} from '../wire.js';

type StatusRequest = Request<'Status'>;

function matchesStatus(task: Task, wanted: NonNullable<StatusRequest['status']>): boolean {
	return wanted.some((status) => {
		if (status === 'Success') return task.result === 'Success';
		if (status === 'Failed') return task.status === 'Done' && task.result !== 'Success';
		return task.status === status;
	});
}

const orderKeys = {
	id: (task: Task) => task.id,
	priority: (task: Task) => task.priority,
	status: (task: Task) => task.status,
	label: (task: Task) => task.label ?? '',
	command: (task: Task) => task.command,
	cwd: (task: Task) => task.cwd,
	createdAt: (task: Task) => task.createdAt,
	enqueueAt: (task: Task) => task.enqueueAt ?? Number.MAX_SAFE_INTEGER,
	startedAt: (task: Task) => task.startedAt ?? Number.MAX_SAFE_INTEGER,
	endedAt: (task: Task) => task.endedAt ?? Number.MAX_SAFE_INTEGER,
} as const;

/** The tasks a Status request selects, filtered, ordered and cut. */
export function queryTasks(tasks: Iterable<Task>, request: StatusRequest): Task[] {
	const ids = request.ids?.length ? new Set(request.ids) : undefined;
	const label = request.label?.toLowerCase();
	const command = request.command?.toLowerCase();
	let selected = [...tasks].filter(
		(task) =>
			(ids === undefined || ids.has(task.id)) &&
			(request.group === undefined || task.group === request.group) &&
			(request.status === undefined || matchesStatus(task, request.status)) &&
			(label === undefined || (task.label ?? '').toLowerCase().includes(label)) &&
			(command === undefined || task.command.toLowerCase().includes(command)),
	);
	const key = orderKeys[request.orderBy ?? 'id'];
	selected.sort((a, b) => {
		const left = key(a);
		const right = key(b);
		return (left < right ? -1 : left > right ? 1 : a.id - b.id) * (request.descending ? -1 : 1);
	});
	if (request.first !== undefined) selected = selected.slice(0, request.first);
	if (request.last !== undefined) selected = selected.slice(Math.max(0, selected.length - request.last));
	return selected;
}

/** Sends tasks in pieces as `Tasks {re, tasks}` messages, waiting for the socket to drain between pieces. */
export async function sendTasks(context: RequestContext, tasks: readonly Task[]): Promise<void> {
	for (let start = 0; start < tasks.length; start += tasksPerMessage) {
		if (context.connection.closed || !context.streaming) return;
		const full = !context.reply({type: 'Tasks', tasks: tasks.slice(start, start + tasksPerMessage).map((task) => wireTask(task))});
		if (full) await context.drained();
	}
}

export function daemonInfo(daemon: HandlerHost): DaemonInfo {
	// `problem`: what keeps the daemon from working normally, in words (docs/protocol.md), or null.
	return {version: daemon.version, pid: process.pid, startedAt: daemon.startedAt, problem: daemon.queue.storeProblem() ?? null};
}

/**
 * Status: `Status {re, daemon, groups, workers, total}`, then the tasks in
 * `Tasks {re, tasks}` pieces, then `End {re}`.
 */
export const status = defineHandler(requestSchemas.Status, async (daemon, request, context) => {
	const {state} = daemon.queue;
	if (request.group !== undefined) getGroup(state, request.group);
	const tasks = queryTasks(state.tasks.values(), request);
	context.openStream(() => {});
	context.reply({
		type: 'Status',
		daemon: daemonInfo(daemon),
		groups: [...state.groups.values()].map((group) => wireGroup(group)),
		workers: daemon.workerList(),
		total: tasks.length,
	});
	await sendTasks(context, tasks);
	context.end();
});
