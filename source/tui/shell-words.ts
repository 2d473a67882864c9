// A line split into words as a POSIX shell would for simple quoting —
// 'single', "double" (with \" and \\), backslash — for the palette, the
// filter and Tab completion. Kept apart from what the words mean.
import {InputError} from '../shared/input-error.js';

export type Word = {
	text: string;
	/** Where the word starts in the line (its first quote included). */
	start: number;
};

/** The words, and the quote still open at the end of the line, if any (a line being typed). */
export function scanWords(line: string): {words: Word[]; open: string | undefined} {
	const words: Word[] = [];
	let current = '';
	let start = -1;
	let quote: string | undefined;
	for (let index = 0; index < line.length; index++) {
		const char = line[index]!;
		if (quote) {
			if (char === quote) quote = undefined;
			else if (char === '\\' && quote === '"' && index + 1 < line.length) current += line[++index];
			else current += char;
			continue;
		}

		if (/\s/.test(char)) {
			if (start !== -1) words.push({text: current, start});
			current = '';
			start = -1;
			continue;
		}

		if (start === -1) start = index;
		if (char === "'" || char === '"') quote = char;
		else if (char === '\\' && index + 1 < line.length) current += line[++index];
		else current += char;
	}

	if (start !== -1) words.push({text: current, start});
	return {words, open: quote};
}

/** The words of a whole line; an unclosed quote is an error. */
export function splitWords(line: string): string[] {
	const {words, open} = scanWords(line);
	if (open) throw new InputError(`unclosed ${open} quote`);
	return words.map((word) => word.text);
}

/** A word as scanWords reads it back: quoted only when it holds blanks, quotes or backslashes. */
export const quoteWord = (word: string) => (/[\s'"\\]/.test(word) || word === '' ? `'${word.replaceAll("'", "'\\''")}'` : word);
