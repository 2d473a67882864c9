// `spool remove`: drops tasks that are not running, with their logs. Of a
// mixed set it removes what it can and names the rest (exit 1), as pueue does.
import {removeCommand} from '../definitions/queue-commands.js';
import {parseIds} from '../shared/ids.js';
import {oneLine} from '../terminal/sanitize.js';
import {exitCodes, usageError} from './exit-codes.js';
import {idsJson, printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {describeIds} from './selection.js';
import {withClient} from './with-client.js';

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, removeCommand);
	const ids = parseIds(parsed.input);
	if (ids.length === 0) throw usageError('say which tasks to remove: spool remove <ids>');
	return withClient(parsed, async (client) => {
		const reply = await client.request({type: 'Remove', ids, partial: true});
		const refused = reply.refused ?? [];
		// Nothing removed is a refusal as a whole: with --json, stdout stays empty (docs/cli-json.md, "Errors").
		if (parsed.flags.json && (reply.ids.length > 0 || refused.length === 0)) {
			printJson(idsJson(reply));
		} else {
			if (reply.ids.length > 0) process.stdout.write(`Removed ${describeIds(reply.ids)}.\n`);
			for (const refusal of refused) process.stderr.write(`spool: ${oneLine(refusal.message)} [${refusal.code}]\n`);
		}

		return refused.length === 0 ? exitCodes.ok : exitCodes.failed;
	});
}
