// kill -9 at a random moment loses nothing that was acknowledged, and tasks
// that were running come back as Interrupted.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {connect, type Client} from '../../source/client/client.js';
import {readSecretFile} from '../../source/protocol/secret.js';
import {status, taskEnv} from '../helpers/queue-client.js';
import {startSpoolDaemon} from '../helpers/spool-bin.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {waitFor} from '../helpers/wait-for.js';
import {isAlive, killQuietly} from '../helpers/proc-state.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function clientFor(home: string): Promise<Client> {
	return connect({endpoint: {kind: 'unix', path: path.join(home, 'spool.sock')}, secret: readSecretFile(path.join(home, 'secret'))});
}

describe('crash safety', () => {
	it.each([1, 2, 3])('keeps every acknowledged add across kill -9 (run %i)', async (run) => {
		const {home, cleanup} = makeTempHome();
		cleanups.push(cleanup);
		const first = await startSpoolDaemon(['--home', home]);
		cleanups.push(() => first.stop());
		const client = await clientFor(home);
		// parallel 0: several tasks are running when the daemon dies.
		await client.request({type: 'Parallel', parallel: 0});

		const acknowledged = new Map<number, string>();
		let stop = false;
		const adders = [0, 1, 2, 3].map(async (lane) => {
			for (let index = 0; !stop; index++) {
				const command = `sleep 5 # lane ${lane} task ${index}`;
				try {
					const reply = await client.request({type: 'Add', command, cwd: '/tmp', env: taskEnv()});
					acknowledged.set((reply.task as {id: number}).id, command);
				} catch {
					return; // the daemon died mid-request: that add was never acknowledged
				}
			}
		});

		// A different moment each run, after some adds went through.
		const target = 20 + Math.floor(Math.random() * 200) + run * 50;
		while (acknowledged.size < target) await new Promise((resolve) => setTimeout(resolve, 1));
		first.child.kill('SIGKILL');
		stop = true;
		await Promise.all(adders);
		await first.stop();

		const second = await startSpoolDaemon(['--home', home]);
		cleanups.push(async () => {
			const again = await clientFor(home);
			await again.request({type: 'Reset'});
			again.close();
			await second.stop();
		});
		const after = await clientFor(home);
		const {tasks} = await status(after);
		const byId = new Map(tasks.map((task) => [task.id, task]));
		for (const [id, command] of acknowledged) {
			expect(byId.get(id)?.command, `task ${id}`).toBe(command);
		}

		const interrupted = tasks.filter((task) => task.result === 'Interrupted');
		expect(interrupted.length).toBeGreaterThan(0);
		expect(tasks.some((task) => task.status === 'Running' && interrupted.some((old) => old.id === task.id))).toBe(false);
		for (const task of interrupted) expect(task.status).toBe('Done');
		after.close();
		client.close();
	});
});

describe('a daemon killed with -9 leaves no task process behind', () => {
	it('the shell and its background child die with the pty when the daemon dies', async () => {
		const {home, cleanup} = makeTempHome();
		cleanups.push(cleanup);
		const daemon = await startSpoolDaemon(['--home', home]);
		cleanups.push(() => daemon.stop());
		const client = await clientFor(home);
		cleanups.push(() => client.close());
		const reply = await client.request({type: 'Add', command: 'sleep 999 & echo child:$!; echo shell:$$; wait', cwd: '/tmp', env: taskEnv()});
		const id = (reply.task as {id: number}).id;
		const logFile = path.join(home, 'logs', `${id}.log`);
		const pids = await waitFor(
			() => {
				const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
				const child = /child:(\d+)/.exec(text)?.[1];
				const shell = /shell:(\d+)/.exec(text)?.[1];
				return child && shell ? [Number(child), Number(shell)] : undefined;
			},
			{what: 'task pids in the log'},
		);
		for (const pid of pids) cleanups.push(() => killQuietly(pid));
		daemon.child.kill('SIGKILL');
		// No daemon is left to record anything: the pty's hangup is what ends them.
		await waitFor(() => pids.every((pid) => !isAlive(pid)), {what: 'task processes gone', timeoutMs: 20_000});
	});
});
