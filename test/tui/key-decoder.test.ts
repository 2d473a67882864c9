// Ink's pieces of input (runs of text, single escape sequences) into one key
// press each: what every handler of the UI sees.
import {describe, expect, it} from 'vitest';
import {KeyDecoder, type KeyPress} from '../../source/tui/key-decoder.js';
import {keyName} from '../../source/tui/keymap.js';

/** Each press as a short name (the keymap's, plus alt+ and paste). */
function names(...pieces: string[]): string[] {
	const decoder = new KeyDecoder();
	const name = (press: KeyPress) => {
		if (press.paste) return `paste:${press.input}`;
		const base = keyName(press.input, press.key) ?? '?';
		return press.key.meta && !press.key.escape ? `alt+${base}` : base;
	};

	return pieces.flatMap((piece) => decoder.push(piece).map(name));
}

describe('the key decoder', () => {
	it('makes each character of a run a key of its own', () => {
		expect(names('jjj')).toEqual(['j', 'j', 'j']);
		expect(names('Gk ')).toEqual(['G', 'k', 'space']);
	});

	it('tells Backspace from Delete, which Ink names alike', () => {
		expect(names('\u007F\u007F')).toEqual(['backspace', 'backspace']);
		expect(names('\b')).toEqual(['backspace']);
		expect(names('\u001B[3~')).toEqual(['delete']);
	});

	it('names Enter, Tab, Ctrl chords and the cursor keys', () => {
		expect(names('ab\rc\n')).toEqual(['a', 'b', 'enter', 'c', 'enter']);
		expect(names('\t', '\u001B[Z')).toEqual(['tab', 'shift+tab']);
		expect(names('\u0001\u0005\u0017\u0015\u000B\u0003')).toEqual(['ctrl+a', 'ctrl+e', 'ctrl+w', 'ctrl+u', 'ctrl+k', 'ctrl+c']);
		expect(names('\u001B[A', '\u001B[B', '\u001B[C', '\u001B[D', '\u001BOA', '\u001BOD')).toEqual(['up', 'down', 'right', 'left', 'up', 'left']);
		expect(names('\u001B[H', '\u001B[F', '\u001B[1~', '\u001B[4~', '\u001B[7~', '\u001B[8~', '\u001BOH', '\u001BOF')).toEqual(['home', 'end', 'home', 'end', 'home', 'end', 'home', 'end']);
		expect(names('\u001B[5~', '\u001B[6~')).toEqual(['pageup', 'pagedown']);
	});

	it('keeps the modifiers of a cursor key', () => {
		const [ctrlRight] = new KeyDecoder().push('\u001B[1;5C');
		expect(ctrlRight?.key).toMatchObject({rightArrow: true, ctrl: true, meta: false});
		const [altLeft] = new KeyDecoder().push('\u001B[1;3D');
		expect(altLeft?.key).toMatchObject({leftArrow: true, ctrl: false, meta: true});
	});

	it('reads Alt-B/F/D and Alt-Backspace as the line editor’s chords, and any other ESC + key as Esc, then the key', () => {
		expect(names('\u001Bb', '\u001Bf', '\u001Bd', '\u001B\u007F')).toEqual(['alt+b', 'alt+f', 'alt+d', 'alt+backspace']);
		expect(names('\u001Bj')).toEqual(['esc', 'j']);
		expect(names('\u001B\u001B')).toEqual(['esc', 'esc']);
		expect(names('\u001B\u001B[A')).toEqual(['esc', 'up']);
		expect(names('\u001B')).toEqual(['esc']);
	});

	it('ignores keys the UI does not bind instead of typing their sequence', () => {
		expect(names('\u001B[15~', '\u001B[2~', '\u001BOP', '\u001B[[A')).toEqual([]);
		expect(names('\u0000\u001C')).toEqual([]);
	});

	it('makes a bracketed paste one press, also across reads and with escape sequences in it', () => {
		expect(names('\u001B[200~', 'make -j4\rD', '\u001B[201~', 'j')).toEqual(['paste:make -j4\rD', 'j']);
		expect(names('\u001B[200~', 'a', '\u001B[A', 'b', '\u001B[201~')).toEqual(['paste:a\u001B[Ab']);
		expect(names('\u001B[200~', '\u001B[201~', 'k')).toEqual(['k']);
		expect(names('\u001B[201~')).toEqual([]);
	});

	it('ends a paste that never ends at 1 MiB, so keys after it act again', () => {
		const decoder = new KeyDecoder();
		decoder.push('\u001B[200~');
		const chunk = 'x'.repeat(64 * 1024);
		for (let index = 0; index < 16; index++) expect(decoder.push(chunk)).toEqual([]);
		const [pasted, next] = decoder.push('j');
		expect(pasted?.paste).toBe(true);
		expect(pasted?.input.length).toBe(1 << 20);
		expect(next?.input).toBe('j');
	});
});
