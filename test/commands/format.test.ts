import {describe, expect, it} from 'vitest';
import {formatDate, formatDuration, formatGroupHeader, formatStatus, formatTime, renderTable, shortenPath, truncate} from '../../source/shared/format.js';
import {oneLine} from '../../source/terminal/sanitize.js';
import {styler, visibleLength} from '../../source/shared/style.js';

const plain = styler(false);
const color = styler(true);

describe('formatDate', () => {
	it('is YYYY-MM-DD HH:MM in local time, 24 h, seconds dropped (never rounded up), whatever the day', () => {
		expect(formatDate(new Date(2026, 11, 3, 9, 0, 0).getTime())).toBe('2026-12-03 09:00');
		expect(formatDate(new Date(2026, 0, 5, 18, 7, 59).getTime())).toBe('2026-01-05 18:07');
		expect(formatDate(new Date(2026, 0, 5, 0, 0, 0).getTime())).toBe('2026-01-05 00:00');
		expect(formatDate(Date.now())).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
	});
});

describe('formatTime', () => {
	it('is formatDate, but a time of today is its clock with seconds (table columns)', () => {
		const now = new Date(2026, 4, 17, 15, 0, 0).getTime();
		expect(formatTime(new Date(2026, 4, 17, 9, 5, 7).getTime(), now)).toBe('09:05:07');
		expect(formatTime(new Date(2026, 4, 16, 23, 59, 59).getTime(), now)).toBe('2026-05-16 23:59');
		expect(formatTime(new Date(2025, 11, 1, 8, 0).getTime(), now)).toBe('2025-12-01 08:00');
	});
});

describe('formatDuration', () => {
	it('uses the two leading units and never rounds up', () => {
		expect(formatDuration(0)).toBe('0.0s');
		expect(formatDuration(1234)).toBe('1.2s');
		expect(formatDuration(59_999)).toBe('59.9s');
		expect(formatDuration(60_000)).toBe('1m00s');
		expect(formatDuration(184_900)).toBe('3m04s');
		expect(formatDuration(2 * 3_600_000 + 5 * 60_000 + 59_000)).toBe('2h05m');
		expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d04h');
		expect(formatDuration(-5)).toBe('0.0s');
	});
});

describe('formatStatus', () => {
	const task = {status: 'Done', result: null, exitCode: null, signal: null} as const;

	it('gives every state a symbol and a word', () => {
		expect(formatStatus({...task, status: 'Queued'}, plain)).toBe('◦ Queued');
		expect(formatStatus({...task, status: 'Stashed'}, plain)).toBe('◌ Stashed');
		expect(formatStatus({...task, status: 'Locked'}, plain)).toBe('✎ Locked');
		expect(formatStatus({...task, status: 'Running'}, plain)).toBe('▶ Running');
		expect(formatStatus({...task, status: 'Paused'}, plain)).toBe('‖ Paused');
		expect(formatStatus({...task, result: 'Success', exitCode: 0}, plain)).toBe('✔ Success');
		expect(formatStatus({...task, result: 'Failed', exitCode: 2}, plain)).toBe('✘ Failed (2)');
		expect(formatStatus({...task, result: 'Failed', signal: 'SIGSEGV'}, plain)).toBe('✘ Failed (SIGSEGV)');
		expect(formatStatus({...task, result: 'FailedToSpawn'}, plain)).toBe('✘ Failed to spawn');
		expect(formatStatus({...task, result: 'DependencyFailed'}, plain)).toBe('✘ Dependency failed');
		expect(formatStatus({...task, result: 'Killed'}, plain)).toBe('✘ Killed');
		expect(formatStatus({...task, result: 'Interrupted'}, plain)).toBe('✘ Interrupted');
		expect(formatStatus({...task, result: 'WorkerLost'}, plain)).toBe('✘ Worker lost');
	});

	it('colours by kind: green success, red own failure, magenta stopped from outside', () => {
		expect(formatStatus({...task, result: 'Success'}, color)).toBe('\u001B[32m✔ Success\u001B[39m');
		expect(formatStatus({...task, result: 'Failed', exitCode: 1}, color)).toContain('\u001B[31m');
		expect(formatStatus({...task, result: 'Killed'}, color)).toContain('\u001B[35m');
		expect(formatStatus({...task, status: 'Running'}, color)).toContain('\u001B[36m');
	});
});

describe('helpers', () => {
	it('formats group headers', () => {
		expect(formatGroupHeader({name: 'default', status: 'Running', parallel: 2}, plain)).toBe('Group "default" (2 parallel): running');
		expect(formatGroupHeader({name: 'gpu', status: 'Paused', parallel: 0}, plain)).toBe('Group "gpu" (unlimited parallel): paused');
		expect(formatGroupHeader({name: 'gpu', status: 'Paused', parallel: 1}, color)).toContain('\u001B[33mpaused');
	});

	it('shortens $HOME to ~ only at a path boundary', () => {
		expect(shortenPath('/home/ann/src', '/home/ann')).toBe('~/src');
		expect(shortenPath('/home/ann', '/home/ann')).toBe('~');
		expect(shortenPath('/home/anna/src', '/home/ann')).toBe('/home/anna/src');
		expect(shortenPath('/srv', undefined)).toBe('/srv');
	});

	it('keeps user text on one line and harmless', () => {
		expect(oneLine('make\nmake install')).toBe('make↵make install');
		expect(oneLine('a\u001B[2Jb\tc')).toBe('a·[2Jb c');
		expect(truncate('abcdef', 4)).toBe('abc…');
		expect(truncate('abc', 4)).toBe('abc');
	});
});

describe('renderTable', () => {
	const columns = [{header: 'Id', align: 'right' as const}, {header: 'Status'}, {header: 'Command', shrink: true, minWidth: 8}, {header: 'Path', shrink: true, minWidth: 6}];
	const rows = [
		['1', color('green', '✔ Success'), 'make build-everything-with-a-very-long-name', '/a/long/directory/name'],
		['10', color('cyan', '▶ Running'), 'ls', '/'],
	];

	it('pads by visible width, ignoring colour codes, and never cuts without a width', () => {
		const text = renderTable(columns, rows, {style: plain});
		expect(text.split('\n')).toEqual([
			'Id  Status     Command                                      Path',
			' 1  \u001B[32m✔ Success\u001B[39m  make build-everything-with-a-very-long-name  /a/long/directory/name',
			'10  \u001B[36m▶ Running\u001B[39m  ls                                           /',
			'',
		]);
	});

	it('cuts the shrinkable columns (widest first) to fit a width', () => {
		const lines = renderTable(columns, rows, {style: plain, width: 50}).trimEnd().split('\n');
		for (const line of lines) expect(visibleLength(line)).toBeLessThanOrEqual(50);
		expect(lines[1]).toContain('…');
		expect(lines[1]).toMatch(/make build/);
		expect(lines[2]).toMatch(/ls +\/$/);
	});

	it("stops at the columns' minimum widths when the terminal is too narrow", () => {
		const lines = renderTable(columns, rows, {style: plain, width: 10}).split('\n');
		expect(lines[1]).toMatch(/make bu… {2}\/a\/lo…$/);
	});
});
