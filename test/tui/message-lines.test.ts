// A message in the footer is shown whole: wrapped at spaces to the width,
// long words cut hard, and the body gives up the lines it takes.
import {describe, expect, it} from 'vitest';
import {screenLayout} from '../../source/tui/layout.js';
import {messageLines, wrapText} from '../../source/tui/wrap-text.js';

describe('wrapText', () => {
	it('wraps at spaces and cuts words longer than the width', () => {
		expect(wrapText('unknown command "frob": add, edit, env', 20)).toEqual(['unknown command', '"frob": add, edit,', 'env']);
		expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
		expect(wrapText('short', 20)).toEqual(['short']);
		expect(wrapText('', 20)).toEqual(['']);
		// Line breaks in the text are kept.
		expect(wrapText('one\ntwo', 20)).toEqual(['one', 'two']);
	});

	it('keeps a message to a quarter of the screen, and one line at least', () => {
		expect(messageLines(undefined, {columns: 80, rows: 24})).toBe(1);
		expect(messageLines({text: 'x '.repeat(100), kind: 'error'}, {columns: 80, rows: 24})).toBe(3);
		expect(messageLines({text: 'x '.repeat(1000), kind: 'error'}, {columns: 80, rows: 24})).toBe(6);
	});
});

describe('the layout with a long message', () => {
	it('takes the message lines from the body', () => {
		const one = screenLayout({columns: 80, rows: 24}, {zoom: false, showSide: false});
		// Three lines of message and the line of keys: two more than a one-line message.
		const three = screenLayout({columns: 80, rows: 24}, {zoom: false, showSide: false}, 4);
		expect(three.bodyHeight).toBe(one.bodyHeight - 2);
		expect(three.height).toBe(one.height);
	});
});
