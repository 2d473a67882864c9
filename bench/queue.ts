// Batch add (10,000 tasks through `spool add --stdin`, one connection),
// `spool status --json` with 1,000 / 10,000 / 100,000 tasks beside
// `tsp -l` with 1,000, and the daemon's memory idle and with 100,000
// finished tasks.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {env, rss, spoolBin, startDaemon} from './lib/daemon.js';
import {median, printTable, type Row, which} from './lib/stats.js';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const sizes = [1000, 10_000, 100_000];

function timed(command: string, args: string[], options: Parameters<typeof spawnSync>[2] = {}): number {
	const started = performance.now();
	const result = spawnSync(command, args, {stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 30, ...options});
	const ms = performance.now() - started;
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr?.toString()}`);
	return ms;
}

// Batch add: stashed so nothing runs; acknowledged = committed.
const batch: number[] = [];
const lines = Array.from({length: 10_000}, (_value, index) => `echo task ${index}`).join('\n');
for (let run = 0; run < runs; run++) {
	const daemon = await startDaemon();
	try {
		const ms = timed(process.execPath, [spoolBin, 'add', '--home', daemon.home, '--stdin', '-s'], {input: lines});
		batch.push(10_000 / (ms / 1000));
	} finally {
		await daemon.stop();
	}
}

// Status with many tasks: finished tasks added in bulk, then marked done by running them? Too slow for
// 100,000; stashed tasks cost the daemon the same to list.
const status = new Map<number, number[]>();
const memory: {idle: number; loaded: number} = {idle: 0, loaded: 0};
const daemon = await startDaemon();
try {
	memory.idle = rss(daemon.pid) / 1e6;
	let count = 0;
	for (const size of sizes) {
		while (count < size) {
			const chunk = Math.min(10_000, size - count);
			await daemon.client.request({
				type: 'AddMany',
				defaults: {cwd: os.tmpdir(), env: env(), stashed: true},
				tasks: Array.from({length: chunk}, (_value, index) => ({command: `echo ${count + index}`})),
			});
			count += chunk;
		}

		const samples: number[] = [];
		for (let run = 0; run < runs; run++) samples.push(timed(process.execPath, [spoolBin, 'status', '--json', '--home', daemon.home]));
		status.set(size, samples);
	}

	memory.loaded = rss(daemon.pid) / 1e6;
} finally {
	await daemon.stop();
}

const tsp: number[] = [];
if (which('tsp')) {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-tsp-'));
	const tspEnv = {...process.env, TS_SOCKET: path.join(dir, 'socket'), TMPDIR: dir, TS_MAXFINISHED: '2000'};
	try {
		spawnSync('tsp', ['-S', '1'], {env: tspEnv, stdio: 'ignore'});
		for (let index = 0; index < 1000; index++) spawnSync('tsp', ['-n', 'true'], {env: tspEnv, stdio: 'ignore'});
		spawnSync('tsp', ['-w'], {env: tspEnv, stdio: 'ignore'});
		for (let run = 0; run < runs; run++) tsp.push(timed('tsp', ['-l'], {env: tspEnv}));
	} finally {
		spawnSync('tsp', ['-K'], {env: tspEnv, stdio: 'ignore'});
		rmSync(dir, {recursive: true, force: true});
	}
}

const ratio = (samples: number[]) => (tsp.length > 0 ? `${(median(samples) / median(tsp)).toFixed(1)}x of tsp -l (1,000)` : 'tsp not installed');
const rows: Row[] = [
	{what: 'batch add, 10,000 tasks (durable)', command: 'spool add --stdin', samples: batch, unit: 'tasks/s'},
	...sizes.map((size) => ({what: `status --json, ${size.toLocaleString('en')} tasks`, command: 'spool status --json', samples: status.get(size)!, unit: 'ms', ratio: ratio(status.get(size)!)})),
	{what: 'tsp -l, 1,000 finished tasks', command: 'tsp -l', samples: tsp, unit: 'ms', ratio: tsp.length === 0 ? 'tsp not installed' : ''},
	{what: 'daemon RSS idle', command: 'VmRSS', samples: [memory.idle], unit: 'MB'},
	{what: 'daemon RSS with 100,000 tasks', command: 'VmRSS', samples: [memory.loaded], unit: 'MB'},
];
printTable(rows);
