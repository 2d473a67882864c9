// A yes/no question before anything destructive, in the footer's two lines.
import {Box, Text} from 'ink';

export function ConfirmView({question, width}: {question: string; width: number}) {
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end" color="red" bold>
				{question} [y/N]
			</Text>
			<Text dimColor>y: yes · any other key: no</Text>
		</Box>
	);
}
