// Input refused when it is given, not later: a working directory that is not
// there, a variable name no shell accepts, a flag without its value, a home
// spool cannot live in, a config file with a key the UI does not know. Each
// through the real bin/spool.js: one line saying what is wrong and what to
// do, the documented exit code, never a stack trace, never a hang.
import {execFileSync} from 'node:child_process';
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import pty from 'node-pty';
import {beforeAll, describe, expect, it} from 'vitest';
import {connect} from '../../source/client/client.js';
import {readSecretFile} from '../../source/protocol/secret.js';
import {cleanupsPerTest, sharedHomePerFile} from '../helpers/e2e-homes.js';
import {type RunResult, runSpool, spoolBin} from '../helpers/spool-bin.js';

const shared = sharedHomePerFile();
const spool = shared.spool;
const {defer, tempHome} = cleanupsPerTest();
let home = '';
beforeAll(async () => {
	home = shared.home();
	expect((await spool('ping')).code).toBe(0);
});

/** A refusal: the exit code, and on stderr exactly one line, no stack trace, matching every pattern. */
function refused(result: RunResult, code: number, ...patterns: RegExp[]): string {
	const context = `exit ${result.code}, stderr: ${JSON.stringify(result.stderr)}`;
	expect(result.code, context).toBe(code);
	expect(result.stderr, context).toMatch(/^spool: [^\n]+\n$/);
	expect(result.stderr, context).not.toMatch(/\n\s+at /);
	for (const pattern of patterns) expect(result.stderr, context).toMatch(pattern);
	return result.stderr;
}

const tasks = async () => (JSON.parse((await spool('status', '--json')).stdout) as {tasks: Array<{id: number; cwd: string}>}).tasks;

/** A home path that cannot hang a test: a busy loop fails it after 15 s instead of the suite's minute. */
const quick = {timeoutMs: 15_000};

describe('a working directory that is not there', () => {
	it('is refused by add, naming the directory, and nothing is queued', async () => {
		const before = (await tasks()).length;
		refused(await spool('add', '-w', '/nonexistent/dir', '--', 'true'), 2, /\/nonexistent\/dir does not exist/, /remote worker/);
		const file = path.join(home, 'a-file');
		writeFileSync(file, '');
		refused(await spool('add', '-w', file, '--', 'true'), 2, new RegExp(`${file} is not a directory`));
		refused(await runSpool(['--home', home, 'add', '-w', '/nonexistent/dir', '--stdin'], {input: 'true\nfalse\n'}), 2, /\/nonexistent\/dir does not exist/);
		expect(await tasks()).toHaveLength(before);
	});

	it('is refused by edit --cwd, and the task keeps its directory', async () => {
		const id = (await spool('add', '-p', '-s', '-w', '/tmp', '--', 'true')).stdout.trim();
		refused(await spool('edit', id, '--cwd', '/nonexistent/dir'), 2, /\/nonexistent\/dir does not exist/);
		expect((await tasks()).find((task) => String(task.id) === id)?.cwd).toBe('/tmp');
	});

	it('is left to the remote workers by a coordinator (daemon.local_tasks false)', async () => {
		const coordinator = tempHome();
		writeFileSync(path.join(coordinator, 'config.json'), JSON.stringify({daemon: {local_tasks: false}}));
		defer(() => runSpool(['shutdown', '--home', coordinator]));
		const added = await runSpool(['add', '--home', coordinator, '-w', '/only/on/the/workers', '--', 'true']);
		expect(added.stdout).toBe('New task added (id 1).\n');
		expect(added.code).toBe(0);
	});
});

