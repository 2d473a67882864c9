// The UI's "every task explains itself" part in a real terminal: tmux runs
// bin/spool, send-keys types, capture-pane reads the screen. The details view
// of a failed and of a dependency-failed task, and the room the task table
// gives the command on an 80x24 terminal.
import {describe, expect, it} from 'vitest';
import {runSpool, spoolBin} from '../helpers/spool-bin.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {hasTmux, tmuxUi} from '../helpers/tmux-ui.js';

const {tmux, waitForScreen, defer} = tmuxUi('details');
async function openUi(columns: number, rows: number): Promise<string> {
	const {home, cleanup} = makeTempHome();
	defer(cleanup);
	defer(() => runSpool(['shutdown', '--home', home]));
	tmux('new-session', '-d', '-s', 'ui', '-x', String(columns), '-y', String(rows), 'env', 'TERM=xterm-256color', process.execPath, spoolBin, '--home', home);
	defer(() => tmux('kill-server'));
	await waitForScreen((text) => text.includes('● connected'), 'the UI to connect');
	return home;
}

const press = async (...sequence: string[]) => {
	for (const key of sequence) {
		tmux('send-keys', '-t', 'ui', key);
		// Each key lands before the next; what it did is waited for by the caller.
		await new Promise((resolve) => setTimeout(resolve, 80));
	}
};

/** Adds a task from the CLI and returns its id. */
async function add(home: string, ...args: string[]): Promise<number> {
	const added = await runSpool(['add', '--home', home, '-p', ...args]);
	expect(added.code, added.stderr).toBe(0);
	return Number(added.stdout.trim());
}

/** The columns the table gives its Command column: from the title `Command` to the next title. */
function commandWidth(text: string): number {
	const header = text.split('\n').find((line) => /\bCommand\b/.test(line) && /\bId\b/.test(line));
	if (!header) throw new Error(`no table header on the screen:\n${text}`);
	const match = /Command\S*\s+(?=\S)/.exec(header);
	if (!match) throw new Error(`no column after Command in ${JSON.stringify(header)}`);
	// The titles are separated by one blank column.
	return match[0].length - 1;
}

describe('the details view and the narrow table in tmux', () => {
	it('is installed (CI installs tmux when it is missing)', () => {
		expect(hasTmux, 'tmux must be on PATH for the terminal tests').toBe(true);
	});

	it('explains a failed task and a dependency-failed one', async () => {
		const home = await openUi(100, 32);
		const failed = await add(home, '--', 'echo about to fail; exit 3');
		const dependant = await add(home, '-a', String(failed), '--', 'echo never runs');
		await waitForScreen((text) => /Dep(endency)? failed/.test(text) && text.includes('Failed (3)'), 'both tasks to end');
		// The cursor starts on the first row: the failed task.
		await press('d');
		const first = await waitForScreen((text) => text.includes(`Task ${failed}`) && text.includes('failed with exit code 3') && /Log\s+\d/.test(text), 'the details of the failed task');
		expect(first).toMatch(/Command\s+echo about to fail; exit 3/);
		expect(first).toMatch(/Exit\s+code 3/);
		expect(first).toMatch(/Attempts\s+1/);
		expect(first).toMatch(/Log\s+\d+ bytes · 1 line/);
		expect(first).toMatch(/Started\s+\d{4}-\d\d-\d\d \d\d:\d\d/);
		await press('Escape');
		await waitForScreen((text) => !text.includes('failed with exit code 3') && text.includes('echo never runs'), 'the table again');
		// One key at a time, each waited for: keys that arrive in one read are another part of the issue.
		await press('j');
		await waitForScreen((text) => text.includes(`task ${dependant} never ran`), 'the cursor on the dependant');
		await press('d');
		const second = await waitForScreen((text) => text.includes(`Task ${dependant}`) && text.includes('dependency failed') && /Log\s+\d/.test(text), 'the details of the dependant');
		// Why, in the daemon's words, and the dependency with its state.
		expect(second).toMatch(new RegExp(`Reason\\s+dependency ${failed} ended Failed`));
		expect(second).toMatch(new RegExp(`After\\s+${failed} ✘ Failed \\(3\\)`));
		expect(second).toMatch(/Started\s+never/);
		await press('Escape');
		// The log pane of the task that never ran says why instead of FOLLOW over nothing.
		const log = await waitForScreen((text) => text.includes(`task ${dependant} never ran`) && !text.includes('Attempts'), 'the log pane saying why');
		expect(log).toContain(`dependency ${failed} ended Failed`);
		expect(log).not.toContain('FOLLOW');
	});

	it('gives the command more room at 80x24 than before', async () => {
		const home = await openUi(80, 24);
		await add(home, '--', 'echo the quick brown fox jumps over the lazy dog and keeps running far');
		const text = await waitForScreen((text) => text.includes('✔ Success'), 'the task to end');
		// Measured with this test on main (e220377): 30 columns, the Group column
		// showing "default" on every row and the status given 16.
		expect(commandWidth(text)).toBeGreaterThan(30);
		expect(text).not.toMatch(/\bGroup\b/);
	});
});
