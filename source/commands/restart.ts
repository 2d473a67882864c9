// `spool restart`: runs finished tasks again, as new tasks or in place.
import {restartCommand} from '../definitions/control-commands.js';
import {editText} from './edit-text.js';
import {exitCodes, usageError} from './exit-codes.js';
import {parseIds} from '../shared/ids.js';
import {printJson, replyJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {describeIds} from './selection.js';
import {fetchTasks} from './task-query.js';
import {withClient} from './with-client.js';

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, restartCommand);
	const {flags} = parsed;
	const ids = parseIds(parsed.input);
	if (ids.length === 0 && !flags.allFailed) throw usageError('say which tasks to restart: spool restart <ids>, or --all-failed');
	if (flags.edit && ids.length !== 1) throw usageError('--edit restarts exactly one task: spool restart -e <id>');
	return withClient(parsed, async (client) => {
		let command: string | undefined;
		if (flags.edit) {
			const [task] = await fetchTasks(client, {ids});
			if (!task) throw usageError(`no task ${ids[0]}`);
			command = editText(`${task.command}\n`, 'spool-command.sh').trim();
			if (command === '') throw usageError('the edited command is empty; nothing restarted');
		}

		const reply = await client.request({
			type: 'Restart',
			...(ids.length > 0 ? {ids} : {allFailed: true, ...(flags.group ? {group: flags.group} : {})}),
			inPlace: flags.inPlace,
			stashed: flags.stashed,
			immediate: flags.immediate,
			...(command === undefined ? {} : {command}),
		});
		if (flags.json) printJson(replyJson(reply));
		else process.stdout.write(`Restarted ${flags.inPlace ? '' : 'as '}${describeIds(reply.ids, 'nothing (no failed task)')}${flags.inPlace ? ' in place' : ''}.\n`);
		return exitCodes.ok;
	});
}
