// `spool stash`: keeps queued tasks from starting until enqueued.
import {describeIds, readSelection, selectionFlags, selectionHelp} from './selection.js';
import {runSimple} from './simple-request.js';

const help = `
  Usage
    spool stash <ids> | -g <group> | --all

  Stashed tasks do not start until \`spool enqueue\`.

  Options
${selectionHelp}`;

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		help,
		selectionFlags,
		({input, flags}) => ({type: 'Stash', ...readSelection(input, flags, {command: 'stash'})}),
		(reply) => `Stashed ${describeIds(reply.ids)}.`,
	);
}
