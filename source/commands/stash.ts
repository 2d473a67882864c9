// `spool stash`: keeps queued tasks from starting until enqueued, or until a
// time with --delay (pueue's `stash --delay`).
import {parseWhen} from '../shared/when.js';
import {exitCodes} from './exit-codes.js';
import {printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {describeIds, readSelection, selectionFlags, selectionHelp} from './selection.js';
import {withClient} from './with-client.js';

const help = `
  Usage
    spool stash <ids> | -g <group> | --all [-d WHEN]

  Stashed tasks do not start until \`spool enqueue\`, or with --delay until
  the time given, when they are enqueued by themselves.

  Options
${selectionHelp}    -d, --delay WHEN       Enqueue them then: 10m, 2h30m, 18:30, "tomorrow 9:00", 2026-12-01T08:00
`;

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, help, {...selectionFlags, delay: {type: 'string', shortFlag: 'd'}});
	const {flags} = parsed;
	const selection = readSelection(parsed.input, flags, {command: 'stash'});
	const at = flags.delay === undefined ? undefined : parseWhen(flags.delay);
	return withClient(parsed, async (client) => {
		let reply = await client.request({type: 'Stash', ...selection});
		// Then the same tasks get their time: Enqueue with a future `at` keeps them stashed until it.
		if (at !== undefined && reply.ids.length > 0) reply = await client.request({type: 'Enqueue', ids: reply.ids, at});
		if (flags.json) printJson(reply);
		else
			process.stdout.write(
				`Stashed ${describeIds(reply.ids)}${at !== undefined && reply.ids.length > 0 ? `; ${reply.ids.length === 1 ? 'it' : 'they'} will be enqueued at ${new Date(at).toLocaleString()}` : ''}.\n`,
			);
		return exitCodes.ok;
	});
}
