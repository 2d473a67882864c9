// Remote workers end to end: a real daemon listening on loopback TLS and
// real `spool worker` processes (bin/spool.js, so run `npm run build`
// first). Tasks spread over the workers and run there; output streams live;
// pause, input and kill reach the remote process; a worker killed mid-task
// leaves its task WorkerLost (never a second run); a worker whose
// connection is cut re-attaches and its task's log is byte-complete.
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Client, Message} from '../../source/client/client.js';
import {resolvePaths} from '../../source/config.js';
import {addTask, getTask, readLog, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {allStopped, groupMembers, noneStopped, printedPids, processState} from '../helpers/proc-state.js';
import {runSpool} from '../helpers/spool-bin.js';
import {startProxy, type TcpProxy} from '../helpers/tcp-proxy.js';
import {type DaemonOverrides, startTestDaemon, type TestDaemon} from '../helpers/test-daemon.js';
import {waitFor} from '../helpers/wait-for.js';
import {killAllWorkers, startWorker, type WorkerOptions, type WorkerProcess} from '../helpers/worker-process.js';

type Setup = {daemon: TestDaemon; client: Client; address: string};

async function setUp(overrides: DaemonOverrides): Promise<Setup> {
	const daemon = await startTestDaemon({local_tasks: false, default_parallel: 0, kill_grace_ms: 2000, ...overrides}, {listen: '127.0.0.1:0'});
	const {host, port} = daemon.daemon.tlsAddress!;
	return {daemon, client: await daemon.client(), address: `${host}:${port}`};
}

function launch(setup: Setup, name: string, extra: Partial<WorkerOptions> = {}): WorkerProcess {
	return startWorker({
		address: setup.address,
		fingerprint: setup.daemon.daemon.tlsAddress!.fingerprint,
		secretFile: resolvePaths(setup.daemon.home).secret,
		name,
		...extra,
	});
}

function workerStatus(setup: Setup, name: string): Record<string, unknown> | undefined {
	return setup.daemon.daemon.workerList().find((worker) => worker.name === name);
}

async function connected(setup: Setup, ...names: string[]): Promise<void> {
	await waitFor(() => names.every((name) => workerStatus(setup, name)?.status === 'Connected'), {what: `workers ${names.join(', ')} to register`});
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'spool-rw-'));
afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

/** Whether a process with this pid exists (on this machine: the workers run here). */
function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

