// Why a task has no output: what it waits for, or why it never ran.
import {describe, expect, it} from 'vitest';
import type {Group, Task} from '../../source/protocol/model.js';
import {waitingFor, whyNoLog} from '../../source/tui/task-why.js';
import {wireTask} from '../helpers/wire-task.js';

const running = wireTask(1, {status: 'Running', startedAt: 1, attempt: 1});
const done = wireTask(2, {status: 'Done', result: 'Success', startedAt: 1, endedAt: 2, attempt: 1});
const tasks = new Map<number, Task>([
	[1, running],
	[2, done],
]);
const groups: Group[] = [
	{name: 'default', status: 'Running', parallel: 1},
	{name: 'held', status: 'Paused', parallel: 4},
	{name: 'wide', status: 'Running', parallel: 4},
];
const context = {tasks, groups, running: new Map([['default', 1]])};

describe('waitingFor', () => {
	it('names the dependencies that have not succeeded, with their states', () => {
		expect(waitingFor(wireTask(3, {after: [1, 2]}), context)).toBe('waiting for dependency 1 (running)');
		expect(waitingFor(wireTask(3, {after: [1, 9]}), context)).toBe('waiting for dependencies 1 (running), 9 (removed)');
	});

	it('says when the group is paused, full, or the task waits for a worker', () => {
		expect(waitingFor(wireTask(3, {group: 'held'}), context)).toBe('waiting: group held is paused');
		expect(waitingFor(wireTask(3), context)).toBe('waiting for its turn: group default runs 1 at once and 1 is running');
		expect(waitingFor(wireTask(3, {group: 'wide'}), context)).toBe('waiting for a worker with a free slot');
	});

	it('tells a stashed task from a delayed one and an edited one', () => {
		expect(waitingFor(wireTask(3, {status: 'Stashed'}), context)).toBe('stashed: it runs once enqueued');
		expect(waitingFor(wireTask(3, {status: 'Stashed', enqueueAt: new Date(2026, 11, 3, 18, 30).getTime()}), context)).toBe('delayed until 2026-12-03 18:30');
		expect(waitingFor(wireTask(3, {status: 'Locked'}), context)).toMatch(/being edited/);
		expect(waitingFor(running, context)).toBeUndefined();
	});
});

describe('whyNoLog', () => {
	it('is undefined for a task that ran, or runs', () => {
		expect(whyNoLog(running, context)).toBeUndefined();
		expect(whyNoLog(done, context)).toBeUndefined();
		expect(whyNoLog(wireTask(4, {status: 'Done', result: 'WorkerLost', error: 'worker w1 vanished', startedAt: 5}), context)).toBeUndefined();
	});

	it('says why a task ended without running, in the daemon words', () => {
		expect(whyNoLog(wireTask(4, {status: 'Done', result: 'DependencyFailed', error: 'dependency 3 ended Failed'}), context)).toBe('task 4 never ran: dependency 3 ended Failed');
		expect(whyNoLog(wireTask(4, {status: 'Done', result: 'FailedToSpawn', error: 'no such shell', startedAt: 5}), context)).toBe('task 4 never ran: it failed to spawn: no such shell');
		expect(whyNoLog(wireTask(4, {status: 'Done', result: 'Killed', error: 'killed before it started (worker gone)'}), context)).toBe('task 4 never ran: killed before it started (worker gone)');
		expect(whyNoLog(wireTask(4, {status: 'Stashed'}), context)).toBe('task 4 has not run yet: stashed: it runs once enqueued');
	});
});
