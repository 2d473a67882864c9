// `spool worker`'s command line: what it refuses before connecting, and the
// systemd unit it prints.
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runSpool} from '../helpers/spool-bin.js';
import {makeTempHome} from '../helpers/temp-home.js';

const {home, cleanup} = makeTempHome();
const secretFile = path.join(home, 'secret');
writeFileSync(secretFile, `${'ab'.repeat(32)}\n`, {mode: 0o600});
const fingerprint = Array.from({length: 32}, () => 'AB').join(':');
afterAll(cleanup);

const worker = async (args: string[]) => runSpool(['worker', '--home', home, ...args]);

describe('spool worker', () => {
	it.each([
		['no address', [], /--connect HOST:PORT/],
		['no pinned certificate', ['--connect', '127.0.0.1:1'], /must be pinned/],
		['a bad fingerprint', ['--connect', '127.0.0.1:1', '--fingerprint', 'AB'], /invalid fingerprint/],
		['a bad address', ['--connect', 'nowhere', '--fingerprint', fingerprint], /invalid address/],
		['the name local', ['--connect', '127.0.0.1:1', '--fingerprint', fingerprint, '--name', 'local'], /daemon's own slots/],
		['a bad name', ['--connect', '127.0.0.1:1', '--fingerprint', fingerprint, '--name', 'a b'], /invalid worker name/],
		['zero slots', ['--connect', '127.0.0.1:1', '--fingerprint', fingerprint, '--slots', '0'], /--slots/],
	])('refuses %s with exit 2', async (_what, args, message) => {
		const result = await worker(args);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(message);
	});

	it('refuses a secret file others can read', async () => {
		const open = path.join(home, 'open-secret');
		writeFileSync(open, `${'cd'.repeat(32)}\n`);
		chmodSync(open, 0o644);
		const result = await worker(['--connect', '127.0.0.1:1', '--fingerprint', fingerprint, '--secret-file', open]);
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/chmod 600/);
	});

	it('prints a systemd unit with its settings spelled out', async () => {
		const result = await worker([
			'--connect',
			'10.0.0.5:6925',
			'--fingerprint',
			fingerprint.replaceAll(':', '').toLowerCase(),
			'--name',
			'gpu-1',
			'--slots',
			'8',
			'--groups',
			'default,gpu',
			'--on-stop',
			'kill',
			'--print-systemd-unit',
			'system',
		]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^# \/etc\/systemd\/system\/spool-worker\.service/);
		expect(result.stdout).toContain(
			` worker --home ${home} --connect 10.0.0.5:6925 --fingerprint ${fingerprint} --secret-file ${secretFile} --name gpu-1 --slots 8 --groups default,gpu --on-stop kill\n`,
		);
		expect(result.stdout).toMatch(/^KillMode=mixed$/m);
		expect(result.stdout).toMatch(/^WantedBy=multi-user\.target$/m);
	});
});
