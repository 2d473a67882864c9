// Row <-> object mapping. Values are checked when a change is queued, not when
// it is written: a value SQLite would refuse (1.5 in an INTEGER column of a
// STRICT table) would otherwise fail every later transaction, since failed
// changes stay queued for retry. Better to throw at the caller that made it.
import type {Group, GroupStatus, Task, TaskResult, TaskStatus} from '../state/types.js';
import {StoreError} from './errors.js';

/** The tasks table's columns, in the order of TaskValues. */
export const taskColumns = [
	'id',
	'command',
	'cwd',
	'env_id',
	'group_name',
	'label',
	'priority',
	'after',
	'status',
	'result',
	'exit_code',
	'signal',
	'error',
	'created_at',
	'enqueue_at',
	'started_at',
	'ended_at',
	'worker',
	'cols',
	'rows',
	'attempt',
	'slot',
] as const;

// Rows travel as arrays in column order, not objects: better-sqlite3 reads
// 100k rows about 2.5x faster in raw (array) mode, which is start-up time.
export type TaskValues = [
	id: number,
	command: string,
	cwd: string,
	envId: number,
	group: string,
	label: string | null,
	priority: number,
	/** JSON array of task ids. */
	after: string,
	status: string,
	result: string | null,
	exitCode: number | null,
	signal: string | null,
	error: string | null,
	createdAt: number,
	enqueueAt: number | null,
	startedAt: number | null,
	endedAt: number | null,
	worker: string | null,
	cols: number,
	rows: number,
	attempt: number,
	slot: number | null,
];

export type GroupRow = {
	name: string;
	status: string;
	parallel: number;
};

function integer(value: number, what: string): number {
	if (!Number.isSafeInteger(value)) throw new StoreError(`cannot store ${what} = ${value}: not an integer`);
	return value;
}

function integerOrNull(value: number | null, what: string): number | null {
	return value === null ? null : integer(value, what);
}

function text(value: string, what: string): string {
	if (typeof value !== 'string') throw new StoreError(`cannot store ${what}: not a string`);
	return value;
}

function textOrNull(value: string | null, what: string): string | null {
	return value === null ? null : text(value, what);
}

export function taskToValues(task: Task): TaskValues {
	const what = (field: string) => `task ${task.id} ${field}`;
	if (!Number.isSafeInteger(task.id) || task.id < 1) throw new StoreError(`cannot store a task with id ${task.id}`);
	for (const id of task.after) integer(id, what('after'));
	return [
		task.id,
		text(task.command, what('command')),
		text(task.cwd, what('cwd')),
		integer(task.envId, what('envId')),
		text(task.group, what('group')),
		textOrNull(task.label, what('label')),
		integer(task.priority, what('priority')),
		JSON.stringify(task.after),
		// A lock ends with its connection: the file keeps the status under it.
		text(task.lock?.from ?? task.status, what('status')),
		textOrNull(task.result, what('result')),
		integerOrNull(task.exitCode, what('exitCode')),
		textOrNull(task.signal, what('signal')),
		textOrNull(task.error, what('error')),
		integer(task.createdAt, what('createdAt')),
		integerOrNull(task.enqueueAt, what('enqueueAt')),
		integerOrNull(task.startedAt, what('startedAt')),
		integerOrNull(task.endedAt, what('endedAt')),
		textOrNull(task.worker, what('worker')),
		integer(task.cols, what('cols')),
		integer(task.rows, what('rows')),
		integer(task.attempt, what('attempt')),
		integerOrNull(task.slot, what('slot')),
	];
}

// Not Locked: a lock is never stored (taskToValues writes the status under it).
const taskStatuses: ReadonlySet<string> = new Set<TaskStatus>(['Queued', 'Stashed', 'Running', 'Paused', 'Done']);
const taskResults: ReadonlySet<string> = new Set<TaskResult>(['Success', 'Failed', 'FailedToSpawn', 'Killed', 'DependencyFailed', 'Interrupted', 'WorkerLost']);
const groupStatuses: ReadonlySet<string> = new Set<GroupStatus>(['Running', 'Paused']);

/**
 * A value in the file that spool never writes (edited by hand, another
 * program, a damaged disk). It names the table, the row and the column, so
 * the user can fix or remove that one row instead of losing the queue.
 */
export class BadRowError extends Error {
	constructor(table: string, row: string, column: string, detail: string) {
		super(`table ${table}, row ${row}, column ${column}: ${detail}`);
		this.name = 'BadRowError';
	}
}

function parseAfter(id: number, after: string): number[] {
	// Most tasks have no dependencies; skip the parser for them (100k-task loads).
	if (after === '[]') return [];
	let parsed: unknown;
	try {
		parsed = JSON.parse(after);
	} catch {
		parsed = undefined;
	}

	if (!Array.isArray(parsed) || !parsed.every((value) => Number.isSafeInteger(value) && (value as number) > 0)) {
		throw new BadRowError('tasks', `id ${id}`, 'after', `${JSON.stringify(after.slice(0, 80))} is not a JSON array of task ids`);
	}

	return parsed as number[];
}

export function valuesToTask(values: TaskValues): Task {
	const [id, command, cwd, envId, group, label, priority, after, status, result, exitCode, signal, error, createdAt, enqueueAt, startedAt, endedAt, worker, cols, rows, attempt, slot] = values;
	// STRICT tables already guarantee each column's type; these are the values
	// of the right type that no spool writes.
	if (!taskStatuses.has(status)) throw new BadRowError('tasks', `id ${id}`, 'status', `${JSON.stringify(status)} is not a task status`);
	if (result !== null && !taskResults.has(result)) throw new BadRowError('tasks', `id ${id}`, 'result', `${JSON.stringify(result)} is not a task result`);
	if (status === 'Done' && result === null) throw new BadRowError('tasks', `id ${id}`, 'result', 'a Done task has no result');
	if (slot !== null && slot < 0) throw new BadRowError('tasks', `id ${id}`, 'slot', `${slot} is negative`);
	if (cols < 1 || rows < 1) throw new BadRowError('tasks', `id ${id}`, cols < 1 ? 'cols' : 'rows', `${cols < 1 ? cols : rows} is not a terminal size`);
	return {
		id,
		command,
		cwd,
		envId,
		group,
		label,
		priority,
		after: parseAfter(id, after),
		status: status as TaskStatus,
		result: result as TaskResult | null,
		exitCode,
		signal,
		error,
		createdAt,
		enqueueAt,
		startedAt,
		endedAt,
		worker,
		cols,
		rows,
		attempt,
		slot,
	};
}

export function groupToRow(group: Group): GroupRow {
	return {
		name: text(group.name, 'group name'),
		status: text(group.status, `group ${group.name} status`),
		parallel: integer(group.parallel, `group ${group.name} parallel`),
	};
}

export function rowToGroup(row: GroupRow): Group {
	if (!groupStatuses.has(row.status)) throw new BadRowError('groups', `name ${JSON.stringify(row.name)}`, 'status', `${JSON.stringify(row.status)} is not a group status`);
	if (row.parallel < 0) throw new BadRowError('groups', `name ${JSON.stringify(row.name)}`, 'parallel', `${row.parallel} is negative`);
	return {name: row.name, status: row.status as GroupStatus, parallel: row.parallel};
}
