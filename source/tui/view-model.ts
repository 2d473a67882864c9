// Derived view data: the filtered task list, counts, and where the cursor is.
// Pure functions, memoised by the app on the store's version.
import type {WireTask} from '../daemon/wire.js';
import type {QueueSnapshot} from './queue-store.js';
import {parseFilter} from './task-filter.js';

export function visibleTasks(snapshot: QueueSnapshot, filter: string): WireTask[] {
	const tasks: WireTask[] = [];
	const predicate = filter.trim() === '' ? undefined : parseFilter(filter);
	for (const id of snapshot.order) {
		const task = snapshot.tasks.get(id);
		if (task && (!predicate || predicate(task))) tasks.push(task);
	}

	return tasks;
}

export function countByStatus(snapshot: QueueSnapshot): Record<string, number> {
	const counts: Record<string, number> = {running: 0, paused: 0, queued: 0, stashed: 0, failed: 0, success: 0};
	for (const task of snapshot.tasks.values()) {
		if (task.status === 'Done') counts[task.result === 'Success' ? 'success' : 'failed']!++;
		else counts[task.status.toLowerCase()]!++;
	}

	return counts;
}

/** Index of the task with this id in the list, or the nearest valid index. */
export function cursorIndex(tasks: readonly WireTask[], id: number | undefined, fallback: number): number {
	if (tasks.length === 0) return 0;
	if (id !== undefined) {
		// Ids are sorted: binary search keeps this cheap with 100,000 rows.
		let low = 0;
		let high = tasks.length - 1;
		while (low <= high) {
			const middle = (low + high) >> 1;
			const at = tasks[middle]!.id;
			if (at === id) return middle;
			if (at < id) low = middle + 1;
			else high = middle - 1;
		}
	}

	return Math.min(Math.max(0, fallback), tasks.length - 1);
}

/** Keeps the cursor row inside the window of `height` rows starting at `top`. */
export function scrollTop(top: number, cursor: number, height: number, total: number): number {
	if (height <= 0) return 0;
	let next = top;
	if (cursor < next) next = cursor;
	if (cursor >= next + height) next = cursor - height + 1;
	return Math.max(0, Math.min(next, Math.max(0, total - height)));
}
