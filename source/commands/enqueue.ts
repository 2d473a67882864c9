// `spool enqueue`: lets stashed tasks start, now or at a time.
import {enqueueCommand} from '../definitions/control-commands.js';
import {describeIds, readSelection} from './selection.js';
import {runSimple} from './simple-request.js';
import {formatDate} from '../shared/format.js';
import {parseWhen} from '../shared/when.js';

export async function run(argv: string[]): Promise<number> {
	// Parsed once: the time sent is the time printed.
	let at: number | undefined;
	return runSimple(
		argv,
		enqueueCommand,
		({input, flags}) => {
			at = flags.delay ? parseWhen(flags.delay) : undefined;
			return {type: 'Enqueue', ...readSelection(input, flags, {command: 'enqueue'}), ...(at === undefined ? {} : {at})};
		},
		(reply) => `Enqueued ${describeIds(reply.ids)}${at === undefined ? '' : ` from ${formatDate(at)}`}.`,
	);
}