describe('two workers on loopback TLS', () => {
	let setup: Setup;
	let workers: WorkerProcess[];
	beforeAll(async () => {
		setup = await setUp({worker_ping_ms: 500, worker_timeout_ms: 10_000, worker_grace_ms: 30_000});
	});

	afterAll(async () => {
		await killAllWorkers();
		await setup.daemon.stop();
	});

	const startBoth = async () => {
		workers = [launch(setup, 'w1', {slots: 2}), launch(setup, 'w2', {slots: 2})];
		await connected(setup, 'w1', 'w2');
	};

	it('spreads tasks over both workers; each task runs there and sees its worker in SPOOL_WORKER', async () => {
		await startBoth();
		const tasks = await Promise.all([1, 2, 3, 4].map(async () => addTask(setup.client, 'echo "on $SPOOL_WORKER"; sleep 1')));
		// All four at once: two slots on each worker.
		await waitFor(() => ['w1', 'w2'].every((name) => workerStatus(setup, name)?.used === 2), {what: 'both workers to be full'});
		const done = await waitForTasks(
			setup.client,
			tasks.map((task) => task.id),
		);
		expect(new Set(done.map((task) => task.worker))).toEqual(new Set(['w1', 'w2']));
		for (const task of done) {
			expect(task).toMatchObject({result: 'Success', exitCode: 0, attempt: 1});
			expect((await readLog(setup.client, task.id)).toString()).toBe(`on ${task.worker!}\n`);
		}

		// `spool workers` shows them with what they reported.
		const shown = await runSpool(['--home', setup.daemon.home, 'workers', '--json']);
		expect(shown.code).toBe(0);
		const listed = (JSON.parse(shown.stdout) as {workers: Array<Record<string, unknown>>}).workers;
		const rows = listed.map((worker) => [worker.name, worker.status, worker.slots, worker.host]);
		expect(rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
			['w1', 'Connected', 2, os.hostname()],
			['w2', 'Connected', 2, os.hostname()],
		]);
	});

	it('streams output live to a follower, and input reaches the remote task', async () => {
		const task = await addTask(setup.client, 'echo first; read line; echo "second $line"');
		const seen: string[] = [];
		let ended: Message | undefined;
		const stream = setup.client.stream({type: 'Follow', ids: [task.id]}, (message) => {
			if (message.type === 'Output') seen.push(Buffer.from(message.data as Uint8Array).toString());
			if (message.type === 'TaskEnded') ended = message;
		});
		// "first" arrives while the task still runs: it waits for its input.
		await waitFor(() => seen.join('').includes('first\n'), {what: 'the first line, live'});
		expect((await getTask(setup.client, task.id)).status).toBe('Running');
		await setup.client.request({type: 'Send', task: task.id, data: 'go\n'});
		await stream.done;
		expect(ended).toBeDefined();
		// The pty echoes the input line too.
		expect(seen.join('')).toBe('first\ngo\nsecond go\n');
		expect((await getTask(setup.client, task.id)).result).toBe('Success');
	});

	it('pauses and resumes a remote task (its whole process group)', async () => {
		const command = 'echo pid:$$; i=0; while [ $i -lt 30 ]; do i=$((i+1)); echo $i; sleep 0.05; done';
		const task = await addTask(setup.client, command);
		const pid = await waitFor(
			async () => {
				const log = (await readLog(setup.client, task.id)).toString();
				return log.includes('\n3\n') ? printedPids(log)[0] : undefined;
			},
			{what: 'the task to print its pid and count'},
		);
		await setup.client.request({type: 'Pause', ids: [task.id]});
		expect((await getTask(setup.client, task.id)).status).toBe('Paused');
		// The worker runs on this machine: /proc shows the remote shell and the rest
		// of its process group (the keeper, a loop's `sleep`) stopped.
		await waitFor(() => allStopped(groupMembers(pid)), {what: `the remote shell's process group (pid ${pid}) to be stopped (state T in /proc/<pid>/stat)`});
		expect(groupMembers(pid)).toContain(pid);
		expect((await getTask(setup.client, task.id)).status).toBe('Paused');
		await setup.client.request({type: 'Start', ids: [task.id]});
		await waitFor(() => noneStopped([pid]) || processState(pid) === undefined, {what: 'the remote shell to run again'});
		const [done] = await waitForTasks(setup.client, [task.id]);
		expect(done).toMatchObject({result: 'Success'});
		expect((await readLog(setup.client, task.id)).toString()).toBe(`pid:${pid}\n${Array.from({length: 30}, (_v, index) => `${index + 1}\n`).join('')}`);
	});

	it('kills a remote task: its process is gone and the task is Killed', async () => {
		const pidFile = path.join(scratch, 'kill.pid');
		const task = await addTask(setup.client, `echo $$ > ${pidFile}; exec sleep 60`);
		const pid = await waitFor(() => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) || undefined : undefined), {what: 'the pid file'});
		expect(alive(pid)).toBe(true);
		await setup.client.request({type: 'Kill', ids: [task.id]});
		const [done] = await waitForTasks(setup.client, [task.id]);
		expect(done).toMatchObject({result: 'Killed', signal: 'SIGTERM'});
		await waitFor(() => !alive(pid), {what: 'the remote process to be gone'});
	});

	it('reports a task that cannot start on its worker as FailedToSpawn, with the reason', async () => {
		const task = await addTask(setup.client, 'true', {cwd: '/nonexistent/spool-test-dir'});
		const [done] = await waitForTasks(setup.client, [task.id]);
		expect(done!.result).toBe('FailedToSpawn');
		expect(done!.error).toMatch(/^on worker w[12]: working directory \/nonexistent\/spool-test-dir does not exist/);
	});

	it('stops a worker with SIGTERM after its tasks finish (--on-stop finish), then it is gone from the list', async () => {
		const task = await addTask(setup.client, 'echo started; sleep 1; echo finished');
		await waitFor(async () => (await readLog(setup.client, task.id)).toString().includes('started'), {what: 'the task to run'});
		const {worker: name} = await getTask(setup.client, task.id);
		const worker = workers.find((candidate) => candidate.name === name)!;
		worker.child.kill('SIGTERM');
		expect(await worker.exited).toBe(0);
		expect(worker.stderr()).toMatch(/stopping: taking no new tasks; waiting for 1 running task/);
		expect(await getTask(setup.client, task.id)).toMatchObject({result: 'Success'});
		expect((await readLog(setup.client, task.id)).toString()).toBe('started\nfinished\n');
		await waitFor(() => workerStatus(setup, worker.name) === undefined, {what: 'the worker to leave the list'});
	});
});

