// A page of text in the body — a command's help (`:help kill`), a task's
// environment (`:env show 4`) — with its title. j/k, the arrows, PgUp/PgDn
// and Space scroll it; any other key closes it, as in the help.
import {Box, Text} from 'ink';
import {keyName} from '../keymap.js';
import {useModeKeys} from '../mode-keys.js';
import type {ViewStore} from '../view-store.js';

type Props = {title: string; lines: readonly string[]; width: number; height: number; scroll: number; view: ViewStore};

/** The border takes two of the view's lines, the title and the hint one each. */
const chrome = 4;

/** Control characters (a value with a newline, an escape) would break the page: shown as \n, \x1b. */
const printable = (line: string) => line.replaceAll(/[\u0000-\u001f\u007f]/g, (char) => (char === '\n' ? '\\n' : char === '\t' ? '\\t' : `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`));

export function TextView({title, lines, width, height, scroll, view}: Props) {
	const rows = Math.max(1, height - chrome);
	const last = Math.max(0, lines.length - rows);
	useModeKeys(view, ['text'], (input, key) => {
		const name = keyName(input, key);
		if (name === 'down' || name === 'j') view.dispatch({type: 'scrollHelp', delta: 1, last});
		else if (name === 'up' || name === 'k') view.dispatch({type: 'scrollHelp', delta: -1, last});
		else if (name === 'pagedown' || name === 'space') view.dispatch({type: 'scrollHelp', delta: rows, last});
		else if (name === 'pageup') view.dispatch({type: 'scrollHelp', delta: -rows, last});
		else view.dispatch({type: 'close'});
	});
	const visible = lines.slice(scroll, scroll + rows);
	const more = lines.length > rows ? ` · ${scroll + 1}-${Math.min(lines.length, scroll + rows)} of ${lines.length}` : '';
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor="cyan" paddingX={1}>
			<Text bold wrap="truncate-end">
				{title}
			</Text>
			<Box flexDirection="column" height={rows}>
				{visible.map((line, index) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: lines of one page, in order
					<Text key={scroll + index} wrap="truncate-end">
						{printable(line) || ' '}
					</Text>
				))}
			</Box>
			<Text dimColor wrap="truncate-end">
				j/k PgUp/PgDn scroll · any other key closes{more}
			</Text>
		</Box>
	);
}
