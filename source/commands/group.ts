// `spool group`: list groups, add one, remove one.
import {groupCommand} from '../definitions/control-commands.js';
import {groupNamePattern, invalidGroupName} from '../protocol/model.js';
import {exitCodes, usageError} from './exit-codes.js';
import {commandStyler, formatGroupHeader} from '../shared/format.js';
import {jsonGroup, okJson, printJson, replyJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {withClient} from './with-client.js';

function parseParallel(value: unknown): number | undefined {
	if (value === undefined) return undefined;
	const text = String(value);
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
		throw usageError(`--parallel needs a whole number >= 0 (0 = unlimited), not ${JSON.stringify(text)}`);
	}

	return Number(text);
}

function oneName(input: readonly string[], action: string): string {
	const [name, ...extra] = input;
	if (name === undefined) throw usageError(`group ${action} needs a group name, e.g. \`spool group ${action} gpu\``);
	if (extra.length > 0) throw usageError(`group ${action} takes one name; unexpected ${JSON.stringify(extra.join(' '))}`);
	return name;
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, groupCommand);
	const [action = 'list', ...rest] = parsed.input;
	const parallel = parseParallel(parsed.flags.parallel);
	const style = commandStyler(parsed);
	if (parallel !== undefined && action !== 'add') throw usageError('--parallel only goes with `group add` (to change a group, use `spool parallel N -g NAME`)');

	switch (action) {
		case 'list':
		case 'ls': {
			if (rest.length > 0) throw usageError(`group list takes no arguments; unexpected ${JSON.stringify(rest.join(' '))}`);
			return withClient(parsed, async (client) => {
				const reply = await client.request({type: 'GroupList'});
				const {groups} = reply;
				if (parsed.flags.json) printJson(replyJson(reply));
				else process.stdout.write(groups.map((group) => `${formatGroupHeader(group, style)}\n`).join(''));
				return exitCodes.ok;
			});
		}

		case 'add': {
			const name = oneName(rest, 'add');
			if (!groupNamePattern.test(name)) throw usageError(invalidGroupName(name));
			return withClient(parsed, async (client) => {
				const reply = await client.request({type: 'GroupAdd', name, ...(parallel === undefined ? {} : {parallel})});
				const {group} = reply;
				if (parsed.flags.json) printJson(jsonGroup(group));
				else process.stdout.write(`Group "${group.name}" added (parallel ${group.parallel === 0 ? 'unlimited' : group.parallel})\n`);
				return exitCodes.ok;
			});
		}

		case 'remove':
		case 'rm': {
			const name = oneName(rest, 'remove');
			return withClient(parsed, async (client) => {
				await client.request({type: 'GroupRemove', name});
				if (parsed.flags.json) printJson(okJson);
				else process.stdout.write(`Group "${name}" removed\n`);
				return exitCodes.ok;
			});
		}

		default: {
			throw usageError(`unknown group action ${JSON.stringify(action)}: use \`spool group\`, \`spool group add NAME\` or \`spool group remove NAME\``);
		}
	}
}