describe('a worker that dies or falls silent', () => {
	let setup: Setup;
	beforeAll(async () => {
		// Small, but far above any pause of a worker's event loop on a loaded machine.
		setup = await setUp({worker_ping_ms: 300, worker_timeout_ms: 3000, worker_grace_ms: 2000});
	});

	afterAll(async () => {
		await killAllWorkers();
		await setup.daemon.stop();
	});

	it('SIGKILL mid-task: the task ends WorkerLost after the grace period, is never run again, and its process is gone', async () => {
		const marker = path.join(scratch, 'runs');
		const pidFile = path.join(scratch, 'lost.pid');
		const worker = launch(setup, 'doomed');
		await connected(setup, 'doomed');
		const task = await addTask(setup.client, `echo run >> ${marker}; echo $$ > ${pidFile}; exec sleep 60`);
		const pid = await waitFor(() => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) || undefined : undefined), {what: 'the task to start'});
		const killedAt = Date.now();
		await worker.stop('SIGKILL');
		await waitFor(() => workerStatus(setup, 'doomed')?.status === 'Reconnecting', {what: 'the worker to be Reconnecting'});
		const [lost] = await waitForTasks(setup.client, [task.id]);
		const took = Date.now() - killedAt;
		expect(lost).toMatchObject({result: 'WorkerLost', attempt: 1, worker: 'doomed'});
		expect(took).toBeGreaterThanOrEqual(1900);
		console.log(`SIGKILLed worker: its task ended WorkerLost ${took} ms after the kill (worker_grace_ms 2000)`);
		expect(workerStatus(setup, 'doomed')?.status).toBe('Lost');
		// `spool log` says so, and why.
		const log = await runSpool(['--home', setup.daemon.home, 'log', '--header', '--no-autostart', String(task.id)]);
		expect(log.stdout).toContain(`│ Task ${task.id}: worker lost │`);
		expect(lost!.error).toEqual(expect.any(String));
		expect(log.stdout).toContain(`\n  Reason: ${lost!.error}\n`);
		// The task's shell lost its terminal with the worker.
		await waitFor(() => !alive(pid), {what: 'the orphaned task to die with its pty'});
		// A fresh worker comes: the lost task is not run again.
		const fresh = launch(setup, 'fresh');
		await connected(setup, 'fresh');
		const probe = await addTask(setup.client, 'true');
		await waitForTasks(setup.client, [probe.id]);
		expect(await getTask(setup.client, task.id)).toMatchObject({status: 'Done', result: 'WorkerLost', attempt: 1});
		expect(readFileSync(marker, 'utf8')).toBe('run\n');
		expect(await fresh.stop()).toBe(0);
	});

	it('a silent (stopped) worker is lost after worker_timeout_ms; when it wakes up, it kills the task the daemon gave up on', async () => {
		const pidFile = path.join(scratch, 'silent.pid');
		const worker = launch(setup, 'sleepy');
		await connected(setup, 'sleepy');
		const task = await addTask(setup.client, `echo $$ > ${pidFile}; exec sleep 60`);
		await waitFor(async () => (await getTask(setup.client, task.id)).worker === 'sleepy' && existsSync(pidFile), {what: 'the task to start on sleepy'});
		const pid = Number(readFileSync(pidFile, 'utf8').trim());
		const stoppedAt = Date.now();
		worker.child.kill('SIGSTOP');
		try {
			await waitFor(() => workerStatus(setup, 'sleepy')?.status === 'Reconnecting', {what: 'the daemon to notice the silence'});
			const detected = Date.now() - stoppedAt;
			const [lost] = await waitForTasks(setup.client, [task.id]);
			const ended = Date.now() - stoppedAt;
			console.log(`silent worker: detected after ${detected} ms (worker_timeout_ms 3000), task WorkerLost after ${ended} ms (+ worker_grace_ms 2000)`);
			expect(detected).toBeGreaterThanOrEqual(2900);
			expect(lost).toMatchObject({result: 'WorkerLost', attempt: 1});
			expect(lost!.error).toMatch(/no message for/);
			expect(alive(pid)).toBe(true);
		} finally {
			worker.child.kill('SIGCONT');
		}

		// Awake again: it reconnects, learns the task was released, and kills it.
		await connected(setup, 'sleepy');
		await waitFor(() => !alive(pid), {what: 'the released task to be killed on the worker'});
		// The worker's stderr comes through a pipe and may trail the kill it describes.
		await waitFor(() => /the daemon gave up on are killed/.test(worker.stderr()), {what: 'the worker to say it killed the released task'});
		expect(await worker.stop()).toBe(0);
	});
});

