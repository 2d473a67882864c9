// The task table on narrow terminals: empty columns go first, the command
// gets the room, paths lose their left end, statuses are never cut.
import {describe, expect, it} from 'vitest';
import {fitPath} from '../../source/shared/format.js';
import {layoutColumns, startText, statusText} from '../../source/tui/table-columns.js';
import {wireTask} from '../helpers/wire-task.js';

const keys = (columns: ReturnType<typeof layoutColumns>) => columns.map((column) => column.key);
const widthOf = (columns: ReturnType<typeof layoutColumns>, key: string) => columns.find((column) => column.key === key)?.width ?? 0;
const total = (columns: ReturnType<typeof layoutColumns>) => columns.reduce((sum, column, index) => sum + column.width + (index > 0 ? 1 : 0), 0);
const plain = {maxId: 9, groups: false, labels: false, workers: false, groupWidth: 7};

describe('table columns', () => {
	it('leaves out Group with one group and Label with no label, and fills the width', () => {
		for (const width of [60, 80, 100, 120, 200]) {
			const columns = layoutColumns(width, plain);
			expect(keys(columns)).not.toContain('group');
			expect(keys(columns)).not.toContain('label');
			expect(total(columns)).toBe(width);
		}
	});

	it('gives the command more than main did at 80 columns (30) and keeps it the widest column', () => {
		const columns = layoutColumns(80, plain);
		expect(widthOf(columns, 'command')).toBeGreaterThan(30);
		expect(Math.max(...columns.map((column) => column.width))).toBe(widthOf(columns, 'command'));
	});

	it('drops the path before the command gets narrow, and shows it when there is room', () => {
		expect(keys(layoutColumns(80, plain))).not.toContain('cwd');
		expect(keys(layoutColumns(120, plain))).toContain('cwd');
		expect(widthOf(layoutColumns(120, plain), 'command')).toBeGreaterThan(widthOf(layoutColumns(120, plain), 'cwd'));
	});

	it('shows Group and Label when they say something, while the command keeps its room', () => {
		const needs = {...plain, groups: true, labels: true};
		const wide = layoutColumns(120, needs);
		expect(keys(wide)).toEqual(expect.arrayContaining(['group', 'label']));
		const narrow = layoutColumns(80, needs);
		expect(widthOf(narrow, 'command')).toBeGreaterThanOrEqual(32);
		expect(total(narrow)).toBe(80);
	});

	it('keeps the column the table is sorted by, and marks its title', () => {
		const columns = layoutColumns(80, {...plain, groups: true, labels: true, sort: {key: 'label', descending: true}});
		const label = columns.find((column) => column.key === 'label');
		expect(label?.title).toBe('Label▼');
		expect(layoutColumns(80, {...plain, sort: {key: 'duration', descending: false}}).find((column) => column.key === 'duration')?.title).toBe('Duration▲');
		// The default order (id, ascending) needs no mark.
		expect(layoutColumns(80, {...plain, sort: {key: 'id', descending: false}}).find((column) => column.key === 'id')?.title).toBe('Id');
		expect(total(columns)).toBe(80);
	});
});

describe('status cells', () => {
	const dependency = wireTask(1, {status: 'Done', result: 'DependencyFailed'});
	it('use the long form when it fits and a short form, never a cut one, when not', () => {
		expect(statusText(dependency, 19)).toBe('✘ Dependency failed');
		expect(statusText(dependency, 14)).toBe('✘ Dep failed');
		expect(statusText(wireTask(1, {status: 'Done', result: 'FailedToSpawn'}), 14)).toBe('✘ Spawn failed');
		expect(statusText(wireTask(1, {status: 'Done', result: 'Failed', exitCode: 2}), 14)).toBe('✘ Failed (2)');
		expect(statusText(wireTask(1, {status: 'Done', result: 'Failed', signal: 'SIGKILL'}), 14)).toBe('✘ SIGKILL');
		expect(statusText(wireTask(1, {status: 'Done', result: 'Failed', signal: 'SIGVTALRMXX'}), 12)).toBe('✘ Failed');
		for (const width of [14, 19]) {
			for (const result of ['Success', 'Failed', 'FailedToSpawn', 'Killed', 'DependencyFailed', 'Interrupted', 'WorkerLost'] as const) {
				const text = statusText(wireTask(1, {status: 'Done', result, exitCode: result === 'Failed' ? 255 : null}), width);
				expect([...text].length).toBeLessThanOrEqual(width);
				expect(text).not.toContain('…');
			}
		}
	});
});

describe('start cells', () => {
	const now = new Date(2026, 11, 3, 15, 0, 0).getTime();
	it('fit 8 columns: a time today, a day otherwise, a delayed task with an @', () => {
		expect(startText({startedAt: new Date(2026, 11, 3, 9, 5, 7).getTime(), enqueueAt: null}, now)).toBe('09:05:07');
		expect(startText({startedAt: new Date(2026, 10, 28, 9, 5).getTime(), enqueueAt: null}, now)).toBe('Nov 28');
		expect(startText({startedAt: null, enqueueAt: new Date(2026, 11, 3, 18, 30).getTime()}, now)).toBe('@18:30');
		expect(startText({startedAt: null, enqueueAt: new Date(2026, 11, 4, 9, 0).getTime()}, now)).toBe('@Dec 04');
		expect(startText({startedAt: null, enqueueAt: null}, now)).toBe('');
	});
});

describe('paths', () => {
	it('are shortened from the left, at a slash when one fits', () => {
		expect(fitPath('/work/src/app', 20, '/home/ann')).toBe('/work/src/app');
		expect(fitPath('/work/project/src/app', 10, '/home/ann')).toBe('…/src/app');
		expect(fitPath('/home/ann/code/spool', 40, '/home/ann')).toBe('~/code/spool');
		expect(fitPath('/x/averyveryverylongname', 8, undefined)).toBe('…ongname');
	});
});
