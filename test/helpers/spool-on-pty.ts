// Runs the real bin/spool.js with a pseudo-terminal as its stdout (isatty is
// true), for what the CLI prints only to a terminal.
import pty from 'node-pty';
import {spoolBin} from './spool-bin.js';

/** All the command printed, with the terminal's \r\n turned back into \n. */
export function spoolOnPty(home: string, args: string[], {env = {}, timeoutMs = 30_000}: {env?: Record<string, string>; timeoutMs?: number} = {}): Promise<{code: number; output: string}> {
	return new Promise((resolve, reject) => {
		const child = pty.spawn(process.execPath, [spoolBin, '--home', home, ...args], {cols: 120, rows: 40, env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env} as Record<string, string>});
		let output = '';
		child.onData((data) => (output += data));
		const timer = setTimeout(() => {
			child.kill();
			reject(new Error(`spool ${args.join(' ')} on a pty did not finish\n${JSON.stringify(output)}`));
		}, timeoutMs);
		child.onExit(({exitCode}) => {
			clearTimeout(timer);
			resolve({code: exitCode, output: output.replaceAll('\r\n', '\n')});
		});
	});
}
