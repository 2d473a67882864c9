// Every queue command through the real bin/spool.js against a temp home: human
// and --json output, exit codes, auto-start.
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {runSpool, type RunResult} from '../helpers/spool-bin.js';
import {sharedHomePerFile} from '../helpers/e2e-homes.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {waitFor} from '../helpers/wait-for.js';

const shared = sharedHomePerFile();
const spool = shared.spool;
let home = '';
beforeAll(() => {
	home = shared.home();
});
const ok = (result: RunResult) => {
	expect(result.stderr.replace(/^spool: no daemon was running.*\n/, '')).toBe('');
	expect(result.code).toBe(0);
	return result.stdout;
};

const json = (result: RunResult) => JSON.parse(ok(result)) as unknown;
const addId = async (...args: string[]) => Number(ok(await spool('add', '-p', ...args)).trim());
const task = async (id: number) => (json(await spool('status', '--json')) as {tasks: Array<{id: number}>}).tasks.find((entry) => entry.id === id) as Record<string, unknown>;

describe('spool CLI (real binary, one daemon)', () => {
	it('auto-starts a daemon from a cold home and says so once', async () => {
		const first = await spool('add', '--', 'echo', 'hello');
		expect(first.code).toBe(0);
		expect(first.stderr).toMatch(/^spool: no daemon was running; started one \(pid \d+\)/);
		expect(first.stdout).toBe('New task added (id 1).\n');
		const second = await spool('wait', '1');
		expect(second.stderr).toBe('');
		expect(second.stdout).toBe('1 task done, all successful.\n');
		expect(ok(await spool('log', '1'))).toBe('hello\n');
	});

	it('adds with options, prints the id, escapes, and reports --json', async () => {
		await spool('group', 'add', 'build', '-p', '2');
		const id = await addId('-g', 'build', '-l', 'nightly', '-o', '3', '-e', '--', 'printf', '%s\\n', 'a b');
		const added = await task(id);
		expect(added).toMatchObject({group: 'build', label: 'nightly', priority: 3, command: "printf '%s\\n' 'a b'"});
		ok(await spool('wait', String(id)));
		expect(ok(await spool('log', String(id)))).toBe('a b\n');
		const asJson = json(await spool('add', '--json', '-s', '--', 'true')) as {id: number; status: string};
		expect(asJson.status).toBe('Stashed');
		const delayed = json(await spool('add', '--json', '-d', '1h', '--', 'true')) as {enqueueAt: string};
		expect(Date.parse(delayed.enqueueAt)).toBeGreaterThan(Date.now() + 3_500_000);
		ok(await spool('remove', String(asJson.id), String(asJson.id + 1)));
	});

	it('captures the environment and the working directory of the shell that added', async () => {
		const result = await runSpool(['add', '-p', '--home', home, '-w', '/usr', '--', 'echo "$SPOOL_CLI_TEST" && pwd'], {env: {SPOOL_CLI_TEST: 'captured'}});
		const id = Number(ok(result).trim());
		ok(await spool('wait', String(id)));
		expect(ok(await spool('log', String(id)))).toBe('captured\n/usr\n');
	});

	it('waits for success and exits 1 when a task failed', async () => {
		const good = await addId('--', 'true');
		const bad = await addId('--', 'exit 7');
		const result = await spool('wait', String(good), String(bad), '--status', 'success');
		expect(result.code).toBe(1);
		expect(result.stdout).toContain(`failed: ${bad} (Failed 7)`);
		const asJson = JSON.parse((await spool('wait', String(good), String(bad), '--json')).stdout) as {success: boolean};
		expect(asJson.success).toBe(false);
	});

	it('follows two tasks with id prefixes', async () => {
		const a = await addId('-i', '--', 'echo one; sleep 0.2; echo two');
		const b = await addId('-i', '--', 'echo three');
		const followed = ok(await spool('follow', String(a), String(b)));
		const lines = followed.trim().split('\n').sort();
		expect(lines).toEqual([`[${a}] one`, `[${a}] two`, `[${b}] three`].sort());
	});

	it('add --follow keeps stdout for the task: the confirmation goes to stderr, as pueue does', async () => {
		const result = await spool('add', '-f', '-i', '--', 'echo followed');
		expect(result.code).toBe(0);
		expect(result.stdout).toBe('followed\n');
		expect(result.stderr.replace(/^spool: no daemon was running.*\n/, '')).toMatch(/^New task added \(id \d+\)\.\n$/);
	});

	it('accepts ranges of ids and reads logs of several tasks', async () => {
		const first = await addId('--', 'echo r1');
		const second = await addId('--', 'echo r2');
		ok(await spool('wait', `${first}-${second}`));
		const logs = ok(await spool('log', `${first}-${second}`));
		expect(logs).toContain(`--- task ${first}`);
		expect(logs).toContain('r1\n');
		expect(logs).toContain('r2\n');
		const asJson = json(await spool('log', `${first},${second}`, '--json')) as {tasks: Array<{output: string}>};
		expect(asJson.tasks.map((entry) => entry.output)).toEqual(['r1\n', 'r2\n']);
		expect(ok(await spool('log', String(second), '-n', '0'))).toBe('');
	});

	it('pauses, starts, kills, stashes, enqueues and switches', async () => {
		const running = await addId('-i', '--', 'sleep 30');
		await waitFor(async () => (await task(running)).status === 'Running', {what: 'running'});
		expect(ok(await spool('pause', String(running)))).toBe(`Paused task ${running}.\n`);
		expect((await task(running)).status).toBe('Paused');
		expect(ok(await spool('start', String(running)))).toBe(`Started task ${running}.\n`);
		expect(ok(await spool('kill', String(running)))).toBe(`Signalled task ${running}.\n`);
		ok(await spool('wait', String(running)));
		expect(await task(running)).toMatchObject({result: 'Killed'});

		ok(await spool('pause', '-g', 'default', '--wait'));
		const a = await addId('--', 'echo a');
		const b = await addId('--', 'echo b');
		expect(ok(await spool('stash', String(a)))).toBe(`Stashed task ${a}.\n`);
		expect(ok(await spool('enqueue', String(a)))).toBe(`Enqueued task ${a}.\n`);
		expect(ok(await spool('switch', String(a), String(b)))).toBe(`Switched tasks ${a} and ${b}.\n`);
		expect((await task(a)).command).toBe('echo b');
		ok(await spool('start'));
		ok(await spool('wait', String(a), String(b)));
	});

	it('sends input, edits, sets env, restarts, sets parallel and cleans', async () => {
		const reader = await addId('-i', '--', 'read line; echo "got:$line"');
		await waitFor(async () => (await task(reader)).status === 'Running', {what: 'reader running'});
		ok(await spool('send', String(reader), 'hello', 'there'));
		ok(await spool('wait', String(reader)));
		expect(ok(await spool('log', String(reader)))).toContain('got:hello there');
		const late = await spool('send', String(reader), 'again');
		expect(late.code).toBe(1);
		expect(late.stderr).toMatch(/is not running, so it cannot take input \[invalid_state\]/);

		const stashed = await addId('-s', '--', 'echo "$GREETING"');
		ok(await spool('env', 'set', String(stashed), 'GREETING', 'hi', 'all'));
		ok(await spool('enqueue', String(stashed)));
		ok(await spool('wait', String(stashed)));
		expect(ok(await spool('log', String(stashed)))).toBe('hi all\n');

		const again = ok(await spool('restart', String(stashed), '-i'));
		expect(again).toBe(`Restarted task ${stashed} in place.\n`);
		ok(await spool('wait', String(stashed)));

		expect(ok(await spool('parallel', '3', '-g', 'build'))).toBe('Group "build" now runs 3 tasks at once.\n');
		const cleaned = ok(await spool('clean', '-s'));
		expect(cleaned).toMatch(/^Removed tasks? /);
		const afterClean = json(await spool('status', '--json')) as {tasks: Array<{result: string | null}>};
		expect(afterClean.tasks.every((entry) => entry.result !== 'Success')).toBe(true);
	});

	it('refuses bad input with clear messages and exit code 2, and unknown ids with 1', async () => {
		const unknownCommand = await spool('frobnicate');
		expect(unknownCommand.code).toBe(2);
		const unknownFlag = await spool('add', '--frobnicate', '--', 'true');
		expect(unknownFlag.code).toBe(2);
		expect(unknownFlag.stderr).toMatch(/frobnicate/);
		const badDelay = await spool('add', '-d', 'next tuesday-ish', '--', 'true');
		expect(badDelay.code).toBe(2);
		expect(badDelay.stderr).toMatch(/write a delay \(30s, 10m, 2h30m, 1d\)/);
		const badId = await spool('kill', 'seven');
		expect(badId.code).toBe(2);
		expect(badId.stderr).toMatch(/invalid task id "seven"/);
		const missing = await spool('remove', '99999');
		expect(missing.code).toBe(1);
		expect(missing.stderr).toBe('spool: no task 99999; `spool status` lists the tasks [not_found]\n');
		const noGroup = await spool('kill', '-g', 'nope');
		expect(noGroup.code).toBe(1);
		expect(noGroup.stderr).toMatch(/no group "nope"/);
	});

	it('resets everything with --force', async () => {
		await addId('--', 'sleep 30');
		const reset = ok(await spool('reset', '--force'));
		expect(reset).toMatch(/^Reset: removed /);
		expect((json(await spool('status', '--json')) as {tasks: unknown[]}).tasks).toEqual([]);
	});
});

