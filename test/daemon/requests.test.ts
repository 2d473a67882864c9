// Each request against a real daemon: what it does, and what it refuses.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Message} from '../../source/client/client.js';
import {addTask, expectError, getTask, readLog, status, taskEnv, waitFor} from '../helpers/queue-client.js';
import {daemonPerTest, gate} from '../helpers/daemon-per-test.js';
import {waitFor as poll} from '../helpers/wait-for.js';

const daemons = daemonPerTest();
const start = daemons.start;

describe('requests', () => {
	it('restarts a task as a new one and in place', async () => {
		const {client} = await start();
		const task = await addTask(client, 'echo run-$SPOOL_TASK_ID; exit 1', {label: 'flaky'});
		await waitFor(client, [task.id]);
		const again = await client.request({type: 'Restart', ids: [task.id]});
		const [copyId] = again.ids as number[];
		expect(copyId).toBe(task.id + 1);
		const [copy] = await waitFor(client, [copyId!]);
		expect(copy).toMatchObject({label: 'flaky', command: task.command, result: 'Failed'});
		await client.request({type: 'Restart', ids: [task.id], inPlace: true, command: 'echo fixed'});
		const [fixed] = await waitFor(client, [task.id]);
		expect(fixed).toMatchObject({id: task.id, result: 'Success', attempt: 2, command: 'echo fixed'});
		expect((await readLog(client, task.id)).toString()).toBe('fixed\n');
		const failed = await client.request({type: 'Restart', allFailed: true, stashed: true});
		expect(failed.ids).toHaveLength(1);
		expect((await getTask(client, (failed.ids as number[])[0]!)).status).toBe('Stashed');
	});

	it('edits a queued task, and refuses to edit a running one', async () => {
		const {client} = await start();
		const blocker = gate();
		const running = await addTask(client, blocker.command);
		const queued = await addTask(client, 'echo old');
		await waitFor(client, [running.id], 'running');
		const edited = await client.request({type: 'Edit', task: queued.id, command: 'echo new', label: 'renamed', priority: 7, cwd: '/'});
		expect(edited.task).toMatchObject({command: 'echo new', label: 'renamed', priority: 7, cwd: '/'});
		await expectError(client.request({type: 'Edit', task: running.id, command: 'x'}), 'invalid_state');
		blocker.open();
		await waitFor(client, [queued.id]);
		expect((await readLog(client, queued.id)).toString()).toBe('new\n');
	});

	it('sets and unsets environment variables of a queued task', async () => {
		const {client} = await start();
		await client.request({type: 'Pause', group: 'default'});
		const task = await addTask(client, 'echo "[$A][${B-unset}]"', {env: taskEnv({B: 'gone'})});
		await client.request({type: 'EnvSet', task: task.id, key: 'A', value: 'set'});
		await client.request({type: 'EnvUnset', task: task.id, key: 'B'});
		expect(await client.request({type: 'EnvGet', task: task.id})).toMatchObject({type: 'Env', task: task.id, env: taskEnv({A: 'set'})});
		await client.request({type: 'Start', group: 'default'});
		await waitFor(client, [task.id]);
		expect((await readLog(client, task.id)).toString()).toBe('[set][unset]\n');
		await expectError(client.request({type: 'EnvSet', task: task.id, key: 'A', value: 'late'}), 'invalid_state');
		// Readable after the end too (the variables the daemon adds at the start are not in it); unknown ids are not_found.
		expect((await client.request({type: 'EnvGet', task: task.id})).env).toEqual(taskEnv({A: 'set'}));
		await expectError(client.request({type: 'EnvGet', task: 999}), 'not_found');
	});

	it('switches two queued tasks', async () => {
		const {client} = await start();
		await client.request({type: 'Pause', group: 'default'});
		const a = await addTask(client, 'echo a');
		const b = await addTask(client, 'echo b');
		await client.request({type: 'Switch', a: a.id, b: b.id});
		expect((await getTask(client, a.id)).command).toBe('echo b');
		expect((await getTask(client, b.id)).command).toBe('echo a');
	});

	it('stashes and enqueues tasks', async () => {
		const {client} = await start();
		const stashed = await addTask(client, 'true', {stashed: true});
		expect(stashed.status).toBe('Stashed');
		await client.request({type: 'Enqueue', ids: [stashed.id]});
		expect((await waitFor(client, [stashed.id]))[0]!.result).toBe('Success');
		await client.request({type: 'Pause', group: 'default'});
		const queued = await addTask(client, 'true');
		await client.request({type: 'Stash', ids: [queued.id]});
		expect((await getTask(client, queued.id)).status).toBe('Stashed');
		const at = Date.now() + 60_000;
		await client.request({type: 'Enqueue', ids: [queued.id], at});
		expect(await getTask(client, queued.id)).toMatchObject({status: 'Stashed', enqueueAt: at});
	});

	it('removes tasks and their logs, refusing running ones and ones others depend on', async () => {
		const {client, t} = await start();
		const blocker = gate();
		const running = await addTask(client, blocker.command);
		const done = await addTask(client, 'echo bye', {group: 'default'});
		await waitFor(client, [running.id], 'running');
		await expectError(client.request({type: 'Remove', ids: [running.id]}), 'invalid_state');
		const dependant = await addTask(client, 'true', {after: [done.id]});
		await expectError(client.request({type: 'Remove', ids: [done.id]}), 'invalid_state');
		blocker.open();
		await waitFor(client, [running.id, done.id, dependant.id]);
		const {existsSync} = await import('node:fs');
		expect(existsSync(path.join(t.home, 'logs', `${running.id}.log`))).toBe(true);
		await client.request({type: 'Remove', ids: [running.id]});
		expect(existsSync(path.join(t.home, 'logs', `${running.id}.log`))).toBe(false);
		expect((await status(client)).tasks.map((task) => task.id)).toEqual([done.id, dependant.id]);
	});

	it('cleans finished tasks, all or successful only, per group', async () => {
		const {client} = await start();
		await client.request({type: 'GroupAdd', name: 'other', parallel: 1});
		const ok = await addTask(client, 'true');
		const bad = await addTask(client, 'false');
		const otherOk = await addTask(client, 'true', {group: 'other'});
		await waitFor(client, [ok.id, bad.id, otherOk.id]);
		expect((await client.request({type: 'Clean', successfulOnly: true, group: 'default'})).ids).toEqual([ok.id]);
		expect((await client.request({type: 'Clean'})).ids).toEqual([bad.id, otherOk.id]);
		expect((await status(client)).tasks).toEqual([]);
	});

	it('resets everything, killing running tasks', async () => {
		const {client} = await start();
		const blocker = gate();
		const running = await addTask(client, blocker.command);
		await addTask(client, 'true');
		await waitFor(client, [running.id], 'running');
		const reset = await client.request({type: 'Reset'});
		expect(reset.ids).toHaveLength(2);
		expect((await status(client)).tasks).toEqual([]);
		const next = await addTask(client, 'true');
		expect(next.id).toBe(3);
		expect((await waitFor(client, [next.id]))[0]!.result).toBe('Success');
	});

	it('fails tasks of other groups that waited for tasks a group reset removed', async () => {
		const {client} = await start();
		await client.request({type: 'GroupAdd', name: 'gone', parallel: 1});
		await client.request({type: 'Pause', group: 'gone'});
		const base = await addTask(client, 'true', {group: 'gone'});
		const waiting = await addTask(client, 'true', {after: [base.id]});
		await client.request({type: 'Reset', group: 'gone'});
		expect(await getTask(client, waiting.id)).toMatchObject({status: 'Done', result: 'DependencyFailed'});
	});

	it('ends a cancelled stream exactly once', async () => {
		const {client, t} = await start();
		const task = await addTask(client, 'head -c 3000000 /dev/zero | tr "\\0" x');
		await waitFor(client, [task.id]);
		const {RawPeer} = await import('../helpers/raw-peer.js');
		for (const request of [{type: 'Log', task: task.id}, {type: 'Status'}]) {
			const peer = await RawPeer.connect(path.join(t.home, 'spool.sock'));
			await peer.handshake(t.secret);
			peer.send({...request, id: 1});
			peer.send({type: 'Cancel', id: 2, target: 1});
			peer.send({type: 'Ping', id: 3});
			const ends: unknown[] = [];
			for (;;) {
				const message = await peer.next();
				if (message.type === 'End' && message.re === 1) ends.push(message);
				if (message.type === 'Pong') break;
			}

			// Give a stray second End time to arrive, then look.
			peer.send({type: 'Ping', id: 4});
			for (;;) {
				const message = await peer.next();
				if (message.type === 'End' && message.re === 1) ends.push(message);
				if (message.type === 'Pong') break;
			}

			expect(ends, request.type).toHaveLength(1);
			peer.destroy();
		}
	});

	it('manages groups', async () => {
		const {client} = await start();
		await client.request({type: 'GroupAdd', name: 'gpu', parallel: 3});
		await expectError(client.request({type: 'GroupAdd', name: 'gpu'}), 'conflict');
		const groups = (await client.request({type: 'GroupList'})).groups as Array<{name: string; parallel: number}>;
		expect(groups.map((group) => [group.name, group.parallel])).toEqual([
			['default', 1],
			['gpu', 3],
		]);
		await expectError(client.request({type: 'GroupRemove', name: 'default'}), 'invalid_state');
		await client.request({type: 'GroupRemove', name: 'gpu'});
		await expectError(client.request({type: 'GroupRemove', name: 'gpu'}), 'not_found');
	});

	it('waits for tasks to start, to finish, and reports failure', async () => {
		const {client} = await start();
		const blocker = gate();
		const task = await addTask(client, `${blocker.command}; exit 5`);
		const started = client.request({type: 'Wait', ids: [task.id], status: 'running'});
		expect(((await started).tasks as Array<{status: string}>)[0]!.status).toBe('Running');
		const finished = client.request({type: 'Wait', ids: [task.id], status: 'success'});
		blocker.open();
		expect(await finished).toMatchObject({type: 'Waited', success: false});
	});

	it('pushes a snapshot, then every change, to subscribers', async () => {
		const {client} = await start();
		const first = await addTask(client, 'true');
		await waitFor(client, [first.id]);
		const messages: Message[] = [];
		const stream = client.stream({type: 'Subscribe'}, (message) => messages.push(message));
		await poll(() => messages.some((message) => message.type === 'Synced'), {what: 'Synced'});
		expect(messages[0]).toMatchObject({type: 'Snapshot', total: 1});
		expect(messages[1]).toMatchObject({type: 'Tasks', tasks: [{id: first.id, status: 'Done'}]});
		const second = await addTask(client, 'true');
		await poll(() => messages.some((message) => message.type === 'TaskChanged' && (message.task as {id: number; status: string}).status === 'Done'), {what: 'the new task to finish, pushed'});
		const statuses = messages.filter((message) => message.type === 'TaskChanged' && (message.task as {id: number}).id === second.id).map((message) => (message.task as {status: string}).status);
		expect(statuses.at(-1)).toBe('Done');
		await client.request({type: 'Remove', ids: [first.id]});
		await poll(() => messages.some((message) => message.type === 'TasksRemoved'), {what: 'TasksRemoved'});
		stream.cancel();
		await stream.done;
	});

	it('follows several tasks, from N lines back, waiting for queued ones to start', async () => {
		const {client} = await start();
		const first = await addTask(client, 'printf "1\\n2\\n3\\n"');
		await waitFor(client, [first.id]);
		await client.request({type: 'Pause', group: 'default'});
		const second = await addTask(client, 'echo later');
		const output = new Map<number, string>();
		const ended: number[] = [];
		const stream = client.stream({type: 'Follow', ids: [first.id, second.id], lines: 1}, (message) => {
			if (message.type === 'Output') {
				const id = message.task as number;
				output.set(id, (output.get(id) ?? '') + Buffer.from(message.data as Uint8Array).toString());
			}

			if (message.type === 'TaskEnded') ended.push((message.task as {id: number}).id);
		});
		await poll(() => ended.includes(first.id), {what: 'the first task reported'});
		expect(output.get(first.id)).toBe('3\n');
		await client.request({type: 'Start', group: 'default'});
		await stream.done;
		expect(output.get(second.id)).toBe('later\n');
		expect(ended).toEqual([first.id, second.id]);
	});

	it('reads byte ranges and the last lines of a log', async () => {
		const {client} = await start();
		const task = await addTask(client, 'printf "alpha\\nbeta\\ngamma\\n"');
		await waitFor(client, [task.id]);
		expect((await readLog(client, task.id, {lines: 2})).toString()).toBe('beta\ngamma\n');
		expect((await readLog(client, task.id, {from: 6, to: 10})).toString()).toBe('beta');
		expect((await readLog(client, task.id, {lines: 0})).toString()).toBe('');
	});

	it('shuts down gracefully, recording running tasks as Killed', async () => {
		const {client, t} = await start();
		const blocker = gate();
		const task = await addTask(client, blocker.command);
		await waitFor(client, [task.id], 'running');
		await client.request({type: 'Shutdown'});
		await poll(() => t.daemon.sessions.size === 0 || client.closed, {what: 'the daemon to stop'});
		const {Store} = await import('../../source/daemon/store/store.js');
		const store = Store.open(path.join(t.home, 'spool.db'));
		try {
			expect(store.load().tasks[0]).toMatchObject({id: task.id, status: 'Done', result: 'Killed'});
		} finally {
			store.close();
		}
	});
});
