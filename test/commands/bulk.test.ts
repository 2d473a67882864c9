// Commands that act on many tasks, through the real binary: remove of a mixed set.
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type SpoolHome, spoolHome} from './spool-home.js';

let h: SpoolHome;
beforeAll(() => {
	h = spoolHome();
});

afterAll(async () => {
	await h.stop();
});

const ids = async () => (await h.tasks()).map((task) => task.id);
const forever = () => `until [ -e ${path.join(h.home, 'never')} ]; do sleep 0.05; done`;

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
		const both = JSON.parse((await h.spool(['remove', String(needed), String(waiter), String(running), '--json'])).stdout) as {ids: number[]; refused: Array<{id: number; code: string}>};
		expect(both.ids).toEqual([needed, waiter]);
		expect(both.refused).toEqual([expect.objectContaining({id: running, code: 'invalid_state'})]);
		await h.ok(['kill', String(running)]);
	});
});
