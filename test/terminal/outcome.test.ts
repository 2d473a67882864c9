// A task's outcome in words: what `spool log`'s header and the UI's details view both say.
import {describe, expect, it} from 'vitest';
import {outcomeWords, taskDuration} from '../../source/terminal/outcome.js';
import {wireTask} from '../helpers/wire-task.js';

describe('outcomeWords', () => {
	it('names the waiting states, a locked task included', () => {
		expect(outcomeWords(wireTask(1, {status: 'Queued'}))).toBe('queued');
		expect(outcomeWords(wireTask(1, {status: 'Locked'}))).toBe('locked');
	});

	it('says how a task ended, with its exit code or signal', () => {
		expect(outcomeWords(wireTask(1, {status: 'Done', result: 'Failed', exitCode: 2}))).toBe('failed with exit code 2');
		expect(outcomeWords(wireTask(1, {status: 'Done', result: 'Failed', signal: 'SIGSEGV'}))).toBe('failed by signal SIGSEGV');
		expect(outcomeWords(wireTask(1, {status: 'Done', result: 'Killed', signal: 'SIG\u001B[2JTERM'}))).toBe('killed by spool (SIG·[2JTERM)');
		expect(outcomeWords(wireTask(1, {status: 'Done', result: 'DependencyFailed'}))).toBe('dependency failed');
	});
});

describe('taskDuration', () => {
	it('is null before the start, so far while running, and the run once ended', () => {
		expect(taskDuration({startedAt: null, endedAt: null})).toBeNull();
		expect(taskDuration({startedAt: 1000, endedAt: null}, 4000)).toBe(3000);
		expect(taskDuration({startedAt: 1000, endedAt: 1500}, 4000)).toBe(500);
	});
});
