// `spool switch`: swaps the places of two queued or stashed tasks.
import {switchCommand} from '../definitions/queue-commands.js';
import {usageError} from './exit-codes.js';
import {parseIds} from '../shared/ids.js';
import {runSimple} from './simple-request.js';

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		switchCommand,
		({input}) => {
			const [a, b, ...more] = parseIds(input);
			if (a === undefined || b === undefined || more.length > 0 || input.length !== 2) throw usageError('switch takes exactly two task ids: spool switch 4 7');
			return {type: 'Switch', a, b};
		},
		(_reply, {input}) => `Switched tasks ${input[0]} and ${input[1]}.`,
	);
}
