// A daemon that crashes (kill -9) while a remote worker runs a task: the
// task is not marked Interrupted like a local one, because it still runs on
// the worker. The restarted daemon waits worker_grace_ms for the worker, the
// worker reconnects and re-attaches the task, and the log ends up holding
// every byte the task printed, including what it printed while no daemon ran;
// the task keeps its slot in its group (SPOOL_SLOT) through it all.
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {connect, type Client} from '../../source/client/client.js';
import {readSecretFile} from '../../source/protocol/secret.js';
import {addTask, getTask, readLog, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {startSpoolDaemon} from '../helpers/spool-bin.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {waitFor} from '../helpers/wait-for.js';
import {killAllWorkers, startWorker} from '../helpers/worker-process.js';

const {home, cleanup} = makeTempHome();
afterAll(async () => {
	await killAllWorkers();
	cleanup();
});

async function client(): Promise<Client> {
	return connect({endpoint: {kind: 'unix', path: path.join(home, 'spool.sock')}, secret: readSecretFile(path.join(home, 'secret'))});
}

describe('a daemon restart with a task on a remote worker', () => {
	it('re-attaches the task after kill -9 and a restart, with a byte-complete log', async () => {
		writeFileSync(path.join(home, 'config.json'), JSON.stringify({daemon: {local_tasks: false, default_parallel: 2, worker_ping_ms: 300, worker_timeout_ms: 3000, worker_grace_ms: 30_000}}));
		const first = await startSpoolDaemon(['--home', home, '--listen', '127.0.0.1:0']);
		const match = /listening tls (\S+):(\d+) fingerprint (\S+)/.exec(first.stdout());
		expect(match).not.toBeNull();
		const [, host, port, fingerprint] = match!;
		const worker = startWorker({address: `${host!}:${port!}`, fingerprint: fingerprint!, secretFile: path.join(home, 'secret'), name: 'survivor'});
		let queue = await client();
		await waitFor(async () => ((await queue.request({type: 'Workers'})).workers as Array<{status: string}>)[0]?.status === 'Connected', {
			what: 'the worker to register',
		});
		const lines = 400;
		const task = await addTask(queue, `i=0; while [ $i -lt ${lines} ]; do i=$((i+1)); echo "line $i"; sleep 0.01; done`);
		await waitFor(async () => (await readLog(queue, task.id)).toString().includes('line 20\n'), {what: 'some output'});

		queue.close();
		first.child.kill('SIGKILL');
		await first.stop();
		const second = await startSpoolDaemon(['--home', home, '--listen', `${host!}:${port!}`]);
		try {
			queue = await client();
			// Not Interrupted: it waits for its worker, and keeps its slot.
			expect(await getTask(queue, task.id)).toMatchObject({status: 'Running', slot: 0});
			// So a task started meanwhile takes the group's other slot, not the adopted task's.
			const beside = await addTask(queue, 'echo "slot=$SPOOL_SLOT"');
			await waitForTasks(queue, [beside.id]);
			expect((await readLog(queue, beside.id)).toString()).toBe('slot=1\n');
			const [done] = await waitForTasks(queue, [task.id]);
			expect(done).toMatchObject({result: 'Success', attempt: 1, worker: 'survivor'});
			const expected = Array.from({length: lines}, (_v, index) => `line ${index + 1}\n`).join('');
			expect((await readLog(queue, task.id)).toString()).toBe(expected);
			expect(worker.stderr()).toMatch(/re-attached 1 task/);
			expect(readFileSync(path.join(home, 'daemon.log'), 'utf8')).toMatch(/1 task\(s\) ran on remote workers when the daemon stopped; they wait 30000 ms/);
			queue.close();
		} finally {
			await worker.stop();
			await second.stop();
		}
	});
});
