// The one-line text editor of every text field — the `/` filter, the `:`
// palette, the `i` input line, the log search and the add / edit form: a
// value and a cursor, and what each key does to them. The keys are
// readline's (bash, zsh, psql): arrows, Home/End, Ctrl-A/E/B/F, Backspace and
// Delete (Ctrl-D) at the cursor, Ctrl-W, Ctrl-U, Ctrl-K, and Alt-B/F/D,
// Alt-Backspace, Ctrl-←/→ by words. The cursor moves over whole characters
// as a person sees them (a flag, an emoji with a skin tone), never inside one.
// Pure functions; drawing the result is components/text-field.tsx.
import type {KeyPress} from './key-decoder.js';

export type Line = {
	value: string;
	/** Where the cursor is, in UTF-16 units of `value`, always between two characters. */
	cursor: number;
};

/** A line with the cursor after its last character. */
export const lineAt = (value: string, cursor = value.length): Line => ({value, cursor: Math.max(0, Math.min(cursor, value.length))});

/** The editor's keys, for the help (`?`) and the README. */
export const lineEditKeys: ReadonlyArray<{keys: string; description: string}> = [
	{keys: '←/→ Ctrl-B/F', description: 'move the cursor a character'},
	{keys: 'Alt-B/F Ctrl-←/→', description: 'move the cursor a word'},
	{keys: 'Home/End Ctrl-A/E', description: 'to the start / the end'},
	{keys: 'Backspace', description: 'delete the character before the cursor'},
	{keys: 'Delete Ctrl-D', description: 'delete the character under the cursor'},
	{keys: 'Ctrl-W Alt-Backspace', description: 'delete the word before the cursor'},
	{keys: 'Alt-D', description: 'delete the word after the cursor'},
	{keys: 'Ctrl-U / Ctrl-K', description: 'delete to the start / to the end'},
	{keys: '↑/↓', description: 'earlier / later lines (: and i, kept across runs); in the form: fields'},
	{keys: 'Enter · Esc Ctrl-C', description: 'submit · cancel'},
];

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Where each character (grapheme) of `value` starts, and its end. */
function boundaries(value: string): number[] {
	const starts = [...graphemes.segment(value)].map((segment) => segment.index);
	starts.push(value.length);
	return starts;
}

const previousBoundary = (value: string, cursor: number) => boundaries(value).findLast((index) => index < cursor) ?? 0;
const nextBoundary = (value: string, cursor: number) => boundaries(value).find((index) => index > cursor) ?? value.length;

const isSpace = (character: string) => /\s/u.test(character);
const isWordCharacter = (character: string) => /[\p{L}\p{N}_]/u.test(character);

/** Back over characters that are not `inWord`, then over those that are. */
function wordStart(value: string, cursor: number, inWord: (character: string) => boolean): number {
	let index = cursor;
	while (index > 0 && !inWord(value[index - 1]!)) index--;
	while (index > 0 && inWord(value[index - 1]!)) index--;
	return index;
}

function wordEnd(value: string, cursor: number): number {
	let index = cursor;
	while (index < value.length && !isWordCharacter(value[index]!)) index++;
	while (index < value.length && isWordCharacter(value[index]!)) index++;
	return index;
}

