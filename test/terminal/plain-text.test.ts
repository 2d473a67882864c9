// --plain's filter: a task's bytes as the lines a terminal would end up
// showing, without escape sequences. Every case is fed whole, split at every
// offset and byte by byte; all must agree.
import {describe, expect, it} from 'vitest';
import {createPlainText, plainText} from '../../source/terminal/plain-text.js';

function expectPlain(input: string | Buffer, expected: string) {
	const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
	expect(plainText(bytes)).toBe(expected);
	for (let cut = 0; cut <= bytes.length; cut++) {
		const plain = createPlainText();
		expect(plain.write(bytes.subarray(0, cut)) + plain.write(bytes.subarray(cut)) + plain.end(), `split at ${cut}`).toBe(expected);
	}

	const plain = createPlainText();
	expect([...bytes].map((byte) => plain.write(Uint8Array.of(byte))).join('') + plain.end(), 'byte by byte').toBe(expected);
}

describe('plainText', () => {
	it('keeps plain lines as they are, tabs included', () => {
		expectPlain('one\ntwo\tcolumns\n\nlast\n', 'one\ntwo\tcolumns\n\nlast\n');
	});

	it('collapses \\r progress to its final state', () => {
		expectPlain('10%\r50%\r100%\n', '100%\n');
		expectPlain('downloading 10%\rdownloading 50%\rdownloading 100%\ndone\n', 'downloading 100%\ndone\n');
	});

	it('keeps the end of a longer line that a shorter one overwrote, as a terminal shows it', () => {
		expectPlain('hello world\rHELLO\n', 'HELLO world\n');
	});

	it('reads \\r\\n as a line end', () => {
		expectPlain('a\r\nb\r\n', 'a\nb\n');
		expectPlain('50%\r100%\r\nnext\r\n', '100%\nnext\n');
	});

	it('moves back on backspace, never before the start of the line', () => {
		expectPlain('abc\b\bX\n', 'aXc\n');
		expectPlain('|\b/\b-\b\\\bdone\n', 'done\n');
		expectPlain('a\b\b\bZ\n', 'Z\n');
	});

	it('drops colours and every other escape sequence', () => {
		expectPlain('\u001B[31mred\u001B[0m and \u001B[1;38;5;196mbold\u001B[m\n', 'red and bold\n');
		expectPlain('\u001B]0;title\u0007\u001B[?1049h\u001B[2J\u001B[6nvisible\u001B]52;c;eA==\u001B\\\n', 'visible\n');
	});

	it('follows the moves and erasures within a line that the sanitiser lets through', () => {
		expectPlain('hello\r\u001B[Kab\n', 'ab\n');
		expectPlain('hello\u001B[2Kx\n', '     x\n');
		expectPlain('hello\u001B[3D\u001B[1KX\n', '  Xlo\n');
		expectPlain('a\u001B[3Cb\n', 'a   b\n');
		expectPlain('abcdef\u001B[3GX\u001B[CY\n', 'abXdYf\n');
		expectPlain('abcdef\u001B[GX\u001B[DY\n', 'Ybcdef\n');
		expectPlain('abcdef\u001B[3D\u001B[K\n', 'abc\n');
		expectPlain('abcdef\u001B[3D\u001B[0K!\n', 'abc!\n');
	});

	it('keeps a last line without a newline, and adds none', () => {
		expectPlain('50%\r100%', '100%');
		expectPlain('', '');
		expectPlain('line\n', 'line\n');
	});

	it('counts one column per character, multibyte ones too', () => {
		expectPlain('größe 10%\rgröße 99%\n', 'größe 99%\n');
		expectPlain('日本語\rX\n', 'X本語\n');
		expectPlain('🙂🙂\b😀\n', '🙂😀\n');
	});

	it('shows bytes that are not UTF-8 as U+FFFD and drops other controls', () => {
		expectPlain(Buffer.from([0x61, 0xff, 0x62, 0x07, 0x00, 0x0a]), 'a\uFFFDb\n');
	});

	it('keeps the lines of a multi-line progress display as printed: each \\n ends a line for good', () => {
		// Cursor-up moves are dropped, so a display of several bars shows each state once.
		expectPlain('bar 1\nbar 2\n\u001B[2Abar 1 done\n', 'bar 1\nbar 2\nbar 1 done\n');
	});

	it('moves right at most to column 1024, or the end of a longer line', () => {
		expectPlain('a\u001B[99999999Cb\n', `a${' '.repeat(1023)}b\n`);
		expect(plainText(Buffer.from(`${'x'.repeat(2000)}\r\u001B[5000GY\n`))).toBe(`${'x'.repeat(2000)}Y\n`);
	});

	it('handles a long line of progress in bounded output', () => {
		const steps = Array.from({length: 10_000}, (_, index) => `\r${String(index).padStart(5)} / 9999`).join('');
		expect(plainText(Buffer.from(`${steps}\n`))).toBe(' 9999 / 9999\n');
	});
});
