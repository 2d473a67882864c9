// The daemon's side of the worker protocol, driven by a hand-written worker
// on a raw TLS socket: registration, Run and the messages about a run,
// fencing by attempt, re-attach with replay, name conflicts, liveness, and
// a daemon that survives anything a worker sends.
import {randomBytes} from 'node:crypto';
import {afterEach, describe, expect, it} from 'vitest';
import type {Client, Message} from '../../source/client/client.js';
import {connectTls} from '../../source/protocol/transport.js';
import {addTask, getTask, readLog, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {RawPeer} from '../helpers/raw-peer.js';
import {type DaemonOverrides, startTestDaemon, type TestDaemon} from '../helpers/test-daemon.js';
import {waitFor} from '../helpers/wait-for.js';

let current: TestDaemon | undefined;
const peers: RawPeer[] = [];
afterEach(async () => {
	for (const peer of peers.splice(0)) peer.destroy();
	// Gone workers' tasks end at once when the daemon stops; connected ones would get the kill grace.
	const daemon = current?.daemon;
	if (daemon) await waitFor(() => daemon.queue.remote.all().every((worker) => !worker.reachable), {what: 'the workers to be gone'});
	await current?.stop();
	current = undefined;
});

const coordinator: DaemonOverrides = {local_tasks: false, worker_grace_ms: 60_000, kill_grace_ms: 2000};

async function start(overrides: DaemonOverrides = {}): Promise<{daemon: TestDaemon; client: Client}> {
	current = await startTestDaemon({...coordinator, ...overrides}, {listen: '127.0.0.1:0'});
	return {daemon: current, client: await current.client()};
}

function register(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		type: 'Register',
		slots: 2,
		groups: ['default'],
		hostname: 'fake-host',
		platform: 'test-x64',
		cpus: 4,
		load: 0.5,
		version: '9.9.9',
		instance: 'instance-a',
		running: [],
		...overrides,
	};
}

/** A worker connection through the handshake, not yet registered. */
async function connectWorker(daemon: TestDaemon, name = 'w1'): Promise<RawPeer> {
	const {host, port, fingerprint} = daemon.daemon.tlsAddress!;
	const peer = new RawPeer(await connectTls({host, port, fingerprint}));
	peers.push(peer);
	const accepted = await peer.handshake(daemon.secret, {name, role: 'worker'});
	expect(accepted).toMatchObject({type: 'AuthAccepted', accepted: true});
	return peer;
}

