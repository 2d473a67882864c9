// `spool kill`: ends running tasks (their whole process tree).
import {killCommand} from '../definitions/control-commands.js';
import {describeIds, readSelection} from './selection.js';
import {runSimple} from './simple-request.js';

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		killCommand,
		({input, flags}) => ({type: 'Kill', ...readSelection(input, flags, {command: 'kill'}), ...(flags.signal ? {signal: flags.signal.toUpperCase()} : {})}),
		(reply) => `Signalled ${describeIds(reply.ids, 'no running task')}.`,
	);
}
