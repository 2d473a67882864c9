// Remote workers against the local runner: 1,000 trivial tasks (`true`) run
// by a daemon on its own slots, and by a coordinator (daemon.local_tasks
// false) with two `spool worker` processes on loopback TLS. The same number
// of slots either way (4), the same machine, so the difference is the price
// of the worker protocol: a Run, Started, Exited and Release per task over
// TLS, and a second process that forks the pty.
import {spawn} from 'node:child_process';
import path from 'node:path';
import {env, spoolBin, startDaemon, type BenchDaemon} from './lib/daemon.js';
import {median, percentile, printTable, type Row} from './lib/stats.js';

const count = Number(process.env.BENCH_TASKS ?? 1000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const slots = 4;

type Sample = {wallMs: number; runMs: number[]};
type Setup = {samples: Sample[]; outputMBs: number[]};

const outputBytes = 100_000_000;

/** One task printing 100 MB, from add to end, in MB/s; checks that the log holds every byte. */
async function outputSpeed(daemon: BenchDaemon): Promise<number> {
	const started = performance.now();
	const added = await daemon.client.request({type: 'Add', command: `yes | head -c ${outputBytes}`, cwd: '/tmp', env: env()});
	const id = (added.task as {id: number}).id;
	await daemon.client.request({type: 'Wait', ids: [id], status: 'done'});
	const ms = performance.now() - started;
	const {statSync} = await import('node:fs');
	const size = statSync(path.join(daemon.home, 'logs', `${id}.log`)).size;
	if (size !== outputBytes) throw new Error(`the log holds ${size} bytes, not ${outputBytes}`);
	return outputBytes / 1e6 / (ms / 1000);
}

async function runBatch(daemon: BenchDaemon): Promise<Sample> {
	const started = performance.now();
	const added = await daemon.client.request({type: 'AddMany', defaults: {cwd: '/tmp', env: env()}, tasks: Array.from({length: count}, () => ({command: 'true'}))});
	const ids = added.ids as number[];
	const waited = await daemon.client.request({type: 'Wait', ids, status: 'done'});
	const wallMs = performance.now() - started;
	const tasks = waited.tasks as Array<{result: string; startedAt: number; endedAt: number}>;
	const failed = tasks.filter((task) => task.result !== 'Success');
	if (failed.length > 0) throw new Error(`${failed.length} task(s) did not succeed: ${failed[0]!.result}`);
	return {wallMs, runMs: tasks.map((task) => task.endedAt - task.startedAt)};
}

async function measure(daemon: BenchDaemon): Promise<Setup> {
	const samples: Sample[] = [];
	const outputMBs: number[] = [];
	for (let run = 0; run < runs; run++) {
		samples.push(await runBatch(daemon));
		outputMBs.push(await outputSpeed(daemon));
	}

	return {samples, outputMBs};
}

async function local(): Promise<Setup> {
	const daemon = await startDaemon({local_slots: slots, default_parallel: 0});
	try {
		return await measure(daemon);
	} finally {
		await daemon.stop();
	}
}

async function remote(): Promise<Setup> {
	const daemon = await startDaemon({local_tasks: false, default_parallel: 0}, ['--listen', '127.0.0.1:0']);
	const match = /listening tls (\S+) fingerprint (\S+)/.exec(daemon.stdout);
	if (!match) throw new Error(`no TLS address in: ${daemon.stdout}`);
	const workers = ['bench-1', 'bench-2'].map((name) =>
		spawn(
			process.execPath,
			[spoolBin, 'worker', '--home', daemon.home, '--connect', match[1]!, '--fingerprint', match[2]!, '--secret-file', path.join(daemon.home, 'secret'), '--name', name, '--slots', String(slots / 2)],
			{stdio: ['ignore', 'ignore', 'inherit']},
		),
	);
	try {
		for (;;) {
			const reply = await daemon.client.request({type: 'Workers'});
			if ((reply.workers as Array<{status: string}>).filter((worker) => worker.status === 'Connected').length === 2) break;
			await new Promise((resolve) => setTimeout(resolve, 50));
		}

		return await measure(daemon);
	} finally {
		for (const worker of workers) worker.kill('SIGTERM');
		await Promise.all(workers.map(async (worker) => new Promise((resolve) => worker.once('exit', resolve))));
		await daemon.stop();
	}
}

const localSetup = await local();
const remoteSetup = await remote();
const localSamples = localSetup.samples;
const remoteSamples = remoteSetup.samples;
const perTask = (samples: Sample[]) => samples.map((sample) => sample.wallMs / count);
const runTimes = (samples: Sample[]) => samples.flatMap((sample) => sample.runMs);
const rows: Row[] = [
	{what: `local runner, ${slots} slots`, command: `${count} x true, wall / task`, samples: perTask(localSamples), unit: 'ms'},
	{
		what: `2 workers x ${slots / 2} slots (TLS loopback)`,
		command: `${count} x true, wall / task`,
		samples: perTask(remoteSamples),
		unit: 'ms',
		ratio: `${(median(perTask(remoteSamples)) / median(perTask(localSamples))).toFixed(2)}x of local`,
	},
	{what: 'local runner', command: 'startedAt -> endedAt per task', samples: runTimes(localSamples), unit: 'ms', ratio: `p90 ${percentile(runTimes(localSamples), 90)} ms`},
	{what: '2 workers', command: 'startedAt -> endedAt per task', samples: runTimes(remoteSamples), unit: 'ms', ratio: `p90 ${percentile(runTimes(remoteSamples), 90)} ms`},
	{what: 'local runner', command: `yes | head -c ${outputBytes / 1e6}MB`, samples: localSetup.outputMBs, unit: 'MB/s'},
	{
		what: 'on a worker (TLS loopback)',
		command: `yes | head -c ${outputBytes / 1e6}MB`,
		samples: remoteSetup.outputMBs,
		unit: 'MB/s',
		ratio: `${(median(remoteSetup.outputMBs) / median(localSetup.outputMBs)).toFixed(2)}x of local`,
	},
];
printTable(rows);
console.log(`\n${runs} run(s) of ${count} tasks each; "wall / task" is the time from AddMany to the last task's end, divided by ${count}.`);