/** Pasted text: line ends as \n, tabs kept, other control characters dropped. */
function pastedText(text: string): string {
	return text.replaceAll(/\r\n?/g, '\n').replaceAll(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}

function replace({value}: Line, from: number, to: number, text: string): Line {
	return {value: value.slice(0, from) + text + value.slice(to), cursor: from + text.length};
}

const moveTo = ({value}: Line, cursor: number): Line => ({value, cursor});

/** The line after `press`, or undefined when the key is not the editor's (Enter, Esc, Tab, ↑/↓, PgUp/PgDn, other chords): the field decides. */
export function editLine(line: Line, press: KeyPress): Line | undefined {
	const {value, cursor} = line;
	const {input, key} = press;
	if (press.paste) return replace(line, cursor, cursor, pastedText(input));
	const word = key.meta || key.ctrl;
	if (key.leftArrow) return moveTo(line, word ? wordStart(value, cursor, isWordCharacter) : previousBoundary(value, cursor));
	if (key.rightArrow) return moveTo(line, word ? wordEnd(value, cursor) : nextBoundary(value, cursor));
	if (key.home) return moveTo(line, 0);
	if (key.end) return moveTo(line, value.length);
	if (key.backspace) return replace(line, key.meta ? wordStart(value, cursor, isWordCharacter) : previousBoundary(value, cursor), cursor, '');
	if (key.delete) return replace(line, cursor, nextBoundary(value, cursor), '');
	if (key.ctrl) {
		switch (input) {
			case 'a':
				return moveTo(line, 0);
			case 'e':
				return moveTo(line, value.length);
			case 'b':
				return moveTo(line, previousBoundary(value, cursor));
			case 'f':
				return moveTo(line, nextBoundary(value, cursor));
			case 'd':
				return replace(line, cursor, nextBoundary(value, cursor), '');
			case 'w':
				return replace(
					line,
					wordStart(value, cursor, (character) => !isSpace(character)),
					cursor,
					'',
				);
			case 'u':
				return replace(line, 0, cursor, '');
			case 'k':
				return replace(line, cursor, value.length, '');
			default:
				return undefined;
		}
	}

	if (key.meta) {
		switch (input) {
			case 'b':
				return moveTo(line, wordStart(value, cursor, isWordCharacter));
			case 'f':
				return moveTo(line, wordEnd(value, cursor));
			case 'd':
				return replace(line, cursor, wordEnd(value, cursor), '');
			default:
				return undefined;
		}
	}

	if (input === '' || key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return undefined;
	return replace(line, cursor, cursor, input);
}

/** What a field shows of a line: the text before the cursor, the character under it (a blank at the end), the text after it. */
export type LineView = {before: string; under: string; after: string; clippedStart: boolean; clippedEnd: boolean};

/** Line breaks and tabs in a value (pasted, or a task's command) drawn as one visible cell each. */
export const visibleText = (text: string): string =>
	text
		.replaceAll('\n', '↵')
		.replaceAll('\t', '⇥')
		.replaceAll(/[\u0000-\u001F\u007F-\u009F]/g, '?');

/** Terminal cells of one character: East Asian wide characters and emoji take two. */
function cellWidth(character: string): number {
	return /^[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|^\p{Extended_Pictographic}|^[\u{20000}-\u{3FFFD}]/u.test(
		character,
	)
		? 2
		: 1;
}

/** Cells of context kept after the cursor when the line is wider than the field. */
const contextCells = (width: number) => Math.min(8, Math.floor(width / 4));

/**
 * The part of `line` a field `width` cells wide shows: all of it when it
 * fits, or else a window that holds the cursor, with some text after it, and
 * a `…` cell on each side that is cut.
 */
export function lineView(line: Line, width: number): LineView {
	const characters = [...graphemes.segment(line.value)].map((segment) => ({text: visibleText(segment.segment), start: segment.index, cells: cellWidth(segment.segment)}));
	const count = characters.length;
	const at = characters.findIndex((character) => character.start >= line.cursor);
	const cursor = at === -1 ? count : at;
	const cellsOf = (from: number, to: number) => characters.slice(from, to).reduce((sum, character) => sum + character.cells, 0);
	// The cursor past the end is a blank cell of its own.
	const blank = cursor === count ? 1 : 0;
	const fits = (from: number, to: number) => cellsOf(from, to) + blank + (from > 0 ? 1 : 0) + (to < count ? 1 : 0) <= width;
	let from = cursor;
	let to = Math.min(count, cursor + 1);
	if (!fits(0, count)) {
		while (to < count && cellsOf(cursor + 1, to + 1) <= contextCells(width) && fits(from, to + 1)) to++;
		while (from > 0 && fits(from - 1, to)) from--;
		while (to < count && fits(from, to + 1)) to++;
	} else {
		from = 0;
		to = count;
	}

	const text = (start: number, end: number) =>
		characters
			.slice(start, end)
			.map((character) => character.text)
			.join('');
	return {before: text(from, cursor), under: cursor < count ? text(cursor, cursor + 1) : ' ', after: text(cursor + 1, to), clippedStart: from > 0, clippedEnd: to < count};
}
