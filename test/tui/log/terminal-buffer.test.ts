import {describe, expect, it} from 'vitest';
import {allTexts, buffersPerTest, numberedLines, text, writeAll} from './helpers.js';

const make = buffersPerTest();

describe('TerminalBuffer colours and styles', () => {
	it('keeps SGR colours as Ink colour names for the 16 ANSI colours', async () => {
		const buffer = await make('\u001B[31mred\u001B[0m plain \u001B[94;42mbright\u001B[0m\n');
		const [line] = buffer.getLines(0, 1);
		expect(line?.segments).toEqual([
			{text: 'red', style: {fg: 'red'}},
			{text: ' plain ', style: {}},
			{text: 'bright', style: {fg: 'blueBright', bg: 'green'}},
		]);
	});

	it('turns 256-colour and truecolor into hex', async () => {
		const buffer = await make('\u001B[38;5;196ma\u001B[48;5;21mb\u001B[0m\u001B[38;5;244mc\u001B[38;2;18;52;86md\u001B[48;2;1;2;3me\u001B[0m\n');
		const [line] = buffer.getLines(0, 1);
		expect(line?.segments).toEqual([
			{text: 'a', style: {fg: '#ff0000'}},
			{text: 'b', style: {fg: '#ff0000', bg: '#0000ff'}},
			{text: 'c', style: {fg: '#808080'}},
			{text: 'd', style: {fg: '#123456'}},
			{text: 'e', style: {fg: '#123456', bg: '#010203'}},
		]);
	});

	it('maps a palette index below 16 to the same name however it was chosen, and merges equal cells', async () => {
		const buffer = await make('\u001B[31mab\u001B[38;5;1mcd\u001B[0m\n');
		expect(buffer.getLines(0, 1)[0]?.segments).toEqual([{text: 'abcd', style: {fg: 'red'}}]);
	});

	it('keeps bold, dim, italic, underline, inverse and strikethrough', async () => {
		const buffer = await make(`${['1mB', '2mD', '3mI', '4mU', '7mR', '9mS'].map((sgr) => `\u001B[${sgr}\u001B[0m`).join('')}\n`);
		expect(buffer.getLines(0, 1)[0]?.segments).toEqual([
			{text: 'B', style: {bold: true}},
			{text: 'D', style: {dim: true}},
			{text: 'I', style: {italic: true}},
			{text: 'U', style: {underline: true}},
			{text: 'R', style: {inverse: true}},
			{text: 'S', style: {strikethrough: true}},
		]);
	});

	it('trims trailing blanks but keeps coloured background spaces', async () => {
		const buffer = await make('text   \n\u001B[41m   \u001B[0m   \n');
		const [plain, coloured] = buffer.getLines(0, 2);
		expect(plain?.segments).toEqual([{text: 'text', style: {}}]);
		expect(coloured?.segments).toEqual([{text: '   ', style: {bg: 'red'}}]);
	});
});

describe('TerminalBuffer control sequences', () => {
	it('collapses \\r progress output to one line with the final state', async () => {
		const buffer = await make('10%\r50%\r100%\n');
		expect(buffer.lineCount).toBe(1);
		expect(allTexts(buffer)).toEqual(['100%']);
	});

	it('redraws a progress bar in place across writes', async () => {
		const buffer = await make('');
		for (let i = 0; i <= 20; i++) buffer.write(Buffer.from(`\r[${'#'.repeat(i)}${' '.repeat(20 - i)}] ${i * 5}%`));
		await writeAll(buffer, '\ndone\n');
		expect(allTexts(buffer)).toEqual([`[${'#'.repeat(20)}] 100%`, 'done']);
	});

	it('starts a new line at column 0 for both "\\n" and "\\r\\n"', async () => {
		const buffer = await make('one\ntwo\r\nthree\nfour\r\n');
		expect(allTexts(buffer)).toEqual(['one', 'two', 'three', 'four']);
		expect(buffer.getLines(0, 4).map((line) => line.wrapped)).toEqual([false, false, false, false]);
	});

	it('wraps a long line at the pty width', async () => {
		const buffer = await make(`${'x'.repeat(45)}\nnext\n`, {cols: 20});
		const lines = buffer.getLines(0, 10);
		expect(lines.map((line) => text(line.segments))).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5), 'next']);
		expect(lines.map((line) => line.wrapped)).toEqual([false, true, true, false]);
		expect(buffer.isWrapped(1)).toBe(true);
		expect(buffer.lineWidth(2)).toBe(5);
	});

	it('erases lines (EL 2 and EL 0)', async () => {
		const buffer = await make('hello world\r\u001B[2Kbye\nabcdef\r\u001B[3C\u001B[K\n');
		expect(allTexts(buffer)).toEqual(['bye', 'abc']);
	});

	it('follows cursor movement', async () => {
		const buffer = await make('line1\nline2\n\u001B[2A\u001B[5Cx\u001B[2B\rend\n');
		expect(allTexts(buffer)).toEqual(['line1x', 'line2', 'end']);
	});

	it('shows the alternate screen while it is active, then the normal one again', async () => {
		const buffer = await make('main\n\u001B[?1049h\u001B[Halt screen');
		expect(buffer.alternateScreen).toBe(true);
		expect(allTexts(buffer)).toEqual(['alt screen']);
		await writeAll(buffer, '\u001B[?1049l');
		expect(buffer.alternateScreen).toBe(false);
		expect(allTexts(buffer)).toEqual(['main']);
	});

	it('decodes UTF-8 split across writes and keeps wide characters whole', async () => {
		const bytes = Buffer.from('é 日本 ok\n');
		const buffer = await make(bytes.subarray(0, 1));
		buffer.write(bytes.subarray(1, 5));
		buffer.write(bytes.subarray(5));
		await buffer.flush();
		expect(allTexts(buffer)).toEqual(['é 日本 ok']);
		// A range that cuts a wide character shows a space in its place: same width.
		expect(text(buffer.getLineRange(0, 0, 3))).toBe('é  ');
		expect(text(buffer.getLineRange(0, 3, 7))).toBe(' 本 ');
	});
});