describe('environment variables', () => {
	it('refuses a name no shell accepts, and says when unset finds nothing to remove', async () => {
		const id = (await spool('add', '-p', '-s', '--', 'true')).stdout.trim();
		refused(await spool('env', 'set', id, 'BAD KEY', 'x'), 2, /"BAD KEY" is not a variable name/);
		refused(await spool('env', 'set', id, '1X', 'x'), 2, /"1X" is not a variable name/);
		expect((await spool('env', 'set', id, 'GOOD_KEY_1', 'x')).code).toBe(0);
		expect((await spool('env', 'unset', id, 'GOOD_KEY_1')).code).toBe(0);
		refused(await spool('env', 'unset', id, 'GOOD_KEY_1'), 1, new RegExp(`task ${id} has no variable GOOD_KEY_1`), /\[not_found\]/);
	});

	it('is checked by the daemon too: a raw client gets bad_request and not_found (and bad_cwd for a missing directory)', async () => {
		const id = Number((await spool('add', '-p', '-s', '--', 'true')).stdout.trim());
		const client = await connect({endpoint: {kind: 'unix', path: path.join(home, 'spool.sock')}, secret: readSecretFile(path.join(home, 'secret'))});
		defer(() => client.close());
		await expect(client.requestUnchecked({type: 'EnvSet', task: id, key: 'BAD KEY', value: 'x'})).rejects.toMatchObject({
			code: 'bad_request',
			message: expect.stringMatching(/^EnvSet: key: must be a variable name/),
		});
		await expect(client.requestUnchecked({type: 'EnvSet', task: id, key: 'OK', value: 'a\0b'})).rejects.toMatchObject({code: 'bad_request'});
		await expect(client.requestUnchecked({type: 'EnvUnset', task: id, key: 'NOPE'})).rejects.toMatchObject({code: 'not_found'});
		await expect(client.requestUnchecked({type: 'Add', command: 'true', cwd: '/nonexistent/dir', env: {}})).rejects.toMatchObject({code: 'bad_cwd'});
	});
});

describe('a group name no group may have', () => {
	it('is a usage error before anything is sent', async () => {
		for (const name of ['', 'two words', 'a/b']) refused(await spool('group', 'add', name), 2, /invalid group name .*: use 1-64 letters, digits/);
	});
});

describe('a flag without its value', () => {
	it('is a usage error, whatever follows it', async () => {
		const before = (await tasks()).length;
		refused(await spool('add', '-g'), 2, /-g needs a value \(NAME\)/);
		refused(await spool('add', '-g', '--', 'true'), 2, /-g needs a value/);
		refused(await spool('add', '-g', '-s', '--', 'true'), 2, /-g needs a value/);
		refused(await spool('add', '--cwd', '--', 'true'), 2, /--cwd needs a value/);
		expect(await tasks()).toHaveLength(before);
		// A value given as an empty word is a value, and so is a negative number.
		const id = (await spool('add', '-p', '-s', '-l', 'x', '-o', '-5', '--', 'true')).stdout.trim();
		expect((await spool('edit', id, '--label', '')).code).toBe(0);
	});
});

