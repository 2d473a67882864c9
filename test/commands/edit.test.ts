// `spool edit`: the editor file format, and the real binary with flags and with $EDITOR.
import {chmodSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {wireTask} from '../helpers/wire-task.js';
import {changedFields, editFile, parseEditFile} from '../../source/commands/edit.js';
import type {CommandError} from '../../source/commands/exit-codes.js';
import {type SpoolHome, spoolHome} from './spool-home.js';

const task = wireTask(7, {command: 'make build', cwd: '/srv/app'});

function refused(text: string): string {
	try {
		parseEditFile(text);
	} catch (error) {
		expect((error as CommandError).exitCode).toBe(2);
		return (error as CommandError).message;
	}

	throw new Error('expected the file to be refused');
}

describe('the edit file', () => {
	it('round-trips a task, multi-line commands included, and changes nothing when left alone', () => {
		const multi = {...task, command: 'cd sub\nmake\n\n  make install', label: 'nightly', priority: -2};
		const text = editFile(multi);
		expect(text).toContain('# spool: editing task 7 (queued, group "default").');
		expect(text).toContain('command: cd sub\n\tmake\n\t\n\t  make install\n');
		expect(parseEditFile(text)).toEqual({command: multi.command, cwd: '/srv/app', label: 'nightly', priority: -2});
		expect(changedFields(multi, parseEditFile(text))).toEqual({});
	});

	it('reads changes: an empty label clears it, a relative cwd resolves from here, missing fields stay', () => {
		const edit = parseEditFile('command: make test\nlabel:\ncwd: sub/dir\n');
		expect(edit).toEqual({command: 'make test', label: null, cwd: path.resolve('sub/dir')});
		expect(changedFields({...task, label: 'old'}, edit)).toEqual({command: 'make test', label: null, cwd: path.resolve('sub/dir')});
		expect(parseEditFile('# only comments\n\n')).toEqual({});
		expect(parseEditFile('priority:  +4  ')).toEqual({priority: 4});
	});

	it('refuses bad lines, naming the line, and says nothing changed', () => {
		expect(refused('command: a\ncolour: red\n')).toMatch(/^line 2: unknown field "colour" \(fields: command, cwd, label, priority\); nothing changed$/);
		expect(refused('just words')).toMatch(/line 1: expected "field: value"/);
		expect(refused('label: a\nlabel: b')).toMatch(/line 2: label is given twice/);
		expect(refused('label: a\n\tb')).toMatch(/line 2: only the command may go on/);
		expect(refused('priority: high')).toMatch(/whole number.*"high"; nothing changed/);
		expect(refused('command:   ')).toMatch(/command must not be empty; nothing changed/);
		expect(refused('cwd:')).toMatch(/cwd must not be empty/);
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

	it('refuses unknown tasks and bad arguments', async () => {
		const missing = await h.spool(['edit', '999', '--label', 'x']);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/no task 999.*\[not_found\]/);
		const missingEditor = await h.spool(['edit', '999'], withEditor('true'));
		expect(missingEditor.code).toBe(1);
		expect(missingEditor.stderr).toMatch(/no task 999/);
		for (const args of [['edit'], ['edit', '1', '2'], ['edit', 'x'], ['edit', '1', '--priority', '1.5'], ['edit', '1', '--command', ' ']]) {
			expect((await h.spool(args)).code, args.join(' ')).toBe(2);
		}
	});
});
