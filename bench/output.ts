// Output throughput: `yes | head -c 100000000` run by spool (through a pty
// into its log), through a plain pipe into a file, and by task-spooler, in
// the same run. Also the daemon's memory while a task prints 100 MB.
import {spawn, spawnSync} from 'node:child_process';
import {createWriteStream, mkdtempSync, rmSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import {addTask, rss, startDaemon, waitDone} from './lib/daemon.js';
import {median, pairedRatio, printTable, type Row, which} from './lib/stats.js';

const bytes = 100_000_000;
const command = `yes | head -c ${bytes}`;
const runs = Number(process.env.BENCH_RUNS ?? 5);
const mb = (count: number, ms: number) => count / 1e6 / (ms / 1000);

async function viaPipe(): Promise<number> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-pipe-'));
	const started = performance.now();
	const child = spawn('sh', ['-c', command], {stdio: ['ignore', 'pipe', 'ignore']});
	await pipeline(child.stdout, createWriteStream(path.join(dir, 'out')));
	const ms = performance.now() - started;
	const size = statSync(path.join(dir, 'out')).size;
	rmSync(dir, {recursive: true, force: true});
	if (size !== bytes) throw new Error(`pipe delivered ${size} bytes`);
	return mb(size, ms);
}

function viaTsp(): number | undefined {
	if (!which('tsp')) return undefined;
	const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-tsp-'));
	const env = {...process.env, TS_SOCKET: path.join(dir, 'socket'), TMPDIR: dir};
	const started = performance.now();
	const id = spawnSync('tsp', ['sh', '-c', command], {env, encoding: 'utf8'}).stdout.trim();
	spawnSync('tsp', ['-w', id], {env});
	const ms = performance.now() - started;
	const output = spawnSync('tsp', ['-o', id], {env, encoding: 'utf8'}).stdout.trim();
	const size = statSync(output).size;
	spawnSync('tsp', ['-K'], {env});
	rmSync(dir, {recursive: true, force: true});
	if (size !== bytes) throw new Error(`tsp wrote ${size} bytes`);
	return mb(size, ms);
}

/** Runs the command in a daemon `runs` times; returns MB/s of the task's bytes and the daemon's peak RSS. */
async function viaSpool(config: Record<string, unknown>, expectedLogBytes: number, pair: () => Promise<void>) {
	const daemon = await startDaemon(config);
	const speeds: number[] = [];
	const peaks: number[] = [];
	const idle = rss(daemon.pid);
	try {
		for (let run = 0; run < runs; run++) {
			const started = performance.now();
			const task = await addTask(daemon.client, command);
			let peak = 0;
			const sampler = setInterval(() => {
				peak = Math.max(peak, rss(daemon.pid));
			}, 50);
			const [done] = await waitDone(daemon.client, [task.id]);
			clearInterval(sampler);
			const ms = performance.now() - started;
			const size = statSync(path.join(daemon.home, 'logs', `${task.id}.log`)).size;
			if (size !== expectedLogBytes) throw new Error(`spool logged ${size} bytes, expected ${expectedLogBytes} (result ${String(done?.result)})`);
			speeds.push(mb(bytes, ms));
			peaks.push(peak / 1e6);
			await pair();
		}
	} finally {
		await daemon.stop();
	}

	return {speeds, peaks, idle: idle / 1e6};
}

const pipe: number[] = [];
const tsp: number[] = [];
const fast = await viaSpool({}, bytes, async () => {
	pipe.push(await viaPipe());
	const peer = viaTsp();
	if (peer !== undefined) tsp.push(peer);
});
// With the kernel's newline translation, each "y\n" is logged as "y\r\n".
const translated = await viaSpool({pty_onlcr: true}, bytes * 1.5, async () => {});

/** Peak daemon RSS while one task prints `size` bytes (no newlines: fast), to show memory does not grow with output. */
async function peakWhilePrinting(size: number): Promise<number> {
	const daemon = await startDaemon();
	try {
		const task = await addTask(daemon.client, `head -c ${size} /dev/zero | tr '\\0' x`);
		let peak = 0;
		const sampler = setInterval(() => {
			peak = Math.max(peak, rss(daemon.pid));
		}, 20);
		await waitDone(daemon.client, [task.id]);
		clearInterval(sampler);
		const logged = statSync(path.join(daemon.home, 'logs', `${task.id}.log`)).size;
		if (logged !== size) throw new Error(`logged ${logged} of ${size} bytes`);
		return peak / 1e6;
	} finally {
		await daemon.stop();
	}
}

const peak100 = await peakWhilePrinting(100_000_000);
const peak1000 = await peakWhilePrinting(1_000_000_000);

const rows: Row[] = [
	{what: 'spool, pty_onlcr off (default)', command, samples: fast.speeds, unit: 'MB/s', ratio: tsp.length > 0 ? `${pairedRatio(fast.speeds, tsp)} of tsp` : ''},
	{what: 'spool, pty_onlcr on', command, samples: translated.speeds, unit: 'MB/s', ratio: ''},
	{what: 'plain pipe -> file (node)', command, samples: pipe, unit: 'MB/s', ratio: `spool is ${pairedRatio(fast.speeds, pipe)} of it`},
	{what: 'task-spooler (tsp)', command, samples: tsp, unit: 'MB/s', ratio: tsp.length === 0 ? 'tsp not installed' : ''},
	{what: 'daemon RSS while a task prints 100 MB', command: 'peak VmRSS', samples: fast.peaks, unit: 'MB', ratio: `idle ${fast.idle.toFixed(1)} MB`},
	{what: 'daemon RSS, task prints 100 MB (no newlines)', command: 'peak VmRSS', samples: [peak100], unit: 'MB'},
	{what: 'daemon RSS, task prints 1 GB (no newlines)', command: 'peak VmRSS', samples: [peak1000], unit: 'MB'},
];
printTable(rows);
console.log(`\nMB/s counts the task's own ${bytes / 1e6} MB from add to end; median spool ${median(fast.speeds).toFixed(1)} MB/s.`);
