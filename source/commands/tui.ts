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
		// The data directory holds what spool keeps between runs (docs/configuration.md).
		await runTui({open, endpoint, keys: parsed.config.ui.keys, historyFile: path.join(parsed.paths.dataDir, 'ui-history.json')});
	} catch (error) {
		// An open connection would keep the process alive after the error is printed: a hang.
		first.close();
		throw error;
	}

	return exitCodes.ok;
}
