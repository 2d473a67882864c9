// `spool` / `spool tui`: the full-screen UI. Ink and React load only here.
import {describeEndpoint} from '../client/client.js';
import {resolveEndpoint} from '../client/endpoint.js';
import {exitCodes} from './exit-codes.js';
import {parseCommand} from './parse.js';
import {openClient} from './with-client.js';

const help = `
  Usage
    spool [tui]

  Opens the full-screen UI: the queue live, the selected task's output, and
  keys for every action (press ? inside for the list). Starts a daemon if
  none runs. Without a terminal, \`spool\` prints the status instead.
`;

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, help, {});
	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		const status = await import('./status.js');
		const code = await status.run(argv);
		process.stderr.write('spool: not a terminal, so this is the status; run `spool` in a terminal for the full-screen UI.\n');
		return code;
	}

	// The first connection may start a daemon; reconnections wait for one instead.
	const first = await openClient(parsed);
	let opened = false;
	const open = async () => {
		if (!opened) {
			opened = true;
			return first;
		}

		return openClient({...parsed, flags: {...parsed.flags, autostart: false}});
	};

	const endpoint = describeEndpoint(resolveEndpoint(parsed.paths, parsed.config, parsed.flags).endpoint);
	const {runTui} = await import('../tui/index.js');
	await runTui({open, endpoint, keys: parsed.config.ui.keys});
	return exitCodes.ok;
}
