// `spool pause`: stops tasks (SIGSTOP to their process tree) or groups.
import {pauseCommand} from '../definitions/control-commands.js';
import {describeIds, readSelection} from './selection.js';
import {runSimple} from './simple-request.js';
import {defaultGroup} from '../protocol/model.js';

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		pauseCommand,
		({input, flags}) => {
			const selection = readSelection(input, flags, {command: 'pause', required: false});
			const target = selection.ids || selection.all ? selection : {group: selection.group ?? defaultGroup};
			return {type: 'Pause', ...target, wait: flags.wait};
		},
		(reply, {input, flags}) =>
			input.length > 0 ? `Paused ${describeIds(reply.ids)}.` : `Paused ${flags.all ? 'every group' : `group "${flags.group ?? defaultGroup}"`}${flags.wait ? ' (running tasks finish)' : ''}.`,
	);
}