describe('a home spool cannot live in', () => {
	/** `spool daemon` in the foreground and a command that would start one, on the same home. */
	async function bothRefuse(badHome: string, ...patterns: RegExp[]): Promise<void> {
		refused(await runSpool(['daemon', '--home', badHome], quick), 2, ...patterns);
		refused(await runSpool(['status', '--home', badHome], quick), 2, ...patterns);
	}

	it('too long for a Unix socket: refused before anything is created', async () => {
		const parent = tempHome();
		const long = path.join(parent, 'x'.repeat(120));
		await bothRefuse(long, /too long for a Unix socket/, /shorter --home/);
		expect(readdirSync(parent)).toEqual([]);
		refused(await runSpool(['status', '--home', long, '--no-autostart'], quick), 2, /too long for a Unix socket/);
	});

	it('a file, not a directory', async () => {
		const file = path.join(tempHome(), 'file');
		writeFileSync(file, '');
		await bothRefuse(file, new RegExp(`${file} is a file, not a directory`), /--home/);
		await bothRefuse(path.join(file, 'sub'), new RegExp(`${file} is a file, not a directory`));
	});

	it('in /proc, where no directory can be made (once a busy loop)', async () => {
		await bothRefuse('/proc/spool-home', /cannot create \/proc\/spool-home/, /choose another --home/);
	});

	it('a daemon that refuses to start (a corrupt database) is one line from the command that started it', async () => {
		const dir = tempHome();
		writeFileSync(path.join(dir, 'spool.db'), 'not a database'.repeat(100));
		refused(await runSpool(['status', '--home', dir], quick), 3, /^spool: could not start a daemon: \S+spool\.db is not a valid spool database/);
		refused(await runSpool(['daemon', '--detach', '--home', dir], quick), 1, /^spool: the daemon could not start: \S+spool\.db is not a valid spool database/);
		refused(await runSpool(['daemon', '--detach', '--home', '/proc/spool-home'], quick), 2, /cannot create \/proc\/spool-home/);
	});

	it('under a read-only directory, and a read-only home itself', async (context) => {
		const parent = tempHome();
		const locked = path.join(parent, 'locked');
		mkdirSync(locked);
		mkdirSync(path.join(locked, 'home'));
		const reason = makeReadOnly(locked);
		if (reason) {
			process.stderr.write(`skipped the read-only home test: ${reason}\n`);
			context.skip(reason);
		}

		defer(() => {
			execFileSync('chattr', ['-i', locked]);
		});
		await bothRefuse(path.join(locked, 'new'), new RegExp(`cannot create ${locked}/new`), /no permission to write/, /--home/);
		const home = path.join(locked, 'home');
		chattrOrThrow(home);
		defer(() => {
			execFileSync('chattr', ['-i', home]);
		});
		await bothRefuse(home, new RegExp(`no permission to write ${home}`), /--home/);
	});
});

function chattrOrThrow(dir: string): void {
	execFileSync('chattr', ['+i', dir], {stdio: 'pipe'});
}

/**
 * Makes `dir` unwritable even for root (tests run as root, where mode 0555
 * does not bite): the immutable attribute. Returns why it could not, if so.
 */
function makeReadOnly(dir: string): string | undefined {
	if (process.getuid?.() !== 0) {
		execFileSync('chmod', ['0555', dir]);
		return undefined;
	}

	try {
		chattrOrThrow(dir);
		return undefined;
	} catch (error) {
		return `chattr +i ${dir} failed (${(error as Error).message.split('\n')[0]}): the file system or the capabilities do not allow an immutable directory`;
	}
}

describe('a config file with an unknown ui.keys action', () => {
	function badKeysHome(): string {
		const dir = tempHome();
		writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ui: {keys: {bogus: 'x', kill: 'X'}}}));
		defer(() => runSpool(['shutdown', '--home', dir]));
		return dir;
	}

	it('is refused by every command, naming the key and the actions there are', async () => {
		const dir = badKeysHome();
		for (const args of [['status'], ['add', '--', 'true'], ['daemon'], ['ping', '--no-autostart']]) {
			refused(await runSpool(['--home', dir, ...args], quick), 2, /ui\.keys\.bogus: unknown action "bogus"/, /actions: down, up,.* kill,/, /config\.json/);
		}
	});

	it('ends the UI with the message instead of hanging', async () => {
		const dir = badKeysHome();
		const {code, output} = await onPty([spoolBin, '--home', dir]);
		expect(output).toMatch(/ui\.keys\.bogus: unknown action "bogus"/);
		expect(output).not.toMatch(/\n\s+at /);
		expect(code).toBe(2);
	});
});

/** Runs node with `args` on a pty (the UI needs a terminal); rejects if it has not exited within 15 s. */
function onPty(args: string[]): Promise<{code: number; output: string}> {
	return new Promise((resolve, reject) => {
		const child = pty.spawn(process.execPath, args, {cols: 100, rows: 30, env: {...process.env, NO_COLOR: '1'} as Record<string, string>});
		let output = '';
		child.onData((data) => (output += data));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`spool on a pty did not exit within 15 s; it printed ${JSON.stringify(output)}`));
		}, 15_000);
		child.onExit(({exitCode}) => {
			clearTimeout(timer);
			resolve({code: exitCode, output});
		});
	});
}
