// `spool send`: types input into a running task's terminal.
import {sendCommand} from '../definitions/control-commands.js';
import {usageError} from './exit-codes.js';
import {parseId} from '../shared/ids.js';
import {runSimple} from './simple-request.js';

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		sendCommand,
		({input, flags}) => {
			const [idText, ...words] = input;
			if (idText === undefined || words.length === 0) throw usageError('send needs a task id and the input: spool send 4 "yes"');
			const id = parseId(idText);
			return {type: 'Send', task: id, data: Buffer.from(words.join(' ') + (flags.newline ? '\n' : ''))};
		},
		(_reply, {input}) => `Sent input to task ${input[0]}.`,
	);
}
