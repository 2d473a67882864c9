// `spool group` through the real binary: list, add, remove, with --json.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type SpoolHome, spoolHome} from './spool-home.js';

let h: SpoolHome;
beforeAll(() => {
	h = spoolHome();
});

afterAll(async () => {
	await h.stop();
});

describe('spool group (real binary)', () => {
	it('lists the default group', async () => {
		expect(await h.ok(['group'])).toBe('Group "default" (1 parallel): running\n');
		expect(JSON.parse(await h.ok(['group', '--json']))).toEqual({groups: [{name: 'default', status: 'Running', parallel: 1}]});
	});

	it('adds groups, with or without --parallel, and lists them', async () => {
		expect(await h.ok(['group', 'add', 'gpu', '-p', '2'])).toBe('Group "gpu" added (parallel 2)\n');
		expect(await h.ok(['group', 'add', 'any', '--parallel', '0'])).toBe('Group "any" added (parallel unlimited)\n');
		expect(JSON.parse(await h.ok(['group', 'add', 'io', '--json']))).toEqual({name: 'io', status: 'Running', parallel: 1});
		const listed = await h.ok(['group']);
		expect(listed).toContain('Group "gpu" (2 parallel): running\n');
		expect(listed).toContain('Group "any" (unlimited parallel): running\n');
		expect((JSON.parse(await h.ok(['group', '--json'])) as {groups: unknown[]}).groups).toContainEqual({name: 'gpu', status: 'Running', parallel: 2});
	});

	it('refuses a group that exists, with the daemon message', async () => {
		const again = await h.spool(['group', 'add', 'gpu']);
		expect(again.code).toBe(1);
		expect(again.stderr).toMatch(/group "gpu" already exists \[conflict\]/);
	});

	it('removes groups', async () => {
		expect(await h.ok(['group', 'remove', 'gpu'])).toBe('Group "gpu" removed\n');
		expect(JSON.parse(await h.ok(['group', 'remove', 'any', '--json']))).toEqual({ok: true});
		const names = (JSON.parse(await h.ok(['group', '--json'])) as {groups: Array<{name: string}>}).groups.map((group) => group.name);
		expect(names).not.toContain('gpu');
		expect(names).not.toContain('any');
		const missing = await h.spool(['group', 'remove', 'gpu']);
		expect(missing.code).toBe(1);
		const fixed = await h.spool(['group', 'remove', 'default']);
		expect(fixed.code).toBe(1);
		expect(fixed.stderr).toMatch(/default group cannot be removed/);
	});

	it('refuses bad usage with exit 2 before asking the daemon', async () => {
		for (const args of [
			['group', 'add'],
			['group', 'add', 'x', '-p', 'two'],
			['group', 'add', 'x', '-p', '-1'],
			['group', 'frob'],
			['group', 'remove', 'a', 'b'],
			['group', '-p', '2'],
		]) {
			const result = await h.spool(args);
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr).toMatch(/^spool: /);
		}
	});
});
