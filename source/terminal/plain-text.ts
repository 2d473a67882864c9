// Task output as plain text (`spool log --plain`): the lines a terminal would
// end up showing, with no escape sequences left, for grep and for programs.
//
// The bytes first go through the output sanitiser (valid UTF-8; only text,
// \n \r \t backspace, SGR colours and the in-line moves CSI C/D/G/K remain),
// then each line is replayed on a one-line "screen":
//   \r         back to the first column (\r\n is a plain line end)
//   backspace  one column back, never before the first
//   CSI n C/D  n columns right/left; CSI n G: to column n
//   CSI n K    erase to the end (0), to the start (1) or the whole line (2)
//   SGR        dropped (colours)
//   text       overwrites what is under the cursor, as a terminal does:
//              `hello world\rHELLO` is `HELLO world`
//   \n         ends the line for good; the next one starts empty
// So `10%\r50%\r100%\n` is `100%\n`. Kept as they were: tabs (one column
// each). Not replayed: moves to other lines (they are dropped by the
// sanitiser, so a multi-line progress display shows each state it printed),
// wide characters (one column per code point) and line wrapping (a line is
// everything up to \n, however long). Erased cells at the end of a line are
// not kept; a last line without \n is given as it is, with none added.
// Memory: one line at a time; moves to the right stop at column 1024 (or the
// end of a longer line), so `CSI 99999999 C` cannot blow it up.
import {StringDecoder} from 'node:string_decoder';
import {createOutputSanitizer} from './sanitize.js';

const maxMoveColumn = 1024;

export type PlainText = {
	/** The lines the chunk completed, each with its \n; the current line is held back. */
	write(chunk: Uint8Array): string;
	/** The last line, if it did not end with \n. */
	end(): string;
};

const astral = /[\uD800-\uDBFF]/;
const columnsOf = (text: string) => (astral.test(text) ? [...text].length : text.length);

// After the sanitiser only these are left: a CSI the sanitiser passed, a control that moves, or a run of text.
const token = /\u001B\[([0-9;:]*)([mCDGK])|([\r\n\b])|([^\u001B\r\n\b]+)/g;

export function createPlainText(): PlainText {
	const sanitizer = createOutputSanitizer();
	const decoder = new StringDecoder('utf8');
	// The current line: `text` holds `length` columns (code points); the cursor is at `column`.
	let text = '';
	let length = 0;
	let column = 0;

	const type = (run: string) => {
		const width = columnsOf(run);
		if (column === length) {
			text += run;
		} else if (column > length) {
			text += ' '.repeat(column - length) + run;
		} else if (width === run.length && length === text.length) {
			// No surrogate pairs on either side: code units are columns.
			text = text.slice(0, column) + run + text.slice(column + width);
		} else {
			const cells = [...text];
			cells.splice(column, Math.min(width, length - column), ...run);
			text = cells.join('');
		}

		column += width;
		length = Math.max(length, column);
	};

	const erase = (mode: number) => {
		if (mode === 2 || (mode === 1 && column >= length - 1)) {
			text = '';
			length = 0;
		} else if (mode === 1) {
			text = ' '.repeat(column + 1) + (length === text.length ? text.slice(column + 1) : [...text].slice(column + 1).join(''));
		} else if (mode === 0 && column < length) {
			text = length === text.length ? text.slice(0, column) : [...text].slice(0, column).join('');
			length = column;
		}
	};

	const move = (final: string, parameters: string) => {
		const first = Number.parseInt(parameters.split(/[;:]/)[0] ?? '', 10);
		const count = Number.isNaN(first) || first === 0 ? 1 : first;
		const limit = Math.max(length, maxMoveColumn);
		if (final === 'C') column = Math.min(column + count, limit);
		else if (final === 'D') column = Math.max(0, column - count);
		else if (final === 'G') column = Math.min(count - 1, limit);
		else if (final === 'K') erase(Number.isNaN(first) ? 0 : first);
	};

	const replay = (input: string): string => {
		let done = '';
		for (const match of input.matchAll(token)) {
			const [, parameters, final, control, run] = match;
			if (run !== undefined) {
				type(run);
			} else if (control === '\n') {
				done += `${text}\n`;
				text = '';
				length = 0;
				column = 0;
			} else if (control === '\r') {
				column = 0;
			} else if (control === '\b') {
				column = Math.max(0, column - 1);
			} else if (final !== undefined && final !== 'm') {
				move(final, parameters ?? '');
			}
		}

		return done;
	};

	return {
		write(chunk) {
			return replay(decoder.write(sanitizer.write(chunk)));
		},
		end() {
			const done = replay(decoder.write(sanitizer.end()) + decoder.end());
			const last = text;
			text = '';
			length = 0;
			column = 0;
			return done + last;
		},
	};
}

/** The whole of `data` as plain text. */
export function plainText(data: Uint8Array): string {
	const plain = createPlainText();
	return plain.write(data) + plain.end();
}
