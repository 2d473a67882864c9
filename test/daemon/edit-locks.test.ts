// Lock, Unlock and Edit: a task being edited is Locked, cannot start or be
// changed by anyone else, and is given back when the edit is sent, cancelled,
// or the editing connection goes; Edit changes dependencies too.
import {describe, expect, it} from 'vitest';
import {addTask, expectError, getTask, status, waitFor} from '../helpers/queue-client.js';
import {daemonPerTest, gate} from '../helpers/daemon-per-test.js';

const daemons = daemonPerTest();

describe('locks for editing', () => {
	it('keeps a locked task from starting with a free slot, refuses others, and starts it once the edit is sent', async () => {
		const {t, client} = await daemons.start();
		const other = await t.client();
		await client.request({type: 'GroupAdd', name: 'g', parallel: 1});
		const blocker = gate();
		const first = await addTask(client, blocker.command, {group: 'g'});
		await waitFor(client, [first.id], 'running');
		const edited = await addTask(client, 'echo edited', {group: 'g'});

		const locked = await client.request({type: 'Lock', ids: [edited.id]});
		expect(locked.tasks).toEqual([expect.objectContaining({id: edited.id, status: 'Locked', command: 'echo edited'})]);
		expect((await getTask(other, edited.id)).status).toBe('Locked');
		expect((await status(other, {status: ['Locked']})).tasks.map((task) => task.id)).toEqual([edited.id]);

		// Nobody else may touch it meanwhile.
		expect(await expectError(other.request({type: 'Lock', ids: [edited.id]}), 'invalid_state')).toMatch(/task \d+ is locked/);
		expect(await expectError(other.request({type: 'Edit', task: edited.id, label: 'x'}), 'invalid_state')).toMatch(/another client is editing it/);
		await expectError(other.request({type: 'Remove', ids: [edited.id]}), 'invalid_state');
		await expectError(other.request({type: 'Start', ids: [edited.id]}), 'invalid_state');
		await expectError(other.request({type: 'Stash', ids: [edited.id]}), 'invalid_state');
		await expectError(other.request({type: 'Switch', a: edited.id, b: first.id}), 'invalid_state');
		await expectError(other.request({type: 'EnvSet', task: edited.id, key: 'A', value: 'b'}), 'invalid_state');
		// Unlock by another connection gives nothing back.
		expect(await other.request({type: 'Unlock', ids: [edited.id]})).toMatchObject({ids: []});

		// The slot frees: the task behind it starts, the locked one is passed over.
		const behind = await addTask(client, 'true', {group: 'g'});
		blocker.open();
		await waitFor(client, [first.id, behind.id]);
		expect((await getTask(client, edited.id)).status).toBe('Locked');

		const reply = await client.request({type: 'Edit', task: edited.id, command: 'echo changed'});
		expect(reply.task).toMatchObject({id: edited.id, command: 'echo changed'});
		expect(reply.task.status).not.toBe('Locked');
		const [done] = await waitFor(client, [edited.id]);
		expect(done).toMatchObject({result: 'Success', command: 'echo changed'});
	});

	it('gives a task back as it was on Unlock: stashed stays stashed, a delay keeps its time', async () => {
		const {client} = await daemons.start();
		const stashed = await addTask(client, 'true', {stashed: true});
		const later = Date.now() + 3_600_000;
		const delayed = await addTask(client, 'true', {enqueueAt: later});
		await client.request({type: 'Lock', ids: [stashed.id, delayed.id]});
		// Waiting for "queued": a locked stashed task has not got there.
		const waiting = client.request({type: 'Wait', ids: [stashed.id], status: 'queued'});
		expect(await client.request({type: 'Unlock', ids: [stashed.id, delayed.id, 999]})).toMatchObject({ids: [stashed.id, delayed.id]});
		expect(await getTask(client, stashed.id)).toMatchObject({status: 'Stashed', enqueueAt: null});
		expect(await getTask(client, delayed.id)).toMatchObject({status: 'Stashed', enqueueAt: later});
		await client.request({type: 'Enqueue', ids: [stashed.id]});
		expect((await waiting).tasks[0]).toMatchObject({id: stashed.id});
	});

	it('locks all or none, and only queued or stashed tasks', async () => {
		const {client} = await daemons.start();
		const queued = await addTask(client, 'true', {stashed: true});
		const finished = await addTask(client, 'true');
		await waitFor(client, [finished.id]);
		expect(await expectError(client.request({type: 'Lock', ids: [queued.id, finished.id]}), 'invalid_state')).toMatch(/only queued or stashed tasks can be locked/);
		await expectError(client.request({type: 'Lock', ids: [queued.id, 999]}), 'not_found');
		expect((await getTask(client, queued.id)).status).toBe('Stashed');
	});

	it('ends the lock when the editing connection goes, and the task starts', async () => {
		const {t, client} = await daemons.start();
		const editor = await t.client();
		await client.request({type: 'Pause', group: 'default'});
		const task = await addTask(client, 'true');
		await editor.request({type: 'Lock', ids: [task.id]});
		await client.request({type: 'Start', group: 'default'});
		// A task added after it runs first: the scheduler passed the locked one over.
		const bystander = await addTask(client, 'true');
		await waitFor(client, [bystander.id]);
		expect((await getTask(client, task.id)).status).toBe('Locked');
		editor.close();
		const [done] = await waitFor(client, [task.id]);
		expect(done).toMatchObject({result: 'Success'});
	});
});

