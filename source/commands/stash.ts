// `spool stash`: keeps queued tasks from starting until enqueued, or until a
// time with --delay (pueue's `stash --delay`).
import {stashCommand} from '../definitions/control-commands.js';
import {formatDate} from '../shared/format.js';
import {parseWhen} from '../shared/when.js';
import {exitCodes} from './exit-codes.js';
import {idsJson, printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {describeIds, readSelection} from './selection.js';
import {withClient} from './with-client.js';

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, stashCommand);
	const {flags} = parsed;
	const selection = readSelection(parsed.input, flags, {command: 'stash'});
	// Parsed once: the time sent is the time printed.
	const at = flags.delay === undefined ? undefined : parseWhen(flags.delay);
	return withClient(parsed, async (client) => {
		let reply = await client.request({type: 'Stash', ...selection});
		// Then the same tasks get their time: Enqueue with a future `at` keeps them stashed until it.
		if (at !== undefined && reply.ids.length > 0) reply = await client.request({type: 'Enqueue', ids: reply.ids, at});
		if (flags.json) printJson(idsJson(reply));
		else
			process.stdout.write(
				`Stashed ${describeIds(reply.ids)}${at !== undefined && reply.ids.length > 0 ? `; ${reply.ids.length === 1 ? 'it' : 'they'} will be enqueued at ${formatDate(at)}` : ''}.\n`,
			);
		return exitCodes.ok;
	});
}
