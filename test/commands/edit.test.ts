// `spool edit`: the editor file format, and the real binary with flags and with $EDITOR.
import {spawn} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {spoolBin} from '../helpers/spool-bin.js';
import {waitFor} from '../helpers/wait-for.js';
import {wireTask} from '../helpers/wire-task.js';
import {changedFields, editFile, parseEditFile} from '../../source/commands/edit-file.js';
import type {CommandError} from '../../source/commands/exit-codes.js';
import {type SpoolHome, spoolHome} from './spool-home.js';

const task = wireTask(7, {command: 'make build', cwd: '/srv/app'});

/** The edit of task 7 the file holds. */
const parse = (text: string) => parseEditFile(text, [7]).get(7) ?? {};

function refused(text: string, ids = [7]): string {
	try {
		parseEditFile(text, ids);
	} catch (error) {
		expect((error as CommandError).exitCode).toBe(2);
		return (error as CommandError).message;
	}

	throw new Error('expected the file to be refused');
}

describe('the edit file', () => {
	it('round-trips a task, multi-line commands included, and changes nothing when left alone', () => {
		const multi = {...task, command: 'cd sub\nmake\n\n  make install', label: 'nightly', priority: -2};
		const text = editFile([multi]);
		expect(text).toContain('# spool: editing task 7 (queued, group "default").');
		expect(text).toContain('command: cd sub\n\tmake\n\t\n\t  make install\n');
		expect(parse(text)).toEqual({command: multi.command, cwd: '/srv/app', label: 'nightly', priority: -2, after: []});
		expect(changedFields(multi, parse(text))).toEqual({});
	});

	it('reads changes: an empty label clears it, a relative cwd resolves from here, missing fields stay', () => {
		const edit = parse('command: make test\nlabel:\ncwd: sub/dir\n');
		expect(edit).toEqual({command: 'make test', label: null, cwd: path.resolve('sub/dir')});
		expect(changedFields({...task, label: 'old'}, edit)).toEqual({command: 'make test', label: null, cwd: path.resolve('sub/dir')});
		expect(parseEditFile('# only comments\n\n', [7]).size).toBe(0);
		expect(parse('priority:  +4  ')).toEqual({priority: 4});
		expect(parse('task: 7\nafter: 3, 5-6\n')).toEqual({after: [3, 5, 6]});
		expect(changedFields({...task, after: [5, 3]}, {after: [3, 5]})).toEqual({});
		expect(changedFields({...task, after: [5, 3]}, parse('after:'))).toEqual({after: []});
	});

	it('refuses bad lines, naming the line, and says nothing changed', () => {
		expect(refused('command: a\ncolour: red\n')).toMatch(/^line 2: unknown field "colour" \(fields: command, cwd, label, priority, after\); nothing changed$/);
		expect(refused('just words')).toMatch(/line 1: expected "field: value"/);
		expect(refused('label: a\nlabel: b')).toMatch(/line 2: label is given twice/);
		expect(refused('label: a\n\tb')).toMatch(/line 2: only the command may go on/);
		expect(refused('priority: high')).toMatch(/whole number.*"high"; nothing changed/);
		expect(refused('command:   ')).toMatch(/command must not be empty; nothing changed/);
		expect(refused('cwd:')).toMatch(/cwd must not be empty/);
		expect(refused('after: x')).toMatch(/invalid task id "x".*; nothing changed/);
	});

	it('holds several tasks, one block each from its task: line; a deleted block leaves its task alone', () => {
		const other = wireTask(9, {command: 'make docs', status: 'Stashed', after: [7], label: 'docs'});
		const text = editFile([task, other]);
		expect(text).toMatch(/^# spool: editing tasks 7, 9; each one's lines start at its "task:" line\.\n/);
		expect(text).toContain('# task 9: stashed, group "default"\ntask: 9\ncommand: make docs\ncwd: /tmp\nlabel: docs\npriority: 0\nafter: 7\n');
		const edits = parseEditFile(text.replace('make docs', 'make site'), [7, 9]);
		expect(changedFields(task, edits.get(7)!)).toEqual({});
		expect(changedFields(other, edits.get(9)!)).toEqual({command: 'make site'});
		const onlyNine = parseEditFile('task: 9\nlabel:\n', [7, 9]);
		expect([...onlyNine.keys()]).toEqual([9]);
		expect(onlyNine.get(9)).toEqual({label: null});
	});

	it('refuses a field before any task: line when there are several, and unknown or repeated task lines', () => {
		expect(refused('label: x\ntask: 7\n', [7, 9])).toMatch(/^line 1: say which task this is for, with a "task: <id>" line before it; nothing changed$/);
		expect(refused('task: 8\n', [7, 9])).toMatch(/line 1: "task: 8" names no task being edited \(7, 9\)/);
		expect(refused('task: 9\nlabel: a\ntask: 9\n', [7, 9])).toMatch(/line 3: task 9 is given twice/);
		expect(refused('task: 9\npriority: x\n', [7, 9])).toMatch(/^task 9: .*whole number/);
	});

	it('offers only the fields it is given (restart: no after)', () => {
		const text = editFile([task], {fields: ['command', 'cwd', 'label', 'priority'], verb: 'restarting', command: 'spool restart'});
		expect(text).toContain('# spool: restarting task 7 (queued, group "default").');
		expect(text).not.toMatch(/^after:/m);
		expect(() => parseEditFile('after: 3', [7], {fields: ['command', 'cwd', 'label', 'priority']})).toThrow(/unknown field "after" \(fields: command, cwd, label, priority\)/);
	});
});

let h: SpoolHome;
beforeAll(() => {
	h = spoolHome();
});

afterAll(async () => {
	await h.stop();
});

// No VISUAL from the developer's shell may win over the EDITOR a test sets.
const withEditor = (editor: string) => ({VISUAL: '', EDITOR: editor});
const find = async (id: number) => (await h.tasks()).find((entry) => entry.id === id)!;

describe('spool edit (real binary)', () => {
	let id: number;

	it('changes fields given as flags; --label "" clears the label; --cwd is relative to here', async () => {
		id = await h.add(['-s', '-l', 'first', '--', 'echo', 'old']);
		expect(await h.ok(['edit', String(id), '--command', 'echo old two', '--priority', '-3', '--cwd', 'test'])).toBe(`Task ${id} edited: command, cwd, priority\n`);
		expect(await find(id)).toMatchObject({command: 'echo old two', priority: -3, cwd: path.resolve('test'), label: 'first'});
		await h.ok(['edit', String(id), '--label', '']);
		expect((await find(id)).label).toBeNull();
		const asJson = JSON.parse(await h.ok(['edit', String(id), '--label', 'again', '--json'])) as {id: number; label: string};
		expect(asJson).toMatchObject({id, label: 'again'});
	});

	it('opens $EDITOR on the task and sends what changed', async () => {
		expect(await h.ok(['edit', String(id)], withEditor('sed -i s/old/new/'))).toBe(`Task ${id} edited: command\n`);
		expect((await find(id)).command).toBe('echo new two');

		const script = path.join(h.home, 'editor.sh');
		writeFileSync(script, `#!/bin/sh\nprintf 'command: echo one\\n\\techo two\\nlabel:\\n' > "$1"\n`);
		chmodSync(script, 0o755);
		expect(await h.ok(['edit', String(id)], withEditor(script))).toBe(`Task ${id} edited: command, label\n`);
		expect(await find(id)).toMatchObject({command: 'echo one\necho two', label: null, priority: -3});

		expect(await h.ok(['edit', String(id)], withEditor('true'))).toBe(`Task ${id} unchanged\n`);
	});

	it('changes nothing when the edited file is bad (exit 2) or the editor fails (exit 1)', async () => {
		const before = await find(id);
		const bad = await h.spool(['edit', String(id)], withEditor('sed -i s/^label:/colour:/'));
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/unknown field "colour".*nothing changed/);
		const failing = await h.spool(['edit', String(id)], withEditor('false'));
		expect(failing.code).toBe(1);
		expect(failing.stderr).toMatch(/editor \(false\) failed/);
		expect(await find(id)).toEqual(before);
	});

	it('refuses a running task with the daemon message (flags) or before opening the editor', async () => {
		const running = await h.add(['--', 'sleep', '60']);
		await h.waitForTask(running, 'Running');
		const byFlags = await h.spool(['edit', String(running), '--label', 'x']);
		expect(byFlags.code).toBe(1);
		expect(byFlags.stderr).toBe(`spool: task ${running} is running: a running task cannot be edited [invalid_state]\n`);
		const byEditor = await h.spool(['edit', String(running)], withEditor('sed -i s/sleep/true/'));
		expect(byEditor.code).toBe(1);
		expect(byEditor.stderr).toMatch(/task \d+ is running: a running task cannot be edited/);
		expect((await find(running)).command).toBe('sleep 60');
		await h.ok(['kill', String(running)]);
	});

	it('edits several tasks: flags change each of them; without flags one file holds them all', async () => {
		const a = await h.add(['-s', '--', 'echo', 'old-a']);
		const b = await h.add(['-s', '--', 'echo', 'old-b']);
		expect(await h.ok(['edit', String(a), String(b), '--priority', '4'])).toBe(`Task ${a} edited: priority\nTask ${b} edited: priority\n`);
		expect(await h.ok(['edit', `${a},${b}`], withEditor('sed -i s/old-/new-/'))).toBe(`Task ${a} edited: command\nTask ${b} edited: command\n`);
		expect(await find(a)).toMatchObject({command: 'echo new-a', priority: 4, status: 'Stashed'});
		expect(await find(b)).toMatchObject({command: 'echo new-b', priority: 4, status: 'Stashed'});
		// Only one block changed: the other task is given back unchanged.
		const asJson = JSON.parse(await h.ok(['edit', String(a), String(b), '--json'], withEditor(`sed -i 's/new-b/newer-b/'`))) as {tasks: Array<{id: number; command: string; status: string}>};
		expect(asJson.tasks.map((entry) => [entry.id, entry.command])).toEqual([
			[a, 'echo new-a'],
			[b, 'echo newer-b'],
		]);
		expect((await find(a)).status).toBe('Stashed');
		await h.ok(['remove', String(a), String(b)]);
	});

	it('changes dependencies with --after and the after: line', async () => {
		const first = await h.add(['-s', '--', 'true']);
		const second = await h.add(['-s', '--', 'true']);
		const waiter = await h.add(['-s', '--', 'true']);
		expect(await h.ok(['edit', String(waiter), '--after', `${first},${second}`])).toBe(`Task ${waiter} edited: after\n`);
		expect((await find(waiter)).after).toEqual([first, second]);
		expect(await h.ok(['edit', String(waiter)], withEditor(`sed -i 's/^after: .*/after: ${second}/'`))).toBe(`Task ${waiter} edited: after\n`);
		expect((await find(waiter)).after).toEqual([second]);
		const cycle = await h.spool(['edit', String(second), '--after', String(waiter)]);
		expect(cycle.code).toBe(1);
		expect(cycle.stderr).toMatch(/cycle.*\[bad_request\]/);
		await h.ok(['edit', String(waiter), '--after', '']);
		expect((await find(waiter)).after).toEqual([]);
		const selfWait = await h.spool(['edit', String(first), '--after', String(first)]);
		expect(selfWait.code).toBe(1);
		expect(selfWait.stderr).toMatch(/cannot wait for itself \[bad_request\]/);
		await h.ok(['remove', String(first), String(second), String(waiter)]);
	});

	it('locks the waiting tasks while the editor is open: they do not start, and start once it exits', async () => {
		await h.ok(['group', 'add', 'locks']);
		await h.ok(['pause', '-g', 'locks']);
		const queued = await h.add(['-g', 'locks', '--', 'echo', 'ran']);
		const stashed = await h.add(['-s', '-g', 'locks', '--', 'true']);
		const opened = path.join(h.home, 'editor-open');
		const release = path.join(h.home, 'editor-release');
		const script = path.join(h.home, 'waiting-editor.sh');
		writeFileSync(script, `#!/bin/sh\ntouch ${opened}\nwhile [ ! -f ${release} ]; do sleep 0.02; done\nsed -i 's/echo ran/echo edited/' "$1"\n`);
		chmodSync(script, 0o755);
		const editing = h.spool(['edit', String(queued), String(stashed)], withEditor(script));
		await waitFor(() => existsSync(opened), {what: 'the editor to open'});
		expect((await find(queued)).status).toBe('Locked');
		expect((await find(stashed)).status).toBe('Locked');
		expect(JSON.parse(await h.ok(['status', 'status=locked', '--json'])).tasks.map((task: {id: number}) => task.id)).toEqual([queued, stashed]);
		const refused = await h.spool(['start', String(queued)]);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/locked/);
		// The group runs again and a task added later starts and ends: the locked one is passed over.
		await h.ok(['start', '-g', 'locks']);
		const later = await h.add(['-g', 'locks', '--', 'true']);
		await h.ok(['wait', String(later)]);
		expect((await find(queued)).status).toBe('Locked');
		writeFileSync(release, '');
		const result = await editing;
		expect(result.stdout).toBe(`Task ${queued} edited: command\nTask ${stashed} unchanged\n`);
		await h.ok(['wait', String(queued)]);
		expect(await find(queued)).toMatchObject({command: 'echo edited', result: 'Success'});
		expect((await find(stashed)).status).toBe('Stashed');
	});

	it('ends the lock when `spool edit` is killed with SIGKILL while the editor is open', async () => {
		await h.ok(['pause', '-g', 'locks']);
		const queued = await h.add(['-g', 'locks', '--', 'true']);
		const pidFile = path.join(h.home, 'sleeping-editor.pid');
		const script = path.join(h.home, 'sleeping-editor.sh');
		writeFileSync(script, `#!/bin/sh\necho $$ > ${pidFile}.tmp && mv ${pidFile}.tmp ${pidFile}\nexec sleep 600\n`);
		chmodSync(script, 0o755);
		const child = spawn(process.execPath, [spoolBin, '--home', h.home, 'edit', String(queued)], {env: {...process.env, ...withEditor(script)}, stdio: 'ignore'});
		const exited = new Promise((resolve) => child.on('exit', resolve));
		try {
			await waitFor(() => existsSync(pidFile), {what: 'the editor to start'});
			await waitFor(async () => (await find(queued)).status === 'Locked', {what: 'the task to be locked'});
			await h.ok(['start', '-g', 'locks']);
			child.kill('SIGKILL');
			await exited;
			await h.ok(['wait', String(queued)]);
			expect(await find(queued)).toMatchObject({status: 'Done', result: 'Success'});
		} finally {
			child.kill('SIGKILL');
			if (existsSync(pidFile)) {
				try {
					process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
				} catch {}
			}
		}
	});

	it('refuses unknown tasks and bad arguments', async () => {
		const missing = await h.spool(['edit', '999', '--label', 'x']);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/no task 999.*\[not_found\]/);
		const missingEditor = await h.spool(['edit', '999'], withEditor('true'));
		expect(missingEditor.code).toBe(1);
		expect(missingEditor.stderr).toMatch(/no task 999/);
		for (const args of [['edit'], ['edit', 'x'], ['edit', '1', '--priority', '1.5'], ['edit', '1', '--command', ' '], ['edit', '1', '--after', 'y']]) {
			expect((await h.spool(args)).code, args.join(' ')).toBe(2);
		}
	});
});

