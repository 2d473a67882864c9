// pueue's status query words (pueue/src/client/commands/state/query), turned
// into the filters of a Status request plus what this side checks itself:
//
//   columns=id,status,command   status=failed,running   status!=success
//   label=nightly (exact)   label%=night (contains)   label!=nightly
//   command=… command%=… command!=…   group=gpu   group!=gpu
//   'start>10:00'   'end<2026-12-01'   enqueued=today   created>yesterday
//   order_by start desc   first 10   last 5
//
// Task ids, as `spool status 3 5 7-9` (or 3,5,7-9) takes them: only those.
//
// The daemon filters by ids, status (=), label and command (contains, ignoring
// case) and group (=), sorts, and cuts first/last. Exact and negated matches
// and times are checked here on what it sent; when there are any, first/last
// are cut here too, after them, so the result is the same either way. Words
// combine with "and", except that several `status=` add up (as `status=a,b`).
// Every word is one argv item; a value may hold spaces when quoted as one
// (`'label=nightly build'`), and keyword phrases may come as one quoted item
// too (`'order_by start desc'`). `<` and `>` must be quoted for the shell.
import type {Task} from '../protocol/model.js';
import type {Request} from '../protocol/requests.js';
import {parseIds} from './ids.js';
import {InputError} from './input-error.js';
import {parseQueryTime, type Span} from './query-time.js';

export type StatusFilter = Omit<Request<'Status'>, 'type'>;

type StatusValue = NonNullable<StatusFilter['status']>[number];
type OrderBy = NonNullable<StatusFilter['orderBy']>;
type TimeField = 'startedAt' | 'endedAt' | 'enqueueAt' | 'createdAt';
type Operator = '=' | '!=' | '%=' | '<' | '>';

/** A condition the daemon cannot check, checked here on the tasks it sent. */
export type Condition =
	| {field: 'status'; op: '!='; statuses: StatusValue[]}
	| {field: 'label' | 'command' | 'group'; op: '=' | '!='; value: string}
	| ({field: TimeField; op: '=' | '!=' | '<' | '>'} & Span);

/** The columns `columns=` may name, as the status table calls them. */
export const columnNames = ['id', 'status', 'priority', 'after', 'enqueue_at', 'label', 'command', 'path', 'start', 'end', 'duration', 'worker'] as const;
export type ColumnName = (typeof columnNames)[number];

export type StatusQuery = {
	/** What the daemon is asked for. */
	filter: StatusFilter;
	/**
	 * Whether the query hides tasks by more than their group (ids, status,
	 * label, command, times, first, last): then groups without a match are not shown.
	 */
	filtered: boolean;
	/** What is checked and cut here (see `applyQuery`). */
	local: {conditions: Condition[]; first?: number; last?: number};
	/** `columns=`: exactly these columns, in this order. */
	columns?: ColumnName[];
};

const statusWords: Record<string, StatusValue> = {
	queued: 'Queued',
	stashed: 'Stashed',
	locked: 'Locked',
	running: 'Running',
	paused: 'Paused',
	done: 'Done',
	success: 'Success',
	failed: 'Failed',
};

/** The statuses `status=` takes, as typed. */
export const queryStatuses: readonly string[] = Object.keys(statusWords);

const orderWords: Record<string, OrderBy> = {
	id: 'id',
	priority: 'priority',
	status: 'status',
	label: 'label',
	command: 'command',
	path: 'cwd',
	created: 'createdAt',
	enqueue_at: 'enqueueAt',
	enqueued: 'enqueueAt',
	start: 'startedAt',
	end: 'endedAt',
};

const timeWords: Record<string, TimeField> = {start: 'startedAt', end: 'endedAt', enqueued: 'enqueueAt', enqueue_at: 'enqueueAt', created: 'createdAt'};

const columnWords: Record<string, ColumnName> = {
	...Object.fromEntries(columnNames.map((name) => [name, name])),
	prio: 'priority',
	dependencies: 'after',
	enqueued: 'enqueue_at',
};

const example = 'e.g. `spool status status=failed,running label%=nightly order_by start desc first 10`';
const knownFilters = 'columns=; status= and !=; label and command with =, != or %=; group= and !=; start, end, enqueued and created with =, !=, < or >';

// An InputError: the CLI makes it a usage error (exit 2), the UI's palette shows it.
const fail = (message: string) => new InputError(`invalid status query: ${message}; ${example}`);

const pairPattern = /^(\w+)(%=|!=|=|<|>)(.*)$/s;

function splitWords(argv: readonly string[]): string[] {
	// `key=value` items (any operator) keep their value whole; anything else splits on blanks.
	return argv.flatMap((item) => (/^\s*\w+(%=|!=|=|<|>)/.test(item) ? [item.trim()] : item.split(/\s+/).filter((word) => word !== '')));
}

