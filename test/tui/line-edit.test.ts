// The one-line text editor every text field uses: a value and a cursor, and
// what each key does to them (readline's keys), as pure functions.
import {describe, expect, it} from 'vitest';
import {KeyDecoder} from '../../source/tui/key-decoder.js';
import {editLine, type Line, lineAt, lineView} from '../../source/tui/line-edit.js';

/** Types `keys` (as a terminal sends them) into `line`; keys that are not the editor's leave it alone. */
function typeInto(line: Line, keys: string): Line {
	const decoder = new KeyDecoder();
	let current = line;
	// Ink hands escape sequences over one by one; split the same way here.
	for (const piece of keys.split(/(\u001B\[[0-9;]*[~A-Z]|\u001BO[A-Z]|\u001B.)/).filter(Boolean)) {
		for (const press of decoder.push(piece)) current = editLine(current, press) ?? current;
	}

	return current;
}

const left = '\u001B[D';
const right = '\u001B[C';
const home = '\u001B[H';
const end = '\u001B[F';
const del = '\u001B[3~';
const backspace = '\u007F';
const ctrl = (letter: string) => String.fromCodePoint(letter.charCodeAt(0) - 96);
/** The line with a | where the cursor is. */
const show = ({value, cursor}: Line) => `${value.slice(0, cursor)}|${value.slice(cursor)}`;

describe('the line editor', () => {
	it('inserts at the cursor and moves it with the arrows, Home and End', () => {
		expect(show(typeInto(lineAt(''), 'make relase -j4'))).toBe('make relase -j4|');
		// Fix the typo in the middle: left to after "rel", type the missing "e".
		const fixed = typeInto(lineAt('make relase -j4'), `${left.repeat(7)}e`);
		expect(show(fixed)).toBe('make rele|ase -j4');
		expect(show(typeInto(fixed, home))).toBe('|make release -j4');
		expect(show(typeInto(fixed, end))).toBe('make release -j4|');
		expect(show(typeInto(fixed, `${home}${left}`))).toBe('|make release -j4');
		expect(show(typeInto(fixed, `${end}${right}`))).toBe('make release -j4|');
	});

	it('knows Ctrl-A, Ctrl-E, Ctrl-B and Ctrl-F', () => {
		const line = lineAt('abc def');
		expect(show(typeInto(line, ctrl('a')))).toBe('|abc def');
		expect(show(typeInto(line, `${ctrl('a')}${ctrl('e')}`))).toBe('abc def|');
		expect(show(typeInto(line, `${ctrl('b')}${ctrl('b')}`))).toBe('abc d|ef');
		expect(show(typeInto(line, `${ctrl('a')}${ctrl('f')}`))).toBe('a|bc def');
	});

	it('deletes before the cursor with Backspace and under it with Delete and Ctrl-D', () => {
		const line = typeInto(lineAt('abcdef'), left.repeat(3));
		expect(show(typeInto(line, backspace))).toBe('ab|def');
		expect(show(typeInto(line, '\b'))).toBe('ab|def');
		expect(show(typeInto(line, del))).toBe('abc|ef');
		expect(show(typeInto(line, ctrl('d')))).toBe('abc|ef');
		expect(show(typeInto(line, `${backspace}${backspace}${del}${del}`))).toBe('a|f');
		// At the ends there is nothing to delete.
		expect(show(typeInto(lineAt('abc'), del))).toBe('abc|');
		expect(show(typeInto(lineAt('abc'), `${home}${backspace}`))).toBe('|abc');
	});

	it('deletes a word back with Ctrl-W, to the start with Ctrl-U and to the end with Ctrl-K', () => {
		expect(show(typeInto(lineAt('make release -j4'), ctrl('w')))).toBe('make release |');
		expect(show(typeInto(lineAt('make release -j4  '), ctrl('w')))).toBe('make release |');
		expect(show(typeInto(lineAt('make release -j4'), `${ctrl('w')}${ctrl('w')}`))).toBe('make |');
		const middle = typeInto(lineAt('make release -j4'), left.repeat(4));
		expect(show(typeInto(middle, ctrl('w')))).toBe('make | -j4');
		expect(show(typeInto(middle, ctrl('u')))).toBe('| -j4');
		expect(show(typeInto(middle, ctrl('k')))).toBe('make release|');
	});

	it('moves and deletes by words with Alt and Ctrl chords', () => {
		const line = lineAt('git commit --amend');
		expect(show(typeInto(line, '\u001Bb'))).toBe('git commit --|amend');
		expect(show(typeInto(line, '\u001Bb\u001Bb'))).toBe('git |commit --amend');
		expect(show(typeInto(line, '\u001B[1;5D'))).toBe('git commit --|amend');
		expect(show(typeInto(line, `${home}\u001Bf`))).toBe('git| commit --amend');
		expect(show(typeInto(line, `${home}\u001B[1;5C\u001B[1;5C`))).toBe('git commit| --amend');
		expect(show(typeInto(line, `${home}\u001Bd`))).toBe('| commit --amend');
		expect(show(typeInto(line, `\u001B${backspace}`))).toBe('git commit --|');
	});

	it('moves over a character made of several code points as one', () => {
		const line = lineAt('a👍🏽b');
		expect(show(typeInto(line, left.repeat(2)))).toBe('a|👍🏽b');
		expect(show(typeInto(line, `${left}${backspace}`))).toBe('a|b');
	});

	it('inserts a paste whole, with its line breaks and tabs as text', () => {
		const line = typeInto(lineAt('ab'), `${left}\u001B[200~x\r\ny\tz\u0007\u001B[201~`);
		expect(show(line)).toBe('ax\ny\tz|b');
	});

	it('leaves Enter, Esc, Tab, Up, Down and unknown chords to the field', () => {
		const decoder = new KeyDecoder();
		for (const keys of ['\r', '\t', '\u001B[A', '\u001B[B', '\u001B[5~', ctrl('g')]) {
			for (const press of decoder.push(keys)) expect(editLine(lineAt('x'), press), JSON.stringify(keys)).toBeUndefined();
		}
	});
});

describe('drawing a line', () => {
	it('puts the cursor on the character under it, or on a blank after the end', () => {
		expect(lineView(lineAt('abc'), 20)).toEqual({before: 'abc', under: ' ', after: '', clippedStart: false, clippedEnd: false});
		expect(lineView({value: 'abc', cursor: 1}, 20)).toEqual({before: 'a', under: 'b', after: 'c', clippedStart: false, clippedEnd: false});
	});

	it('shows line breaks and tabs as symbols', () => {
		expect(lineView({value: 'a\nb\tc', cursor: 1}, 20)).toMatchObject({before: 'a', under: '↵', after: 'b⇥c'});
	});

	it('shows the part around the cursor of a line wider than the field', () => {
		const long = `${'x'.repeat(50)}END`;
		const atEnd = lineView(lineAt(long), 20);
		expect(atEnd.clippedStart).toBe(true);
		expect(atEnd.clippedEnd).toBe(false);
		expect(atEnd.before.endsWith('END')).toBe(true);
		expect(1 + atEnd.before.length + 1).toBe(20);
		const atStart = lineView({value: `START${long}`, cursor: 0}, 20);
		expect(atStart).toMatchObject({before: '', under: 'S', clippedStart: false, clippedEnd: true});
		expect(atStart.after.length + 1 + 1).toBe(20);
		// In the middle, some text stays visible on both sides of the cursor.
		const middle = lineView({value: `${'a'.repeat(40)}M${'b'.repeat(40)}`, cursor: 40}, 20);
		expect(middle).toMatchObject({under: 'M', clippedStart: true, clippedEnd: true});
		expect(middle.before.length).toBeGreaterThan(2);
		expect(middle.after.length).toBeGreaterThan(2);
		expect(1 + middle.before.length + 1 + middle.after.length + 1).toBe(20);
	});

	it('counts wide characters as two cells', () => {
		const view = lineView(lineAt('日本語'.repeat(10)), 11);
		// 2 cells each: the marker, 4 characters and the cursor cell fill 10 of 11 cells; a fifth would not fit.
		expect(view.before).toBe('語日本語');
		expect(view.clippedStart).toBe(true);
	});
});
