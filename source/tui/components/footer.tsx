// Bottom lines: the prompt of `/`, `:` or `i` while typing, the last message
// (with the equivalent CLI command), and the keys that apply right now.
import {Box, Text} from 'ink';
import type {Message} from '../view-state.js';

export type Prompt = {label: string; value: string};

type Props = {width: number; prompt: Prompt | undefined; message: Message | undefined; hints: string};

export function Footer({width, prompt, message, hints}: Props) {
	return (
		<Box flexDirection="column" width={width}>
			{prompt ? (
				<Text wrap="truncate-start">
					<Text color="cyan">{prompt.label}</Text>
					{prompt.value}
					<Text inverse> </Text>
				</Text>
			) : (
				<Text wrap="truncate-end" color={message?.kind === 'error' ? 'red' : 'green'}>
					{message?.text ?? ' '}
				</Text>
			)}
			<Text dimColor wrap="truncate-end">
				{hints}
			</Text>
		</Box>
	);
}
