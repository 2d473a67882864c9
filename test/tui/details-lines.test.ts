// The details view's text: fields wrapped under their names, never cut.
import {describe, expect, it} from 'vitest';
import {type TaskFacts, detailsLines, detailsTitle, keyWidth, wrapText} from '../../source/tui/details/details-lines.js';
import {wireTask} from '../helpers/wire-task.js';

const context = {tasks: new Map(), groups: [], running: new Map(), now: 10_000, values: false};
const facts: TaskFacts = {env: {state: 'ok', value: {PATH: '/bin', HOME: '/home/ann'}}, log: {state: 'ok', value: {bytes: 2048, lines: 40}}};
const text = (lines: ReturnType<typeof detailsLines>) => lines.map((line) => `${line.key.padEnd(keyWidth)}${line.text}`.trimEnd());

describe('wrapText', () => {
	it('breaks at spaces, inside words only when they are longer than a line, and keeps line breaks', () => {
		expect(wrapText('make release -j4 && echo done', 12)).toEqual(['make release', '-j4 && echo', 'done']);
		expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
		expect(wrapText('one\n  two', 20)).toEqual(['one', '  two']);
		expect(wrapText('A  B', 1)).toEqual(['A', 'B']);
		expect(wrapText('bell\u0007', 20)).toEqual(['bell·']);
	});
});

describe('detailsLines', () => {
	it('shows a task killed by a signal, its log size and its environment names', () => {
		const task = wireTask(7, {status: 'Done', result: 'Failed', signal: 'SIGKILL', startedAt: 1000, endedAt: 4000, worker: 'w1', slot: 2, attempt: 3, error: null});
		expect(detailsTitle(task)).toEqual({text: 'Task 7: failed by signal SIGKILL', color: 'red'});
		const lines = text(detailsLines(task, facts, context, 60));
		expect(lines).toContain('Result    ✘ failed by signal SIGKILL');
		expect(lines).toContain('Signal    SIGKILL');
		expect(lines).toContain('Worker    w1');
		expect(lines).toContain('Slot      2');
		expect(lines).toContain('Duration  3.0s');
		expect(lines).toContain('Attempts  3');
		expect(lines).toContain('Log       2.0 KiB · 40 lines');
		expect(lines).toContain('Env       2 variables (names; v shows the values)');
		expect(lines).toContain('          HOME  PATH');
		expect(lines.some((line) => line.includes('/home/ann'))).toBe(false);
	});

	it('wraps a long command under its name, and shows values on demand', () => {
		const task = wireTask(8, {command: 'python3 train.py --epochs 100 --learning-rate 0.001 --batch-size 64'});
		const lines = text(detailsLines(task, facts, {...context, values: true}, 40));
		expect(lines).toContain('Command   python3 train.py --epochs 100');
		expect(lines).toContain('          --learning-rate 0.001');
		expect(lines).toContain('          --batch-size 64');
		expect(lines).toContain('          HOME=/home/ann');
		expect(lines.every((line) => line.length <= 40)).toBe(true);
	});

	it('says why a lost worker ended a task, and what the daemon could not tell', () => {
		const task = wireTask(9, {status: 'Done', result: 'WorkerLost', error: 'worker w2 did not come back within 30000 ms', startedAt: 1, endedAt: 2});
		const lines = text(detailsLines(task, {env: {state: 'error', message: 'not connected'}, log: {state: 'loading'}}, context, 80));
		expect(lines).toContain('Reason    worker w2 did not come back within 30000 ms');
		expect(lines).toContain('Env       unavailable: not connected');
		expect(lines).toContain('Log       …');
	});
});
