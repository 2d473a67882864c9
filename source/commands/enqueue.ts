// `spool enqueue`: lets stashed tasks start, now or at a time.
import {enqueueCommand} from '../definitions/control-commands.js';
import {describeIds, readSelection} from './selection.js';
import {runSimple} from './simple-request.js';
import {parseWhen} from '../shared/when.js';

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		enqueueCommand,
		({input, flags}) => ({
			type: 'Enqueue',
			...readSelection(input, flags, {command: 'enqueue'}),
			...(flags.delay ? {at: parseWhen(flags.delay)} : {}),
		}),
		(reply, {flags}) => `Enqueued ${describeIds(reply.ids)}${flags.delay ? ` from ${new Date(parseWhen(flags.delay)).toLocaleString()}` : ''}.`,
	);
}
