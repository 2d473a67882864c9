// --json output: one JSON document on stdout, in the shapes docs/cli-json.md
// promises (schemas in docs/json-schema/). Never the daemon's reply as is:
// wire fields (`type`, `re`) and internals (`attempt`, the pty size) stay
// out, and every time is an ISO 8601 string in UTC (docs/cli-json.md, "Times").
import type {DaemonInfo, Group, Task, TaskResult, TaskStatus, WorkerEntry} from '../protocol/model.js';
import type {PlainRequestType, ReplyOf} from '../protocol/replies.js';

export function printJson(value: unknown): void {
	process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A time as --json prints it: `2026-05-01T12:00:00.000Z`, or null. */
export function jsonTime(ms: number | null | undefined): string | null {
	return ms === null || ms === undefined ? null : new Date(ms).toISOString();
}

export type TaskJson = {
	id: number;
	command: string;
	label: string | null;
	group: string;
	status: TaskStatus;
	result: TaskResult | null;
	exitCode: number | null;
	signal: string | null;
	error: string | null;
	priority: number;
	cwd: string;
	after: number[];
	createdAt: string;
	enqueueAt: string | null;
	startedAt: string | null;
	endedAt: string | null;
	worker: string | null;
	slot: number | null;
	env?: Record<string, string>;
};

/** A task object (docs/cli-json.md, "Task"); `env` only when given. */
export function jsonTask(task: Task, env?: Record<string, string>): TaskJson {
	return {
		id: task.id,
		command: task.command,
		label: task.label,
		group: task.group,
		status: task.status,
		result: task.result,
		exitCode: task.exitCode,
		signal: task.signal,
		error: task.error,
		priority: task.priority,
		cwd: task.cwd,
		after: task.after,
		createdAt: jsonTime(task.createdAt)!,
		enqueueAt: jsonTime(task.enqueueAt),
		startedAt: jsonTime(task.startedAt),
		endedAt: jsonTime(task.endedAt),
		worker: task.worker,
		slot: task.slot,
		...(env === undefined ? {} : {env: sortedEnv(env)}),
	};
}

/** An environment with its names in order, so the output is the same each time. */
export function sortedEnv(env: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function jsonGroup(group: Group): Group {
	return {name: group.name, status: group.status, parallel: group.parallel};
}

export function jsonDaemon(daemon: DaemonInfo) {
	return {version: daemon.version, pid: daemon.pid, startedAt: jsonTime(daemon.startedAt), problem: daemon.problem};
}

export function jsonWorker(worker: WorkerEntry) {
	return {
		name: worker.name,
		status: worker.status,
		slots: worker.slots,
		used: worker.used,
		groups: worker.groups,
		host: worker.host ?? null,
		platform: worker.platform ?? null,
		cpus: worker.cpus ?? null,
		load: worker.load ?? null,
		version: worker.version ?? null,
		connectedAt: jsonTime(worker.connectedAt),
		lastHeard: jsonTime(worker.lastHeard),
	};
}

/** A task the daemon was asked to act on and did not, with why (its error code and words). */
export type Skipped = {id: number; code: string; message: string};

/**
 * The acted-on ids: `{"ids": [...]}`, plus `"skipped"` when the daemon
 * names tasks it did not act on (a reply's `refused`), never otherwise.
 */
export function idsJson(reply: {ids: readonly number[]; refused?: readonly Skipped[] | undefined}): {ids: number[]; skipped?: Skipped[]} {
	const {refused} = reply;
	return {ids: [...reply.ids], ...(refused && refused.length > 0 ? {skipped: refused.map(({id, code, message}) => ({id, code, message}))} : {})};
}

/** What commands with nothing else to say print. */
export const okJson = {ok: true} as const;

/**
 * A plain reply in its --json shape, one per kind of answer: acted-on ids,
 * one task, one group, a list, or `{"ok": true}` when there is nothing to say.
 */
export function replyJson(reply: ReplyOf<PlainRequestType>): unknown {
	switch (reply.type) {
		case 'Ok': {
			if ('ids' in reply) return idsJson(reply);
			if ('group' in reply) return jsonGroup(reply.group);
			return okJson;
		}

		case 'AddedMany': {
			return idsJson(reply);
		}

		case 'Added':
		case 'Edited': {
			return jsonTask(reply.task);
		}

		case 'Groups': {
			return {groups: reply.groups.map((group) => jsonGroup(group))};
		}

		case 'Workers': {
			return {workers: reply.workers.map((worker) => jsonWorker(worker))};
		}

		case 'Locked': {
			return {tasks: reply.tasks.map((task) => jsonTask(task))};
		}

		case 'Waited': {
			return {tasks: reply.tasks.map((task) => jsonTask(task)), success: reply.success};
		}

		case 'Env': {
			return {id: reply.task, env: sortedEnv(reply.env)};
		}

		case 'Pong': {
			return {version: reply.version};
		}

		default: {
			return reply satisfies never;
		}
	}
}
