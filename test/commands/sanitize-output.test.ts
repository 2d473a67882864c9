// The shared output sanitiser: each class of sequence, every split point.
import {describe, expect, it} from 'vitest';
import {createOutputSanitizer, oneLine, sanitizeOutput} from '../../source/terminal/sanitize.js';

const clean = (text: string | Buffer) => sanitizeOutput(typeof text === 'string' ? Buffer.from(text, 'utf8') : text).toString('utf8');

/** Feeds `input` split at every offset (two chunks) and byte by byte; all must match `expected`. */
function expectEverySplit(input: string | Buffer, expected: string) {
	const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
	expect(sanitizeOutput(bytes).toString('utf8')).toBe(expected);
	for (let cut = 0; cut <= bytes.length; cut++) {
		const sanitizer = createOutputSanitizer();
		const out = Buffer.concat([sanitizer.write(bytes.subarray(0, cut)), sanitizer.write(bytes.subarray(cut)), sanitizer.end()]);
		expect(out.toString('utf8'), `split at ${cut}`).toBe(expected);
	}

	const sanitizer = createOutputSanitizer();
	const pieces = [...bytes].map((byte) => sanitizer.write(Uint8Array.of(byte)));
	expect(Buffer.concat([...pieces, sanitizer.end()]).toString('utf8'), 'byte by byte').toBe(expected);
}

describe('createOutputSanitizer', () => {
	it('keeps text, newlines, \\r, tabs and backspace', () => {
		expectEverySplit('a\tb\r\nprogress 10%\rprogress 99%\bX\n', 'a\tb\r\nprogress 10%\rprogress 99%\bX\n');
	});

	it('keeps SGR colours, including 256-colour and truecolour forms', () => {
		const text = '\u001B[31mred\u001B[0m \u001B[1;38;5;196mx\u001B[m \u001B[38:2::255:0:0my\u001B[39m';
		expectEverySplit(text, text);
	});

	it('keeps moves within a line and erase in line', () => {
		const text = 'abc\u001B[2Dz\u001B[C\u001B[10G\u001B[K\u001B[2K!';
		expectEverySplit(text, text);
	});

	it('drops OSC with its payload, ended by BEL or ST', () => {
		expectEverySplit('a\u001B]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007b\u001B]0;title\u001B\\c\u001B]8;;http://x\u001B\\link\u001B]8;;\u001B\\', 'abclink');
	});

	it('drops DCS, APC, PM and SOS strings', () => {
		expectEverySplit('1\u001BP+q544e\u001B\\2\u001B_apc\u001B\\3\u001B^pm\u001B\\4\u001BXsos\u001B\\5', '12345');
	});

	it('drops queries, mode switches, moves across lines and screen clears', () => {
		expectEverySplit('a\u001B[6n\u001B[c\u001B[>c\u001B[?1049h\u001B[?25l\u001B[?2004h\u001B[4h\u001B[2J\u001B[H\u001B[5;5H\u001B[3A\u001B[2B\u001B[1;24r\u001B[3S\u001B[18tb', 'ab');
	});

	it('drops other escapes (save/restore cursor, reset, charsets) and other C0 controls', () => {
		expectEverySplit('a\u001B7\u001B8\u001Bc\u001B(0\u001B(B\u001B=\u0007\u0000\u000B\u000C\u007Fb', 'ab');
	});

	it('drops C1 controls encoded as UTF-8 and replaces 8-bit C1 bytes', () => {
		expectEverySplit('a\u009B6n\u009D0;t\u0007b', 'a6n0;tb');
		expectEverySplit(Buffer.from([0x61, 0x9b, 0x36, 0x6e, 0x62]), 'a\uFFFD6nb');
	});

	it('keeps multibyte UTF-8 intact across every split', () => {
		expectEverySplit('héllo wörld — 日本語 🎉\u001B[32m✓\u001B[0m', 'héllo wörld — 日本語 🎉\u001B[32m✓\u001B[0m');
	});

	it('replaces invalid UTF-8 (truncated, overlong, surrogates) with U+FFFD', () => {
		expectEverySplit(Buffer.from([0x61, 0xe6, 0x97, 0x62]), 'a\uFFFDb');
		expectEverySplit(Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xed, 0xa0, 0x80]), '\uFFFD'.repeat(4));
		expectEverySplit(Buffer.from([0x61, 0xf0, 0x9f]), 'a\uFFFD');
		expectEverySplit(Buffer.from([0xe6, 0x97, 0x1b, 0x5b, 0x6d]), '\uFFFD\u001B[m');
	});

	it('an ESC inside a sequence starts a new one', () => {
		expectEverySplit('\u001B[31\u001B[32mg\u001B]0;t\u001B[33my', '\u001B[32mg\u001B[33my');
	});

	it('drops an over-long CSI sequence whole, in bounded memory', () => {
		expectEverySplit(`a\u001B[${'1;'.repeat(200)}mb`, 'ab');
	});

	it('drops an unfinished sequence at the end', () => {
		expect(clean('a\u001B[31')).toBe('a');
		expect(clean('a\u001B]0;never ends')).toBe('a');
	});

	it('runs in linear time on large hostile input', () => {
		const big = Buffer.from(`${'\u001B]'.repeat(500_000)}\u001B[${'9'.repeat(1_000_000)}${'x'.repeat(10)}`);
		const started = Date.now();
		sanitizeOutput(big);
		expect(Date.now() - started).toBeLessThan(5000);
	});
});

describe('oneLine', () => {
	it('shows newlines and control characters visibly', () => {
		expect(oneLine('a\nb\r\nc\td\u001B]0;x\u0007\u009B')).toBe('a↵b↵c d·]0;x··');
	});
});
