// `spool ping`: checks that the daemon answers, and with which version.
import {pingCommand} from '../definitions/daemon-commands.js';
import {exitCodes} from './exit-codes.js';
import {printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {withClient} from './with-client.js';

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, pingCommand);
	return withClient(parsed, async (client) => {
		const started = performance.now();
		const pong = await client.request({type: 'Ping'});
		const ms = performance.now() - started;
		if (parsed.flags.json) {
			printJson({version: pong.version, roundTripMs: Number(ms.toFixed(3))});
		} else {
			process.stdout.write(`spool daemon ${String(pong.version)} answered in ${ms.toFixed(1)} ms\n`);
		}

		return exitCodes.ok;
	});
}