describe('a worker whose connection is cut', () => {
	let setup: Setup;
	let proxy: TcpProxy;
	beforeAll(async () => {
		setup = await setUp({worker_ping_ms: 300, worker_timeout_ms: 3000, worker_grace_ms: 30_000});
		const {host, port} = setup.daemon.daemon.tlsAddress!;
		proxy = await startProxy({host, port});
	});

	afterAll(async () => {
		await killAllWorkers();
		await proxy.close();
		await setup.daemon.stop();
	});

	/** Cuts the link, keeps it down until the worker has tried (and failed) to come back, then lets it in. */
	async function outage(worker: WorkerProcess, name: string): Promise<number> {
		const cutAt = Date.now();
		const attempts = proxy.accepted();
		proxy.block();
		proxy.cut();
		await waitFor(() => workerStatus(setup, name)?.status === 'Reconnecting', {what: 'the daemon to see the worker gone'});
		await waitFor(() => /cannot reach the daemon/.test(worker.stderr()), {what: 'the worker to fail to reconnect'});
		await waitFor(() => Date.now() - cutAt > 1500, {what: 'a long enough outage'});
		proxy.unblock();
		const reopenedAt = Date.now();
		await connected(setup, name);
		expect(proxy.accepted()).toBeGreaterThan(attempts);
		return Date.now() - reopenedAt;
	}

	it('keeps the task running, re-attaches it, and the log holds every byte the task printed', async () => {
		const worker = launch(setup, 'cut', {address: proxy.address});
		await connected(setup, 'cut');
		const lines = 400;
		const task = await addTask(setup.client, `i=0; while [ $i -lt ${lines} ]; do i=$((i+1)); echo "line $i"; sleep 0.01; done`);
		await waitFor(async () => (await readLog(setup.client, task.id)).toString().includes('line 20\n'), {what: 'some output'});
		const reattach = await outage(worker, 'cut');
		console.log(`cut connection: the worker re-attached ${reattach} ms after the link came back`);
		const [done] = await waitForTasks(setup.client, [task.id]);
		expect(done).toMatchObject({result: 'Success', attempt: 1, worker: 'cut'});
		const expected = Array.from({length: lines}, (_v, index) => `line ${index + 1}\n`).join('');
		expect((await readLog(setup.client, task.id)).toString()).toBe(expected);
		expect(worker.stderr()).toMatch(/re-attached 1 task/);
		expect(await worker.stop()).toBe(0);
	});

	it('spills to disk past its memory buffer during the outage, and still delivers every byte', async () => {
		const worker = launch(setup, 'spill', {address: proxy.address, config: {buffer_bytes: 65_536}});
		await connected(setup, 'spill');
		const expectedFile = path.join(scratch, 'spill.expected');
		// ~2.7 MB of random text over a few seconds; the task keeps its own copy to compare.
		const task = await addTask(setup.client, `for i in $(seq 1 200); do head -c 10000 /dev/urandom | base64; sleep 0.02; done | tee ${expectedFile}`);
		await waitFor(async () => (await readLog(setup.client, task.id)).length > 100_000, {what: 'some output'});
		await outage(worker, 'spill');
		const [done] = await waitForTasks(setup.client, [task.id]);
		expect(done).toMatchObject({result: 'Success', attempt: 1});
		const log = await readLog(setup.client, task.id);
		const expected = readFileSync(expectedFile);
		expect(log.length).toBe(expected.length);
		expect(log.equals(expected)).toBe(true);
		expect(worker.stderr()).toMatch(/spilling to/);
		expect(await worker.stop()).toBe(0);
	});
});
