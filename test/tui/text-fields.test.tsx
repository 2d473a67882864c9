// Every text field of the UI edits at a cursor that is drawn (an inverse
// cell): the `/` filter, the `:` palette, the `i` input line, the log search
// and the add / edit form. The palette and the input line have Up/Down
// history, kept across runs. Ctrl-C closes a form or dialog (a second one
// quits); Esc goes back one level at a time.
import path from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';

// The cursor is drawn with an inverse code: Ink's chalk must believe the terminal takes colours.
vi.hoisted(() => {
	process.env.FORCE_COLOR = '3';
	process.env.COLORTERM = 'truecolor';
});

import {PromptHistory} from '../../source/tui/history-file.js';
import {lineEditKeys} from '../../source/tui/line-edit.js';
import {addTask, getTask, readLog, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {waitFor} from '../helpers/wait-for.js';
import {type Harness, keys, startHarness} from './app-harness.js';

let harness: Harness | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
	await harness?.close();
	harness = undefined;
	for (const cleanup of cleanups.splice(0)) cleanup();
});

const left = '\u001B[D';
const home = '\u001B[H';
const end = '\u001B[F';
const del = '\u001B[3~';
const ctrl = (letter: string) => String.fromCodePoint(letter.charCodeAt(0) - 96);

/** The raw frame's line that starts with `prefix` (after colour codes), with the inverse cursor cell shown as [x]. */
function fieldLine(raw: string, prefix: string): string | undefined {
	return raw
		.split('\n')
		.map((line) =>
			line
				.replaceAll(/\u001B\[7m([^\u001B]*)\u001B\[27m/g, '[$1]')
				.replaceAll(/\u001B\[[0-9;]*m/g, '')
				// The add dialog's border.
				.replace(/^[│\s]+/, '')
				.replace(/[│\s]+$/, ''),
		)
		.find((line) => line.startsWith(prefix));
}

async function waitForField(prefix: string, expected: string, what: string): Promise<void> {
	await waitFor(() => fieldLine(harness!.raw(), prefix)?.trim() === expected, {what: `${what}: ${expected}; last: ${fieldLine(harness!.raw(), prefix)}`});
}

describe('the filter', () => {
	it('fixes a typo in the middle of `make relase -j4` and applies as it is fixed', async () => {
		harness = await startHarness();
		const wanted = await addTask(harness.client, 'echo make release -j4');
		const other = await addTask(harness.client, 'echo other');
		await waitForTasks(harness.client, [wanted.id, other.id]);
		await harness.waitForFrame((text) => text.includes('echo other'), 'both rows');
		await harness.press('/');
		await harness.type('make relase -j4');
		await waitForField('/', '/make relase -j4[ ]', 'the typed filter, cursor at its end');
		await harness.waitForFrame((text) => !text.includes('echo make release') && !text.includes('echo other'), 'no row matches the typo');
		await harness.press(...Array(7).fill(left));
		await waitForField('/', '/make rel[a]se -j4', 'the cursor moved left, the text unchanged');
		await harness.press('e');
		await waitForField('/', '/make rele[a]se -j4', 'the letter inserted at the cursor');
		await harness.waitForFrame((text) => text.includes('echo make release -j4') && !text.includes('echo other'), 'the fixed filter applied');
		await harness.press(home);
		await waitForField('/', '/[m]ake release -j4', 'Home');
		await harness.press(del, end);
		await waitForField('/', '/ake release -j4[ ]', 'Delete at the start, then End');
		await harness.press(ctrl('w'), ctrl('w'));
		await waitForField('/', '/ake [ ]', 'two words deleted back');
		await harness.press(ctrl('a'), ctrl('k'));
		await waitForField('/', '/[ ]', 'Ctrl-A, Ctrl-K');
		await harness.waitForFrame((text) => text.includes('echo other'), 'every row back');
	});
});

describe('the palette', () => {
	it('edits at the cursor, and keeps its history across runs', async () => {
		const {home: dir, cleanup} = makeTempHome();
		cleanups.push(cleanup);
		const file = path.join(dir, 'ui-history.json');
		harness = await startHarness({history: new PromptHistory(file)});
		await harness.press(':');
		await harness.type('paralel 3');
		await harness.press(home, ...Array(5).fill(ctrl('f')));
		await waitForField(':', ':paral[e]l 3', 'the cursor after "paral"');
		await harness.press('l');
		await waitForField(':', ':parall[e]l 3', 'the missing l');
		await harness.press(keys.enter);
		await harness.waitForFrame((text) => text.includes('spool parallel 3'), 'the command run');
		const groups = await harness.client.request({type: 'GroupList'});
		expect(groups.groups.find((group: {name: string}) => group.name === 'default')?.parallel).toBe(3);
		await harness.press(':');
		await harness.type('kill 99');
		await harness.press(keys.enter);
		await harness.waitForFrame((text) => /99/.test(text.split('\n').at(-2) ?? ''), 'the failed command');
		await harness.close();

		harness = await startHarness({history: new PromptHistory(file)});
		await harness.press(':');
		await waitForField(':', ':[ ]', 'an empty palette');
		await harness.type('dra');
		await harness.press(keys.up);
		await waitForField(':', ':kill 99[ ]', 'the last line of the last run');
		await harness.press(keys.up);
		await waitForField(':', ':parallel 3[ ]', 'the one before');
		await harness.press(keys.up);
		await waitForField(':', ':parallel 3[ ]', 'the oldest: Up stays there');
		await harness.press(keys.down, keys.down);
		await waitForField(':', ':dra[ ]', 'back at the bottom, what was being typed');
		await harness.press(keys.escape);
	});

	it('completes with Tab the word before the cursor, keeping the rest; inside a word Tab does nothing', async () => {
		harness = await startHarness();
		await harness.client.request({type: 'GroupAdd', name: 'gpu'});
		await harness.waitForFrame((text) => text.includes('connected'), 'the UI');
		await harness.press(':');
		await harness.type('para 3 -g gpu');
		await harness.press(home, ...Array(2).fill(ctrl('f')));
		await waitForField(':', ':pa[r]a 3 -g gpu', 'the cursor inside "para"');
		await harness.press(keys.tab);
		await waitForField(':', ':pa[r]a 3 -g gpu', 'inside a word: nothing');
		await harness.press(ctrl('f'), ctrl('f'));
		await waitForField(':', ':para[ ]3 -g gpu', 'the cursor after "para"');
		await harness.press(keys.tab);
		await waitForField(':', ':parallel [3] -g gpu', 'the command completed, the rest kept, the cursor after its space');
		await harness.press(keys.enter);
		await harness.waitForFrame((text) => text.includes('Group gpu runs 3 at once — spool parallel 3 -g gpu'), 'the command run');
	});
});

describe('the input line', () => {
	it('edits at the cursor, sends the line, and brings it back with Up', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'while read line; do echo "got:$line"; done');
		await waitForTasks(harness.client, [task.id], 'running');
		await harness.waitForFrame((text) => text.includes('Running'), 'the running task');
		await harness.press('i');
		await harness.type('wrld');
		await harness.press(ctrl('a'));
		await harness.type('hello ');
		await waitForField('input for task', `input for task ${task.id}> hello [w]rld`, 'text inserted at the start');
		await harness.press(ctrl('e'), keys.enter);
		await waitFor(async () => (await readLog(harness!.client, task.id)).toString().includes('got:hello wrld'), {what: 'the line sent'});
		await harness.press('i', keys.up);
		await waitForField('input for task', `input for task ${task.id}> hello wrld[ ]`, 'the line from the history');
		await harness.press(ctrl('w'));
		await harness.type('world');
		await harness.press(keys.enter);
		await waitFor(async () => (await readLog(harness!.client, task.id)).toString().includes('got:hello world'), {what: 'the fixed line sent'});
		await harness.client.request({type: 'Kill', all: true});
	});
});

describe('the log search', () => {
	it('edits at the cursor and searches for the fixed text', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'echo haystack; echo needle; echo haystack');
		await waitForTasks(harness.client, [task.id]);
		await harness.waitForFrame((text) => text.includes('needle'), 'the log');
		await harness.press(keys.tab, '/');
		await harness.type('nedle');
		await harness.press(left, left, left);
		await waitForField('search log:', 'search log: ne[d]le', 'the cursor in the search');
		await harness.press('e', keys.enter);
		await harness.waitForFrame((text) => text.includes('/needle 1/1'), 'the match found');
	});
});

