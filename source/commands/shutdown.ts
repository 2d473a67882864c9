// `spool shutdown`: stops the daemon; running tasks are killed and recorded.
import {shutdownCommand} from '../definitions/daemon-commands.js';
import {CommandError, exitCodes} from './exit-codes.js';
import {okJson, printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {fetchStatus} from './task-query.js';
import {openClient} from './with-client.js';

async function processGone(pid: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			process.kill(pid, 0);
		} catch (error) {
			// EPERM: a process we may not signal holds that pid now, so the daemon is gone.
			if ((error as NodeJS.ErrnoException).code === 'ESRCH' || (error as NodeJS.ErrnoException).code === 'EPERM') return;
		}

		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

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

	// Its pid, from the daemon itself (the pid file may be stale), to wait for the process to end.
	const {daemon} = await fetchStatus(client, {first: 0});
	await client.request({type: 'Shutdown'});
	await new Promise<void>((resolve) => {
		client.connection.onClose(() => resolve());
	});
	// The connection closes before the daemon's last writes (its log, the pid file); on this
	// machine wait for the process too, so `spool shutdown && rm -rf HOME` cannot race it.
	if (!parsed.flags.connect && daemon) await processGone(daemon.pid, 30_000);
	if (parsed.flags.json) printJson(okJson);
	else process.stdout.write('The daemon stopped.\n');
	return exitCodes.ok;
}
