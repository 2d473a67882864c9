// The task table's order: by id (the daemon's order, and the default), or by
// status, start, duration, group or label, either way. `o` moves to the next
// column the table shows, `O` reverses. Pure functions; the app sorts the
// filtered list once per change of the queue (and once a second for duration,
// which grows while tasks run).
import type {Task} from '../protocol/model.js';
import {TaskList} from './view-model.js';

export type SortKey = 'id' | 'status' | 'start' | 'duration' | 'group' | 'label';
export type TableSort = {key: SortKey; descending: boolean};

export const defaultSort: TableSort = {key: 'id', descending: false};

export const isDefaultSort = (sort: TableSort) => sort.key === 'id' && !sort.descending;

/** The columns `o` cycles through: those the table shows when it has room (Group and Label only when they say something). */
export function sortKeys({groups, labels}: {groups: boolean; labels: boolean}): SortKey[] {
	return ['id', 'status', 'start', 'duration', ...(groups ? (['group'] as const) : []), ...(labels ? (['label'] as const) : [])];
}

/** `o`: the next column, ascending; after the last, back to id. */
export function nextSort(sort: TableSort, keys: readonly SortKey[]): TableSort {
	const index = keys.indexOf(sort.key);
	// A column that went away starts the cycle over.
	if (index === -1) return defaultSort;
	return {key: keys[(index + 1) % keys.length] ?? 'id', descending: false};
}

/** `O`: the same column, the other way. */
export const reverseSort = (sort: TableSort): TableSort => ({key: sort.key, descending: !sort.descending});

/** Waiting and running first, then what ended, failures before successes. */
function statusRank(task: Task): number {
	switch (task.status) {
		case 'Running':
			return 0;
		case 'Paused':
			return 1;
		case 'Queued':
			return 2;
		case 'Locked':
			return 3;
		case 'Stashed':
			return 4;
		case 'Done':
			return task.result === 'Success' ? 6 : 5;
	}
}

type Value = number | string | null;

function sortValue(task: Task, key: Exclude<SortKey, 'id'>, now: number): Value {
	switch (key) {
		case 'status':
			return statusRank(task);
		// What the Start column shows: when it started, or when a delayed task will be queued.
		case 'start':
			return task.startedAt ?? task.enqueueAt;
		case 'duration':
			return task.startedAt === null ? null : (task.endedAt ?? now) - task.startedAt;
		case 'group':
			return task.group;
		case 'label':
			return task.label;
	}
}

/**
 * The list in this order. Tasks without a value (never started, no label)
 * come last either way; ties keep id order. The default order returns the
 * list itself, so the usual frame copies nothing.
 */
export function sortTasks(list: TaskList, sort: TableSort, now: number): TaskList {
	if (sort.key === 'id') return sort.descending ? new TaskList([...list.ids].reverse(), list.tasks) : list;
	const {key} = sort;
	const ids = list.ids;
	// One value per task, read once: a comparator that read the tasks would do it n log n times.
	const values: Value[] = ids.map((id) => {
		const task = list.tasks.get(id);
		return task ? sortValue(task, key, now) : null;
	});
	const sign = sort.descending ? -1 : 1;
	const order = ids.map((_id, index) => index);
	order.sort((a, b) => {
		const left = values[a] ?? null;
		const right = values[b] ?? null;
		if (left === null || right === null) {
			if (left !== right) return left === null ? 1 : -1;
		} else if (left !== right) {
			return (left < right ? -1 : 1) * sign;
		}

		return ids[a]! - ids[b]!;
	});
	return new TaskList(
		order.map((index) => ids[index]!),
		list.tasks,
	);
}
