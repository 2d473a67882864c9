// `spool remove`: drops tasks that are not running, with their logs.
import {removeCommand} from '../definitions/queue-commands.js';
import {usageError} from './exit-codes.js';
import {parseIds} from '../shared/ids.js';
import {describeIds} from './selection.js';
import {runSimple} from './simple-request.js';

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		removeCommand,
		({input}) => {
			const ids = parseIds(input);
			if (ids.length === 0) throw usageError('say which tasks to remove: spool remove <ids>');
			return {type: 'Remove', ids};
		},
		(reply) => `Removed ${describeIds(reply.ids)}.`,
	);
}
