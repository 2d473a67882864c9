// `?`: every key of the registry, with what it does. j/k and the arrows
// scroll it; any other key closes it.
import {Box, Text} from 'ink';
import {type ActionId, type Keymap, keyName, keysText} from '../keymap.js';
import {useModeKeys} from '../mode-keys.js';
import type {ViewStore} from '../view-store.js';

type Props = {keymap: Keymap; width: number; height: number; scroll: number; view: ViewStore};

/** The border takes two of the view's lines. */
const borderLines = 2;

export function HelpView({keymap, width, height, scroll, view}: Props) {
	useModeKeys(view, ['help'], (input, key) => {
		const name = keyName(input, key);
		const last = Math.max(0, Object.keys(keymap).length - (height - borderLines));
		if (name === 'down' || name === 'j') view.dispatch({type: 'scrollHelp', delta: 1, last});
		else if (name === 'up' || name === 'k') view.dispatch({type: 'scrollHelp', delta: -1, last});
		else view.dispatch({type: 'close'});
	});
	const actions = Object.keys(keymap) as ActionId[];
	const lines = actions.map((action) => ({keys: keysText(keymap, action), description: keymap[action].description, where: keymap[action].contexts.length === 2 ? '' : keymap[action].contexts[0]!}));
	const keyWidth = Math.max(...lines.map((line) => line.keys.length)) + 2;
	const visible = lines.slice(scroll, scroll + height - borderLines);
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor="cyan" paddingX={1}>
			{visible.map((line) => (
				<Text key={`${line.keys}-${line.description}`} wrap="truncate-end">
					<Text color="cyan">{line.keys.padEnd(keyWidth)}</Text>
					{line.description}
					{line.where ? <Text dimColor> ({line.where === 'log' ? 'in the log' : 'in the table'})</Text> : null}
				</Text>
			))}
		</Box>
	);
}
