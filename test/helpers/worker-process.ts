// Real `spool worker` processes (bin/spool.js) for end-to-end tests, each
// with its own temp home so no config of the machine leaks in.
import {spawn, type ChildProcess} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {spoolBin} from './spool-bin.js';
import {makeTempHome} from './temp-home.js';

export type WorkerProcess = {
	name: string;
	child: ChildProcess;
	home: string;
	stderr: () => string;
	/** Resolves with the exit code (or the signal's name). */
	exited: Promise<number | string | null>;
	/** Sends the signal and waits for the process to end. */
	stop: (signal?: NodeJS.Signals) => Promise<number | string | null>;
};

export type WorkerOptions = {
	/** HOST:PORT of the daemon (or of a proxy in front of it). */
	address: string;
	fingerprint: string;
	secretFile: string;
	name: string;
	slots?: number;
	groups?: string[];
	/** The `worker` section of its config file. */
	config?: Record<string, unknown>;
	args?: string[];
};

const running = new Set<WorkerProcess>();

export function startWorker(options: WorkerOptions): WorkerProcess {
	const {home, cleanup} = makeTempHome();
	if (options.config) writeFileSync(path.join(home, 'config.json'), JSON.stringify({worker: options.config}));
	const args = [
		spoolBin,
		'worker',
		'--home',
		home,
		'--connect',
		options.address,
		'--fingerprint',
		options.fingerprint,
		'--secret-file',
		options.secretFile,
		'--name',
		options.name,
		'--slots',
		String(options.slots ?? 2),
		'--groups',
		(options.groups ?? ['default']).join(','),
		...(options.args ?? []),
	];
	const child = spawn(process.execPath, args, {stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const exited = new Promise<number | string | null>((resolve) => {
		child.on('exit', (code, signal) => {
			running.delete(worker);
			cleanup();
			resolve(code ?? signal);
		});
	});
	const worker: WorkerProcess = {
		name: options.name,
		child,
		home,
		stderr: () => stderr,
		exited,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			return exited;
		},
	};
	running.add(worker);
	return worker;
}

/** Kills every worker still running (afterAll/afterEach), so none outlives its test. */
export async function killAllWorkers(): Promise<void> {
	await Promise.all([...running].map(async (worker) => worker.stop('SIGKILL')));
}
