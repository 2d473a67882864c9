// `spool clean`: removes finished tasks and their logs.
import {describeIds} from './selection.js';
import {runSimple} from './simple-request.js';

const help = `
  Usage
    spool clean [-s] [-g group]

  Removes finished tasks and their logs (tasks an unfinished task waits for stay).

  Options
    -s, --successful-only  Only tasks that succeeded
    -g, --group NAME       Only this group
`;

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		help,
		{successfulOnly: {type: 'boolean', shortFlag: 's', default: false}, group: {type: 'string', shortFlag: 'g'}},
		({flags}) => ({type: 'Clean', successfulOnly: flags.successfulOnly, ...(flags.group ? {group: flags.group} : {})}),
		(reply) => `Removed ${describeIds(reply.ids, 'no finished task')}.`,
	);
}
