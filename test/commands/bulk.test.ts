// Commands that act on many tasks, through the real binary: reset and clean
// of several groups, remove of a mixed set, stash --delay, kill without ids.
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {type SpoolHome, spoolHome} from './spool-home.js';

let h: SpoolHome;
beforeAll(() => {
	h = spoolHome();
});

afterAll(async () => {
	await h.stop();
});

const statusOf = async (id: number) => (await h.tasks()).find((task) => task.id === id);
const ids = async () => (await h.tasks()).map((task) => task.id);
const forever = () => `until [ -e ${path.join(h.home, 'never')} ]; do sleep 0.05; done`;

describe('reset and clean of several groups', () => {
	it('resets the groups given with -g, each of them, and leaves the others', async () => {
		for (const name of ['ra', 'rb', 'rc']) await h.ok(['group', 'add', name]);
		const a = await h.add(['-g', 'ra', '--', forever()]);
		const b = await h.add(['-g', 'rb', '--', 'true']);
		const c = await h.add(['-g', 'rc', '--', 'true']);
		await h.waitForTask(a, 'Running');
		await h.waitForTask(c, 'Done');

		const refused = await h.spool(['reset', '-g', 'ra', '-g', 'nope', '--force']);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/no group "nope".*\[not_found\]/);
		expect(await ids()).toEqual(expect.arrayContaining([a, b, c]));
		expect((await statusOf(a))?.status).toBe('Running');

		expect(await h.ok(['reset', '-g', 'ra', '-g', 'rb', '--force'])).toBe(`Reset: removed tasks ${a} and ${b}.\n`);
		const left = await ids();
		expect(left).toContain(c);
		expect(left).not.toContain(a);
		expect(left).not.toContain(b);
	});

	it('cleans the groups given with -g and leaves the others', async () => {
		for (const name of ['ca', 'cb', 'cc']) await h.ok(['group', 'add', name]);
		const a = await h.add(['-g', 'ca', '--', 'true']);
		const b = await h.add(['-g', 'cb', '--', 'exit 1']);
		const c = await h.add(['-g', 'cc', '--', 'true']);
		for (const id of [a, b, c]) await h.waitForTask(id, 'Done');

		const refused = await h.spool(['clean', '-g', 'ca', '-g', 'nope']);
		expect(refused.code).toBe(1);
		expect(await ids()).toEqual(expect.arrayContaining([a, b, c]));

		expect(await h.ok(['clean', '-g', 'ca', '-g', 'cb'])).toBe(`Removed tasks ${a} and ${b}.\n`);
		const left = await ids();
		expect(left).toContain(c);
		expect(left).not.toContain(a);
		expect(left).not.toContain(b);
		expect(JSON.parse(await h.ok(['clean', '-g', 'cc', '-g', 'ca', '--json']))).toMatchObject({ids: [c]});
	});
});

describe('remove of a mixed set', () => {
	it('removes what it can, reports the rest and exits 1', async () => {
		await h.ok(['group', 'add', 'rmg']);
		const queued = await h.add(['-s', '--', 'true']);
		const running = await h.add(['-g', 'rmg', '--', forever()]);
		const done = await h.add(['--', 'true']);
		await h.waitForTask(running, 'Running');
		await h.waitForTask(done, 'Done');
		const needed = await h.add(['-s', '--', 'true']);
		const waiter = await h.add(['-s', '-a', String(needed), '--', 'true']);

		const result = await h.spool(['remove', String(queued), String(running), '99999', String(done), String(needed)]);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe(`Removed tasks ${queued} and ${done}.\n`);
		expect(result.stderr).toContain(`spool: task ${running} is running: kill it first`);
		expect(result.stderr).toContain('spool: no task 99999; `spool status` lists the tasks [not_found]\n');
		expect(result.stderr).toContain(`spool: task ${waiter} depends on task ${needed}`);
		const left = await ids();
		expect(left).not.toContain(queued);
		expect(left).not.toContain(done);
		expect(left).toEqual(expect.arrayContaining([running, needed, waiter]));

		// Together, the task and the one that waits for it go; --json names what stayed.
		const both = JSON.parse((await h.spool(['remove', String(needed), String(waiter), String(running), '--json'])).stdout) as {ids: number[]; skipped: Array<{id: number; code: string}>};
		expect(both.ids).toEqual([needed, waiter]);
		expect(both.skipped).toEqual([expect.objectContaining({id: running, code: 'invalid_state'})]);
		await h.ok(['kill', String(running)]);
	});
});

