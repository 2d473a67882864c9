import {describe, expect, it} from 'vitest';
import {progressLine} from '../../source/commands/wait.js';
import {WaitWatch} from '../../source/commands/wait-watch.js';
import {styler} from '../../source/shared/style.js';
import {wireTask} from '../helpers/wire-task.js';

const done = (id: number, result: 'Success' | 'Failed' = 'Success', extra = {}) => wireTask(id, {status: 'Done', result, exitCode: result === 'Success' ? 0 : 2, ...extra});

describe('WaitWatch', () => {
	it('takes in tasks of its group that appear later, and is over once none is unfinished', () => {
		const watch = new WaitWatch({group: 'g'}, 'done');
		watch.put(wireTask(1, {group: 'g', status: 'Running'}));
		watch.put(wireTask(2, {group: 'other'}));
		expect(watch.outcome()).toBe('waiting');
		expect(watch.put(wireTask(3, {group: 'g'}))).toEqual({kind: 'new', task: expect.objectContaining({id: 3})});
		expect(watch.put(done(1, 'Success', {group: 'g'}))).toMatchObject({kind: 'ended'});
		expect(watch.outcome()).toBe('waiting');
		expect(watch.put(wireTask(3, {group: 'g', status: 'Running'}))).toMatchObject({kind: 'changed', from: 'Queued'});
		watch.put(done(3, 'Success', {group: 'g'}));
		expect(watch.outcome()).toBe('reached');
		expect(watch.tasks().map((task) => task.id)).toEqual([1, 3]);
	});

	it('with ids, ignores other tasks and keeps the order asked for', () => {
		const watch = new WaitWatch({ids: [5, 4]}, 'done');
		watch.put(done(4));
		watch.put(wireTask(6));
		expect(watch.outcome()).toBe('reached');
		watch.put(wireTask(5));
		expect(watch.outcome()).toBe('waiting');
		watch.put(done(5));
		expect(watch.tasks().map((task) => task.id)).toEqual([5, 4]);
	});

	it('waits again for a task restarted in place, and not for a removed one', () => {
		const watch = new WaitWatch({}, 'done');
		watch.put(done(1));
		watch.put(wireTask(2));
		expect(watch.remove(2)).toEqual({kind: 'removed', id: 2});
		expect(watch.remove(2)).toBeUndefined();
		expect(watch.outcome()).toBe('reached');
		expect(watch.put(wireTask(1, {status: 'Queued'}))).toMatchObject({kind: 'changed', from: 'Done'});
		expect(watch.outcome()).toBe('waiting');
	});

	it('for success, fails at the first failure, unfinished tasks or not', () => {
		const watch = new WaitWatch({}, 'success');
		watch.put(wireTask(1, {status: 'Running'}));
		watch.put(done(2, 'Failed'));
		expect(watch.outcome()).toBe('failed');
		expect(watch.failed().map((task) => task.id)).toEqual([2]);
		expect(watch.unreached().map((task) => task.id)).toEqual([1]);
		// Waiting for done, the same failure is just an end.
		const plain = new WaitWatch({}, 'done');
		plain.put(done(2, 'Failed'));
		expect(plain.outcome()).toBe('reached');
	});

	it('counts queued and running as pueue does (later states qualify)', () => {
		const queued = new WaitWatch({}, 'queued');
		queued.put(wireTask(1, {status: 'Stashed'}));
		expect(queued.outcome()).toBe('waiting');
		queued.put(wireTask(1, {status: 'Queued'}));
		expect(queued.outcome()).toBe('reached');
		const running = new WaitWatch({}, 'running');
		running.put(wireTask(1, {status: 'Queued'}));
		expect(running.outcome()).toBe('waiting');
		running.put(done(1, 'Failed'));
		expect(running.outcome()).toBe('reached');
	});

	it('forgets a task that leaves its group', () => {
		const watch = new WaitWatch({group: 'g'}, 'done');
		watch.put(wireTask(1, {group: 'g'}));
		watch.put(wireTask(1, {group: 'default'}));
		expect(watch.outcome()).toBe('reached');
		expect(watch.tasks()).toEqual([]);
	});
});

describe('progress lines', () => {
	const plain = styler(false);
	const at = new Date(2026, 0, 2, 13, 4, 5).getTime();
	it('say what changed, with the time, in pueue words', () => {
		expect(progressLine({kind: 'new', task: wireTask(3)}, plain, at)).toBe('13:04:05 - New task 3 with status Queued');
		expect(progressLine({kind: 'changed', task: wireTask(3, {status: 'Running'}), from: 'Queued'}, plain, at)).toBe('13:04:05 - Task 3 changed from Queued to Running');
		expect(progressLine({kind: 'ended', task: done(3)}, plain, at)).toBe('13:04:05 - Task 3 succeeded');
		expect(progressLine({kind: 'ended', task: done(3, 'Failed')}, plain, at)).toBe('13:04:05 - Task 3 failed with exit code 2');
		expect(progressLine({kind: 'ended', task: wireTask(3, {status: 'Done', result: 'Failed', signal: 'SIGSEGV'})}, plain, at)).toBe('13:04:05 - Task 3 failed by signal SIGSEGV');
		expect(progressLine({kind: 'ended', task: wireTask(3, {status: 'Done', result: 'Killed'})}, plain, at)).toBe('13:04:05 - Task 3 was killed');
		expect(progressLine({kind: 'ended', task: wireTask(3, {status: 'Done', result: 'FailedToSpawn', error: 'no such\ndirectory'})}, plain, at)).toMatch(
			/^13:04:05 - Task 3 failed to spawn: no such.directory$/,
		);
		expect(progressLine({kind: 'removed', id: 3}, plain, at)).toBe('13:04:05 - Task 3 was removed');
	});
});
