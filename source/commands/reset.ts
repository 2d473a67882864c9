// `spool reset`: kills everything and removes all tasks (of some groups).
import {resetCommand} from '../definitions/queue-commands.js';
import {createInterface} from 'node:readline/promises';
import {exitCodes} from './exit-codes.js';
import {describeGroups, requireGroups, uniqueGroups} from './group-names.js';
import {idsJson, printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {describeIds} from './selection.js';
import {withClient} from './with-client.js';

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, resetCommand);
	const {flags} = parsed;
	const groups = uniqueGroups(flags.group);
	if (!flags.force && process.stdin.isTTY && process.stdout.isTTY) {
		// With --json, stdout holds nothing but the JSON document: the question goes to stderr.
		const prompt = createInterface({input: process.stdin, output: flags.json ? process.stderr : process.stdout});
		const answer = await prompt.question(`Kill and remove every task${groups.length > 0 ? ` of ${describeGroups(groups)}` : ''}? [y/N] `);
		prompt.close();
		if (!/^y(es)?$/i.test(answer.trim())) {
			(flags.json ? process.stderr : process.stdout).write('Nothing changed.\n');
			return exitCodes.failed;
		}
	}

	return withClient(parsed, async (client) => {
		// One Reset per group, all checked first: no group is reset when a name is wrong.
		if (groups.length > 1) await requireGroups(client, groups);
		const replies = groups.length === 0 ? [await client.request({type: 'Reset'})] : await Promise.all(groups.map(async (group) => client.request({type: 'Reset', group})));
		const ids = replies.flatMap((reply) => reply.ids).sort((a, b) => a - b);
		if (flags.json) printJson(idsJson({ids}));
		else process.stdout.write(`Reset: removed ${describeIds(ids, 'no task')}.\n`);
		return exitCodes.ok;
	});
}
