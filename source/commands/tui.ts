// `spool` / `spool tui`: the full-screen UI. Ink and React load only here.
import path from 'node:path';
import {tuiCommand} from '../definitions/daemon-commands.js';
import {describeEndpoint} from '../client/client.js';
import {resolveEndpoint} from '../client/endpoint.js';
import {exitCodes} from './exit-codes.js';
import {parseCommand} from './parse.js';
import {openClient} from './with-client.js';

/**
 * Ink renders only one final frame when it sees CI set (it decides when its
 * module loads); this UI is interactive by definition, so hide CI while the
 * UI's modules load, then put it back (tasks added from the UI keep it).
 */
async function importWithoutCi() {
	const saved = {CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION};
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	try {
		return await import('../tui/index.js');
	} finally {
		for (const [key, value] of Object.entries(saved)) if (value !== undefined) process.env[key] = value;
	}
}

/**
 * The options given that chose the daemon, so that a command the UI shows
 * reaches the same one from any directory (paths made absolute). SPOOL_HOME
 * and the config file are left out: a shell has them as the UI had.
 */
function connectionOptions(flags: {
	home?: string | undefined;
	connect?: string | undefined;
	cert?: string | undefined;
	fingerprint?: string | undefined;
	secretFile?: string | undefined;
}): Record<string, string> {
	const given: Record<string, string | undefined> = {
		home: flags.home && path.resolve(flags.home),
		connect: flags.connect,
		cert: flags.cert && path.resolve(flags.cert),
		fingerprint: flags.fingerprint,
		'secret-file': flags.secretFile && path.resolve(flags.secretFile),
	};
	return Object.fromEntries(Object.entries(given).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, tuiCommand);
	// --json asks for the status as JSON (docs/cli-json.md), on a terminal too.
	if (parsed.flags.json || !process.stdout.isTTY || !process.stdin.isTTY) {
		const status = await import('./status.js');
		const code = await status.run(argv);
		if (!parsed.flags.json) process.stderr.write('spool: not a terminal, so this is the status; run `spool` in a terminal for the full-screen UI.\n');
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

	try {
		const endpoint = describeEndpoint(resolveEndpoint(parsed.paths, parsed.config, parsed.flags).endpoint);
		const {runTui} = await importWithoutCi();
		await runTui({open, endpoint, keys: parsed.config.ui.keys, connection: connectionOptions(parsed.flags)});
	} catch (error) {
		// An open connection would keep the process alive after the error is printed: a hang.
		first.close();
		throw error;
	}

	return exitCodes.ok;
}
