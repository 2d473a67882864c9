// Turns what Ink reads from the terminal into key presses, one at a time.
// Ink 6.8 splits a read into escape sequences and runs of plain text, and
// hands each run to useInput whole: `jjj` in one read is one "jjj", and two
// Backspaces are one "\x7f\x7f" that matches no key. It also names both
// Backspace (\x7f) and Delete (ESC [3~) `delete`. So the UI takes Ink's
// pieces raw (mode-keys.ts) and decodes them here: every character of a run
// is a key of its own, Backspace and Delete differ, and a bracketed paste
// (the terminal wraps pasted text in ESC [200~ … ESC [201~ once the UI asks
// for it) is one press holding the whole text, which text fields insert and
// every other mode refuses (no pasted "D" removes a task).
import type {Key} from 'ink';

export type KeyPress = {
	/** The character typed (the letter for Ctrl and Alt chords), the pasted text, or '' for a named key. */
	input: string;
	key: Key;
	/** Set when `input` is a bracketed paste. */
	paste?: true;
};

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

const press = (input: string, key: Partial<Key> = {}): KeyPress => ({input, key: {...noKey, ...key}});

const esc = '\u001B';
const pasteStart = `${esc}[200~`;
const pasteEnd = `${esc}[201~`;
/** A paste whose end never comes must not swallow every key after it. */
const pasteLimit = 1 << 20;

/** One character of a run of text: control characters are the keys they stand for. */
function decodeCharacter(character: string): KeyPress | undefined {
	switch (character) {
		case '\r':
		case '\n':
			return press('', {return: true});
		case '\t':
			return press('', {tab: true});
		case '\u007F':
		case '\b':
			return press('', {backspace: true});
		case esc:
			return press('', {escape: true, meta: true});
		case ' ':
			return press(' ');
	}

	const code = character.codePointAt(0) ?? 0;
	// Ctrl-A … Ctrl-Z (Ctrl-H, I, J, M are Backspace, Tab and Enter above).
	if (code >= 1 && code <= 26) return press(String.fromCodePoint(code + 96), {ctrl: true});
	// Ctrl-@, Ctrl-\, Ctrl-], Ctrl-^, Ctrl-_ and other C0/C1 controls: no key of ours.
	if (code < 32 || (code >= 0x80 && code < 0xa0)) return undefined;
	return press(character, /^[A-Z]$/.test(character) ? {shift: true} : {});
}

/** xterm's modifier parameter (1 + shift·1 + alt·2 + ctrl·4) as Key flags. */
function modifiers(parameter: string | undefined): Partial<Key> {
	const bits = Math.max(0, Number(parameter ?? 1) - 1);
	return {shift: (bits & 1) !== 0, meta: (bits & 2) !== 0, ctrl: (bits & 4) !== 0};
}

const letterKeys: Record<string, Partial<Key>> = {
	A: {upArrow: true},
	B: {downArrow: true},
	C: {rightArrow: true},
	D: {leftArrow: true},
	H: {home: true},
	F: {end: true},
};

const numberKeys: Record<string, Partial<Key>> = {
	'1': {home: true},
	'7': {home: true},
	'4': {end: true},
	'8': {end: true},
	'3': {delete: true},
	'5': {pageUp: true},
	'6': {pageDown: true},
};

/** ESC [ … or ESC O …: cursor and editing keys, with xterm's modifiers. Function keys and the rest are no key of ours. */
function decodeSequence(sequence: string): KeyPress | undefined {
	const csi = /^\u001B\[(?:1;)?(\d*)(?:;(\d+))?([~A-DFHZ])$/.exec(sequence);
	if (csi) {
		const [, number = '', modifier, final = ''] = csi;
		if (final === 'Z') return press('', {tab: true, shift: true});
		if (final === '~') {
			const named = numberKeys[number];
			return named ? press('', {...modifiers(modifier), ...named}) : undefined;
		}

		// ESC [1;5C (Ctrl-Right): the number is the modifier when there is no second parameter.
		const keyFlags = letterKeys[final];
		return keyFlags ? press('', {...modifiers(modifier ?? (number || undefined)), ...keyFlags}) : undefined;
	}

	const ss3 = /^\u001BO([A-DFH])$/.exec(sequence);
	if (ss3) return press('', letterKeys[ss3[1]!]);
	return undefined;
}

/**
 * Alt chords a text field binds (word back / forward / delete, delete word
 * back). Any other ESC + key in one read is Esc, then the key: a terminal
 * sends Alt-j as ESC j, but so does a fast Esc then j (or tmux `send-keys
 * Escape j`), and Esc must always go back.
 */
const altChords = new Set(['b', 'f', 'd', '\u007F', '\b']);

function decodeEscaped(event: string): KeyPress[] {
	const rest = event.slice(1);
	if (altChords.has(rest)) return [rest.length === 1 && /[bfd]/.test(rest) ? press(rest, {meta: true}) : press('', {backspace: true, meta: true})];
	const sequence = decodeSequence(event);
	if (sequence) return [sequence];
	// A sequence for a key we do not bind (F5, Insert, …) does nothing.
	if (rest.length > 1 && /^[[O]/.test(rest)) return [];
	// ESC ESC, ESC x, ESC ESC [A: an Esc, then what follows.
	return [press('', {escape: true, meta: true}), ...decodeEvent(rest)];
}

function decodeEvent(event: string): KeyPress[] {
	if (event === '') return [];
	if (event.startsWith(esc) && event.length > 1) return decodeEscaped(event);
	const presses: KeyPress[] = [];
	for (const character of event) {
		const decoded = decodeCharacter(character);
		if (decoded) presses.push(decoded);
	}

	return presses;
}

/** Keeps what a bracketed paste has brought so far, across reads. */
export class KeyDecoder {
	#paste: string | undefined;

	/** The key presses in one piece of input as Ink split it (a run of text, or one escape sequence). */
	push(event: string): KeyPress[] {
		if (this.#paste !== undefined) {
			if (event !== pasteEnd && this.#paste.length + event.length <= pasteLimit) {
				this.#paste += event;
				return [];
			}

			const text = this.#paste;
			this.#paste = undefined;
			const pasted: KeyPress[] = text === '' ? [] : [{...press(text), paste: true}];
			return event === pasteEnd ? pasted : [...pasted, ...this.push(event)];
		}

		if (event === pasteStart) {
			this.#paste = '';
			return [];
		}

		// Ink's own reading never yields a stray end marker; a lone one is nothing to act on.
		if (event === pasteEnd) return [];
		return decodeEvent(event);
	}
}