describe('daemon lifecycle from the CLI', () => {
	it('refuses to auto-start with --no-autostart, then starts with --detach and stops with shutdown', async () => {
		const cold = makeTempHome();
		try {
			const refused = await runSpool(['status', '--home', cold.home, '--no-autostart']);
			expect(refused.code).toBe(3);
			expect(refused.stderr).toMatch(/no daemon answers at .*spool\.sock: start one with `spool daemon --detach` \(autostart is off\)/);
			expect(existsSync(path.join(cold.home, 'spool.pid'))).toBe(false);

			const detached = await runSpool(['daemon', '--detach', '--home', cold.home]);
			expect(detached.code).toBe(0);
			expect(detached.stdout).toMatch(/started in the background \(pid (\d+)\)/);
			const pid = Number(readFileSync(path.join(cold.home, 'spool.pid'), 'utf8'));
			expect((await runSpool(['ping', '--home', cold.home, '--no-autostart'])).code).toBe(0);
			const twice = await runSpool(['daemon', '--detach', '--home', cold.home]);
			expect(twice.code).toBe(1);
			expect(twice.stderr).toContain(`already runs`);

			expect(ok(await runSpool(['shutdown', '--home', cold.home]))).toBe('The daemon stopped.\n');
			// "Stopped" means the process is gone, so `spool shutdown && rm -rf HOME` is safe.
			expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({code: 'ESRCH'}));
			const after = await runSpool(['shutdown', '--home', cold.home]);
			expect(after.code).toBe(3);
		} finally {
			cold.cleanup();
		}
	});

	it('prints a systemd unit', async () => {
		const unit = ok(await runSpool(['daemon', '--print-systemd-unit', '--home', '/srv/spool']));
		expect(unit).toContain('ExecStart=');
		expect(unit).toContain('daemon --home /srv/spool');
		expect(unit).toContain('WantedBy=default.target');
		expect(ok(await runSpool(['daemon', '--print-systemd-unit', 'system']))).toContain('WantedBy=multi-user.target');
	});

	it('reports an unreachable TLS daemon with exit code 3', async () => {
		const cold = makeTempHome();
		try {
			const secret = path.join(cold.home, 'secret');
			writeFileSync(secret, 'c'.repeat(64), {mode: 0o600});
			const result = await runSpool(['status', '--connect', '127.0.0.1:1', '--fingerprint', 'AA'.repeat(32), '--secret-file', secret]);
			expect(result.code).toBe(3);
			expect(result.stderr).toMatch(/no daemon answers at 127\.0\.0\.1:1/);
			// Without a secret the message names the secret, not the address.
			const noSecret = await runSpool(['status', '--home', path.join(cold.home, 'empty'), '--connect', '127.0.0.1:1', '--fingerprint', 'AA'.repeat(32)]);
			expect(noSecret.stderr).toMatch(/secret file .* does not exist/);
			const badPin = await runSpool(['status', '--connect', '127.0.0.1:1', '--fingerprint', 'AA:BB']);
			expect(badPin.code).toBe(2);
			expect(badPin.stderr).toMatch(/invalid fingerprint/);
		} finally {
			cold.cleanup();
		}
	});

	it('adds a batch from stdin over one connection', async () => {
		const batch = makeTempHome();
		try {
			const result = await runSpool(['add', '--stdin', '--home', batch.home, '-s'], {input: 'echo 1\necho 2\n\necho 3\n'});
			expect(result.code).toBe(0);
			expect(result.stdout).toBe('1\n2\n3\n');
			const file = path.join(batch.home, 'commands.txt');
			writeFileSync(file, 'true\ntrue\n');
			expect((await runSpool(['add', '--from', file, '--home', batch.home, '--json'])).stdout).toContain('"ids"');
			await runSpool(['shutdown', '--home', batch.home]);
		} finally {
			batch.cleanup();
		}
	});
});
