// `spool log` through the real bin/spool.js against one daemon: the header a
// terminal gets (and a pipe only with --header), "(last N lines of M)",
// --plain (no escape sequences, \r progress collapsed) and --json.
import {mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {sharedHomePerFile} from '../helpers/e2e-homes.js';
import type {RunResult} from '../helpers/spool-bin.js';
import {spoolOnPty} from '../helpers/spool-on-pty.js';
import {waitFor} from '../helpers/wait-for.js';

const shared = sharedHomePerFile();
const spool = shared.spool;
let home = '';
const onPty = async (...args: string[]) => {
	const result = await spoolOnPty(home, args);
	expect(result.code, result.output).toBe(0);
	return result.output;
};

const ok = (result: RunResult) => {
	expect(result.stderr.replace(/^spool: no daemon was running.*\n/, '')).toBe('');
	expect(result.code).toBe(0);
	return result.stdout;
};

const addId = async (...args: string[]) => Number(ok(await spool('add', '-p', ...args)).trim());
const waitDone = async (...ids: number[]) => ok(await spool('wait', ...ids.map(String)));

const date = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const duration = /^(\d+\.\ds|\d+m\d\ds)$/;

type Header = {box: string[]; rows: Record<string, string>; output: string; body: string};

/** Splits what `log` printed for one task into its box, its "Key: value" rows, the output line and the log. */
function parseHeader(text: string): Header {
	const lines = text.split('\n');
	const box = lines.slice(0, 3);
	const rows: Record<string, string> = {};
	let index = 3;
	for (; index < lines.length && lines[index] !== ''; index++) {
		const match = /^ *([A-Z][a-z]+): (.*)$/.exec(lines[index]!);
		if (!match) throw new Error(`not a header row: ${JSON.stringify(lines[index])} in\n${text}`);
		rows[match[1]!] = match[2]!;
	}

	const output = lines[index + 1] ?? '';
	return {box, rows, output, body: lines.slice(index + 2).join('\n')};
}

beforeAll(() => {
	home = shared.home();
});

describe('spool log on a terminal: the header', () => {
	let id: number;
	let workdir: string;
	beforeAll(async () => {
		workdir = path.join(home, 'work dir');
		mkdirSync(workdir);
		id = await addId('-l', 'nightly build', '-w', workdir, '--', "printf 'one\\ntwo\\n'");
		await waitDone(id);
	});

	it('starts with the id and the result in a box, then command, label, group, path, worker, times and duration', async () => {
		const header = parseHeader(await onPty('log', String(id)));
		const title = `Task ${id}: completed successfully`;
		expect(header.box).toEqual([`┌${'─'.repeat(title.length + 2)}┐`, `│ ${title} │`, `└${'─'.repeat(title.length + 2)}┘`]);
		expect(Object.keys(header.rows)).toEqual(['Command', 'Label', 'Group', 'Path', 'Worker', 'Start', 'End', 'Duration']);
		expect(header.rows).toMatchObject({Command: "printf 'one\\ntwo\\n'", Label: 'nightly build', Group: 'default', Path: workdir, Worker: 'local'});
		expect(header.rows.Start).toMatch(date);
		expect(header.rows.End).toMatch(date);
		expect(header.rows.Duration).toMatch(duration);
		expect(header.output).toBe('output:');
		expect(header.body).toBe('one\ntwo\n');
	});

	it('aligns the keys on the colon', async () => {
		const text = await onPty('log', String(id));
		const colons = text
			.split('\n')
			.slice(3, 11)
			.map((line) => line.indexOf(': '));
		expect(new Set(colons).size).toBe(1);
	});

	it('prints no header to a pipe (the exact bytes), but does with --header; --no-header leaves it out on a terminal', async () => {
		expect(ok(await spool('log', String(id)))).toBe('one\ntwo\n');
		const piped = parseHeader(ok(await spool('log', '--header', String(id))));
		expect(piped.rows.Command).toBe("printf 'one\\ntwo\\n'");
		expect(piped.body).toBe('one\ntwo\n');
		expect(await onPty('log', '--no-header', String(id))).toBe('one\ntwo\n');
	});

	it('says how a task failed: the exit code', async () => {
		const failed = await addId('--', 'echo oops; exit 3');
		await waitDone(failed);
		const header = parseHeader(await onPty('log', String(failed)));
		expect(header.box[1]).toBe(`│ Task ${failed}: failed with exit code 3 │`);
		expect(header.body).toBe('oops\n');
	});

	it('says how a task failed: the signal', async () => {
		const failed = await addId('--', 'kill -SEGV $$');
		await waitDone(failed);
		expect(parseHeader(await onPty('log', String(failed))).box[1]).toBe(`│ Task ${failed}: failed by signal SIGSEGV │`);
	});

	it('names the dependency that failed', async () => {
		const base = await addId('--', 'exit 1');
		const dependant = await addId('-a', String(base), '--', 'echo never');
		await waitDone(base, dependant);
		const header = parseHeader(await onPty('log', String(dependant)));
		expect(header.box[1]).toBe(`│ Task ${dependant}: dependency failed │`);
		expect(header.rows.Reason).toBe(`dependency ${base} ended Failed`);
		expect(header.rows).not.toHaveProperty('Start');
		expect(header.output).toBe('output: (empty)');
	});

	it('says why a task failed to spawn', async () => {
		const gone = path.join(home, 'gone');
		mkdirSync(gone);
		const task = await addId('-s', '-w', gone, '--', 'true');
		rmSync(gone, {recursive: true});
		ok(await spool('enqueue', String(task)));
		await waitDone(task);
		const header = parseHeader(await onPty('log', String(task)));
		expect(header.box[1]).toBe(`│ Task ${task}: failed to spawn │`);
		expect(header.rows.Reason).toMatch(/working directory .*gone.* does not exist/);
	});

	it('says a task was killed, and shows a running one with its time so far', async () => {
		const running = await addId('-i', '--', 'echo started; sleep 30');
		await waitFor(async () => (await spool('log', String(running))).stdout === 'started\n', {what: 'the task to print'});
		const live = parseHeader(await onPty('log', String(running)));
		expect(live.box[1]).toBe(`│ Task ${running}: running │`);
		expect(live.rows).not.toHaveProperty('End');
		expect(live.rows.Duration).toMatch(/^\S+ so far$/);
		ok(await spool('kill', String(running)));
		await waitDone(running);
		const killed = parseHeader(await onPty('log', String(running)));
		expect(killed.box[1]).toMatch(new RegExp(`^│ Task ${running}: killed by spool( \\(SIG[A-Z]+\\))? │$`));
	});

	it('puts a blank line between the tasks of several', async () => {
		const a = await addId('--', 'echo a');
		const b = await addId('--', 'echo b');
		await waitDone(a, b);
		const text = await onPty('log', `${a}-${b}`);
		expect(text).toContain('\na\n\n┌');
		const [first, second] = text.split(/\n(?=┌)/);
		expect(parseHeader(first!).body).toBe('a\n');
		expect(parseHeader(second!).body).toBe('b\n');
	});
});

describe('spool log -n', () => {
	let id: number;
	beforeAll(async () => {
		id = await addId('--', 'seq 1 20');
		await waitDone(id);
	});

	it('says "(last N lines of M)" when lines were cut', async () => {
		const header = parseHeader(await onPty('log', '-n', '5', String(id)));
		expect(header.output).toBe('output: (last 5 lines of 20)');
		expect(header.body).toBe('16\n17\n18\n19\n20\n');
		expect(parseHeader(await onPty('log', '-n', '1', String(id))).output).toBe('output: (last 1 line of 20)');
	});

	it('says nothing when nothing was cut, and counts a last line without a newline', async () => {
		expect(parseHeader(await onPty('log', '-n', '20', String(id))).output).toBe('output:');
		const partial = await addId('--', "printf 'a\\nb\\nc'");
		await waitDone(partial);
		const header = parseHeader(await onPty('log', '-n', '2', String(partial)));
		expect(header.output).toBe('output: (last 2 lines of 3)');
		expect(header.body).toBe('b\nc\n');
	});

	it('cuts several tasks to 15 lines each by default, and says so', async () => {
		const other = await addId('--', 'echo short');
		await waitDone(other);
		const [first, second] = (await onPty('log', String(id), String(other))).split(/\n(?=┌)/);
		expect(parseHeader(first!).output).toBe('output: (last 15 lines of 20)');
		expect(parseHeader(second!).output).toBe('output:');
	});

	it('keeps the pipe output to the bytes of the last N lines', async () => {
		expect(ok(await spool('log', '-n', '2', String(id)))).toBe('19\n20\n');
	});
});

// Colours, a \r progress bar (ending \r\n, as a pty with onlcr writes it), a backspace spinner and an OSC title.
const progressScript = String.raw`printf '\033[1;32mgreen\033[0m text\n'; for p in 10 50 100; do printf '\rprogress %3d%%' $p; done; printf '\r\n'; printf '|\b/\b-\bdone\n\033]0;title\007end\n'`;

describe('spool log --plain', () => {
	let id: number;
	beforeAll(async () => {
		id = await addId('--', progressScript);
		await waitDone(id);
	});

	it('strips escape sequences and collapses progress, to a pipe', async () => {
		expect(ok(await spool('log', '--plain', String(id)))).toBe('green text\nprogress 100%\ndone\nend\n');
	});

	it('does the same on a terminal, under the header', async () => {
		const header = parseHeader(await onPty('log', '--plain', String(id)));
		expect(header.body).toBe('green text\nprogress 100%\ndone\nend\n');
	});

	it('leaves the raw log alone without it', async () => {
		expect(ok(await spool('log', String(id)))).toContain('\u001B[1;32mgreen\u001B[0m text\n\rprogress  10%\rprogress  50%\rprogress 100%\r\n');
	});

	it('cannot be combined with --raw', async () => {
		const result = await spool('log', '--plain', '--raw', String(id));
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/--plain.*--raw/);
	});
});