describe('stash --delay', () => {
	it('stashes now and enqueues at the time given', async () => {
		await h.ok(['group', 'add', 'sd']);
		await h.ok(['pause', '-g', 'sd']);
		const later = await h.add(['-g', 'sd', '--', 'true']);
		const soon = await h.add(['-g', 'sd', '--', 'true']);
		const before = Date.now();
		const stashed = await h.ok(['stash', String(later), '--delay', '2h']);
		expect(stashed).toMatch(new RegExp(`^Stashed task ${later}; it will be enqueued at .+\\.\\n$`));
		const task = await statusOf(later);
		expect(task).toMatchObject({status: 'Stashed'});
		expect(Date.parse(String(task?.enqueueAt))).toBeGreaterThanOrEqual(before + 2 * 3_600_000);

		expect(await h.ok(['stash', '-g', 'sd', '-d', '1s'])).toMatch(new RegExp(`^Stashed task ${soon}; it will be enqueued at `));
		expect((await statusOf(soon))?.status).toBe('Stashed');
		await h.waitForTask(soon, 'Queued');
		expect((await statusOf(later))?.status).toBe('Stashed');

		const bad = await h.spool(['stash', String(later), '--delay', 'someday']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/invalid time "someday"/);
	});
});

describe('kill without ids', () => {
	it('kills the running tasks of the default group, and only those', async () => {
		await h.ok(['group', 'add', 'kother']);
		const mine = await h.add(['--', forever()]);
		const other = await h.add(['-g', 'kother', '--', forever()]);
		await h.waitForTask(mine, 'Running');
		await h.waitForTask(other, 'Running');
		expect(await h.ok(['kill'])).toBe(`Signalled task ${mine} of group "default".\n`);
		await h.waitForTask(mine, 'Done');
		expect(await statusOf(mine)).toMatchObject({result: 'Killed'});
		expect((await statusOf(other))?.status).toBe('Running');
		await h.ok(['kill', '-g', 'kother']);
		await waitFor(async () => (await statusOf(other))?.status === 'Done', {what: 'the other group task to end'});
	});

	it("pauses a group it killed tasks of while others still wait in it, so nothing starts by itself (pueue's emergency stop); ids never pause", async () => {
		await h.ok(['group', 'add', 'kq']);
		const running = await h.add(['-g', 'kq', '--', forever()]);
		await h.waitForTask(running, 'Running');
		const waiting = await h.add(['-g', 'kq', '--', 'true']);
		expect(await h.ok(['kill', '-g', 'kq'])).toBe(`Signalled task ${running}; paused group "kq", whose queued tasks would start next (\`spool start -g kq\` resumes it).\n`);
		await h.waitForTask(running, 'Done');
		const group = JSON.parse(await h.ok(['group', '--json'])) as {groups: Array<{name: string; status: string}>};
		expect(group.groups.find((entry) => entry.name === 'kq')?.status).toBe('Paused');
		expect((await statusOf(waiting))?.status).toBe('Queued');
		await h.ok(['start', '-g', 'kq']);
		await h.waitForTask(waiting, 'Done');
		// A group with nothing left waiting stays as it was.
		const alone = await h.add(['-g', 'kq', '--', forever()]);
		await h.waitForTask(alone, 'Running');
		const asJson = JSON.parse(await h.ok(['kill', '-g', 'kq', '--json'])) as unknown;
		expect(asJson).toEqual({ids: [alone], paused: []});
		await h.waitForTask(alone, 'Done');
		// By id: the task ends and the one behind it starts.
		const first = await h.add(['-g', 'kq', '--', forever()]);
		await h.waitForTask(first, 'Running');
		const next = await h.add(['-g', 'kq', '--', 'true']);
		expect(await h.ok(['kill', String(first)])).toBe(`Signalled task ${first}.\n`);
		await h.waitForTask(next, 'Done');
	});
});
