// A yes/no question before anything destructive, in the footer's two lines.
// y answers yes; any other key answers no.
import {Box, Text} from 'ink';
import type {Controller} from '../controller.js';
import {useModeKeys} from '../mode-keys.js';

type Props = {question: string; width: number; controller: Controller};

export function ConfirmView({question, width, controller}: Props) {
	useModeKeys(controller.view, ['confirm'], (input, _key, mode) => {
		controller.answer(mode, input === 'y' || input === 'Y');
	});
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end" color="red" bold>
				{question} [y/N]
			</Text>
			<Text dimColor>y: yes · any other key: no</Text>
		</Box>
	);
}