describe('TerminalBuffer lines', () => {
	it('counts scrollback and screen lines but not the empty screen lines below the output', async () => {
		const buffer = await make(numberedLines(0, 3), {rows: 10});
		expect(buffer.lineCount).toBe(3);
		await writeAll(buffer, numberedLines(3, 100));
		expect(buffer.lineCount).toBe(100);
		expect(buffer.getLines(97, 10).map((line) => text(line.segments))).toEqual(['line 97', 'line 98', 'line 99']);
	});

	it('reads only the requested range', async () => {
		const buffer = await make(numberedLines(0, 500), {rows: 10});
		expect(buffer.getLines(250, 3).map((line) => text(line.segments))).toEqual(['line 250', 'line 251', 'line 252']);
		// The range is intersected with the existing lines.
		expect(buffer.getLines(-1, 2).map((line) => text(line.segments))).toEqual(['line 0']);
		expect(buffer.getLines(499, 5).map((line) => text(line.segments))).toEqual(['line 499']);
	});

	it('drops the oldest lines past the scrollback and counts them in firstLine', async () => {
		// Relies on xterm's internal trim event; this fails if an upgrade removes it.
		const buffer = await make(numberedLines(0, 30), {rows: 5, scrollback: 10});
		expect(buffer.lineCount).toBe(14);
		expect(buffer.firstLine).toBe(16);
		expect(text(buffer.getLines(0, 1)[0]?.segments ?? [])).toBe('line 16');
		expect(buffer.firstLine + buffer.lineCount).toBe(30);
	});

	it('flush resolves once everything written so far is parsed', async () => {
		const buffer = await make('');
		const chunk = Buffer.from(numberedLines(0, 20_000));
		for (let i = 0; i < 5; i++) buffer.write(chunk);
		expect(buffer.pending).toBeGreaterThan(0);
		await buffer.flush();
		expect(buffer.pending).toBe(0);
		// 5000 scrollback + 10 screen rows, the last one the empty cursor line.
		expect(buffer.lineCount).toBe(5009);
		expect(text(buffer.getLines(buffer.lineCount - 1, 1)[0]?.segments ?? [])).toBe('line 19999');
	});

	it('resizes', async () => {
		const buffer = await make('abc\n', {cols: 40, rows: 10});
		buffer.resize(80, 20);
		expect([buffer.cols, buffer.rows]).toEqual([80, 20]);
		expect(allTexts(buffer)).toEqual(['abc']);
	});
});

describe('TerminalBuffer search', () => {
	it('finds case-insensitive plain-text matches with their line and column', async () => {
		const buffer = await make('Error one\nno match\nan error. ERROR (x+1)\n');
		expect(buffer.search('error')).toEqual([
			{line: 0, column: 0},
			{line: 2, column: 3},
			{line: 2, column: 10},
		]);
		// Plain text: regex characters are literal.
		expect(buffer.search('(x+1)')).toEqual([{line: 2, column: 16}]);
		expect(buffer.search('')).toEqual([]);
		expect(buffer.search('absent')).toEqual([]);
	});

	it('reports cell columns after wide characters and finds matches cut by wrapping', async () => {
		const buffer = await make(`日本 needle\n${'.'.repeat(17)}needle\n`, {cols: 20});
		expect(buffer.search('needle')).toEqual([
			{line: 0, column: 5},
			{line: 1, column: 17},
		]);
	});
});