describe('the add / edit form', () => {
	it('edits each field at its cursor and adds the task', async () => {
		harness = await startHarness();
		await harness.client.request({type: 'GroupAdd', name: 'gpu', parallel: 1});
		await harness.press('a');
		await harness.type('echo relase');
		await harness.press(left, left, left);
		await waitForField('command', 'command  echo rel[a]se', 'the cursor in the command field');
		await harness.press('e', keys.tab);
		await waitForField('group', 'group    default[ ]', 'the group field focused, cursor at its end');
		await harness.press(ctrl('u'));
		await harness.type('gpu');
		await harness.press(keys.enter);
		const frame = await harness.waitForFrame((text) => text.includes('Added task 1'), 'the task added');
		expect(frame).toContain('spool add -g gpu -- echo release');
		expect(await getTask(harness.client, 1)).toMatchObject({command: 'echo release', group: 'gpu'});
	});

	it('edits a queued task in the middle of its command', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'make relase -j4', {stashed: true});
		await harness.waitForFrame((text) => text.includes('make relase -j4'), 'the stashed task');
		await harness.press('e');
		await waitForField('command', 'command  make relase -j4[ ]', 'the command, cursor at its end');
		await harness.press(...Array(7).fill(left), 'e', keys.enter);
		await harness.waitForFrame((text) => text.includes(`Edited task ${task.id}`), 'the edit saved');
		expect((await getTask(harness.client, task.id)).command).toBe('make release -j4');
	});
});

