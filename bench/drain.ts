// Drain: 1,000 queued `true` tasks, from the first start to the last end,
// at parallel 1 and 2, beside task-spooler (queued while paused, `-S n`)
// and nq, in the same run.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {env, startDaemon} from './lib/daemon.js';
import {pairedRatio, printTable, type Row, which} from './lib/stats.js';

const tasks = Number(process.env.BENCH_DRAIN_TASKS ?? 1000);
/**
 * Each job waiting in task-spooler is a process holding a connection to its
 * server, which accepts about 1,000 at most (here the 997th `tsp` blocked);
 * its drain is measured with fewer tasks and reported per second like ours.
 */
const tspTasks = Math.min(tasks, 900);
const runs = Number(process.env.BENCH_RUNS ?? 3);

async function spoolDrain(parallel: number): Promise<number> {
	const daemon = await startDaemon({default_parallel: parallel});
	try {
		await daemon.client.request({type: 'Pause', group: 'default', wait: true});
		await daemon.client.request({type: 'AddMany', defaults: {cwd: os.tmpdir(), env: env()}, tasks: Array.from({length: tasks}, () => ({command: 'true'}))});
		await daemon.client.request({type: 'Start', group: 'default'});
		const reply = await daemon.client.request({type: 'Wait', all: true, status: 'done'});
		const done = reply.tasks as Array<{startedAt: number; endedAt: number; result: string}>;
		if (done.length !== tasks || done.some((task) => task.result !== 'Success')) throw new Error('not every task succeeded');
		const first = Math.min(...done.map((task) => task.startedAt));
		const last = Math.max(...done.map((task) => task.endedAt));
		return tasks / ((last - first) / 1000);
	} finally {
		await daemon.stop();
	}
}

function tspDrain(parallel: number): number | undefined {
	if (!which('tsp')) return undefined;
	const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-tsp-'));
	const tspEnv = {...process.env, TS_SOCKET: path.join(dir, 'socket'), TMPDIR: dir, TS_MAXFINISHED: String(tasks + 10)};
	try {
		// Queue behind a blocker so every task waits, then let them all go.
		// Each tsp client stays behind to run its job, holding whatever stdout it got: give the
		// job clients no pipe (a pipe would keep spawnSync waiting until the job ends).
		spawnSync('tsp', ['-S', String(parallel)], {env: tspEnv, stdio: 'ignore'});
		const idFile = path.join(dir, 'id');
		const blockers = Array.from({length: parallel}, () => {
			spawnSync('sh', ['-c', `tsp sleep 1000 > ${idFile}`], {env: tspEnv, stdio: 'ignore'});
			return spawnSync('cat', [idFile], {encoding: 'utf8'}).stdout.trim();
		});
		for (let index = 0; index < tspTasks; index++) spawnSync('tsp', ['-n', 'true'], {env: tspEnv, stdio: 'ignore'});
		const started = performance.now();
		for (const id of blockers) spawnSync('tsp', ['-k', id], {env: tspEnv, stdio: 'ignore'});
		spawnSync('tsp', ['-w'], {env: tspEnv, stdio: 'ignore'});
		return tspTasks / ((performance.now() - started) / 1000);
	} finally {
		spawnSync('tsp', ['-K'], {env: tspEnv, stdio: 'ignore'});
		rmSync(dir, {recursive: true, force: true});
	}
}

function nqDrain(): number | undefined {
	if (!which('nq')) return undefined;
	const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-nq-'));
	const nqEnv = {...process.env, NQDIR: dir};
	try {
		// nq runs jobs one after another, each waiting on the lock of the previous; its queue starts at once.
		const started = performance.now();
		for (let index = 0; index < tasks; index++) spawnSync('nq', ['-q', 'true'], {env: nqEnv, stdio: 'ignore'});
		spawnSync('nq', ['-w'], {env: nqEnv, stdio: 'ignore'});
		return tasks / ((performance.now() - started) / 1000);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

const results: Record<string, number[]> = {spool1: [], spool2: [], tsp1: [], tsp2: [], nq: []};
for (let run = 0; run < runs; run++) {
	results.spool1!.push(await spoolDrain(1));
	results.spool2!.push(await spoolDrain(2));
	const tsp1 = tspDrain(1);
	const tsp2 = tspDrain(2);
	if (tsp1 !== undefined && tsp2 !== undefined) {
		results.tsp1!.push(tsp1);
		results.tsp2!.push(tsp2);
	}

	const nq = nqDrain();
	if (nq !== undefined) results.nq!.push(nq);
}

const vsTsp = (spool: number[], tsp: number[]) => (tsp.length > 0 ? `${pairedRatio(spool, tsp)} of tsp` : 'tsp not installed');
const rows: Row[] = [
	{what: `spool drain, parallel 1`, command: `${tasks} x true`, samples: results.spool1!, unit: 'tasks/s', ratio: vsTsp(results.spool1!, results.tsp1!)},
	{what: `spool drain, parallel 2`, command: `${tasks} x true`, samples: results.spool2!, unit: 'tasks/s', ratio: vsTsp(results.spool2!, results.tsp2!)},
	{what: 'task-spooler, -S 1', command: `${tspTasks} x tsp -n true`, samples: results.tsp1!, unit: 'tasks/s'},
	{what: 'task-spooler, -S 2', command: `${tspTasks} x tsp -n true`, samples: results.tsp2!, unit: 'tasks/s'},
	{what: 'nq (submit + run, one at a time)', command: `${tasks} x nq -q true`, samples: results.nq!, unit: 'tasks/s', ratio: results.nq!.length === 0 ? 'nq not installed' : ''},
];
printTable(rows);
