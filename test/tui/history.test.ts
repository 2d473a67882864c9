// Up/Down history of the palette and the input line: stepping through it,
// what is kept, and the file that keeps it across runs (bounded, written
// through a rename, and never a reason for the UI not to start).
import {chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {PromptHistory} from '../../source/tui/history-file.js';
import {historyLimit, recallLine, remember} from '../../source/tui/line-history.js';
import {makeTempHome} from '../helpers/temp-home.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempFile(): string {
	const {home, cleanup} = makeTempHome();
	cleanups.push(cleanup);
	return path.join(home, 'data', 'ui-history.json');
}

describe('stepping through the history', () => {
	const entries = ['parallel 2', 'add -- make', 'kill 3'];

	it('goes back with Up, forward with Down, and gives back the line being typed at the bottom', () => {
		const up1 = recallLine(entries, 'par', undefined, -1);
		expect(up1).toEqual({value: 'kill 3', recall: {index: 2, draft: 'par'}});
		const up2 = recallLine(entries, up1!.value, up1!.recall, -1);
		expect(up2?.value).toBe('add -- make');
		const down = recallLine(entries, up2!.value, up2!.recall, 1);
		expect(down?.value).toBe('kill 3');
		expect(recallLine(entries, down!.value, down!.recall, 1)).toEqual({value: 'par', recall: undefined});
	});

	it('stops at either end', () => {
		expect(recallLine(entries, '', undefined, 1)).toBeUndefined();
		expect(recallLine(entries, '', {index: 0, draft: ''}, -1)).toBeUndefined();
		expect(recallLine([], '', undefined, -1)).toBeUndefined();
	});

	it('keeps a line once, as the newest, and not blank ones or ones that start with a space', () => {
		expect(remember(['a', 'b', 'c'], 'a')).toEqual(['b', 'c', 'a']);
		expect(remember(['a'], '   ')).toEqual(['a']);
		expect(remember(['a'], ' secret')).toEqual(['a']);
		expect(remember(['a'], 'x'.repeat(5000))).toEqual(['a']);
		expect(remember(['a', 'b', 'c'], 'd', 3)).toEqual(['b', 'c', 'd']);
	});
});

describe('the history file', () => {
	it('keeps the lines of one run for the next, in a file only the user can read', () => {
		const file = tempFile();
		const first = new PromptHistory(file);
		expect(first.entries('palette')).toEqual([]);
		expect(first.add('palette', 'parallel 4 -g gpu')).toBeUndefined();
		first.add('input', 'yes');
		const second = new PromptHistory(file);
		expect(second.entries('palette')).toEqual(['parallel 4 -g gpu']);
		expect(second.entries('input')).toEqual(['yes']);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		// Written through a temporary file that is gone afterwards.
		expect(readdirSync(path.dirname(file))).toEqual(['ui-history.json']);
	});

	it('keeps what another UI added meanwhile', () => {
		const file = tempFile();
		const one = new PromptHistory(file);
		const other = new PromptHistory(file);
		one.add('palette', 'from one');
		other.add('palette', 'from the other');
		expect(new PromptHistory(file).entries('palette')).toEqual(['from one', 'from the other']);
		// Each UI steps through what it knew at its start and its own lines.
		expect(other.entries('palette')).toEqual(['from the other']);
	});

	it('stays bounded', () => {
		const file = tempFile();
		const history = new PromptHistory(file);
		for (let index = 0; index < historyLimit + 20; index++) history.add('palette', `line ${index}`);
		const kept = new PromptHistory(file).entries('palette');
		expect(kept.length).toBe(historyLimit);
		expect(kept.at(-1)).toBe(`line ${historyLimit + 19}`);
		expect(kept[0]).toBe('line 20');
	});

	it.each([
		['not JSON', '{"palette": ["a",'],
		['the wrong shape', '[1, 2, 3]'],
		['wrong entries', '{"palette": ["ok", 3, null, {"x": 1}], "input": "nope"}'],
		['empty', ''],
	])('reads a file that is %s as what it can, and writes a good one on the next line', (_what, text) => {
		const file = tempFile();
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, text);
		const history = new PromptHistory(file);
		expect(history.entries('input')).toEqual([]);
		expect(history.entries('palette')).toEqual(text.includes('"ok"') ? ['ok'] : []);
		history.add('palette', 'next');
		expect(JSON.parse(readFileSync(file, 'utf8')).palette.at(-1)).toBe('next');
	});

	it('says why it could not write, and still keeps the line for this run', () => {
		const file = tempFile();
		mkdirSync(path.dirname(file), {recursive: true});
		chmodSync(path.dirname(file), 0o500);
		cleanups.unshift(() => chmodSync(path.dirname(file), 0o700));
		const history = new PromptHistory(file);
		const problem = history.add('palette', 'kept in memory');
		// root may write anyway; anyone else gets the error.
		if (process.getuid?.() !== 0) expect(problem).toMatch(/EACCES|permission/i);
		expect(history.entries('palette')).toEqual(['kept in memory']);
	});
});
