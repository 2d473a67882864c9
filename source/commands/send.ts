// `spool send`: types input into a running task's terminal.
import {usageError} from './exit-codes.js';
import {parseId} from '../shared/ids.js';
import {runSimple} from './simple-request.js';

const help = `
  Usage
    spool send <id> <input>

  Writes the input to the task's terminal, followed by a newline unless
  --no-newline. Escapes like \\n or \\x03 are not interpreted; use $'…' in your shell.

  Options
    --no-newline           Do not add a newline
`;

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		help,
		{newline: {type: 'boolean', default: true}},
		({input, flags}) => {
			const [idText, ...words] = input;
			if (idText === undefined || words.length === 0) throw usageError('send needs a task id and the input: spool send 4 "yes"');
			const id = parseId(idText);
			return {type: 'Send', task: id, data: Buffer.from(words.join(' ') + (flags.newline ? '\n' : ''))};
		},
		(_reply, {input}) => `Sent input to task ${input[0]}.`,
	);
}
