// What a task and the callback see, through the real bin/spool.js: each
// running task's SPOOL_SLOT (its slot in its group, 0..parallel-1, as pueue's
// PUEUE_WORKER_ID), and the callback's SPOOL_QUEUED_COUNT and
// SPOOL_STASHED_COUNT (pueue's {{queued_count}} and {{stashed_count}}).
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type SpoolHome, spoolHome} from '../commands/spool-home.js';
import {waitFor} from '../helpers/wait-for.js';

let h: SpoolHome;
let calls = '';
beforeAll(() => {
	h = spoolHome();
	calls = path.join(h.home, 'callbacks');
	const callback = `echo "$SPOOL_TASK_ID $SPOOL_QUEUED_COUNT $SPOOL_STASHED_COUNT" >> '${calls}'`;
	writeFileSync(path.join(h.home, 'config.json'), JSON.stringify({daemon: {callback}}));
});

afterAll(async () => {
	await h.stop();
});

describe('the environment of tasks and callbacks (real binary)', () => {
	it('gives each running task of a group its own slot, 0..parallel-1', async () => {
		await h.ok(['group', 'add', 'slots', '-p', '2']);
		const gate = path.join(h.home, 'gate');
		// Both hold their slot until the gate opens, so they run at the same time.
		const hold = `echo "slot=$SPOOL_SLOT"; until [ -e '${gate}' ]; do sleep 0.05; done`;
		const a = await h.add(['-g', 'slots', '--', hold]);
		const b = await h.add(['-g', 'slots', '--', hold]);
		await h.waitForTask(a, 'Running');
		await h.waitForTask(b, 'Running');
		writeFileSync(gate, '');
		await h.ok(['wait', String(a), String(b)]);
		const slots = [await h.ok(['log', String(a), '--raw']), await h.ok(['log', String(b), '--raw'])].map((text) => text.trim()).sort();
		expect(slots).toEqual(['slot=0', 'slot=1']);
		// The slot a task ran in is kept in its record.
		const records = JSON.parse(await h.ok(['status', '--json', String(a), String(b)])) as {tasks: Array<{slot: number}>};
		expect(records.tasks.map((task) => task.slot).sort()).toEqual([0, 1]);
	});

	it('tells the callback how many tasks of the group still wait, queued and stashed', async () => {
		await h.ok(['group', 'add', 'counts']);
		const gate = path.join(h.home, 'counts-gate');
		const first = await h.add(['-g', 'counts', '--', `until [ -e '${gate}' ]; do sleep 0.05; done`]);
		await h.waitForTask(first, 'Running');
		const second = await h.add(['-g', 'counts', '--', 'true']);
		const third = await h.add(['-g', 'counts', '--', 'true']);
		await h.add(['-g', 'counts', '-s', '--', 'true']);
		writeFileSync(gate, '');
		await h.ok(['wait', String(first), String(second), String(third)]);
		const line = (id: number) =>
			readFileSync(calls, 'utf8')
				.split('\n')
				.find((entry) => entry.startsWith(`${id} `));
		await waitFor(() => existsSync(calls) && line(third) !== undefined, {what: 'the callbacks of the three tasks'});
		// When the first ended, two were queued and one stashed; when the last ended, none queued.
		expect(line(first)).toBe(`${first} 2 1`);
		expect(line(third)).toBe(`${third} 0 1`);
	});
});
