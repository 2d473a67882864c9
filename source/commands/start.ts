// `spool start`: resumes groups or paused tasks; force-starts queued tasks.
import {describeIds, readSelection, selectionFlags, selectionHelp} from './selection.js';
import {runSimple} from './simple-request.js';
import {defaultGroup} from '../protocol/model.js';

const help = `
  Usage
    spool start [<ids> | -g <group> | --all]

  With ids, resumes paused tasks and starts queued or stashed ones right away
  (whatever their group's slots). With a group (default: "default") or --all,
  resumes the group(s) and their paused tasks.

  Options
${selectionHelp}`;

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		help,
		selectionFlags,
		({input, flags}) => {
			const selection = readSelection(input, flags, {command: 'start', required: false});
			return {type: 'Start', ...(selection.ids || selection.all ? selection : {group: selection.group ?? defaultGroup})};
		},
		(reply, {input, flags}) => (input.length > 0 ? `Started ${describeIds(reply.ids)}.` : `Resumed ${flags.all ? 'every group' : `group "${flags.group ?? defaultGroup}"`}.`),
	);
}
