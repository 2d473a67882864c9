// Sorting the task table: o cycles the column, O reverses; ties keep id order.
import {describe, expect, it} from 'vitest';
import {nextSort, reverseSort, sortKeys, sortTasks} from '../../source/tui/table-sort.js';
import {TaskList, cursorIndex} from '../../source/tui/view-model.js';
import type {Task} from '../../source/protocol/model.js';
import {wireTask} from '../helpers/wire-task.js';

const tasks: Task[] = [
	wireTask(1, {status: 'Done', result: 'Success', startedAt: 100, endedAt: 400, group: 'b', label: 'x'}),
	wireTask(2, {status: 'Running', startedAt: 300, group: 'a'}),
	wireTask(3, {status: 'Queued', group: 'b', label: 'a'}),
	wireTask(4, {status: 'Done', result: 'Failed', exitCode: 1, startedAt: 200, endedAt: 250, group: 'a'}),
];
const list = new TaskList(
	tasks.map((task) => task.id),
	new Map(tasks.map((task) => [task.id, task])),
);
const order = (key: Parameters<typeof sortTasks>[1]['key'], descending = false, now = 1000) => sortTasks(list, {key, descending}, now).ids;

describe('table sort', () => {
	it('sorts by each column, nulls last either way, ties by id', () => {
		expect(order('id')).toEqual([1, 2, 3, 4]);
		expect(order('id', true)).toEqual([4, 3, 2, 1]);
		expect(order('status')).toEqual([2, 3, 4, 1]);
		expect(order('start')).toEqual([1, 4, 2, 3]);
		expect(order('start', true)).toEqual([2, 4, 1, 3]);
		// Running since 300: 700 at now = 1000.
		expect(order('duration')).toEqual([4, 1, 2, 3]);
		expect(order('group')).toEqual([2, 4, 1, 3]);
		expect(order('label')).toEqual([3, 1, 2, 4]);
		expect(order('label', true)).toEqual([1, 3, 2, 4]);
	});

	it('keeps the list itself for the default order (no copy of 100,000 ids)', () => {
		expect(sortTasks(list, {key: 'id', descending: false}, 0)).toBe(list);
	});

	it('cycles through the columns the table shows, and reverses', () => {
		const keys = sortKeys({groups: false, labels: true});
		expect(keys).toEqual(['id', 'status', 'start', 'duration', 'label']);
		let sort = {key: 'id', descending: false} as const as Parameters<typeof nextSort>[0];
		const seen: string[] = [];
		for (let step = 0; step < keys.length; step++) {
			sort = nextSort(sort, keys);
			seen.push(sort.key);
		}

		expect(seen).toEqual(['status', 'start', 'duration', 'label', 'id']);
		expect(reverseSort({key: 'start', descending: false})).toEqual({key: 'start', descending: true});
		// A column that went away (the last label removed): the cycle starts over.
		expect(nextSort({key: 'group', descending: true}, keys)).toEqual({key: 'id', descending: false});
	});

	it('finds the cursor in a list not in id order', () => {
		const sorted = sortTasks(list, {key: 'status', descending: false}, 1000);
		expect(cursorIndex(sorted, 1, 0)).toBe(3);
		expect(cursorIndex(sorted, 99, 2)).toBe(2);
	});
});
