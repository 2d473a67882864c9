// `spool clean`: removes finished tasks and their logs.
import {cleanCommand} from '../definitions/queue-commands.js';
import {exitCodes} from './exit-codes.js';
import {requireGroups, uniqueGroups} from './group-names.js';
import {idsJson, printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {describeIds} from './selection.js';
import {withClient} from './with-client.js';

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, cleanCommand);
	const {flags} = parsed;
	const groups = uniqueGroups(flags.group);
	return withClient(parsed, async (client) => {
		// One Clean per group, all checked first: nothing is removed when a name is wrong.
		if (groups.length > 1) await requireGroups(client, groups);
		const ids: number[] = [];
		for (const group of groups.length === 0 ? [undefined] : groups) {
			const reply = await client.request({type: 'Clean', successfulOnly: flags.successfulOnly, ...(group === undefined ? {} : {group})});
			ids.push(...reply.ids);
		}

		ids.sort((a, b) => a - b);
		if (flags.json) printJson(idsJson({ids}));
		else process.stdout.write(`Removed ${describeIds(ids, 'no finished task')}.\n`);
		return exitCodes.ok;
	});
}
