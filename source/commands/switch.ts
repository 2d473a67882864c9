// `spool switch`: swaps the places of two queued or stashed tasks.
import {usageError} from './exit-codes.js';
import {parseIds} from '../shared/ids.js';
import {runSimple} from './simple-request.js';

const help = `
  Usage
    spool switch <id> <id>

  Swaps two queued or stashed tasks: each takes the other's id (and so its
  place in the queue); dependencies follow.
`;

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		help,
		{},
		({input}) => {
			const [a, b, ...more] = parseIds(input);
			if (a === undefined || b === undefined || more.length > 0 || input.length !== 2) throw usageError('switch takes exactly two task ids: spool switch 4 7');
			return {type: 'Switch', a, b};
		},
		(_reply, {input}) => `Switched tasks ${input[0]} and ${input[1]}.`,
	);
}
