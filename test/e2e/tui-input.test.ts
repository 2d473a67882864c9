// The UI's input in a real terminal: tmux runs bin/spool, send-keys types
// (several keys in one write, as over ssh or with key repeat), paste-buffer
// pastes, and capture-pane reads the screen (-e: with the inverse cursor).
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runSpool, spoolBin} from '../helpers/spool-bin.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {hasTmux, tmuxUi} from '../helpers/tmux-ui.js';

const {tmux, waitForScreen, defer} = tmuxUi('input');
/** The screen with the cursor cell (reverse video) shown as [x]; tmux drops the blank of a cursor at the end of a line. */
const screenWithCursor = () =>
	tmux('capture-pane', '-p', '-e', '-t', 'ui')
		.replaceAll(/\u001B\[7m([^\u001B\n]*)/g, (_match, under: string) => `[${under === '' ? ' ' : under}]`)
		.replaceAll(/\u001B\[[0-9;]*m/g, '');
function makeHome(): string {
	const {home, cleanup} = makeTempHome();
	defer(cleanup);
	defer(() => runSpool(['shutdown', '--home', home]));
	return home;
}

/** A shell in tmux at 120x40; the UI is started in it by `openUi`. */
function openShell(): void {
	tmux('new-session', '-d', '-s', 'ui', '-x', '120', '-y', '40', 'env', 'PS1=PROMPT$ ', 'TERM=xterm-256color', 'sh');
	defer(() => tmux('kill-server'));
}

async function openUi(home: string): Promise<void> {
	tmux('send-keys', '-t', 'ui', `clear; ${process.execPath} ${spoolBin} --home ${home}`, 'Enter');
	await waitForScreen((text) => text.includes('● connected'), 'the UI to connect');
}

async function quitUi(): Promise<void> {
	tmux('send-keys', '-t', 'ui', 'q');
	await waitForScreen((text) => text.trimEnd().split('\n').at(-1)?.trim() === 'PROMPT$' && !text.includes('● connected'), 'the shell prompt');
}

/** Types `text` in one write (tmux send-keys -l: literal, all at once). */
const typeAtOnce = (text: string) => tmux('send-keys', '-t', 'ui', '-l', text);
/** Named keys (Left, Enter, …), all in one send-keys call. */
const pressAtOnce = (...names: string[]) => tmux('send-keys', '-t', 'ui', ...names);

async function addTasks(home: string, ...commands: string[]): Promise<void> {
	for (const command of commands) await runSpool(['add', '--home', home, '--', command]);
	await runSpool(['wait', '--home', home]);
}

describe.runIf(hasTmux)('the UI’s input in tmux', () => {
	it('moves three rows for jjj sent in one write, and three more for j j j in one send-keys', async () => {
		const home = makeHome();
		openShell();
		await addTasks(home, ...Array.from({length: 8}, (_value, index) => `echo row-${index + 1}`));
		await openUi(home);
		await waitForScreen((text) => text.includes('echo row-8') && text.includes('task 1 · echo row-1'), 'the rows, the first selected');
		typeAtOnce('jjj');
		await waitForScreen((text) => text.includes('task 4 · echo row-4'), 'the fourth row selected');
		pressAtOnce('j', 'j', 'j');
		await waitForScreen((text) => text.includes('task 7 · echo row-7'), 'the seventh row selected');
		// Two Backspaces in one write delete two characters of the filter.
		typeAtOnce('/row-12');
		await waitForScreen((text) => /^\/row-12\s*$/m.test(text), 'the filter typed');
		pressAtOnce('BSpace', 'BSpace');
		await waitForScreen((text) => /^\/row-\s*$/m.test(text) && text.includes('echo row-1'), 'two characters deleted');
		pressAtOnce('Escape');
		await quitUi();
	});

	it('fixes a typo in the middle of the filter, and the filter applies', async () => {
		const home = makeHome();
		openShell();
		await addTasks(home, 'echo make release -j4', 'echo other');
		await openUi(home);
		await waitForScreen((text) => text.includes('echo other') && text.includes('echo make release -j4'), 'both rows');
		typeAtOnce('/make relase -j4');
		await waitForScreen((text) => /^\/make relase -j4\s*$/m.test(text) && !text.includes('echo other') && !text.includes('2 · echo'), 'the typo: no row matches');
		pressAtOnce(...Array(7).fill('Left'));
		await waitForScreen((text) => /^\/make rel\[a\]se -j4\s*$/m.test(text), 'the cursor seven left, drawn on the a', screenWithCursor);
		typeAtOnce('e');
		await waitForScreen((text) => /^\/make rele\[a\]se -j4\s*$/m.test(text), 'the e inserted at the cursor', screenWithCursor);
		await waitForScreen((text) => text.includes('task 1 · echo make release -j4') && !text.includes('echo other'), 'the fixed filter applied');
		pressAtOnce('Enter');
		await waitForScreen((text) => text.includes('filter: make release -j4'), 'the filter kept');
		await quitUi();
	});

	it('pastes whole into a text field and refuses a paste in the table', async () => {
		const home = makeHome();
		openShell();
		await addTasks(home, 'echo one', 'echo two');
		await openUi(home);
		await waitForScreen((text) => text.includes('echo two') && text.includes('task 1 · echo one'), 'the rows, the first selected');
		// tmux paste-buffer -p uses bracketed paste when the UI asked for it.
		tmux('set-buffer', 'jjDx');
		tmux('paste-buffer', '-p', '-t', 'ui');
		const refused = await waitForScreen((text) => text.includes('Paste into a text field'), 'the paste refused');
		// Neither moved (j) nor asked to remove (D).
		expect(refused).toMatch(/task 1 (·|:)/);
		expect(refused).not.toContain('[y/N]');
		typeAtOnce('/');
		await waitForScreen((text) => /^\/\s*$/m.test(text), 'the filter');
		tmux('set-buffer', 'echo two');
		tmux('paste-buffer', '-p', '-t', 'ui');
		await waitForScreen((text) => /^\/echo two\s*$/m.test(text) && !text.includes('echo one'), 'the pasted filter applied');
		pressAtOnce('Escape');
		await quitUi();
	});

	it('keeps the palette’s history across two runs of the UI', async () => {
		const home = makeHome();
		openShell();
		await openUi(home);
		typeAtOnce(':parallel 3');
		pressAtOnce('Enter');
		// The UI was opened with --home: the command it shows names it too (ui-actions).
		await waitForScreen((text) => text.includes(`spool --home ${home} parallel 3`), 'the command run');
		await quitUi();
		const saved = JSON.parse(readFileSync(path.join(home, 'ui-history.json'), 'utf8')) as {palette: string[]};
		expect(saved.palette).toEqual(['parallel 3']);

		await openUi(home);
		typeAtOnce(':');
		await waitForScreen((text) => /^:\s*$/m.test(text), 'an empty palette');
		pressAtOnce('Up');
		await waitForScreen((text) => /^:parallel 3\[ \]\s*$/m.test(text), 'the line of the last run, the cursor after it', screenWithCursor);
		pressAtOnce('Down');
		await waitForScreen((text) => /^:\[ \]\s*$/m.test(text), 'back to the empty line', screenWithCursor);
		pressAtOnce('Escape');
		await quitUi();
	});
});
