// A log that cannot be opened must never leave a task Running: the task ends
// FailedToSpawn with the reason in words, its slot is freed, the group goes
// on, and shutdown still finishes. Log paths never follow symbolic links.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {mkdtempSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {addTask, readLog, waitFor} from '../helpers/queue-client.js';
import {daemonPerTest} from '../helpers/daemon-per-test.js';
import {openLogForWriting, offsetOfLastLines, logSize, readRange} from '../../source/daemon/logs/log-files.js';

const daemons = daemonPerTest();

function chattr(flag: '+i' | '-i', target: string): string | undefined {
	try {
		execFileSync('chattr', [flag, target], {stdio: 'pipe'});
		return undefined;
	} catch (error) {
		return (error as Error).message.split('\n')[0];
	}
}

/** Test homes live under the OS temp dir: probe chattr +i there once (it needs root and ext4/xfs/btrfs). */
function probeImmutable(): string | undefined {
	const probe = mkdtempSync(path.join(os.tmpdir(), 'spool-chattr-'));
	try {
		const refused = chattr('+i', probe);
		if (refused === undefined) chattr('-i', probe);
		return refused;
	} finally {
		rmSync(probe, {recursive: true, force: true});
	}
}

const immutableUnsupported = probeImmutable();
if (immutableUnsupported) console.warn(`skipping the immutable-logs test: chattr +i failed under ${os.tmpdir()} (${immutableUnsupported}); the file system may not support it`);

describe('log files that cannot be opened', () => {
	it('a directory in place of the log: FailedToSpawn with the reason, and the group goes on', async () => {
		const {client, t} = await daemons.start();
		const logs = path.join(t.home, 'logs');
		// The next task gets id 1 on a fresh home.
		mkdirSync(path.join(logs, '1.log'));
		const blocked = await addTask(client, 'echo never');
		expect(blocked.id).toBe(1);
		const next = await addTask(client, 'echo next');
		const [first, second] = await waitFor(client, [blocked.id, next.id]);
		expect(first).toMatchObject({result: 'FailedToSpawn'});
		expect(first!.error).toBe(`cannot open the log file ${path.join(logs, '1.log')}: it is a directory; remove it`);
		expect(second).toMatchObject({result: 'Success'});
		expect((await readLog(client, next.id)).toString()).toBe('next\n');
		// Shutdown finishes (the per-test daemon is stopped after the test).
	});

	it.skipIf(immutableUnsupported !== undefined)('an immutable logs directory: FailedToSpawn, and shutdown still finishes', async () => {
		const {client, t} = await daemons.start();
		const logs = path.join(t.home, 'logs');
		const refused = chattr('+i', logs);
		if (refused) throw new Error(`chattr +i ${logs} failed although the probe worked: ${refused}`);

		try {
			const task = await addTask(client, 'echo never');
			const [done] = await waitFor(client, [task.id]);
			expect(done).toMatchObject({result: 'FailedToSpawn'});
			expect(done!.error).toContain(`cannot open the log file ${path.join(logs, `${task.id}.log`)}: permission denied`);
			const reply = await client.request({type: 'Kill', ids: [task.id]}).catch((error: Error) => error);
			expect(JSON.stringify(reply)).not.toContain('Signalled');
		} finally {
			chattr('-i', logs);
		}

		const started = Date.now();
		await daemons.stop();
		expect(Date.now() - started).toBeLessThan(15_000);
	});

	it('a symbolic link in place of the log: FailedToSpawn, and its target is untouched', async () => {
		const {client, t} = await daemons.start();
		const logs = path.join(t.home, 'logs');
		const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'spool-target-')), 'precious');
		writeFileSync(target, 'keep me\n');
		symlinkSync(target, path.join(logs, '1.log'));
		const task = await addTask(client, 'echo overwritten');
		const [done] = await waitFor(client, [task.id]);
		expect(done).toMatchObject({result: 'FailedToSpawn'});
		expect(done!.error).toContain('it is a symbolic link');
		expect(readFileSync(target, 'utf8')).toBe('keep me\n');
		// Reading the log does not follow the link either.
		expect((await readLog(client, task.id)).toString()).toBe('');
	});
});

describe('log readers never follow links', () => {
	it('logSize, offsetOfLastLines and readRange see nothing through a link', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-logread-'));
		const target = path.join(dir, 'secret');
		writeFileSync(target, 'line1\nline2\n');
		const link = path.join(dir, '5.log');
		symlinkSync(target, link);
		expect(logSize(link)).toBe(0);
		expect(offsetOfLastLines(link, 1, 12)).toBe(0);
		const chunks: Buffer[] = [];
		await readRange(link, 0, 12, (_offset, data) => {
			chunks.push(data);
		});
		expect(Buffer.concat(chunks).length).toBe(0);
		expect(() => openLogForWriting(link, true)).toThrow(/symbolic link/);
		expect(readFileSync(target, 'utf8')).toBe('line1\nline2\n');
		expect(existsSync(link)).toBe(true);
	});
});
