// `spool start`: resumes groups or paused tasks; force-starts queued tasks.
import {startCommand} from '../definitions/control-commands.js';
import {describeIds, readSelection} from './selection.js';
import {runSimple} from './simple-request.js';
import {defaultGroup} from '../protocol/model.js';

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		startCommand,
		({input, flags}) => {
			const selection = readSelection(input, flags, {command: 'start', required: false});
			return {type: 'Start', ...(selection.ids || selection.all ? selection : {group: selection.group ?? defaultGroup})};
		},
		(reply, {input, flags}) => (input.length > 0 ? `Started ${describeIds(reply.ids)}.` : `Resumed ${flags.all ? 'every group' : `group "${flags.group ?? defaultGroup}"`}.`),
	);
}
