// The shape most control commands share: parse, send one request, print what
// the daemon did (or, with --json, the reply in its shape: json-output.ts).
import type {PlainRequest} from '../client/client.js';
import type {ReplyOf} from '../protocol/replies.js';
import type {CommandDef} from '../definitions/types.js';
import {exitCodes} from './exit-codes.js';
import {printJson, replyJson} from './json-output.js';
import {type Parsed, parseCommand} from './parse.js';
import {withClient} from './with-client.js';

export async function runSimple<C extends CommandDef, R extends PlainRequest>(
	argv: string[],
	definition: C,
	build: (parsed: Parsed<C>) => R,
	describe: (reply: ReplyOf<R['type']>, parsed: Parsed<C>) => string,
): Promise<number> {
	const parsed = parseCommand(argv, definition);
	const request = build(parsed);
	return withClient(parsed, async (client) => {
		const reply = await client.request(request);
		if (parsed.flags.json) printJson(replyJson(reply));
		else process.stdout.write(`${describe(reply, parsed)}\n`);
		return exitCodes.ok;
	});
}
