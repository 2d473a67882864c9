// Runs the real bin/spool.js, as a user would.
import {spawn, type ChildProcess} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const spoolBin = fileURLToPath(new URL('../../bin/spool.js', import.meta.url));

export type RunResult = {code: number | null; stdout: string; stderr: string};

export function runSpool(args: string[], {env, input, timeoutMs = 30_000}: {env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number} = {}): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [spoolBin, ...args], {env: {...process.env, NO_COLOR: '1', ...env}, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`spool ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
		}, timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({code, stdout, stderr});
		});
		child.stdin.end(input ?? '');
	});
}

/** Starts `spool daemon` in the foreground and resolves once it printed that it listens. */
export async function startSpoolDaemon(args: string[], {env}: {env?: NodeJS.ProcessEnv} = {}): Promise<{child: ChildProcess; stdout: () => string; stop: () => Promise<number | null>}> {
	const child = spawn(process.execPath, [spoolBin, 'daemon', '--quiet', ...args], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	await Promise.race([
		new Promise<void>((resolve) => {
			const check = () => {
				if (stdout.includes('listening unix')) resolve();
				else setTimeout(check, 20);
			};
			check();
		}),
		exited.then((code) => {
			throw new Error(`spool daemon exited with ${code} before listening: ${stderr}`);
		}),
	]);
	return {
		child,
		stdout: () => stdout,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			return exited;
		},
	};
}