function count(keyword: string, word: string | undefined): number {
	if (word === undefined) throw fail(`\`${keyword}\` needs a number after it, as in \`${keyword} 10\``);
	if (!/^\d+$/.test(word) || !Number.isSafeInteger(Number(word))) {
		throw fail(`\`${keyword}\` needs a whole number, not ${JSON.stringify(word)}`);
	}

	return Number(word);
}

function statusList(value: string, op: string): StatusValue[] {
	const names = value.split(',').filter((name) => name !== '');
	if (names.length === 0) throw fail(`\`status${op}\` needs a value: ${Object.keys(statusWords).join(', ')}`);
	return names.map((name) => {
		const status = Object.hasOwn(statusWords, name.toLowerCase()) ? statusWords[name.toLowerCase()] : undefined;
		if (!status) throw fail(`unknown status ${JSON.stringify(name)} (known: ${Object.keys(statusWords).join(', ')})`);
		return status;
	});
}

function columnList(value: string): ColumnName[] {
	const names = value.split(',').filter((name) => name !== '');
	if (names.length === 0) throw fail(`\`columns=\` needs column names: ${columnNames.join(', ')}`);
	return [
		...new Set(
			names.map((name) => {
				const column = Object.hasOwn(columnWords, name.toLowerCase()) ? columnWords[name.toLowerCase()] : undefined;
				if (!column) throw fail(`unknown column ${JSON.stringify(name)} (known: ${columnNames.join(', ')})`);
				return column;
			}),
		),
	];
}

export function parseStatusQuery(argv: readonly string[], now = Date.now()): StatusQuery {
	const words = splitWords(argv);
	const filter: StatusFilter = {};
	const statuses = new Set<StatusValue>();
	const conditions: Condition[] = [];
	const exact = new Map<string, string>();
	let columns: ColumnName[] | undefined;
	let first: number | undefined;
	let last: number | undefined;
	const ids = new Set<number>();
	let filtered = false;
	const setOnce = (key: 'label' | 'command' | 'group', value: string) => {
		if (filter[key] !== undefined && filter[key] !== value) throw fail(`\`${key}\` is given twice (${JSON.stringify(filter[key])} and ${JSON.stringify(value)})`);
		filter[key] = value;
	};

	for (let index = 0; index < words.length; index++) {
		const word = words[index]!;
		const pair = pairPattern.exec(word);
		if (pair) {
			const [, rawKey, rawOp, rawValue] = pair;
			const key = rawKey!.toLowerCase();
			const op = rawOp as Operator;
			let value = rawValue!;
			const only = (...allowed: Operator[]) => {
				if (!allowed.includes(op)) throw fail(`\`${key}\` takes ${allowed.join(', ')}, not ${op}`);
			};

			if (key === 'columns') {
				only('=');
				columns = columnList(value);
			} else if (key === 'status') {
				only('=', '!=');
				if (op === '=') for (const status of statusList(value, op)) statuses.add(status);
				else conditions.push({field: 'status', op: '!=', statuses: statusList(value, op)});
				filtered = true;
			} else if (key === 'label' || key === 'command' || key === 'group') {
				if (key === 'group' && op === '%=') throw fail('groups match exactly: write `group=NAME`');
				only('=', '!=', '%=');
				if (value === '') throw fail(`\`${key}${op}\` needs a value`);
				if (key !== 'group') filtered = true;
				if (op === '%=' || (key === 'group' && op === '=')) {
					setOnce(key, value);
				} else {
					if (op === '=') {
						if (exact.has(key) && exact.get(key) !== value) throw fail(`\`${key}\` is given twice (${JSON.stringify(exact.get(key))} and ${JSON.stringify(value)})`);
						exact.set(key, value);
					}

					conditions.push({field: key, op: op as '=' | '!=', value});
				}
			} else if (Object.hasOwn(timeWords, key)) {
				only('=', '!=', '<', '>');
				// `start>2026-01-10 09:00` typed without quotes around the space: the clock is the next word.
				const next = words[index + 1];
				if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(value) && next !== undefined && /^\d{1,2}:\d{2}(:\d{2})?$/.test(next)) {
					value = `${value} ${next}`;
					index++;
				}

				const span = parseQueryTime(value, now);
				if (!span) throw fail(`\`${key}${op}\` needs a time: 2026-12-01, 10:00, '2026-12-01 10:00', today or yesterday (not ${JSON.stringify(value)})`);
				conditions.push({field: timeWords[key]!, op: op as '=' | '!=' | '<' | '>', ...span});
				filtered = true;
			} else {
				throw fail(`unknown filter ${JSON.stringify(`${rawKey}${op}`)} (known: ${knownFilters})`);
			}

			continue;
		}

		if (/^[\d,-]+$/.test(word) && /\d/.test(word)) {
			let parsed: number[];
			try {
				parsed = parseIds([word]);
			} catch (error) {
				if (error instanceof InputError) throw fail(error.message);
				throw error;
			}

			for (const id of parsed) ids.add(id);
			filtered = true;
			continue;
		}

		const keyword = word.toLowerCase();
		if (keyword === 'order_by' || keyword === 'order-by') {
			const column = words[index + 1]?.toLowerCase();
			if (column === undefined || !Object.hasOwn(orderWords, column)) {
				throw fail(`\`order_by\` needs a column: ${Object.keys(orderWords).join(', ')}${column === undefined ? '' : ` (not ${JSON.stringify(words[index + 1])})`}`);
			}

			filter.orderBy = orderWords[column]!;
			index++;
			const direction = words[index + 1]?.toLowerCase();
			if (direction === 'asc' || direction === 'desc') {
				filter.descending = direction === 'desc';
				index++;
			}
		} else if (keyword === 'first' || keyword === 'last') {
			if (keyword === 'first') first = count(keyword, words[index + 1]);
			else last = count(keyword, words[index + 1]);
			filtered = true;
			index++;
		} else {
			throw fail(`unknown word ${JSON.stringify(word)}`);
		}
	}

	if (statuses.size > 0) filter.status = [...statuses];
	if (ids.size > 0) filter.ids = [...ids];
	// An exact match is also a match by "contains, ignoring case": the daemon narrows by it when asked nothing else.
	for (const [key, value] of exact) if (filter[key as 'label' | 'command'] === undefined) filter[key as 'label' | 'command'] = value;
	const local: StatusQuery['local'] = {conditions};
	// The daemon cuts first/last after its own filters: with conditions of our own, we cut, after them.
	const cut = conditions.length > 0 ? local : filter;
	if (first !== undefined) cut.first = first;
	if (last !== undefined) cut.last = last;
	return {filter, filtered, local, ...(columns ? {columns} : {})};
}

