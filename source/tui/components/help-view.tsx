// `?`: every key of the registry, with what it does.
import {Box, Text} from 'ink';
import {type ActionId, type Keymap, keysText} from '../keymap.js';

type Props = {keymap: Keymap; width: number; height: number; scroll: number};

export function HelpView({keymap, width, height, scroll}: Props) {
	const actions = Object.keys(keymap) as ActionId[];
	const lines = actions.map((action) => ({keys: keysText(keymap, action), description: keymap[action].description, where: keymap[action].contexts.length === 2 ? '' : keymap[action].contexts[0]!}));
	const keyWidth = Math.max(...lines.map((line) => line.keys.length)) + 2;
	const visible = lines.slice(scroll, scroll + height - 2);
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
