// One daemon per home, whatever happens to the runtime directory: the lock
// lives beside the database, the socket comes back, and a stale or foreign
// pid file never blocks a start.
import {chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cleanupsPerTest} from '../helpers/e2e-homes.js';
import {runSpool, startSpoolDaemon} from '../helpers/spool-bin.js';
import {waitFor} from '../helpers/wait-for.js';

const {defer, tempHome} = cleanupsPerTest();

async function statusJson(args: string[], env?: NodeJS.ProcessEnv) {
	const result = await runSpool(['status', '--json', ...args], {env});
	expect(result.stderr).toBe('');
	return JSON.parse(result.stdout) as {tasks: Array<{id: number; status: string}>; daemon: {pid: number}};
}

describe('one daemon per home', () => {
	it('refuses a second daemon after the socket and pid file were deleted, and the first one brings its socket back', async () => {
		const home = tempHome();
		const first = await startSpoolDaemon(['--home', home]);
		defer(() => first.stop());
		expect((await runSpool(['add', '--home', home, '--', 'sleep', '60'])).code).toBe(0);
		await waitFor(async () => (await statusJson(['--home', home])).tasks[0]?.status === 'Running', {timeoutMs: 20_000});

		// What logind or a /tmp cleaner does.
		unlinkSync(path.join(home, 'spool.sock'));
		unlinkSync(path.join(home, 'spool.pid'));

		const second = await runSpool(['daemon', '--home', home], {timeoutMs: 30_000});
		expect(second.code).toBe(1);
		expect(second.stderr).toContain(`pid ${first.child.pid}`);
		expect(second.stderr).not.toMatch(/\n\s+at /);

		// The live daemon re-creates its socket; its task never stopped.
		await waitFor(() => existsSync(path.join(home, 'spool.sock')), {timeoutMs: 20_000});
		const status = await statusJson(['--home', home, '--no-autostart']);
		expect(status.daemon.pid).toBe(first.child.pid);
		expect(status.tasks).toEqual([expect.objectContaining({id: 1, status: 'Running'})]);
		expect(existsSync(path.join(home, 'spool.pid'))).toBe(true);
	});

	it('starts although the pid file names an unrelated live process (pid 1 after a reboot)', async () => {
		const home = tempHome();
		writeFileSync(path.join(home, 'spool.pid'), '1\n');
		const daemon = await startSpoolDaemon(['--home', home]);
		defer(() => daemon.stop());
		expect((await runSpool(['ping', '--home', home])).code).toBe(0);
	});
});

const asRoot = process.getuid?.() === 0;
if (!asRoot) console.warn('skipping the runtime-directory squatting test: it needs root to create a directory owned by another user');

describe('a start that fails', () => {
	it('says why in one line, with no stack trace on the terminal or in daemon.log', async () => {
		const home = tempHome();
		// A directory where the socket goes fails the start after the store is open.
		// (A socket path over the Unix limit used to; it is refused before anything now.)
		mkdirSync(path.join(home, 'spool.sock'));
		const result = await runSpool(['daemon', '--home', home]);
		expect(result.code).toBe(1);
		expect(result.stderr).toBe(`spool: the daemon could not start: ${path.join(home, 'spool.sock')} is a directory where spool keeps a file: remove it, or choose another --home\n`);
		const logFile = path.join(home, 'daemon.log');
		const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
		expect(result.stderr + log).not.toMatch(/\n\s+at |is closed/);
	});
});

describe('runtime directory squatting', () => {
	it.skipIf(!asRoot)('does not use a /tmp/spool-<uid> that another user pre-created 0777, and says so in one line', async () => {
		const root = mkdtempSync(path.join(os.tmpdir(), 'spool-sq-'));
		defer(() => rmSync(root, {recursive: true, force: true}));
		const tmp = path.join(root, 'tmp');
		mkdirSync(tmp, {mode: 0o1777});
		const squatted = path.join(tmp, `spool-${process.getuid!()}`);
		mkdirSync(squatted);
		chmodSync(squatted, 0o777);
		chownSync(squatted, 65_534, 65_534);
		const env = {
			TMPDIR: tmp,
			XDG_RUNTIME_DIR: '',
			HOME: root,
			XDG_DATA_HOME: path.join(root, 'data'),
			XDG_CONFIG_HOME: path.join(root, 'config'),
			XDG_STATE_HOME: path.join(root, 'state'),
			XDG_CACHE_HOME: path.join(root, 'cache'),
			SPOOL_HOME: '',
		};
		const daemon = await startSpoolDaemon([], {env});
		defer(() => daemon.stop());
		expect(daemon.stdout()).toContain(path.join(root, 'data', 'spool', 'run', 'spool.sock'));
		const ping = await runSpool(['ping'], {env});
		expect(ping.code).toBe(0);
		expect(readdirSync(squatted)).toEqual([]);
		expect(statSync(squatted).uid).toBe(65_534);
		const log = readFileSync(path.join(root, 'data', 'spool', 'daemon.log'), 'utf8');
		expect(log.split('\n').filter((line) => line.includes(`${squatted} belongs to another user`))).toHaveLength(1);
	});
});
