// How a one-line text field answers a key press: the prompts (`/`, `:`, `i`,
// log search) and the fields of the add dialog edit text the same way.
import type {Key} from 'ink';

/** The field's next text, or undefined when the key does not edit text (Enter, Esc, Tab, arrows, Ctrl or Meta chords). */
export function editText(value: string, input: string, key: Key): string | undefined {
	if (key.backspace || key.delete) return value.slice(0, -1);
	if (key.ctrl && input === 'u') return '';
	if (input && !key.ctrl && !key.meta && !key.return && !key.escape && !key.tab) return value + input;
	return undefined;
}
