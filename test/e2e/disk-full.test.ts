// A full disk under a live daemon: it keeps serving, says so once, refuses
// what it cannot record, and records the real outcome once space is back.
// Needs root (a small tmpfs as the home); skipped with the reason otherwise.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runSpool, startSpoolDaemon} from '../helpers/spool-bin.js';
import {waitFor} from '../helpers/wait-for.js';

function canMountTmpfs(): string | undefined {
	if (process.getuid?.() !== 0) return 'it needs root to mount a small tmpfs';
	const probe = mkdtempSync(path.join(os.tmpdir(), 'spool-df-probe-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], {stdio: 'pipe'});
		execFileSync('umount', [probe], {stdio: 'pipe'});
		return undefined;
	} catch (error) {
		return `mounting a tmpfs failed (${(error as Error).message.split('\n')[0]})`;
	} finally {
		rmSync(probe, {recursive: true, force: true});
	}
}

const skipReason = canMountTmpfs();
if (skipReason) console.warn(`skipping the disk-full tests: ${skipReason}`);

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function smallHome(size = '6m'): string {
	const home = mkdtempSync(path.join(os.tmpdir(), 'spool-df-'));
	execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', home]);
	cleanups.push(() => {
		execFileSync('umount', ['-l', home]);
		rmSync(home, {recursive: true, force: true});
	});
	return home;
}

/** Fills the file system holding `dir` to the last byte. */
function fill(dir: string): string {
	const file = path.join(dir, 'filler');
	try {
		execFileSync('dd', ['if=/dev/zero', `of=${file}`, 'bs=64k'], {stdio: 'pipe'});
	} catch {
		// dd ends with "No space left on device": that is the point.
	}

	return file;
}

type Status = {daemon: {problem: string | null}; tasks: Array<{id: number; status: string; result?: string; exitCode?: number | null}>};

async function status(home: string): Promise<Status> {
	const result = await runSpool(['status', '--json', '--home', home, '--no-autostart']);
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as Status;
}

describe.skipIf(skipReason !== undefined)('a full disk under a live daemon', () => {
	it('keeps serving, reports the disk, and records the task that filled it with its real exit status once space is back', async () => {
		const home = smallHome();
		const daemon = await startSpoolDaemon(['--home', home]);
		cleanups.push(() => daemon.stop());
		const filler = path.join(home, 'filler');
		const added = await runSpool(['add', '--home', home, '--', `dd if=/dev/zero of=${filler} bs=64k 2>/dev/null; exit 3`]);
		expect(added.code).toBe(0);

		// The task's end cannot be written: the daemon must live on and say why.
		const full = await waitFor(
			async () => {
				const current = await status(home);
				return current.daemon.problem ? current : undefined;
			},
			{timeoutMs: 30_000, what: 'the daemon to report the full disk'},
		);
		expect(full.daemon.problem).toBe(`disk full: ${path.join(home, 'spool.db')}, 1 task waiting to be recorded`);
		const human = await runSpool(['status', '--home', home, '--no-autostart']);
		expect(human.stderr).toContain('disk full: ');
		expect((await runSpool(['ping', '--home', home])).code).toBe(0);

		const refused = await runSpool(['add', '--home', home, '--', 'echo', 'refused']);
		expect(refused.code).not.toBe(0);
		expect(refused.stderr).toContain('disk full');
		expect(refused.stderr).not.toMatch(/\n\s+at /);

		rmSync(filler);
		const recorded = await waitFor(
			async () => {
				const current = await status(home);
				return current.daemon.problem === null ? current : undefined;
			},
			{timeoutMs: 30_000, what: 'the daemon to record the outcome'},
		);
		expect(recorded.tasks).toEqual([expect.objectContaining({id: 1, status: 'Done', result: 'Failed', exitCode: 3})]);
		const log = readFileSync(path.join(home, 'daemon.log'), 'utf8');
		expect(log.match(/disk full: /g)).toHaveLength(1);

		// Durable: a restart finds the real result, not Interrupted.
		expect(await daemon.stop()).toBe(0);
		const again = await startSpoolDaemon(['--home', home]);
		cleanups.push(() => again.stop());
		expect((await status(home)).tasks).toEqual([expect.objectContaining({id: 1, result: 'Failed', exitCode: 3})]);
	});

	it('never runs an add it refused, and acknowledges nothing it did not record', async () => {
		const home = smallHome();
		const daemon = await startSpoolDaemon(['--home', home]);
		cleanups.push(() => daemon.stop());
		// Ensure the database has its first pages before the disk fills.
		expect((await runSpool(['group', 'add', 'g', '--home', home])).code).toBe(0);
		const filler = fill(home);
		const marker = path.join(os.tmpdir(), `spool-df-marker-${process.pid}-${Date.now()}`);
		cleanups.push(() => rmSync(marker, {force: true}));
		const outcomes: number[] = [];
		for (let index = 0; index < 5; index++) {
			const result = await runSpool(['add', '--home', home, '--', `echo ran >> ${marker}`]);
			outcomes.push(result.code ?? -1);
			if (result.code !== 0) expect(result.stderr).toMatch(/disk full|cannot write/);
		}

		const acknowledged = outcomes.filter((code) => code === 0).length;
		rmSync(filler);
		await waitFor(async () => (await status(home)).daemon.problem === null, {timeoutMs: 30_000});
		// Everything acknowledged runs; nothing refused ever does.
		const final = await waitFor(
			async () => {
				const current = await status(home);
				return current.tasks.every((task) => task.status === 'Done') ? current : undefined;
			},
			{timeoutMs: 30_000},
		);
		expect(final.tasks).toHaveLength(acknowledged);
		const ran = (() => {
			try {
				return readFileSync(marker, 'utf8').split('\n').filter(Boolean).length;
			} catch {
				return 0;
			}
		})();
		expect(ran).toBe(acknowledged);
		expect(outcomes.some((code) => code !== 0)).toBe(true);
		writeFileSync(path.join(home, 'probe'), 'space is back');
	});
});
