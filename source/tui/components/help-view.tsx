// `?`: every key of the registry, with what it does, then the keys of a
// text field (line-edit.ts). j/k and the arrows scroll it; any other key
// closes it.
import {Box, Text} from 'ink';
import {type ActionId, type Keymap, keyName, keysText} from '../keymap.js';
import {lineEditKeys} from '../line-edit.js';
import {useModeKeys} from '../mode-keys.js';
import type {ViewStore} from '../view-store.js';

type Props = {keymap: Keymap; width: number; height: number; scroll: number; view: ViewStore};

/** The border takes two of the view's lines. */
const borderLines = 2;

/** `heading`: a line of its own, no keys. */
type HelpLine = {keys: string; description: string; where: string; heading?: boolean};

const textFieldLines: HelpLine[] = [
	{keys: '', description: ' ', where: '', heading: true},
	{keys: '', description: 'In a text field (/ filter, : command, i input, the add / edit form):', where: '', heading: true},
	...lineEditKeys.map((line) => ({...line, where: ''})),
];

/** The keys' column of each section is as wide as its widest keys. */
const keyColumn = (lines: readonly HelpLine[]) => Math.max(...lines.map((line) => line.keys.length)) + 2;
const textFieldKeyWidth = keyColumn(textFieldLines);

export function HelpView({keymap, width, height, scroll, view}: Props) {
	const actions = Object.keys(keymap) as ActionId[];
	const lines: HelpLine[] = [
		...actions.map((action) => ({keys: keysText(keymap, action), description: keymap[action].description, where: keymap[action].contexts.length === 2 ? '' : keymap[action].contexts[0]!})),
		...textFieldLines,
	];
	useModeKeys(view, ['help'], (input, key) => {
		const name = keyName(input, key);
		const last = Math.max(0, lines.length - (height - borderLines));
		if (name === 'down' || name === 'j') view.dispatch({type: 'scrollHelp', delta: 1, last});
		else if (name === 'up' || name === 'k') view.dispatch({type: 'scrollHelp', delta: -1, last});
		else view.dispatch({type: 'close'});
	});
	const actionKeyWidth = keyColumn(lines.slice(0, actions.length));
	const visible = lines.slice(scroll, scroll + height - borderLines).map((line, index) => ({...line, keyWidth: scroll + index < actions.length ? actionKeyWidth : textFieldKeyWidth}));
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor="cyan" paddingX={1}>
			{visible.map((line) => (
				<Text key={`${line.keys}-${line.description}`} wrap="truncate-end" bold={line.heading}>
					{line.heading ? null : <Text color="cyan">{line.keys.padEnd(line.keyWidth)}</Text>}
					{line.description}
					{line.where ? <Text dimColor> ({line.where === 'log' ? 'in the log' : 'in the table'})</Text> : null}
				</Text>
			))}
		</Box>
	);
}