describe('Ctrl-C and Esc', () => {
	it('Ctrl-C closes the form, a second one quits', async () => {
		harness = await startHarness();
		await harness.press('a');
		await harness.waitForFrame((text) => text.includes('Add a task'), 'the form');
		await harness.press(ctrl('c'));
		await harness.waitForFrame((text) => !text.includes('Add a task') && text.includes('Nothing added.'), 'the form closed');
		expect(harness.exited()).toBe(false);
		await harness.press(ctrl('c'));
		await waitFor(() => harness!.exited(), {what: 'the UI to quit'});
	});

	it.each([
		['the filter', '/', (text: string) => /^\/\s*$/m.test(text)],
		['the palette', ':', (text: string) => /^:\s*$/m.test(text)],
		// The help's first line: its last ones are below the fold.
		['the help', '?', (text: string) => text.includes('next task / scroll down')],
	])('Ctrl-C closes %s without quitting', async (_what, open, isOpen) => {
		harness = await startHarness();
		await harness.press(open);
		await harness.waitForFrame(isOpen, 'it open');
		await harness.press(ctrl('c'));
		await harness.waitForFrame((text) => !isOpen(text) && text.includes('● connected'), 'it closed');
		expect(harness.exited()).toBe(false);
	});

	it('Ctrl-C answers a question no, and two in one read close it and quit', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'sleep 60');
		await waitForTasks(harness.client, [task.id], 'running');
		await harness.waitForFrame((text) => text.includes('Running'), 'the running task');
		await harness.press('x');
		await harness.waitForFrame((text) => text.includes('[y/N]'), 'the question');
		await harness.press(ctrl('c'));
		await harness.waitForFrame((text) => text.includes('Nothing changed.'), 'no');
		expect(harness.exited()).toBe(false);
		expect((await getTask(harness.client, task.id)).status).toBe('Running');
		await harness.press('x');
		await harness.waitForFrame((text) => text.includes('[y/N]'), 'the question again');
		await harness.press(`${ctrl('c')}${ctrl('c')}`);
		await waitFor(() => harness!.exited(), {what: 'the UI to quit'});
		expect((await getTask(harness.client, task.id)).status).toBe('Running');
		await harness.client.request({type: 'Kill', all: true});
	});

	it('Esc goes back one level at a time: the search, the zoom, the filter', async () => {
		harness = await startHarness();
		const task = await addTask(harness.client, 'echo hello');
		await waitForTasks(harness.client, [task.id]);
		await harness.press('/');
		await harness.type('hello');
		await harness.press(keys.enter, keys.enter, '/');
		await harness.waitForFrame((text) => text.includes('search log:'), 'the search in the zoomed log, filtered');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => !text.includes('search log:') && text.includes('wrap ·') && !text.includes('Id Status'), 'the search closed, still zoomed');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => text.includes('Id Status') && text.includes('filter: hello'), 'the table back, still filtered');
		await harness.press(keys.escape);
		await harness.waitForFrame((text) => text.includes('Id Status') && !text.includes('filter: hello'), 'the filter cleared');
		expect(harness.exited()).toBe(false);
	});
});

describe('the help', () => {
	it('lists the keys of a text field after the actions', async () => {
		harness = await startHarness({size: {columns: 120, rows: 60}});
		await harness.press('?');
		const frame = await harness.waitForFrame((text) => text.includes('this help') && text.includes('In a text field'), 'the help');
		const literal = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&');
		for (const line of lineEditKeys) expect(frame).toMatch(new RegExp(`${literal(line.keys)}\\s+${literal(line.description)}`));
		await harness.press(keys.escape);
	});
});
