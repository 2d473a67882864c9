// `spool remove`: drops tasks that are not running, with their logs. Of a
// mixed set it removes what it can and names the rest (exit 1), as pueue does.
import {parseIds} from '../shared/ids.js';
import {oneLine} from '../terminal/sanitize.js';
import {exitCodes, usageError} from './exit-codes.js';
import {printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {describeIds} from './selection.js';
import {withClient} from './with-client.js';

const help = `
  Usage
    spool remove <ids>

  Removes tasks that are not running, and their logs. A task another
  unfinished task waits for can only go together with it. Of the ids given,
  those that can go are removed and the others named, with why (exit 1).
`;

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, help, {});
	const ids = parseIds(parsed.input);
	if (ids.length === 0) throw usageError('say which tasks to remove: spool remove <ids>');
	return withClient(parsed, async (client) => {
		const reply = await client.request({type: 'Remove', ids, partial: true});
		const refused = reply.refused ?? [];
		if (parsed.flags.json) {
			printJson(reply);
		} else {
			if (reply.ids.length > 0) process.stdout.write(`Removed ${describeIds(reply.ids)}.\n`);
			for (const refusal of refused) process.stderr.write(`spool: ${oneLine(refusal.message)} [${refusal.code}]\n`);
		}

		return refused.length === 0 ? exitCodes.ok : exitCodes.failed;
	});
}
