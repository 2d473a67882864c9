// `spool remove`: drops tasks that are not running, with their logs.
import {usageError} from './exit-codes.js';
import {parseIds} from '../shared/ids.js';
import {describeIds} from './selection.js';
import {runSimple} from './simple-request.js';

const help = `
  Usage
    spool remove <ids>

  Removes tasks that are not running, and their logs. A task another
  unfinished task waits for can only go together with it.
`;

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		help,
		{},
		({input}) => {
			const ids = parseIds(input);
			if (ids.length === 0) throw usageError('say which tasks to remove: spool remove <ids>');
			return {type: 'Remove', ids};
		},
		(reply) => `Removed ${describeIds(reply.ids)}.`,
	);
}