describe('spool log --json', () => {
	type Entry = {task: Record<string, unknown>; durationMs: number | null; lines: {shown: number; total: number} | null; plain: boolean; output: string};
	const entries = async (...args: string[]) => (JSON.parse(ok(await spool('log', '--json', ...args))) as {tasks: Entry[]}).tasks;
	let progress: number;
	let counted: number;
	beforeAll(async () => {
		progress = await addId('-l', 'bars', '--', progressScript);
		counted = await addId('--', 'seq 1 20');
		await waitDone(progress, counted);
	});

	it('carries the task record with every header field, the duration, and the raw log as text', async () => {
		const [entry] = await entries(String(progress));
		expect(Object.keys(entry!)).toEqual(['task', 'durationMs', 'lines', 'plain', 'output']);
		expect(entry!.task).toMatchObject({
			id: progress,
			command: progressScript,
			label: 'bars',
			group: 'default',
			worker: 'local',
			status: 'Done',
			result: 'Success',
			exitCode: 0,
			signal: null,
			error: null,
		});
		expect(entry!.task.cwd).toEqual(expect.any(String));
		// Times as every --json prints them (docs/cli-json.md): ISO 8601 in UTC, to the millisecond.
		const {startedAt, endedAt} = entry!.task as {startedAt: string; endedAt: string};
		expect(endedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(entry!.durationMs).toBe(Date.parse(endedAt) - Date.parse(startedAt));
		expect(entry!.lines).toBeNull();
		expect(entry!.plain).toBe(false);
		expect(entry!.output).toContain('\u001B[1;32mgreen\u001B[0m text\n\rprogress  10%');
	});

	it('honours --plain', async () => {
		const [entry] = await entries('--plain', String(progress));
		expect(entry!.plain).toBe(true);
		expect(entry!.output).toBe('green text\nprogress 100%\ndone\nend\n');
	});

	it('says how many lines it shows of how many when it cut', async () => {
		const [entry] = await entries('-n', '3', String(counted));
		expect(entry!.lines).toEqual({shown: 3, total: 20});
		expect(entry!.output).toBe('18\n19\n20\n');
		const [whole] = await entries('-n', '30', String(counted));
		expect(whole!.lines).toBeNull();
	});

	it('gives the reason of a dependency failure, and no duration for a task that never ran', async () => {
		const base = await addId('--', 'exit 1');
		const dependant = await addId('-a', String(base), '--', 'true');
		await waitDone(base, dependant);
		const [entry] = await entries(String(dependant));
		expect(entry!.task).toMatchObject({result: 'DependencyFailed', error: `dependency ${base} ended Failed`, startedAt: null});
		expect(entry!.durationMs).toBeNull();
		expect(entry!.output).toBe('');
	});
});

describe('spool log --help', () => {
	it('documents the header, --plain and --json, in printable text', async () => {
		const help = ok(await spool('log', '--help'));
		for (const words of ['-p, --plain', '--header', '--no-header', '(last N lines of M)', 'a line redrawn with \\r or', '"durationMs"']) expect(help).toContain(words);
		expect(help).not.toMatch(/[\u0000-\u0008\u000B-\u001F]/);
	});
});
