// The shape most control commands share: parse, send one request, print what
// the daemon did (or its reply as JSON).
import type {AnyFlags} from 'meow';
import type {Message} from '../client/client.js';
import {exitCodes} from './exit-codes.js';
import {printJson} from './json-output.js';
import {type Parsed, parseCommand} from './parse.js';
import {withClient} from './with-client.js';

export async function runSimple<F extends AnyFlags>(
	argv: string[],
	help: string,
	flags: F,
	build: (parsed: Parsed<F>) => Message,
	describe: (reply: Message, parsed: Parsed<F>) => string,
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