function hasStatus(task: Task, status: StatusValue): boolean {
	if (status === 'Success') return task.result === 'Success';
	if (status === 'Failed') return task.status === 'Done' && task.result !== 'Success';
	return task.status === status;
}

function matches(condition: Condition, task: Task): boolean {
	switch (condition.field) {
		case 'status': {
			return !condition.statuses.some((status) => hasStatus(task, status));
		}

		case 'label':
		case 'command':
		case 'group': {
			// A task without a label has none to equal: it matches `label!=x`, never `label=x` (as in pueue).
			const value = task[condition.field];
			return condition.op === '=' ? value === condition.value : value !== condition.value;
		}

		default: {
			// A task without that time (not started, not ended, not delayed) matches no time condition.
			const time = task[condition.field];
			if (time === null) return false;
			const within = time >= condition.from && time < condition.to;
			return condition.op === '<' ? time < condition.from : condition.op === '>' ? time >= condition.to : condition.op === '=' ? within : !within;
		}
	}
}

/** The tasks the daemon sent, with this side's conditions applied and first/last cut (when they are cut here). */
export function applyQuery(query: Pick<StatusQuery, 'local'>, tasks: readonly Task[]): Task[] {
	const {conditions, first, last} = query.local;
	let selected = conditions.length === 0 ? [...tasks] : tasks.filter((task) => conditions.every((condition) => matches(condition, task)));
	if (first !== undefined) selected = selected.slice(0, first);
	if (last !== undefined) selected = selected.slice(Math.max(0, selected.length - last));
	return selected;
}

/** Whether `group!=NAME` hides a group's table. */
export function groupShown(query: Pick<StatusQuery, 'local'>, name: string): boolean {
	return !query.local.conditions.some((condition) => condition.field === 'group' && condition.op === '!=' && condition.value === name);
}

/**
 * Whether a task is one a query shows, as the daemon filters (ids, status,
 * label and command containing, ignoring case, group) and then this side's
 * conditions; order and first/last aside. The UI's filter applies queries with it.
 */
export function queryMatches(query: Pick<StatusQuery, 'filter' | 'local'>, task: Task): boolean {
	const {filter} = query;
	if (filter.ids && !filter.ids.includes(task.id)) return false;
	if (filter.status && !filter.status.some((status) => hasStatus(task, status))) return false;
	if (filter.group !== undefined && task.group !== filter.group) return false;
	if (filter.label !== undefined && !(task.label ?? '').toLowerCase().includes(filter.label.toLowerCase())) return false;
	if (filter.command !== undefined && !task.command.toLowerCase().includes(filter.command.toLowerCase())) return false;
	return query.local.conditions.every((condition) => matches(condition, task));
}