describe('spool restart --edit (real binary)', () => {
	it('changes command, cwd, label and priority of the restarted task, in the same file format', async () => {
		const original = await h.add(['-l', 'first', '--', 'echo', 'one']);
		await h.ok(['wait', String(original)]);
		const dir = path.join(h.home, 'elsewhere');
		mkdirSync(dir);
		const script = path.join(h.home, 'restart-editor.sh');
		writeFileSync(
			script,
			`#!/bin/sh\ngrep -q '^# spool: restarting task ${original} (finished: success' "$1" || exit 9\ngrep -q '^after:' "$1" && exit 8\nsed -i -e 's/^command: .*/command: pwd; echo two/' -e 's|^cwd: .*|cwd: ${dir}|' -e 's/^label: .*/label: second/' -e 's/^priority: .*/priority: 7/' "$1"\n`,
		);
		chmodSync(script, 0o755);
		const printed = await h.ok(['restart', '-e', String(original)], withEditor(script));
		const copy = Number(/^Restarted as task (\d+)\.\n$/.exec(printed)?.[1]);
		expect(copy).toBeGreaterThan(original);
		await h.ok(['wait', String(copy)]);
		expect(await find(copy)).toMatchObject({command: 'pwd; echo two', cwd: dir, label: 'second', priority: 7, result: 'Success'});
		expect(await h.ok(['log', String(copy), '--raw'])).toBe(`${dir}\ntwo\n`);
		expect(await find(original)).toMatchObject({command: 'echo one', label: 'first', priority: 0});

		// In place, a relative cwd starts from here; an empty label removes it.
		await h.ok(['restart', '-e', '-i', String(copy)], withEditor(`sed -i -e 's/^label: .*/label:/' -e 's/^cwd: .*/cwd: test/'`));
		await h.ok(['wait', String(copy)]);
		expect(await find(copy)).toMatchObject({label: null, cwd: path.resolve('test'), command: 'pwd; echo two'});
	});

	it('restarts unchanged when nothing was changed, and not at all when the file was emptied or is bad', async () => {
		const original = await h.add(['--', 'echo', 'same']);
		await h.ok(['wait', String(original)]);
		const before = (await h.tasks()).length;
		const unchanged = await h.ok(['restart', '-e', String(original)], withEditor('true'));
		const copy = Number(/^Restarted as task (\d+)\.\n$/.exec(unchanged)?.[1]);
		await h.ok(['wait', String(copy)]);
		expect((await find(copy)).command).toBe('echo same');
		const emptied = await h.spool(['restart', '-e', String(original)], withEditor('sh -c ": > \\"$1\\"" sh'));
		expect(emptied.code).toBe(1);
		expect(emptied.stderr).toMatch(/the file was emptied; nothing restarted/);
		const bad = await h.spool(['restart', '-e', String(original)], withEditor(`sed -i 's/^priority:/urgency:/'`));
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/unknown field "urgency" \(fields: command, cwd, label, priority\); nothing changed/);
		expect((await h.tasks()).length).toBe(before + 1);
	});
});
