// Start-up cost of the CLI: `spool status` and `spool add -- true` (process
// start to exit, against a running daemon) beside `node -e 0` (the floor for
// any Node client), task-spooler and nq, interleaved run by run.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {spoolBin, startDaemon} from './lib/daemon.js';
import {pairedRatio, printTable, type Row, which} from './lib/stats.js';

const runs = Number(process.env.BENCH_RUNS ?? 30);

function time(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
	const started = performance.now();
	const result = spawnSync(command, args, {env, stdio: ['ignore', 'ignore', 'pipe']});
	const ms = performance.now() - started;
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr?.toString()}`);
	return ms;
}

const daemon = await startDaemon();
const peers = mkdtempSync(path.join(os.tmpdir(), 'spool-peers-'));
const tspEnv = {...process.env, TS_SOCKET: path.join(peers, 'tsp.socket'), TMPDIR: peers};
const nqEnv = {...process.env, NQDIR: path.join(peers, 'nq')};
const hasTsp = which('tsp') !== undefined;
const hasNq = which('nq') !== undefined;
const samples: Record<string, number[]> = {floor: [], status: [], add: [], tspList: [], tspAdd: [], nqAdd: []};
try {
	if (hasTsp) spawnSync('tsp', ['-S', '1'], {env: tspEnv});
	const home = ['--home', daemon.home];
	for (let run = 0; run < runs; run++) {
		samples.floor!.push(time(process.execPath, ['-e', '0']));
		samples.status!.push(time(process.execPath, [spoolBin, 'status', ...home]));
		samples.add!.push(time(process.execPath, [spoolBin, 'add', ...home, '-s', '--', 'true']));
		if (hasTsp) {
			samples.tspList!.push(time('tsp', ['-l'], tspEnv));
			samples.tspAdd!.push(time('tsp', ['true'], tspEnv));
		}

		if (hasNq) samples.nqAdd!.push(time('nq', ['-q', 'true'], nqEnv));
	}
} finally {
	if (hasTsp) spawnSync('tsp', ['-K'], {env: tspEnv});
	rmSync(peers, {recursive: true, force: true});
	await daemon.stop();
}

const rows: Row[] = [
	{what: 'node -e 0 (floor)', command: 'node -e 0', samples: samples.floor!, unit: 'ms'},
	{what: 'spool status', command: 'spool status', samples: samples.status!, unit: 'ms', ratio: `${pairedRatio(samples.status!, samples.floor!)} of node -e 0`},
	{what: 'spool add', command: 'spool add -s -- true', samples: samples.add!, unit: 'ms', ratio: `${pairedRatio(samples.add!, samples.floor!)} of node -e 0`},
	{
		what: 'task-spooler list',
		command: 'tsp -l',
		samples: samples.tspList!,
		unit: 'ms',
		ratio: hasTsp ? `spool status is ${pairedRatio(samples.status!, samples.tspList!)} of it` : 'tsp not installed',
	},
	{what: 'task-spooler add', command: 'tsp true', samples: samples.tspAdd!, unit: 'ms', ratio: hasTsp ? `spool add is ${pairedRatio(samples.add!, samples.tspAdd!)} of it` : 'tsp not installed'},
	{what: 'nq add', command: 'nq -q true', samples: samples.nqAdd!, unit: 'ms', ratio: hasNq ? `spool add is ${pairedRatio(samples.add!, samples.nqAdd!)} of it` : 'nq not installed'},
];
printTable(rows);
