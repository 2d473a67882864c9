// The real bin/spool.js: starting the daemon, reaching it, refusing what it must.
import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cleanupsPerTest} from '../helpers/e2e-homes.js';
import {runSpool, spoolBin, startSpoolDaemon} from '../helpers/spool-bin.js';

const {defer, tempHome} = cleanupsPerTest();

describe('spool daemon (real binary)', () => {
	it('answers ping over the Unix socket and over TLS with a pinned certificate', async () => {
		const home = tempHome();
		const daemon = await startSpoolDaemon(['--home', home, '--listen', '127.0.0.1:0']);
		defer(() => daemon.stop());

		const local = await runSpool(['ping', '--home', home]);
		expect(local.stderr).toBe('');
		expect(local.stdout).toMatch(/spool daemon \d+\.\d+\.\d+ answered/);
		expect(local.code).toBe(0);

		const [, address, fingerprint] = /listening tls (\S+) fingerprint (\S+)/.exec(daemon.stdout())!;
		const byFingerprint = await runSpool(['ping', '--home', home, '--connect', address!, '--fingerprint', fingerprint!, '--json']);
		expect(byFingerprint.code).toBe(0);
		expect(JSON.parse(byFingerprint.stdout)).toMatchObject({version: expect.any(String)});

		const byCert = await runSpool(['ping', '--home', home, '--connect', address!, '--cert', path.join(home, 'tls', 'cert.pem')]);
		expect(byCert.code).toBe(0);

		const wrongPin = await runSpool(['ping', '--home', home, '--connect', address!, '--fingerprint', 'AA'.repeat(32)]);
		expect(wrongPin.code).toBe(3);
		expect(wrongPin.stderr).toMatch(/not the pinned/);

		expect(await daemon.stop()).toBe(0);
	});

	it('refuses to start with a secret file readable by others, naming the file and the fix', async () => {
		const home = tempHome();
		const secret = path.join(home, 'secret');
		writeFileSync(secret, `${'a'.repeat(64)}\n`);
		chmodSync(secret, 0o644);
		const result = await runSpool(['daemon', '--home', home]);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain(secret);
		expect(result.stderr).toContain('0644');
		expect(result.stderr).toContain(`chmod 600 ${secret}`);
	});

	it('creates a 0600 secret with 32 random bytes on first start', async () => {
		const {readFileSync, statSync} = await import('node:fs');
		const home = tempHome();
		const daemon = await startSpoolDaemon(['--home', home]);
		defer(() => daemon.stop());
		const file = path.join(home, 'secret');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
		expect(statSync(path.join(home, 'spool.sock')).mode & 0o777).toBe(0o600);
		expect(statSync(home).mode & 0o777).toBe(0o700);
	});

	it('refuses a second daemon on the same home, saying which pid runs', async () => {
		const home = tempHome();
		const first = await startSpoolDaemon(['--home', home]);
		defer(() => first.stop());
		const second = await runSpool(['daemon', '--home', home]);
		expect(second.code).toBe(1);
		expect(second.stderr).toContain(`pid ${first.child.pid}`);
		expect((await runSpool(['ping', '--home', home])).code).toBe(0);
	});

	it('replaces a stale socket left by a daemon killed with SIGKILL', async () => {
		const home = tempHome();
		const first = await startSpoolDaemon(['--home', home]);
		first.child.kill('SIGKILL');
		await first.stop();
		const second = await startSpoolDaemon(['--home', home]);
		defer(() => second.stop());
		expect((await runSpool(['ping', '--home', home])).code).toBe(0);
	});

	it('says clearly when no daemon answers', async () => {
		const home = tempHome();
		mkdirSync(home, {recursive: true});
		writeFileSync(path.join(home, 'secret'), 'b'.repeat(64), {mode: 0o600});
		const result = await runSpool(['ping', '--home', home, '--no-autostart']);
		expect(result.code).toBe(3);
		expect(result.stderr).toMatch(/no daemon answers at .*spool\.sock/);
	});

	it('names the file and the key of an invalid config file', async () => {
		const home = tempHome();
		writeFileSync(path.join(home, 'config.json'), JSON.stringify({daemon: {shell: 42}}));
		const result = await runSpool(['daemon', '--home', home]);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(path.join(home, 'config.json'));
		expect(result.stderr).toContain('daemon.shell');

		writeFileSync(path.join(home, 'config.json'), JSON.stringify({daemon: {nonsense: true}}));
		const unknown = await runSpool(['daemon', '--home', home]);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('daemon.nonsense');
	});

	it('refuses a corrupt database and one from a newer spool, leaving them untouched', async () => {
		const {readFileSync} = await import('node:fs');
		const home = tempHome();
		const database = path.join(home, 'spool.db');
		writeFileSync(database, 'this is not a database'.repeat(300));
		const before = readFileSync(database);
		const corrupt = await runSpool(['daemon', '--home', home]);
		expect(corrupt.code).toBe(1);
		expect(corrupt.stderr).toContain(database);
		expect(corrupt.stderr).toMatch(/not a valid spool database/);
		expect(readFileSync(database).equals(before)).toBe(true);

		const Database = (await import('better-sqlite3')).default;
		const newer = path.join(tempHome(), 'spool.db');
		const db = new Database(newer);
		db.pragma(`application_id = ${0x73_70_6f_6f}`);
		db.pragma('user_version = 999');
		db.close();
		const refused = await runSpool(['daemon', '--home', path.dirname(newer)]);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/newer spool/);
	});

	it('says clearly when the home is not writable, and what to do', async () => {
		const {spawnSync} = await import('node:child_process');
		const home = tempHome();
		chmodSync(home, 0o755); // nobody must reach it
		const target = path.join(home, 'locked');
		mkdirSync(target, {mode: 0o555});
		chmodSync(target, 0o555);
		// Root writes anywhere: run the daemon as nobody there, as a normal user directly.
		const asRoot = process.getuid?.() === 0;
		const args = [spoolBin, 'daemon', '--home', path.join(target, 'sub')];
		const result = asRoot
			? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], {encoding: 'utf8'})
			: spawnSync(process.execPath, args, {encoding: 'utf8'});
		expect(result.status).toBe(2);
		expect(result.stderr).toBe(`spool: cannot create ${path.join(target, 'sub')}: no permission to write ${target}; choose a home you can write to (--home DIR) or fix the permissions of ${target}\n`);
	});

	it('rejects unknown flags and commands with exit code 2', async () => {
		expect((await runSpool(['ping', '--frobnicate'])).code).toBe(2);
		const unknown = await runSpool(['frobnicate']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
	});
});
