// `spool clean`: removes finished tasks and their logs.
import {cleanCommand} from '../definitions/queue-commands.js';
import {describeIds} from './selection.js';
import {runSimple} from './simple-request.js';

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		cleanCommand,
		({flags}) => ({type: 'Clean', successfulOnly: flags.successfulOnly, ...(flags.group ? {group: flags.group} : {})}),
		(reply) => `Removed ${describeIds(reply.ids, 'no finished task')}.`,
	);
}
