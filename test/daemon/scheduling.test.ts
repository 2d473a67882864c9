// The scheduler against a real daemon: slots per group, order, dependencies
// and delays.
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {addTask, getTask, status, waitFor} from '../helpers/queue-client.js';
import {daemonPerTest, gate} from '../helpers/daemon-per-test.js';
import {waitFor as poll} from '../helpers/wait-for.js';

const daemons = daemonPerTest();
const start = daemons.start;

const running = async (client: Awaited<ReturnType<typeof start>>['client'], group?: string) =>
	(await status(client, group ? {group} : {})).tasks.filter((task) => task.status === 'Running').map((task) => task.id);

describe('scheduling in a real daemon', () => {
	it('holds each group to its parallel, and 0 means unlimited', async () => {
		const {client} = await start();
		const blocker = gate();
		await client.request({type: 'GroupAdd', name: 'two', parallel: 2});
		await client.request({type: 'GroupAdd', name: 'wide', parallel: 0});
		const two = await Promise.all([1, 2, 3, 4].map(async () => addTask(client, blocker.command, {group: 'two'})));
		const wide = await Promise.all([1, 2, 3, 4, 5].map(async () => addTask(client, blocker.command, {group: 'wide'})));
		const inDefault = await Promise.all([1, 2].map(async () => addTask(client, blocker.command)));
		await poll(async () => (await running(client)).length === 2 + 5 + 1, {what: '8 running tasks'});
		expect(await running(client, 'two')).toEqual([two[0]!.id, two[1]!.id]);
		expect(await running(client, 'wide')).toEqual(wide.map((task) => task.id));
		expect(await running(client, 'default')).toEqual([inDefault[0]!.id]);
		await client.request({type: 'Parallel', group: 'two', parallel: 3});
		await poll(async () => (await running(client, 'two')).length === 3, {what: 'a third slot'});
		blocker.open();
		await waitFor(
			client,
			[...two, ...wide, ...inDefault].map((task) => task.id),
		);
	});

	it('starts by priority, then by id', async () => {
		const {client} = await start();
		const order = path.join(mkdtempSync(path.join(os.tmpdir(), 'spool-order-')), 'order');
		await client.request({type: 'Pause', group: 'default'});
		const tasks = [];
		for (const priority of [0, 0, 5, -1, 5]) tasks.push(await addTask(client, `echo $SPOOL_TASK_ID >> ${order}`, {priority}));
		await client.request({type: 'Start', group: 'default'});
		await waitFor(
			client,
			tasks.map((task) => task.id),
		);
		expect(readFileSync(order, 'utf8').trim().split('\n').map(Number)).toEqual([3, 5, 1, 2, 4]);
	});

	it('waits for dependencies across groups and fails dependants of a failure', async () => {
		const {client} = await start();
		await client.request({type: 'GroupAdd', name: 'build', parallel: 1});
		const blocker = gate();
		const build = await addTask(client, blocker.command, {group: 'build'});
		const test = await addTask(client, 'true', {after: [build.id]});
		const broken = await addTask(client, 'exit 1', {group: 'build'});
		const deploy = await addTask(client, 'true', {after: [test.id, broken.id]});
		const afterDeploy = await addTask(client, 'true', {after: [deploy.id]});
		await waitFor(client, [build.id], 'running');
		expect((await getTask(client, test.id)).status).toBe('Queued');
		blocker.open();
		const [testDone, brokenDone, deployDone, lastDone] = await waitFor(client, [test.id, broken.id, deploy.id, afterDeploy.id]);
		expect(testDone).toMatchObject({result: 'Success'});
		expect(brokenDone).toMatchObject({result: 'Failed', exitCode: 1});
		expect(deployDone).toMatchObject({result: 'DependencyFailed', startedAt: null});
		expect(lastDone).toMatchObject({result: 'DependencyFailed'});
	});

	it('runs a delayed task only once its time has come', async () => {
		const {client} = await start();
		const at = Date.now() + 800;
		const task = await addTask(client, 'true', {enqueueAt: at});
		expect(task).toMatchObject({status: 'Stashed', enqueueAt: at});
		const [done] = await waitFor(client, [task.id]);
		expect(done!.result).toBe('Success');
		expect(done!.startedAt!).toBeGreaterThanOrEqual(at);
	});

	it('pauses a group without stopping its running tasks with wait, and force-starts a task', async () => {
		const {client} = await start();
		const blocker = gate();
		const first = await addTask(client, blocker.command);
		await waitFor(client, [first.id], 'running');
		await client.request({type: 'Pause', group: 'default', wait: true});
		expect((await getTask(client, first.id)).status).toBe('Running');
		const second = await addTask(client, 'true');
		blocker.open();
		await waitFor(client, [first.id]);
		expect((await getTask(client, second.id)).status).toBe('Queued');
		await client.request({type: 'Start', ids: [second.id]});
		expect((await waitFor(client, [second.id]))[0]!.result).toBe('Success');
		expect(existsSync(blocker.dir)).toBe(true);
	});

	it('pauses the group on failure when configured', async () => {
		const {client} = await start({pause_group_on_failure: true});
		const failing = await addTask(client, 'exit 2');
		await waitFor(client, [failing.id]);
		await poll(async () => (await status(client)).head.groups, {what: 'status'});
		const groups = (await status(client)).head.groups as Array<{name: string; status: string}>;
		expect(groups.find((group) => group.name === 'default')!.status).toBe('Paused');
		const next = await addTask(client, 'true');
		// The scheduler looks at every group each time it runs: once a task added
		// after `next` to a running group has started, it has run with `next` queued.
		await client.request({type: 'GroupAdd', name: 'other', parallel: 1});
		const witness = await addTask(client, 'true', {group: 'other'});
		expect((await waitFor(client, [witness.id]))[0]).toMatchObject({result: 'Success'});
		expect((await getTask(client, next.id)).status).toBe('Queued');
	});
});
