// The everyday CLI through the real bin/spool.js: what you type after
// `spool add` is what runs (as in pueue), unknown options and commands are
// named with a "did you mean", --help anywhere only shows help, and a closed
// pipe ends the output quietly.
import {spawn} from 'node:child_process';
import {beforeAll, describe, expect, it} from 'vitest';
import {sharedHomePerFile} from '../helpers/e2e-homes.js';
import {spoolBin} from '../helpers/spool-bin.js';
import {waitFor} from '../helpers/wait-for.js';

const {home, spool} = sharedHomePerFile();
beforeAll(async () => {
	// The first command starts the daemon and says so on stderr; the tests want a quiet one.
	expect((await spool('ping')).code).toBe(0);
});

async function addedCommand(...args: string[]): Promise<string> {
	const added = await spool('add', '--stashed', '--json', ...args);
	expect(added.stderr).toBe('');
	expect(added.code).toBe(0);
	return (JSON.parse(added.stdout) as {command: string}).command;
}

/** Runs `spool … | reader` in sh; returns spool's stderr and exit status (pipefail). */
function throughPipe(spoolArgs: string, reader: string): Promise<{stderr: string; code: number | null; stdout: string}> {
	return new Promise((resolve) => {
		const script = `set -o pipefail 2>/dev/null; "${process.execPath}" "${spoolBin}" --home "${home()}" ${spoolArgs} 2>"$ERR" | ${reader}; echo "status=$?" >&2; cat "$ERR" >&2`;
		const child = spawn('bash', ['-c', script], {env: {...process.env, NO_COLOR: '1', ERR: `${home()}/pipe-stderr`}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('close', (code) => resolve({stderr, code, stdout}));
	});
}

describe('spool add: everything from the first word that is not an option is the command', () => {
	it.each([
		[['ls', '-la'], 'ls -la'],
		[['grep', '-i', 'foo', 'f'], 'grep -i foo f'],
		[['make', '-j4'], 'make -j4'],
		[['python3', 'train.py', '--epochs', '3', '-v'], 'python3 train.py --epochs 3 -v'],
		[['-l', 'x', '--', 'echo', 'hi'], 'echo hi'],
		[['--', '-weird-name'], '-weird-name'],
		[['-g', 'default', '-o', '-5', 'echo', '--help'], 'echo --help'],
		[['echo', '--', 'x'], 'echo -- x'],
	])('add %j queues %j', async (args, expected) => {
		expect(await addedCommand(...args)).toBe(expected);
	});

	it('keeps the options before the command (label, priority)', async () => {
		const added = await spool('add', '-s', '-l', 'nightly', '-o', '-5', '--json', 'ls', '-l');
		expect(JSON.parse(added.stdout)).toMatchObject({command: 'ls -l', label: 'nightly', priority: -5});
	});
});

describe('usage errors', () => {
	it('names an unknown option, the command and where the help is; exit 2; nothing queued', async () => {
		const ids = async () => (JSON.parse((await spool('status', '--json')).stdout) as {tasks: Array<{id: number}>}).tasks.map((task) => task.id);
		const before = await ids();
		const result = await spool('add', '--bogus', 'ls');
		expect(result.stderr).toBe(`spool: unknown option --bogus for "add"; see 'spool add --help'\n`);
		expect(result.code).toBe(2);
		expect(await ids()).toEqual(before);
	});

	it('suggests the option that was probably meant', async () => {
		const result = await spool('kill', '--singal', 'TERM', '1');
		expect(result.stderr).toContain('unknown option --singal for "kill" (did you mean --signal?)');
		expect(result.code).toBe(2);
	});

	it('says a value is missing (add -g at the end, or before another option)', async () => {
		for (const args of [
			['add', '-g'],
			['add', '-g', '-s', 'ls'],
		]) {
			const result = await spool(...args);
			expect(result.stderr).toBe(`spool: -g needs a value (NAME); see 'spool add --help'\n`);
			expect(result.code).toBe(2);
		}
	});

	it('refuses an option given twice that takes one value, wherever it stands', async () => {
		const result = await spool('status', '--home', '/tmp/elsewhere');
		expect(result.stderr).toMatch(/^spool: --home is given twice \(.+, then \/tmp\/elsewhere\); give it once\n$/);
		expect(result.code).toBe(2);
	});

	it('refuses a number that is not one', async () => {
		const result = await spool('add', '-o', 'high', 'ls');
		expect(result.stderr).toBe('spool: -o takes a whole number, not "high"\n');
		expect(result.code).toBe(2);
	});

	it('refuses words a command does not take, before it does anything (reset build would have reset every group)', async () => {
		const kept = await addedCommand('--', 'true');
		expect(kept).toBe('true');
		const reset = await spool('reset', 'build', '--force');
		expect(reset.stderr).toBe('spool: reset takes no arguments, not "build" (for a group: -g build); see \'spool reset --help\'\n');
		expect(reset.code).toBe(2);
		for (const args of [
			['clean', 'foo'],
			['shutdown', 'extra'],
			['ping', 'extra'],
			['workers', 'extra'],
		]) {
			const result = await spool(...args);
			expect(result.stderr, args.join(' ')).toMatch(new RegExp(`^spool: ${args[0]} takes no arguments, not "${args[1]}"`));
			expect(result.code, args.join(' ')).toBe(2);
		}

		expect((await spool('status', '--json')).stdout).toContain('"command": "true"');
	});

	it('refuses options that contradict each other: add -s -i, -i -d', async () => {
		for (const args of [['-s', '-i'], ['-si'], ['-i', '-d', '1h']]) {
			const result = await spool('add', ...args, 'echo', 'b');
			expect(result.stderr, args.join(' ')).toMatch(/^spool: --immediate and --(stashed|delay) contradict each other/);
			expect(result.code, args.join(' ')).toBe(2);
		}
	});

	it('checks a signal before sending it: names and numbers as kill(1) takes them', async () => {
		const bogus = await spool('kill', '-s', 'BOGUS', '1');
		expect(bogus.stderr).toMatch(/^spool: unknown signal "BOGUS"; use a name such as TERM, INT, KILL or HUP, or its number/);
		expect(bogus.code).toBe(2);
		const sleeper = await spool('add', '-p', '-i', '--', 'sleep 30');
		const id = sleeper.stdout.trim();
		await waitFor(async () => (await spool('status', '--json', id)).stdout.includes('"status": "Running"'), {what: 'the sleeper to run'});
		const nine = await spool('kill', '-s', '9', id);
		expect(nine.stderr).toBe('');
		expect(nine.code).toBe(0);
		await waitFor(async () => (await spool('status', '--json', id)).stdout.includes('"signal": "SIGKILL"'), {what: 'the sleeper to end by SIGKILL'});
	});

	it('says an unknown task the same way everywhere: exit 1 and [not_found]', async () => {
		const result = await spool('restart', '--edit', '999');
		expect(result.stderr).toMatch(/^spool: no task 999.*\[not_found\]\n$/);
		expect(result.code).toBe(1);
	});

	it('edit --command takes one word: the error says to quote it', async () => {
		const id = (await spool('add', '-p', '-s', '--', 'true')).stdout.trim();
		const result = await spool('edit', id, '--command', 'ls', '-la');
		expect(result.stderr).toMatch(/unknown option -l for "edit"; if -la belongs to --command, quote the whole value: --command 'ls -la'; see/);
		expect(result.code).toBe(2);
	});

	it('answers an unknown command with "did you mean"', async () => {
		const result = await spool('statsu');
		expect(result.stderr).toBe('spool: unknown command "statsu" (did you mean status?); run `spool --help` for the list\n');
		expect(result.code).toBe(2);
		expect((await spool('xyzzy')).stderr).toBe('spool: unknown command "xyzzy"; run `spool --help` for the list\n');
	});
});

describe('help', () => {
	it('spool help add is spool add --help', async () => {
		const viaHelp = await spool('help', 'add');
		const viaFlag = await spool('add', '--help');
		expect(viaHelp.code).toBe(0);
		expect(viaHelp.stdout).toBe(viaFlag.stdout);
		expect(viaHelp.stdout).toContain('spool add [options] <command...>');
		expect(viaHelp.stdout).toContain('-g, --group NAME');
		expect((await spool('help')).stdout).toContain('Queue');
		expect((await spool('help', 'statsu')).stderr).toContain('did you mean status?');
	});

	it('--help anywhere shows help and does nothing else', async () => {
		for (const args of [
			['pause', '--help'],
			['pause', '-g', 'default', '-h'],
			['add', '-s', '--help', 'ls'],
			['reset', '--force', '--help'],
			['kill', '--all', '--help'],
		]) {
			const result = await spool(...args);
			expect(result.code, args.join(' ')).toBe(0);
			expect(result.stdout).toContain(`spool ${args[0]}`);
		}

		const {groups} = JSON.parse((await spool('group', '--json')).stdout) as {groups: Array<{name: string; status: string}>};
		expect(groups.find((group) => group.name === 'default')?.status).toBe('Running');
		// The add with --help before its command queued nothing.
		const listed = JSON.parse((await spool('status', '--json')).stdout) as {tasks: Array<{command: string}>};
		expect(listed.tasks.filter((task) => task.command === 'ls').length).toBe(0);
	});

	it('lists each command once, from its definition', async () => {
		const result = await spool('--help');
		for (const name of ['add', 'status', 'completions', 'help']) expect(result.stdout).toMatch(new RegExp(`^ {4}${name} `, 'm'));
	});
});

describe('a closed pipe ends the output quietly', () => {
	it('status | head -1, log | head, follow | head, completions fish | head -1', async () => {
		const added = await spool('add', '--print-task-id', 'seq', '1', '200000');
		const id = added.stdout.trim();
		await waitFor(async () => JSON.parse((await spool('status', '--json')).stdout).tasks.find((task: {id: number; status: string}) => String(task.id) === id)?.status === 'Done', {
			timeoutMs: 60_000,
		});
		for (let index = 0; index < 40; index++) await spool('add', '-s', 'echo', String(index));
		for (const [args, reader] of [
			['status', 'head -1'],
			[`log ${id}`, 'head -2'],
			[`follow ${id}`, 'head -2'],
			['completions fish', 'head -1'],
		] as const) {
			const result = await throughPipe(args, reader);
			expect(result.stderr, args).toBe('status=0\n');
			expect(result.stdout.length, args).toBeGreaterThan(0);
		}
	}, 120_000);
});
