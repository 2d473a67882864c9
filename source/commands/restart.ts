// `spool restart`: runs finished tasks again, as new tasks or in place.
import {restartCommand} from '../definitions/control-commands.js';
import {changedFields, editFile, type FieldName, parseEditFile} from './edit-file.js';
import {editText} from './edit-text.js';
import {DaemonError} from '../client/client.js';
import {CommandError, exitCodes, usageError} from './exit-codes.js';
import {parseIds} from '../shared/ids.js';
import {printJson, replyJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {describeIds} from './selection.js';
import {fetchTasks} from './task-query.js';
import {withClient} from './with-client.js';

/** What a Restart can change (it has no `after`: a restart as a new task waits for nothing). */
const restartFields: readonly FieldName[] = ['command', 'cwd', 'label', 'priority'];
const restartCancel = 'Changing nothing restarts it as it was; to cancel, delete every line.';

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, restartCommand);
	const {flags} = parsed;
	const ids = parseIds(parsed.input);
	if (ids.length === 0 && !flags.allFailed) throw usageError('say which tasks to restart: spool restart <ids>, or --all-failed');
	if (flags.edit && ids.length !== 1) throw usageError('--edit restarts exactly one task: spool restart -e <id>');
	return withClient(parsed, async (client) => {
		let edits = {};
		if (flags.edit) {
			const [task] = await fetchTasks(client, {ids});
			if (!task) throw new DaemonError('not_found', `no task ${ids[0]}; \`spool status\` lists the tasks`);
			const text = editText(editFile([task], {fields: restartFields, verb: 'restarting', command: 'spool restart', cancel: restartCancel}), `spool-restart-${task.id}.txt`);
			const edit = parseEditFile(text, [task.id], {fields: restartFields}).get(task.id);
			if (!edit) throw new CommandError('the file was emptied; nothing restarted', exitCodes.failed);
			edits = changedFields(task, edit);
		}

		const reply = await client.request({
			type: 'Restart',
			...(ids.length > 0 ? {ids} : {allFailed: true, ...(flags.group ? {group: flags.group} : {})}),
			inPlace: flags.inPlace,
			stashed: flags.stashed,
			immediate: flags.immediate,
			...edits,
		});
		if (flags.json) printJson(replyJson(reply));
		else process.stdout.write(`Restarted ${flags.inPlace ? '' : 'as '}${describeIds(reply.ids, 'nothing (no failed task)')}${flags.inPlace ? ' in place' : ''}.\n`);
		return exitCodes.ok;
	});
}
