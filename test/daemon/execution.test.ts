// Tasks really run: in a pty, with the captured environment only, and with
// pause/kill/input reaching the whole process tree.
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Message} from '../../source/client/client.js';
import {addTask, getTask, readLog, taskEnv, waitFor} from '../helpers/queue-client.js';
import {daemonPerTest, gate} from '../helpers/daemon-per-test.js';
import {allStopped, noneStopped, printedPids} from '../helpers/proc-state.js';
import {waitFor as poll} from '../helpers/wait-for.js';

const daemons = daemonPerTest();
const start = daemons.start;

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

describe('running tasks', () => {
	it('writes output to the log and to a follow stream, in a real terminal', async () => {
		const {client} = await start();
		const messages: Message[] = [];
		const task = await addTask(client, 'echo first; test -t 0 && test -t 1 && echo is-a-tty; printf "%s" "$SPOOL_TASK_ID:$SPOOL_GROUP:$SPOOL_WORKER"');
		await client.stream({type: 'Follow', ids: [task.id]}, (message) => messages.push(message)).done;
		const followed = Buffer.concat(messages.filter((message) => message.type === 'Output').map((message) => Buffer.from(message.data as Uint8Array))).toString();
		expect(followed).toBe(`first\nis-a-tty\n${task.id}:default:local`);
		expect(messages.at(-1)).toMatchObject({type: 'TaskEnded', task: {id: task.id, result: 'Success', exitCode: 0}});
		expect((await readLog(client, task.id)).toString()).toBe(followed);
		expect((await readLog(client, task.id, {lines: 1})).toString()).toBe(`${task.id}:default:local`);
	});

	it('keeps the bytes as written, or translates newlines with pty_onlcr', async () => {
		const {client} = await start();
		const plain = await addTask(client, 'printf "a\\nb\\n"');
		await waitFor(client, [plain.id]);
		expect((await readLog(client, plain.id)).toString()).toBe('a\nb\n');
		await daemons.stop();
		const again = await start({pty_onlcr: true});
		const translated = await addTask(again.client, 'printf "a\\nb\\n"');
		await waitFor(again.client, [translated.id]);
		expect((await readLog(again.client, translated.id)).toString()).toBe('a\r\nb\r\n');
	});

	it('gives the task the captured environment and cwd, never the daemon’s own', async () => {
		const {client} = await start();
		process.env.SPOOL_DAEMON_ONLY = 'leaked';
		try {
			const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-cwd-'));
			const task = await addTask(client, 'echo "[$CAPTURED][${SPOOL_DAEMON_ONLY-unset}]"; pwd', {cwd: dir, env: taskEnv({CAPTURED: 'yes'})});
			await waitFor(client, [task.id]);
			expect((await readLog(client, task.id)).toString()).toBe(`[yes][unset]\n${dir}\n`);
		} finally {
			delete process.env.SPOOL_DAEMON_ONLY;
		}
	});

	it('records exit codes and spawn failures', async () => {
		const {client} = await start();
		const failing = await addTask(client, 'exit 3');
		// A directory missing at Add is refused (bad_cwd); one removed between Add and the start fails the start.
		const gone = mkdtempSync(path.join(os.tmpdir(), 'spool-gone-'));
		const missingCwd = await addTask(client, 'true', {cwd: gone, stashed: true});
		rmSync(gone, {recursive: true});
		await client.request({type: 'Enqueue', ids: [missingCwd.id]});
		const [first, second] = await waitFor(client, [failing.id, missingCwd.id]);
		expect(first).toMatchObject({result: 'Failed', exitCode: 3});
		expect(second).toMatchObject({result: 'FailedToSpawn'});
		expect(second!.error).toContain(gone);
		expect((await readLog(client, missingCwd.id)).toString()).toContain(gone);
	});

	it('pauses the whole process tree and resumes it', async () => {
		const {client, t} = await start();
		const task = await addTask(client, 'echo pid:$$; (while :; do echo tick; sleep 0.05; done) & echo pid:$!; wait');
		const logFile = path.join(t.home, 'logs', `${task.id}.log`);
		const {statSync} = await import('node:fs');
		const size = () => (existsSync(logFile) ? statSync(logFile).size : 0);
		// The shell and its background loop, a grandchild of the task's pty child.
		const pids = await poll(
			async () => {
				const found = printedPids((await readLog(client, task.id)).toString());
				return found.length === 2 && size() > 40 ? found : undefined;
			},
			{what: 'both pids and some ticks'},
		);
		await client.request({type: 'Pause', ids: [task.id]});
		expect((await getTask(client, task.id)).status).toBe('Paused');
		await poll(() => allStopped(pids), {what: `the shell and the loop to be stopped (state T in /proc/<pid>/stat): ${pids.join(', ')}`});
		const stopped = size();
		await client.request({type: 'Start', ids: [task.id]});
		expect((await getTask(client, task.id)).status).toBe('Running');
		await poll(() => noneStopped(pids), {what: 'the shell and the loop to run again'});
		await poll(() => size() > stopped + 20, {what: 'ticks after resume'});
		await client.request({type: 'Kill', ids: [task.id]});
		expect((await waitFor(client, [task.id]))[0]).toMatchObject({result: 'Killed'});
	});

	it('kills grandchildren too, escalating to SIGKILL after the grace period', async () => {
		const {client} = await start({kill_grace_ms: 300});
		const task = await addTask(client, "trap '' TERM; sleep 1000 & echo child=$!; sh -c 'trap \"\" TERM; sleep 1000' & echo child=$!; wait");
		const pids = await poll(async () => {
			const found = [...(await readLog(client, task.id)).toString().matchAll(/child=(\d+)/g)].map((match) => Number(match[1]));
			return found.length === 2 ? found : undefined;
		});
		for (const pid of pids) expect(alive(pid)).toBe(true);
		await client.request({type: 'Kill', ids: [task.id]});
		expect((await waitFor(client, [task.id]))[0]).toMatchObject({status: 'Done', result: 'Killed'});
		await poll(() => pids.every((pid) => !alive(pid)), {what: 'grandchildren to die'});
	});

	it('sends input to a task reading stdin', async () => {
		const {client} = await start();
		const task = await addTask(client, 'read line; echo "got:$line"');
		await waitFor(client, [task.id], 'running');
		await client.request({type: 'Send', task: task.id, data: Buffer.from('hello spool\n')});
		await waitFor(client, [task.id]);
		expect((await readLog(client, task.id)).toString()).toContain('got:hello spool');
	});

	it('keeps a 100 MB output whole in the log', async () => {
		const {client, t} = await start();
		const task = await addTask(client, 'head -c 100000000 /dev/zero | tr "\\0" x');
		const [done] = await waitFor(client, [task.id]);
		expect(done).toMatchObject({result: 'Success'});
		const {statSync} = await import('node:fs');
		expect(statSync(path.join(t.home, 'logs', `${task.id}.log`)).size).toBe(100_000_000);
	}, 180_000);

	it('runs the callback with the task’s facts when a task ends', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-cb-'));
		const out = path.join(dir, 'callback.txt');
		writeFileSync(
			path.join(dir, 'cb.sh'),
			`printf '%s|' "$SPOOL_TASK_ID" "$SPOOL_TASK_COMMAND" "$SPOOL_TASK_CWD" "$SPOOL_TASK_GROUP" "$SPOOL_TASK_LABEL" "$SPOOL_TASK_RESULT" "$SPOOL_TASK_EXIT_CODE" "$SPOOL_TASK_OUTPUT" "$SPOOL_TASK_LOG" > ${out}.tmp; [ -n "$SPOOL_TASK_START" ] && [ -n "$SPOOL_TASK_END" ] && mv ${out}.tmp ${out}\n`,
		);
		const {client, t} = await start({callback: `sh ${path.join(dir, 'cb.sh')}`, callback_log_lines: 1});
		const task = await addTask(client, 'echo one; echo two; exit 4', {label: 'nightly'});
		await waitFor(client, [task.id]);
		const {readFileSync} = await import('node:fs');
		const text = await poll(() => (existsSync(out) ? readFileSync(out, 'utf8') : undefined), {what: 'callback output'});
		expect(text.split('|')).toEqual([String(task.id), 'echo one; echo two; exit 4', '/tmp', 'default', 'nightly', 'Failed', '4', 'two\n', path.join(t.home, 'logs', `${task.id}.log`), '']);
	});

	it('tells the callback how many tasks of the group were queued and stashed when the task ended', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-cb-'));
		const out = (id: string) => path.join(dir, `${id}.txt`);
		writeFileSync(path.join(dir, 'cb.sh'), `printf '%s %s' "$SPOOL_QUEUED_COUNT" "$SPOOL_STASHED_COUNT" > ${dir}/tmp.$SPOOL_TASK_ID; mv ${dir}/tmp.$SPOOL_TASK_ID ${dir}/$SPOOL_TASK_ID.txt\n`);
		const {client} = await start({callback: `sh ${path.join(dir, 'cb.sh')}`});
		await client.request({type: 'GroupAdd', name: 'cb', parallel: 1});
		const blocker = gate();
		const first = await addTask(client, blocker.command, {group: 'cb'});
		await waitFor(client, [first.id], 'running');
		const next = await addTask(client, 'true', {group: 'cb'});
		await addTask(client, 'true', {group: 'cb', stashed: true});
		await addTask(client, 'true', {group: 'cb', enqueueAt: Date.now() + 3_600_000});
		// Another group's waiting tasks are not counted.
		await addTask(client, 'true', {stashed: true});
		blocker.open();
		const {readFileSync} = await import('node:fs');
		// When the first ended, the next one still waited: it starts only after that end is recorded.
		expect(await poll(() => (existsSync(out(String(first.id))) ? readFileSync(out(String(first.id)), 'utf8') : undefined), {what: 'the first callback'})).toBe('1 2');
		expect(await poll(() => (existsSync(out(String(next.id))) ? readFileSync(out(String(next.id)), 'utf8') : undefined), {what: 'the second callback'})).toBe('0 2');
	});
});
