// `spool kill`: ends running tasks (their whole process tree).
import {describeIds, readSelection, selectionFlags, selectionHelp} from './selection.js';
import {runSimple} from './simple-request.js';

const help = `
  Usage
    spool kill <ids> | -g <group> | --all [-s SIGNAL]

  Sends the signal to each task's whole process group (default SIGTERM, then
  SIGKILL after the grace period). The tasks end as Killed.

  Options
${selectionHelp}    -s, --signal NAME      TERM, INT, KILL, HUP, USR1, … (default TERM)
`;

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		help,
		{...selectionFlags, signal: {type: 'string', shortFlag: 's'}},
		({input, flags}) => ({type: 'Kill', ...readSelection(input, flags, {command: 'kill'}), ...(flags.signal ? {signal: flags.signal.toUpperCase()} : {})}),
		(reply) => `Signalled ${describeIds(reply.ids, 'no running task')}.`,
	);
}
