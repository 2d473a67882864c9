// Starts the full-screen UI: alternate screen, raw input, and a terminal
// restored on every way out (quit, Ctrl-C, SIGTERM, a crash).
import {render} from 'ink';
import {App} from './app.js';
import {DaemonLink} from './daemon-link.js';
import {buildKeymap} from './keymap.js';
import {QueueStore} from './queue-store.js';
import type {Client} from '../client/client.js';
import type {Connection} from './task-actions.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[2J\u001B[H';
const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';

export type TuiOptions = {
	open: () => Promise<Client>;
	endpoint: string;
	keys: Record<string, string | string[]>;
	/** The options given that chose the daemon (--home DIR), by long name, for the commands the footer shows. */
	connection?: Connection;
};

export async function runTui(options: TuiOptions): Promise<number> {
	const keymap = buildKeymap(options.keys);
	const store = new QueueStore();
	const link = new DaemonLink(options.open, store, options.endpoint);
	const {stdout} = process;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		// The terminal may already be gone (a closed window): restoring is best effort.
		try {
			if (process.stdin.isTTY) process.stdin.setRawMode(false);
		} catch {}

		try {
			stdout.write(leaveAlternateScreen);
		} catch {}
	};

	const onSignal = (signal: NodeJS.Signals) => {
		link.stop();
		instance.unmount();
		restore();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};

	const onCrash = (error: unknown) => {
		restore();
		process.stderr.write(`spool: the UI crashed: ${(error as Error).stack ?? String(error)}\n`);
		process.exit(70);
	};

	stdout.write(enterAlternateScreen);
	process.once('exit', restore);
	process.once('SIGTERM', onSignal);
	process.once('SIGHUP', onSignal);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
	link.start();
	const instance = render(<App link={link} keymap={keymap} cwd={process.cwd()} env={env} connection={options.connection} />, {
		exitOnCtrlC: false,
		patchConsole: true,
		maxFps: 15,
		incrementalRendering: false,
	});
	await instance.waitUntilExit();
	link.stop();
	store.dispose();
	restore();
	return 0;
}
