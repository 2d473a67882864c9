// The command the UI's footer shows after an action is the one to paste into
// a shell: in real tmux, a task added from the add dialog (label, group,
// priority, dependency, a command with a `;`), then the footer's command
// pasted into the shell with tmux's own paste, run by the real `spool` from
// bin/ on the same temp home; both tasks must be the same in `status --json`.
import {mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runSpool, spoolBin} from '../helpers/spool-bin.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {hasTmux, tmuxUi} from '../helpers/tmux-ui.js';

const {tmux, waitForScreen, defer} = tmuxUi('actions');
/** One key (or tmux key name) at a time, as a person types. */
const keys = async (...sequence: string[]) => {
	for (const key of sequence) {
		tmux('send-keys', '-t', 'ui', key);
		await new Promise((resolve) => setTimeout(resolve, 80));
	}
};

/** Text typed into a field: literal, in one write (a field takes a paste whole). */
const type = async (text: string) => {
	tmux('send-keys', '-t', 'ui', '-l', text);
	await new Promise((resolve) => setTimeout(resolve, 80));
};

type JsonTask = {id: number; command: string; label: string | null; group: string; priority: number; after: number[]; cwd: string};

async function jsonTasks(home: string): Promise<JsonTask[]> {
	const result = await runSpool(['status', '--json', '--home', home]);
	expect(result.code, result.stderr).toBe(0);
	return (JSON.parse(result.stdout) as {tasks: JsonTask[]}).tasks;
}

describe('the footer command, pasted into a shell', () => {
	it('is installed (CI installs tmux when it is missing)', () => {
		expect(hasTmux, 'tmux must be on PATH for the terminal tests').toBe(true);
	});

	it('adds the same task as the add dialog did: command, label, group, priority, dependency', async () => {
		const {home, cleanup} = makeTempHome();
		defer(cleanup);
		defer(() => runSpool(['shutdown', '--home', home]));
		// A `spool` on PATH, as an installed one would be, talking to the temp home through SPOOL_HOME.
		const bin = mkdtempSync(path.join(os.tmpdir(), 'spool-bin-'));
		defer(() => rmSync(bin, {recursive: true, force: true}));
		symlinkSync(spoolBin, path.join(bin, 'spool'));
		const first = await runSpool(['add', '--home', home, '-p', '--', 'true']);
		expect(first.code, first.stderr).toBe(0);
		expect((await runSpool(['group', 'add', 'gpu', '--home', home])).code).toBe(0);

		const env = ['env', `SPOOL_HOME=${home}`, `PATH=${bin}:${path.dirname(process.execPath)}:${process.env.PATH}`, 'PS1=PROMPT$ ', 'TERM=xterm-256color'];
		tmux('new-session', '-d', '-s', 'ui', '-x', '200', '-y', '50', ...env, 'sh');
		defer(() => tmux('kill-server'));
		tmux('send-keys', '-t', 'ui', 'spool', 'Enter');
		await waitForScreen((text) => text.includes('● connected') && text.includes('Success'), 'the UI with the first task done');

		await keys('a');
		await waitForScreen((text) => text.includes('Add a task'), 'the add dialog');
		await type('echo a; sleep 2');
		// The group field starts with the group of the task under the cursor: Ctrl-U clears it.
		await keys('Tab', 'C-u');
		await type('gpu');
		await keys('Tab');
		await type('nightly');
		await keys('Tab');
		await type('3');
		await keys('Tab');
		await type(first.stdout.trim());
		await keys('Enter');
		const shown = await waitForScreen((text) => /Added task \d+ — spool add /.test(text), 'the footer command');
		const line = /Added task (\d+) — (spool add .*?)\s*$/m.exec(shown);
		expect(line, shown).not.toBeNull();
		const [, addedId, command] = line!;
		expect(command).toBe(`spool add -g gpu -a ${first.stdout.trim()} -o 3 -l nightly -- 'echo a; sleep 2'`);

		// Out of the UI, paste it into the shell as it is, and run it.
		await keys('q');
		await waitForScreen((text) => text.trimEnd().split('\n').at(-1)?.trim() === 'PROMPT$', 'the shell prompt');
		tmux('set-buffer', '-b', 'footer', '--', command!);
		tmux('paste-buffer', '-b', 'footer', '-t', 'ui');
		await keys('Enter');
		await waitForScreen((text) => /New task added \(id \d+\)/.test(text), 'the pasted command to add a task');

		const tasks = await jsonTasks(home);
		const fromUi = tasks.find((task) => task.id === Number(addedId));
		const fromShell = tasks.find((task) => task.id > Number(addedId));
		expect(fromUi).toBeDefined();
		expect(fromShell).toBeDefined();
		const same = ({command, label, group, priority, after, cwd}: JsonTask) => ({command, label, group, priority, after, cwd});
		expect(same(fromShell!)).toEqual(same(fromUi!));
		expect(same(fromUi!)).toMatchObject({command: 'echo a; sleep 2', label: 'nightly', group: 'gpu', priority: 3, after: [Number(first.stdout.trim())]});
	});
});
