// A daemon out of file descriptors when a task starts: the task ends
// FailedToSpawn with the reason, its slot is freed, and the daemon goes on
// once descriptors are back. prlimit lowers the limit of the real daemon
// process only (not of the test).
import {execFileSync} from 'node:child_process';
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {connect, type Client} from '../../source/client/client.js';
import {readSecretFile} from '../../source/protocol/secret.js';
import {addTask, readLog, waitFor} from '../helpers/queue-client.js';
import {cleanupsPerTest} from '../helpers/e2e-homes.js';
import {startSpoolDaemon} from '../helpers/spool-bin.js';

function hasPrlimit(): string | undefined {
	try {
		execFileSync('prlimit', ['--version'], {stdio: 'pipe'});
		return undefined;
	} catch {
		return 'prlimit (util-linux) is not installed';
	}
}

const skipReason = hasPrlimit();
if (skipReason) console.warn(`skipping the EMFILE log test: ${skipReason}`);

const {defer, tempHome} = cleanupsPerTest();

/** A real daemon process on a fresh home, and a client connected to it. */
async function daemonWithClient(): Promise<{pid: number; client: Client}> {
	const home = tempHome();
	const daemon = await startSpoolDaemon(['--home', home]);
	defer(() => daemon.stop());
	const client = await connect({endpoint: {kind: 'unix', path: path.join(home, 'spool.sock')}, secret: readSecretFile(path.join(home, 'secret')), name: 'emfile'});
	defer(() => client.close());
	return {pid: daemon.child.pid!, client};
}

describe.skipIf(skipReason !== undefined)('a daemon out of file descriptors', () => {
	it('says so, and not that node-pty is broken, when descriptors run out before the first task', async () => {
		const {pid, client} = await daemonWithClient();
		await client.request({type: 'Pause', group: 'default', wait: true});
		const blocked = await addTask(client, 'echo never');
		const original = execFileSync('prlimit', ['--pid', String(pid), '--nofile', '--noheadings', '--output=SOFT'])
			.toString()
			.trim();
		execFileSync('prlimit', ['--pid', String(pid), `--nofile=${readdirSync(`/proc/${pid}/fd`).length}:`]);
		try {
			await client.request({type: 'Start', group: 'default'});
			const [done] = await waitFor(client, [blocked.id]);
			expect(done).toMatchObject({result: 'FailedToSpawn'});
			expect(done!.error).toMatch(/too many open files \(EMFILE\)/);
		} finally {
			execFileSync('prlimit', ['--pid', String(pid), `--nofile=${original}:`]);
		}
	});

	it('ends the task FailedToSpawn with the reason and runs the next one once descriptors are back', async () => {
		const {pid, client} = await daemonWithClient();
		// A daemon that has run a task before (node-pty's binding is loaded).
		const warm = await addTask(client, 'echo warm');
		await waitFor(client, [warm.id]);
		await client.request({type: 'Pause', group: 'default', wait: true});
		const blocked = await addTask(client, 'echo never');

		// Not one descriptor to spare.
		const original = execFileSync('prlimit', ['--pid', String(pid), '--nofile', '--noheadings', '--output=SOFT'])
			.toString()
			.trim();
		const open = readdirSync(`/proc/${pid}/fd`).length;
		execFileSync('prlimit', ['--pid', String(pid), `--nofile=${open}:`]);
		try {
			await client.request({type: 'Start', group: 'default'});
			const [done] = await waitFor(client, [blocked.id]);
			expect(done).toMatchObject({result: 'FailedToSpawn'});
			// The log's open or the pty's, whichever needs a descriptor first.
			expect(done!.error).toMatch(/too many open files \(EMFILE\)|out of processes, pseudo-terminals or file descriptors/);
		} finally {
			execFileSync('prlimit', ['--pid', String(pid), `--nofile=${original}:`]);
		}

		const next = await addTask(client, 'echo next');
		const [second] = await waitFor(client, [next.id]);
		expect(second).toMatchObject({result: 'Success'});
		expect((await readLog(client, next.id)).toString()).toBe('next\n');
	});
});
