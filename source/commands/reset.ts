// `spool reset`: kills everything and removes all tasks (of a group).
import {resetCommand} from '../definitions/queue-commands.js';
import {createInterface} from 'node:readline/promises';
import {exitCodes} from './exit-codes.js';
import {printJson, replyJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {describeIds} from './selection.js';
import {withClient} from './with-client.js';

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, resetCommand);
	const {flags} = parsed;
	if (!flags.force && process.stdin.isTTY && process.stdout.isTTY) {
		// With --json, stdout holds nothing but the JSON document: the question goes to stderr.
		const prompt = createInterface({input: process.stdin, output: flags.json ? process.stderr : process.stdout});
		const answer = await prompt.question(`Kill and remove every task${flags.group ? ` of group "${flags.group}"` : ''}? [y/N] `);
		prompt.close();
		if (!/^y(es)?$/i.test(answer.trim())) {
			(flags.json ? process.stderr : process.stdout).write('Nothing changed.\n');
			return exitCodes.failed;
		}
	}

	return withClient(parsed, async (client) => {
		const reply = await client.request({type: 'Reset', ...(flags.group ? {group: flags.group} : {})});
		if (flags.json) printJson(replyJson(reply));
		else process.stdout.write(`Reset: removed ${describeIds(reply.ids, 'no task')}.\n`);
		return exitCodes.ok;
	});
}
