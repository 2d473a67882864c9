// Derived view data: the filtered task list, counts, and where the cursor is.
// Pure functions, memoised by the app on the store's version.
import type {Task} from '../protocol/model.js';
import type {QueueSnapshot} from './queue-store.js';
import {parseFilter} from './task-filter.js';

/**
 * The rows the table shows, in id order: without a filter, the store's own
 * id list (no copy, no walk over 100,000 tasks); with one, the matches.
 */
export class TaskList {
	constructor(
		readonly ids: readonly number[],
		readonly tasks: ReadonlyMap<number, Task>,
	) {}

	get length(): number {
		return this.ids.length;
	}

	at(index: number): Task | undefined {
		const id = this.ids[index];
		return id === undefined ? undefined : this.tasks.get(id);
	}

	slice(start: number, end: number): Task[] {
		return this.ids.slice(start, end).flatMap((id) => this.tasks.get(id) ?? []);
	}
}

export function visibleTasks(snapshot: QueueSnapshot, filter: string): TaskList {
	if (filter.trim() === '') return new TaskList(snapshot.order, snapshot.tasks);
	const predicate = parseFilter(filter);
	const ids: number[] = [];
	for (const id of snapshot.order) {
		const task = snapshot.tasks.get(id);
		if (task && predicate(task)) ids.push(id);
	}

	return new TaskList(ids, snapshot.tasks);
}

/** Index of the task with this id in the list, or the nearest valid index. Fast when the list is in id order. */
export function cursorIndex(tasks: {readonly ids: readonly number[]}, id: number | undefined, fallback: number): number {
	const {ids} = tasks;
	if (ids.length === 0) return 0;
	if (id !== undefined) {
		// Ids are sorted: binary search keeps this cheap with 100,000 rows.
		let low = 0;
		let high = ids.length - 1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			const at = ids[middle]!;
			if (at === id) return middle;
			if (at < id) low = middle + 1;
			else high = middle - 1;
		}

		// Not found that way: gone, or the list is sorted by another column (table-sort.ts).
		const index = ids.indexOf(id);
		if (index !== -1) return index;
	}

	return Math.min(Math.max(0, fallback), ids.length - 1);
}

/** Keeps the cursor row inside the window of `height` rows starting at `top`. */
export function scrollTop(top: number, cursor: number, height: number, total: number): number {
	if (height <= 0) return 0;
	let next = top;
	if (cursor < next) next = cursor;
	if (cursor >= next + height) next = cursor - height + 1;
	return Math.max(0, Math.min(next, Math.max(0, total - height)));
}