describe('editing dependencies', () => {
	it('replaces a waiting task’s after list; the task then waits for the new ones', async () => {
		const {client} = await daemons.start();
		await client.request({type: 'GroupAdd', name: 'wide', parallel: 0});
		const blocker = gate();
		const dependency = await addTask(client, blocker.command, {group: 'wide'});
		const old = await addTask(client, 'true', {group: 'wide'});
		await waitFor(client, [old.id]);
		const waiter = await addTask(client, 'true', {group: 'wide', stashed: true, after: [old.id]});
		const edited = await client.request({type: 'Edit', task: waiter.id, after: [dependency.id, dependency.id]});
		expect(edited.task.after).toEqual([dependency.id]);
		await client.request({type: 'Enqueue', ids: [waiter.id]});
		// Free slots, yet it waits: a task added after it starts and ends first.
		const bystander = await addTask(client, 'true', {group: 'wide'});
		await waitFor(client, [bystander.id]);
		expect((await getTask(client, waiter.id)).status).toBe('Queued');
		blocker.open();
		await waitFor(client, [dependency.id, waiter.id]);
		expect((await getTask(client, waiter.id)).result).toBe('Success');
	});

	it('through a lock too, and an empty list removes them; a failed new dependency fails the task', async () => {
		const {client} = await daemons.start();
		const failing = await addTask(client, 'exit 1');
		await waitFor(client, [failing.id]);
		const succeeded = await addTask(client, 'true');
		await waitFor(client, [succeeded.id]);
		const waiter = await addTask(client, 'true', {stashed: true, after: [succeeded.id]});
		await client.request({type: 'Lock', ids: [waiter.id]});
		expect((await client.request({type: 'Edit', task: waiter.id, after: []})).task).toMatchObject({after: [], status: 'Stashed'});
		// Stashed or not, a task whose dependency failed can never run.
		await client.request({type: 'Edit', task: waiter.id, after: [failing.id]});
		const [done] = await waitFor(client, [waiter.id]);
		expect(done).toMatchObject({result: 'DependencyFailed', error: `dependency ${failing.id} ended Failed`});
	});

	it('refuses a task waiting for itself, a cycle, and unknown ids, changing nothing', async () => {
		const {client} = await daemons.start();
		const a = await addTask(client, 'true', {stashed: true});
		const b = await addTask(client, 'true', {stashed: true, after: [a.id]});
		const c = await addTask(client, 'true', {stashed: true, after: [b.id]});
		expect(await expectError(client.request({type: 'Edit', task: a.id, after: [a.id]}), 'bad_request')).toMatch(/cannot wait for itself/);
		expect(await expectError(client.request({type: 'Edit', task: a.id, after: [c.id], label: 'x'}), 'bad_request')).toMatch(/cycle/);
		await expectError(client.request({type: 'Edit', task: a.id, after: [999]}), 'not_found');
		expect(await getTask(client, a.id)).toMatchObject({after: [], label: null});
	});
});
