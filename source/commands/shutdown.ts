// `spool shutdown`: stops the daemon; running tasks are killed and recorded.
import {shutdownCommand} from '../definitions/daemon-commands.js';
import {CommandError, exitCodes} from './exit-codes.js';
import {okJson, printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {openClient} from './with-client.js';

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, shutdownCommand);
	// Starting a daemon only to stop it makes no sense.
	let client;
	try {
		client = await openClient({...parsed, flags: {...parsed.flags, autostart: false}});
	} catch (error) {
		if (error instanceof CommandError && error.exitCode === exitCodes.unreachable && !parsed.flags.connect) {
			throw new CommandError(`no daemon is running on ${parsed.paths.socket}; nothing to stop`, exitCodes.unreachable);
		}

		throw error;
	}

	await client.request({type: 'Shutdown'});
	await new Promise<void>((resolve) => {
		client.connection.onClose(() => resolve());
	});
	if (parsed.flags.json) printJson(okJson);
	else process.stdout.write('The daemon stopped.\n');
	return exitCodes.ok;
}