/** The next message of a type, skipping the daemon's Pings and Acks. */
async function next(peer: RawPeer, type: string): Promise<Record<string, unknown>> {
	for (;;) {
		const message = await peer.next();
		if ((message.type === 'Ping' || message.type === 'Ack') && type !== message.type) continue;
		if (message.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(message)}`);
		return message;
	}
}

async function registered(daemon: TestDaemon, name = 'w1', overrides: Record<string, unknown> = {}): Promise<RawPeer> {
	const peer = await connectWorker(daemon, name);
	peer.send(register(overrides));
	expect(await next(peer, 'Registered')).toMatchObject({type: 'Registered', name, attached: []});
	return peer;
}

function workers(daemon: TestDaemon): Array<Record<string, unknown>> {
	return daemon.daemon.workerList();
}

describe('worker sessions', () => {
	it('registers a worker and lists it with what it reported', async () => {
		const {daemon} = await start();
		await registered(daemon, 'w1');
		expect(workers(daemon)).toEqual([
			expect.objectContaining({
				name: 'w1',
				status: 'Connected',
				slots: 2,
				used: 0,
				groups: ['default'],
				host: 'fake-host',
				platform: 'test-x64',
				cpus: 4,
				load: 0.5,
				version: '9.9.9',
				connectedAt: expect.any(Number),
				lastHeard: expect.any(Number),
			}),
		]);
	});

	it('sends Run, takes Started/Output/Exited into the task and its log, acks and releases', async () => {
		const {daemon, client} = await start();
		const peer = await registered(daemon);
		const task = await addTask(client, 'make it');
		const run = await next(peer, 'Run');
		expect(run).toMatchObject({task: task.id, attempt: 1, command: 'make it', cwd: '/tmp', shell: 'sh', cols: 120, rows: 40, translateNewlines: false});
		expect((run.env as Record<string, string>).SPOOL_WORKER).toBe('w1');
		// The slot is the daemon's to give (per group, across workers): it travels in the environment.
		expect((run.env as Record<string, string>).SPOOL_SLOT).toBe('0');
		expect((run.env as Record<string, string>).SPOOL_TASK_ID).toBe(String(task.id));
		peer.send({type: 'Started', task: task.id, attempt: 1, pid: 4242});
		peer.send({type: 'Output', task: task.id, attempt: 1, offset: 0, data: Buffer.from('hello ')});
		// A replay that overlaps what the daemon has: only the new part is kept.
		peer.send({type: 'Output', task: task.id, attempt: 1, offset: 3, data: Buffer.from('lo world\n')});
		expect(await next(peer, 'Ack')).toMatchObject({task: task.id, attempt: 1, offset: 12});
		// Another attempt's output is stale: ignored.
		peer.send({type: 'Output', task: task.id, attempt: 7, offset: 12, data: Buffer.from('STALE')});
		peer.send({type: 'Exited', task: task.id, attempt: 1, exitCode: 0, signal: null, size: 12});
		expect(await next(peer, 'Release')).toMatchObject({task: task.id, attempt: 1});
		const done = await getTask(client, task.id);
		expect(done).toMatchObject({status: 'Done', result: 'Success', worker: 'w1', exitCode: 0, attempt: 1});
		expect((await readLog(client, task.id)).toString()).toBe('hello world\n');
	});

	it('places tasks on the least loaded worker within its slots and groups', async () => {
		const {daemon, client} = await start({default_parallel: 0});
		await client.request({type: 'GroupAdd', name: 'gpu'});
		const w1 = await registered(daemon, 'w1', {slots: 1});
		const w2 = await registered(daemon, 'w2', {slots: 2, groups: ['default', 'gpu'], instance: 'instance-b'});
		const gpu = await addTask(client, 'train', {group: 'gpu'});
		expect(await next(w2, 'Run')).toMatchObject({task: gpu.id});
		const a = await addTask(client, 'a');
		expect(await next(w1, 'Run')).toMatchObject({task: a.id}); // w1 0/1 against w2 1/2
		const b = await addTask(client, 'b');
		expect(await next(w2, 'Run')).toMatchObject({task: b.id}); // w1 is full
		const c = await addTask(client, 'c');
		expect((await getTask(client, c.id)).status).toBe('Queued'); // nobody has a slot
		w1.send({type: 'Exited', task: a.id, attempt: 1, exitCode: 0, signal: null, size: 0});
		expect(await next(w1, 'Release')).toMatchObject({task: a.id});
		expect(await next(w1, 'Run')).toMatchObject({task: c.id});
		expect(workers(daemon).map((worker) => [worker.name, worker.used])).toEqual([
			['w1', 1],
			['w2', 2],
		]);
	});

	it('on a coordinator, starts an immediate task on a connected worker whatever its slots, and leaves it queued when there is none', async () => {
		const {daemon, client} = await start();
		const alone = await addTask(client, 'x', {immediate: true});
		expect((await getTask(client, alone.id)).status).toBe('Queued');
		const peer = await registered(daemon, 'w1', {slots: 1});
		expect(await next(peer, 'Run')).toMatchObject({task: alone.id}); // the scheduler takes it now
		const urgent = await addTask(client, 'y', {immediate: true});
		expect(await next(peer, 'Run')).toMatchObject({task: urgent.id}); // beyond its one slot
		expect(workers(daemon)[0]).toMatchObject({used: 2, slots: 1});
	});

	it('reports a spawn failure on the worker as FailedToSpawn with its reason', async () => {
		const {daemon, client} = await start();
		const peer = await registered(daemon);
		const task = await addTask(client, 'true');
		await next(peer, 'Run');
		peer.send({type: 'SpawnFailed', task: task.id, attempt: 1, message: 'working directory /tmp does not exist'});
		expect(await next(peer, 'Release')).toMatchObject({task: task.id});
		expect(await getTask(client, task.id)).toMatchObject({result: 'FailedToSpawn', error: 'on worker w1: working directory /tmp does not exist'});
	});

	it('forwards pause, resume, kill and input of a remote task as Signal, Kill and Input', async () => {
		const {daemon, client} = await start();
		const peer = await registered(daemon);
		const task = await addTask(client, 'cat');
		await next(peer, 'Run');
		await client.request({type: 'Pause', ids: [task.id]});
		expect(await next(peer, 'Signal')).toMatchObject({task: task.id, attempt: 1, signal: 'SIGSTOP'});
		expect((await getTask(client, task.id)).status).toBe('Paused');
		await client.request({type: 'Start', ids: [task.id]});
		expect(await next(peer, 'Signal')).toMatchObject({signal: 'SIGCONT'});
		await client.request({type: 'Send', task: task.id, data: 'some input\n'});
		const input = await next(peer, 'Input');
		expect(Buffer.from(input.data as Uint8Array).toString()).toBe('some input\n');
		await client.request({type: 'Kill', ids: [task.id]});
		expect(await next(peer, 'Kill')).toMatchObject({task: task.id, attempt: 1, signal: 'SIGTERM', graceMs: 2000});
		peer.send({type: 'Exited', task: task.id, attempt: 1, exitCode: null, signal: 'SIGTERM', size: 0});
		await next(peer, 'Release');
		expect(await getTask(client, task.id)).toMatchObject({result: 'Killed', signal: 'SIGTERM'});
	});

	it('re-attaches a run when the worker registers again in time; the output resumes where the daemon is, and a kill asked meanwhile is delivered', async () => {
		const {daemon, client} = await start();
		const first = await registered(daemon);
		const task = await addTask(client, 'long');
		await next(first, 'Run');
		first.send({type: 'Output', task: task.id, attempt: 1, offset: 0, data: Buffer.from('part one;')});
		await next(first, 'Ack');
		first.destroy();
		await waitFor(() => workers(daemon)[0]?.status === 'Reconnecting', {what: 'the worker to be Reconnecting'});
		// Asked while the worker is away: kept for its return. Input cannot wait.
		await client.request({type: 'Kill', ids: [task.id]});
		await expect(client.request({type: 'Send', task: task.id, data: 'x'})).rejects.toThrow(/cannot be reached/);

		const second = await connectWorker(daemon);
		second.send(register({running: [{task: task.id, attempt: 1, produced: 30}]}));
		expect(await next(second, 'Registered')).toMatchObject({attached: [{task: task.id, attempt: 1, offset: 9}]});
		expect(await next(second, 'Kill')).toMatchObject({task: task.id, attempt: 1});
		second.send({type: 'Output', task: task.id, attempt: 1, offset: 9, data: Buffer.from(' part two.')});
		second.send({type: 'Exited', task: task.id, attempt: 1, exitCode: null, signal: 'SIGTERM', size: 19});
		await next(second, 'Release');
		expect(await getTask(client, task.id)).toMatchObject({result: 'Killed', attempt: 1});
		expect((await readLog(client, task.id)).toString()).toBe('part one; part two.');
	});

	it('puts a refused run back in the queue: it never ran, so another worker may run it', async () => {
		const {daemon, client} = await start();
		const leaving = await registered(daemon, 'w1');
		const task = await addTask(client, 'x');
		await next(leaving, 'Run');
		// The Run crossed the worker's Leaving.
		leaving.send({type: 'Leaving', finish: true});
		leaving.send({type: 'Refused', task: task.id, attempt: 1, message: 'worker w1 is stopping'});
		await next(leaving, 'Goodbye');
		await waitFor(async () => (await getTask(client, task.id)).status === 'Queued', {what: 'the task to be queued again'});
		const other = await registered(daemon, 'w2', {instance: 'instance-b'});
		expect(await next(other, 'Run')).toMatchObject({task: task.id, attempt: 2});
	});

	it('puts a run back in the queue when the same worker process comes back without it and never started it', async () => {
		const {daemon, client} = await start();
		const first = await registered(daemon);
		const task = await addTask(client, 'x');
		await next(first, 'Run'); // "lost in the network": the worker never processes it
		first.destroy();
		await waitFor(() => workers(daemon)[0]?.status === 'Reconnecting', {what: 'Reconnecting'});
		const second = await connectWorker(daemon);
		second.send(register({running: []}));
		await next(second, 'Registered');
		// Queued again, then started anew on the same worker.
		expect(await next(second, 'Run')).toMatchObject({task: task.id, attempt: 2});
		expect((await getTask(client, task.id)).attempt).toBe(2);
	});

	it('ends a run WorkerLost when its worker comes back without it, and releases runs the daemon does not know', async () => {
		const {daemon, client} = await start();
		const first = await registered(daemon);
		const task = await addTask(client, 'long');
		await next(first, 'Run');
		first.destroy();
		await waitFor(() => workers(daemon)[0]?.status === 'Reconnecting', {what: 'Reconnecting'});
		// A new process under the same name: it does not have the task.
		const second = await connectWorker(daemon);
		second.send(register({instance: 'instance-new', running: [{task: 999, attempt: 1, produced: 0}]}));
		expect(await next(second, 'Registered')).toMatchObject({attached: []});
		const [lost] = await waitForTasks(client, [task.id]);
		expect(lost).toMatchObject({result: 'WorkerLost', attempt: 1});
		expect(lost!.error).toMatch(/came back as a new process/);
	});

	it('declares a silent worker lost after worker_timeout_ms, and its task WorkerLost after worker_grace_ms, never run again', async () => {
		const {daemon, client} = await start({worker_ping_ms: 100, worker_timeout_ms: 600, worker_grace_ms: 500});
		const peer = await registered(daemon);
		const task = await addTask(client, 'long');
		await next(peer, 'Run');
		const silentSince = Date.now();
		// The peer answers nothing from here on.
		await peer.waitClosed(10_000);
		const detected = Date.now() - silentSince;
		expect(detected).toBeGreaterThanOrEqual(550);
		const [lost] = await waitForTasks(client, [task.id]);
		expect(lost).toMatchObject({status: 'Done', result: 'WorkerLost', attempt: 1, worker: 'w1'});
		expect(lost!.error).toMatch(/no message for/);
		expect(workers(daemon)[0]).toMatchObject({name: 'w1', status: 'Lost'});
		// Another worker does not get it.
		const other = await registered(daemon, 'w2', {instance: 'instance-b'});
		other.send({type: 'Ping'});
		expect(await next(other, 'Pong')).toMatchObject({type: 'Pong'});
		expect((await getTask(client, task.id)).attempt).toBe(1);
	});

	it('refuses a second worker under a connected name, but lets the same process take its name back', async () => {
		const {daemon} = await start();
		const first = await registered(daemon, 'w1');
		const intruder = await connectWorker(daemon, 'w1');
		intruder.send(register({instance: 'instance-other'}));
		expect(await next(intruder, 'Error')).toMatchObject({code: 'conflict', message: expect.stringMatching(/already connected \(from fake-host/)});
		await intruder.waitClosed();
		// The same instance (the worker reconnected before the daemon saw the old connection die).
		const again = await connectWorker(daemon, 'w1');
		again.send(register());
		expect(await next(again, 'Registered')).toMatchObject({name: 'w1'});
		await first.waitClosed();
		expect(workers(daemon)).toHaveLength(1);
	});

	it.each([
		['a request before Register', {type: 'Ping', id: 1}, 'unexpected_message'],
		['a malformed Register', {...register(), slots: 'many'}, 'bad_request'],
	])('closes the connection of a worker that sends %s', async (_what, message, code) => {
		const {daemon} = await start();
		const peer = await connectWorker(daemon);
		peer.send(message);
		expect(await next(peer, 'Error')).toMatchObject({code});
		await peer.waitClosed();
		expect(workers(daemon)).toEqual([]);
	});

	it('refuses the names "local" and invalid ones', async () => {
		const {daemon} = await start({local_tasks: true});
		for (const name of ['local', '-bad']) {
			const peer = await connectWorker(daemon, name);
			peer.send(register());
			expect(await next(peer, 'Error')).toMatchObject({code: 'bad_request'});
			await peer.waitClosed();
		}

		expect(workers(daemon).map((worker) => worker.name)).toEqual(['local']);
	});

	it('survives garbage from a registered worker: Error and close for that worker only, unknown types only get an Error', async () => {
		const {daemon, client} = await start();
		const peer = await registered(daemon);
		peer.send({type: 'Teleport', to: 'mars'});
		expect(await next(peer, 'Error')).toMatchObject({code: 'unknown_type'});
		peer.send({type: 'Ping'});
		expect(await next(peer, 'Pong')).toBeDefined();
		peer.send({type: 'Output', task: 'one', attempt: 1, offset: 0, data: 'x'});
		expect(await next(peer, 'Error')).toMatchObject({code: 'bad_request', message: expect.stringMatching(/^Output: task/)});
		await peer.waitClosed();
		const raw = await connectWorker(daemon, 'w2');
		raw.write(Buffer.from([0, 0, 0, 3, 0xff, 0xff, 0xff]));
		await raw.waitClosed();
		expect(await client.request({type: 'Ping'})).toMatchObject({type: 'Pong'});
		expect(workers(daemon).map((worker) => [worker.name, worker.status])).toEqual([['w1', 'Lost']]);
	});

	it('accepts workers only over TLS (not on the Unix socket)', async () => {
		const {daemon} = await start();
		const peer = await RawPeer.connect(`${daemon.home}/spool.sock`);
		peers.push(peer);
		peer.send({type: 'Hello', role: 'worker', name: 'w1', protocol: 1, nonce: randomBytes(32)});
		expect(await peer.next()).toMatchObject({type: 'Error', code: 'role_refused'});
	});

	it('pushes WorkersChanged to subscribers when a worker comes, takes a task and goes', async () => {
		const {daemon, client} = await start();
		const events: Message[] = [];
		client
			.stream({type: 'Subscribe'}, (message) => {
				if (message.type === 'WorkersChanged') events.push(message);
			})
			.done.catch(() => {});
		const statusOf = (name: string) => () => events.at(-1) && (events.at(-1)!.workers as Array<Record<string, unknown>>).find((worker) => worker.name === name);
		await waitFor(async () => (await client.request({type: 'Ping'})) && true);
		const peer = await registered(daemon);
		await waitFor(() => statusOf('w1')()?.status === 'Connected', {what: 'WorkersChanged with w1 Connected'});
		await addTask(client, 'x');
		await next(peer, 'Run');
		await waitFor(() => statusOf('w1')()?.used === 1, {what: 'WorkersChanged with w1 using a slot'});
		peer.send({type: 'Leaving', finish: true});
		await waitFor(() => statusOf('w1')()?.status === 'Leaving', {what: 'WorkersChanged with w1 Leaving'});
	});

	it('on shutdown kills the tasks of connected workers (Killed) and records those of unreachable ones Interrupted', async () => {
		const {daemon, client} = await start({default_parallel: 0});
		const present = await registered(daemon, 'w1', {slots: 1});
		const away = await registered(daemon, 'w2', {slots: 1, instance: 'instance-b'});
		const first = await addTask(client, 'a');
		const second = await addTask(client, 'b');
		const runs = [await next(present, 'Run'), await next(away, 'Run')];
		const onPresent = runs[0]!.task === first.id ? first : second;
		const onAway = onPresent === first ? second : first;
		away.destroy();
		await waitFor(() => workers(daemon).find((worker) => worker.name === 'w2')?.status === 'Reconnecting', {what: 'w2 to be gone'});
		const stopping = daemon.daemon.stop();
		expect(await next(present, 'Kill')).toMatchObject({task: onPresent.id, signal: 'SIGTERM'});
		present.send({type: 'Exited', task: onPresent.id, attempt: 1, exitCode: null, signal: 'SIGTERM', size: 0});
		await stopping;
		const {tasks} = daemon.daemon.queue.state;
		expect(tasks.get(onPresent.id)).toMatchObject({result: 'Killed'});
		expect(tasks.get(onAway.id)).toMatchObject({result: 'Interrupted', error: 'the daemon stopped while worker w2 could not be reached'});
	});

	it('lets a worker leave: Leaving, no new tasks, its last end recorded, then it is gone from the list', async () => {
		const {daemon, client} = await start();
		const peer = await registered(daemon);
		const task = await addTask(client, 'x');
		await next(peer, 'Run');
		peer.send({type: 'Leaving', finish: false});
		// Goodbye: no Run comes after it.
		expect(await next(peer, 'Goodbye')).toEqual({type: 'Goodbye'});
		expect(workers(daemon)[0]?.status).toBe('Leaving');
		const queued = await addTask(client, 'y');
		peer.send({type: 'Exited', task: task.id, attempt: 1, exitCode: null, signal: 'SIGTERM', size: 0});
		await next(peer, 'Release');
		expect(await getTask(client, task.id)).toMatchObject({result: 'Killed', error: 'worker w1 stopped and killed it (--on-stop kill)'});
		expect((await getTask(client, queued.id)).status).toBe('Queued');
		peer.destroy();
		await waitFor(() => workers(daemon).length === 0, {what: 'the worker to be gone'});
	});
});
