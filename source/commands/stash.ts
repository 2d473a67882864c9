// `spool stash`: keeps queued tasks from starting until enqueued.
import {stashCommand} from '../definitions/control-commands.js';
import {describeIds, readSelection} from './selection.js';
import {runSimple} from './simple-request.js';

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		stashCommand,
		({input, flags}) => ({type: 'Stash', ...readSelection(input, flags, {command: 'stash'})}),
		(reply) => `Stashed ${describeIds(reply.ids)}.`,
	);
}
