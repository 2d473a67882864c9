// daemon.socket_mode: the Unix socket's permissions, checked when the config is read.
import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cleanupsPerTest} from '../helpers/e2e-homes.js';
import {runSpool, startSpoolDaemon} from '../helpers/spool-bin.js';

const {defer, tempHome} = cleanupsPerTest();

const mode = (file: string) => statSync(file).mode & 0o777;

function writeConfig(dir: string, daemon: Record<string, unknown>): void {
	mkdirSync(dir, {recursive: true});
	writeFileSync(path.join(dir, 'config.json'), JSON.stringify({daemon}));
}

describe('daemon.socket_mode', () => {
	it('sets the socket to the mode given; with --home the home stays 0700', async () => {
		const home = tempHome();
		writeConfig(home, {socket_mode: '0660'});
		const daemon = await startSpoolDaemon(['--home', home]);
		defer(() => daemon.stop());
		expect(mode(path.join(home, 'spool.sock'))).toBe(0o660);
		// The home holds the database too: it is never opened to the group.
		expect(mode(home)).toBe(0o700);
		expect(readFileSync(path.join(home, 'daemon.log'), 'utf8')).toMatch(/daemon\.socket_mode is 0660, but .* stays 0700 as it holds the database/);
		expect((await runSpool(['ping', '--home', home])).code).toBe(0);
	});

	it('in the XDG layout, opens the runtime directory to the classes the socket lets in (search only)', async () => {
		const root = tempHome();
		const env = {SPOOL_HOME: '', XDG_RUNTIME_DIR: path.join(root, 'run'), XDG_DATA_HOME: path.join(root, 'data'), XDG_CONFIG_HOME: path.join(root, 'config')};
		mkdirSync(env.XDG_RUNTIME_DIR, {mode: 0o700});
		writeConfig(path.join(env.XDG_CONFIG_HOME, 'spool'), {socket_mode: '0660'});
		const daemon = await startSpoolDaemon([], {env});
		defer(() => daemon.stop());
		expect(mode(path.join(env.XDG_RUNTIME_DIR, 'spool', 'spool.sock'))).toBe(0o660);
		expect(mode(path.join(env.XDG_RUNTIME_DIR, 'spool'))).toBe(0o710);
		expect((await runSpool(['ping'], {env})).code).toBe(0);
	});

	it('keeps 0600 by default', async () => {
		const home = tempHome();
		const daemon = await startSpoolDaemon(['--home', home]);
		defer(() => daemon.stop());
		expect(mode(path.join(home, 'spool.sock'))).toBe(0o600);
	});

	it('refuses a bad value when the config is read, naming the key and what it must be', async () => {
		for (const value of ['0777', '0400', '660x', '1660', 660, '']) {
			const home = tempHome();
			writeConfig(home, {socket_mode: value});
			const result = await runSpool(['daemon', '--home', home]);
			expect(result.code, JSON.stringify(value)).toBe(2);
			expect(result.stderr, JSON.stringify(value)).toMatch(/invalid config file .*config\.json: daemon\.socket_mode: /);
		}

		const home = tempHome();
		writeConfig(home, {socket_mode: '0777'});
		expect((await runSpool(['daemon', '--home', home])).stderr).toMatch(/daemon\.socket_mode: .*no execute bits/);
		writeConfig(home, {socket_mode: '0460'});
		expect((await runSpool(['daemon', '--home', home])).stderr).toMatch(/daemon\.socket_mode: .*the owner .*read and write/);
		writeConfig(home, {socket_mode: 600});
		expect((await runSpool(['daemon', '--home', home])).stderr).toMatch(/daemon\.socket_mode: .*"0600"/);
	});
});
