// The shape most control commands share: parse, send one request, print what
// the daemon did (or its reply as JSON).
import type {AnyFlags} from 'meow';
import type {PlainRequest} from '../client/client.js';
import type {ReplyOf} from '../protocol/replies.js';
import {exitCodes} from './exit-codes.js';
import {printJson} from './json-output.js';
import {type Parsed, parseCommand} from './parse.js';
import {withClient} from './with-client.js';

export async function runSimple<F extends AnyFlags, R extends PlainRequest>(
	argv: string[],
	help: string,
	flags: F,
	build: (parsed: Parsed<F>) => R,
	describe: (reply: ReplyOf<R['type']>, parsed: Parsed<F>) => string,
): Promise<number> {
	const parsed = parseCommand(argv, help, flags);
	const request = build(parsed);
	return withClient(parsed, async (client) => {
		const reply = await client.request(request);
		if (parsed.flags.json) printJson(reply);
		else process.stdout.write(`${describe(reply, parsed)}\n`);
		return exitCodes.ok;
	});
}
