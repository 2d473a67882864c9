// SPOOL_SLOT: each running task of a group holds one slot index, the lowest
// free one at its start, given back at its end (pueue's PUEUE_WORKER_ID).
import {describe, expect, it} from 'vitest';
import {addTask, getTask, readLog, status, waitFor} from '../helpers/queue-client.js';
import {daemonPerTest, gate} from '../helpers/daemon-per-test.js';
import {waitFor as poll} from '../helpers/wait-for.js';

const daemons = daemonPerTest();

type Client = Awaited<ReturnType<typeof daemons.start>>['client'];

/** The slot a task printed first thing, once it has printed it. */
async function printedSlot(client: Client, id: number): Promise<number> {
	const line = await poll(async () => /^slot=(\d+)\n/.exec((await readLog(client, id)).toString())?.[1], {what: `task ${id} to print its slot`});
	return Number(line);
}

describe('SPOOL_SLOT', () => {
	it('gives the running tasks of a group distinct slots in 0..parallel-1, the lowest free one at each start', async () => {
		const {client} = await daemons.start();
		await client.request({type: 'GroupAdd', name: 'gpu', parallel: 2});
		const gates = [gate(), gate(), gate()];
		const tasks = [];
		for (const g of gates) tasks.push(await addTask(client, `echo slot=$SPOOL_SLOT; ${g.command}`, {group: 'gpu'}));
		const [first, second, third] = tasks.map((task) => task.id) as [number, number, number];

		await poll(async () => (await status(client, {group: 'gpu'})).tasks.filter((task) => task.status === 'Running').length === 2, {what: 'two running tasks'});
		const slotOfFirst = await printedSlot(client, first);
		const slotOfSecond = await printedSlot(client, second);
		expect([slotOfFirst, slotOfSecond].sort()).toEqual([0, 1]);
		// The record says the same, and the third task has none yet.
		expect((await getTask(client, first)).slot).toBe(slotOfFirst);
		expect((await getTask(client, second)).slot).toBe(slotOfSecond);
		expect((await getTask(client, third)).slot).toBeNull();

		// The first ends: the third takes the slot it freed, never the second's.
		gates[0]!.open();
		await waitFor(client, [first]);
		await waitFor(client, [third], 'running');
		expect(await printedSlot(client, third)).toBe(slotOfFirst);
		expect((await getTask(client, third)).slot).toBe(slotOfFirst);
		expect((await getTask(client, second)).status).toBe('Running');

		for (const g of gates) g.open();
		await waitFor(client, [second, third]);
	});

	it('counts per group: another group starts at 0 again, and an unlimited group counts up', async () => {
		const {client} = await daemons.start();
		await client.request({type: 'GroupAdd', name: 'wide', parallel: 0});
		const blocker = gate();
		const inDefault = await addTask(client, `echo slot=$SPOOL_SLOT; ${blocker.command}`);
		const wide = [];
		for (let index = 0; index < 3; index++) wide.push(await addTask(client, `echo slot=$SPOOL_SLOT; ${blocker.command}`, {group: 'wide'}));
		expect(await printedSlot(client, inDefault.id)).toBe(0);
		const slots = await Promise.all(wide.map(async (task) => printedSlot(client, task.id)));
		expect(slots.sort()).toEqual([0, 1, 2]);
		blocker.open();
		await waitFor(client, [inDefault.id, ...wide.map((task) => task.id)]);
	});
});
