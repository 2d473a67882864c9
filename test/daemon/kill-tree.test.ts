// Through the daemon: kill and shutdown end every process of a task, and the
// task's state is final (Killed) only once none is left.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {addTask, getTask, readLog, waitFor} from '../helpers/queue-client.js';
import {daemonPerTest} from '../helpers/daemon-per-test.js';
import {waitFor as poll} from '../helpers/wait-for.js';
import {isAlive, killQuietly} from '../helpers/proc-state.js';

const daemons = daemonPerTest();

async function pidFromLog(t: {home: string}, id: number): Promise<number> {
	const file = path.join(t.home, 'logs', `${id}.log`);
	return poll(
		() => {
			const match = /pid:(\d+)/.exec(readFileSync(file, 'utf8'));
			return match ? Number(match[1]) : undefined;
		},
		{what: 'pid in the log'},
	);
}

describe('kill and shutdown reach the whole task', () => {
	it('spool kill ends a background child that ignores TERM and HUP, though the shell exits first', async () => {
		// A grace longer than the idle rule (2 s): the shell is long gone when it ends.
		const {client, t} = await daemons.start({kill_grace_ms: 3000});
		const task = await addTask(client, "(trap '' TERM HUP; echo pid:$(exec sh -c 'echo $PPID'); exec sleep 999) & wait");
		const child = await pidFromLog(t, task.id);
		try {
			expect(isAlive(child)).toBe(true);
			await client.request({type: 'Kill', ids: [task.id]});
			const [done] = await waitFor(client, [task.id]);
			expect(done).toMatchObject({result: 'Killed'});
			// Final only once nothing of it is left.
			expect(isAlive(child)).toBe(false);
			expect((await getTask(client, task.id)).result).toBe('Killed');
		} finally {
			killQuietly(child);
		}
	});

	it('shutdown ends a setsid child and finishes within the grace', async () => {
		const {client, t} = await daemons.start({kill_grace_ms: 1000});
		const task = await addTask(client, 'setsid sh -c \'trap "" TERM HUP; echo pid:$$; exec sleep 999\' & wait');
		const child = await pidFromLog(t, task.id);
		try {
			await poll(() => readFileSync(`/proc/${child}/cmdline`, 'utf8').startsWith('sleep'), {what: 'sleep exec'});
			const started = Date.now();
			await daemons.stop();
			expect(Date.now() - started).toBeLessThan(15_000);
			expect(isAlive(child)).toBe(false);
		} finally {
			killQuietly(child);
		}
	});

	it('late background output reaches the log', async () => {
		const {client} = await daemons.start();
		const task = await addTask(client, '(sleep 1; echo late) & echo early');
		const [done] = await waitFor(client, [task.id]);
		expect(done).toMatchObject({result: 'Success'});
		expect((await readLog(client, task.id)).toString()).toBe('early\nlate\n');
	});
});
