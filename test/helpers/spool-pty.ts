// Runs the real bin/spool.js with a pty as its terminal (stdout.isTTY true)
// and lets a test wait for what it has printed so far, and for its exit.
import pty from 'node-pty';
import {spoolBin} from './spool-bin.js';
import {waitFor} from './wait-for.js';

export type PtyRun = {
	/** Everything printed so far, with `\r\n` turned into `\n`. */
	output: () => string;
	/** Resolves once the output matches. */
	waitForOutput: (pattern: RegExp, what?: string) => Promise<void>;
	/** The exit code, or null while it runs. */
	exitCode: () => number | null;
	exited: Promise<number>;
	kill: () => void;
};

export function runSpoolOnPty(args: string[], {env}: {env?: NodeJS.ProcessEnv} = {}): PtyRun {
	const child = pty.spawn(process.execPath, [spoolBin, ...args], {cols: 120, rows: 40, env: {...process.env, NO_COLOR: '1', ...env} as Record<string, string>});
	let output = '';
	let code: number | null = null;
	child.onData((data) => (output += data));
	const exited = new Promise<number>((resolve) => {
		child.onExit(({exitCode}) => {
			code = exitCode;
			resolve(exitCode);
		});
	});
	const text = () => output.replaceAll('\r\n', '\n');
	return {
		output: text,
		async waitForOutput(pattern, what) {
			try {
				await waitFor(() => pattern.test(text()), {what: `${what ?? String(pattern)} in the output of spool ${args.join(' ')}`});
			} catch (error) {
				throw new Error(`${(error as Error).message}; it printed: ${JSON.stringify(text())}`);
			}
		},
		exitCode: () => code,
		exited,
		kill() {
			if (code === null) child.kill();
		},
	};
}
