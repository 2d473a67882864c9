// `spool wait`: blocks until tasks reach a status.
import {waitCommand} from '../definitions/queue-commands.js';
import {exitCodes} from './exit-codes.js';
import {printJson, replyJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {readSelection} from './selection.js';
import {withClient} from './with-client.js';

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, waitCommand);
	const {flags} = parsed;
	const selection = readSelection(parsed.input, flags, {command: 'wait', required: false});
	return withClient(parsed, async (client) => {
		const reply = await client.request({type: 'Wait', ...selection, status: flags.status as 'queued' | 'running' | 'done' | 'success'});
		const {tasks} = reply;
		const failed = tasks.filter((task) => task.status === 'Done' && task.result !== 'Success');
		if (flags.json) printJson(replyJson(reply));
		else if (flags.status === 'success' || flags.status === 'done') {
			const summary = `${tasks.length} task${tasks.length === 1 ? '' : 's'} done`;
			process.stdout.write(
				failed.length === 0 ? `${summary}, all successful.\n` : `${summary}; failed: ${failed.map((task) => `${task.id} (${task.result}${task.exitCode ? ` ${task.exitCode}` : ''})`).join(', ')}\n`,
			);
		} else {
			process.stdout.write(`${tasks.length} task${tasks.length === 1 ? ' is' : 's are'} ${flags.status}.\n`);
		}

		return flags.status === 'success' && failed.length > 0 ? exitCodes.failed : exitCodes.ok;
	});
}
