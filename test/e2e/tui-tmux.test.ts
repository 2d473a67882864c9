// The UI in a real terminal: tmux runs bin/spool, send-keys types, and
// capture-pane reads the screen.
import {describe, expect, it} from 'vitest';
import {runSpool, spoolBin} from '../helpers/spool-bin.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {hasTmux, tmuxUi} from '../helpers/tmux-ui.js';
import {waitFor} from '../helpers/wait-for.js';

const {tmux, screen, waitForScreen, defer} = tmuxUi('test');
/** The highest tick-N the log pane shows (lines that start with it, not the command). */
const lastTick = (text: string) => Math.max(0, ...[...text.matchAll(/^tick-(\d+)/gm)].map((match) => Number(match[1])));

async function openUi(columns: number, rows: number): Promise<string> {
	const {home, cleanup} = makeTempHome();
	defer(cleanup);
	defer(() => runSpool(['shutdown', '--home', home]));
	// A plain shell with a known prompt, so we can see it come back intact.
	tmux('new-session', '-d', '-s', 'ui', '-x', String(columns), '-y', String(rows), 'env', 'PS1=PROMPT$ ', 'TERM=xterm-256color', 'sh');
	defer(() => tmux('kill-server'));
	tmux('send-keys', '-t', 'ui', `echo before-the-ui; ${process.execPath} ${spoolBin} --home ${home}`, 'Enter');
	await waitForScreen((text) => text.includes('● connected'), 'the UI to connect');
	return home;
}

const keys = async (...sequence: string[]) => {
	for (const key of sequence) {
		tmux('send-keys', '-t', 'ui', key);
		await new Promise((resolve) => setTimeout(resolve, 80));
	}
};

describe('the UI in tmux', () => {
	it('is installed (CI installs tmux when it is missing)', () => {
		expect(hasTmux, 'tmux must be on PATH for the terminal tests').toBe(true);
	});

	it.each([
		[120, 40],
		[80, 24],
	])('at %ix%i: shows a task added from the CLI, follows it, kills it after asking, and quits cleanly', async (columns, rows) => {
		const home = await openUi(columns, rows);
		const added = await runSpool(['add', '--home', home, '-p', '--', 'i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.1; done']);
		const id = added.stdout.trim();
		await waitForScreen((text) => /▶ Running/.test(text) && lastTick(text) > 0, 'the running task and its output');
		const first = lastTick(screen());
		await waitForScreen((text) => lastTick(text) > first + 2, 'the log to follow new output');
		await keys('x');
		await waitForScreen((text) => text.includes(`Kill task ${id}`) && text.includes('[y/N]'), 'the confirmation');
		await keys('y');
		await waitForScreen((text) => text.includes('Killed'), 'the task to be killed');
		await keys('q');
		// A fresh prompt on the last line: the first line's prompt (the command that opened the UI)
		// is back on the screen as soon as the alternate screen is left, before the UI has exited.
		const after = await waitForScreen((text) => text.trimEnd().split('\n').at(-1)?.trim() === 'PROMPT$' && !text.includes('● connected'), 'the shell prompt');
		// The alternate screen was left: what was on the screen before is back, the UI is gone.
		expect(after).toContain('before-the-ui');
		expect(after).not.toContain('Kill task');
		// And the terminal still echoes what we type (raw mode was turned off).
		tmux('send-keys', '-t', 'ui', 'echo still-$((40+2))', 'Enter');
		await waitForScreen((text) => text.includes('still-42'), 'the shell to work');
	});

	it(':add in the palette queues what was typed, verbatim (ls -la stays ls -la)', async () => {
		const home = await openUi(100, 30);
		await keys(':');
		tmux('send-keys', '-t', 'ui', '-l', 'add -s -l pal ls -la');
		await waitForScreen((text) => text.includes('add -s -l pal ls -la'), 'the typed palette line');
		await keys('Enter');
		const status = await waitFor(
			async () => {
				const result = await runSpool(['status', '--json', '--home', home]);
				const {tasks} = JSON.parse(result.stdout) as {tasks: Array<{command: string; label: string | null; status: string}>};
				return tasks.length > 0 ? tasks : undefined;
			},
			{what: 'the task added from the palette', timeoutMs: 30_000},
		);
		expect(status).toEqual([expect.objectContaining({command: 'ls -la', label: 'pal', status: 'Stashed'})]);
		await keys('q');
	});
});
