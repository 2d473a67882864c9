// `spool pause`: stops tasks (SIGSTOP to their process tree) or groups.
import {describeIds, readSelection, selectionFlags, selectionHelp} from './selection.js';
import {runSimple} from './simple-request.js';
import {defaultGroup} from '../protocol/model.js';

const help = `
  Usage
    spool pause [<ids> | -g <group> | --all] [--wait]

  With ids, stops those running tasks. With a group (default: "default") or
  --all, pauses the group(s): nothing new starts, and running tasks stop too
  unless --wait lets them finish.

  Options
${selectionHelp}    -w, --wait             Let running tasks of the group finish
`;

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		help,
		{...selectionFlags, wait: {type: 'boolean', shortFlag: 'w', default: false}},
		({input, flags}) => {
			const selection = readSelection(input, flags, {command: 'pause', required: false});
			const target = selection.ids || selection.all ? selection : {group: selection.group ?? defaultGroup};
			return {type: 'Pause', ...target, wait: flags.wait};
		},
		(reply, {input, flags}) =>
			input.length > 0 ? `Paused ${describeIds(reply.ids)}.` : `Paused ${flags.all ? 'every group' : `group "${flags.group ?? defaultGroup}"`}${flags.wait ? ' (running tasks finish)' : ''}.`,
	);
}
