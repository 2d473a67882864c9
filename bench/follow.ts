// Push latency: a task prints 1,000 lines, each stamped with the moment it
// was written; a Follow client records when each arrives (p50/p99). And a
// Subscribe client: the time from an Add being sent to the subscriber
// receiving the new task. (pueue's follow and status poll once a second.)
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Message} from '../source/client/client.js';
import {env, startDaemon} from './lib/daemon.js';
import {percentile, printTable, type Row, which} from './lib/stats.js';

const lines = Number(process.env.BENCH_FOLLOW_LINES ?? 1000);
const now = () => performance.timeOrigin + performance.now();

const daemon = await startDaemon();
const followLatency: number[] = [];
const subscribeLatency: number[] = [];
try {
	// The task: a node process writing one stamped line every 2 ms.
	const script = `let n = 0; const t = setInterval(() => { process.stdout.write('L ' + (performance.timeOrigin + performance.now()).toFixed(3) + '\\n'); if (++n === ${lines}) clearInterval(t); }, 2);`;
	await daemon.client.request({type: 'Pause', group: 'default', wait: true});
	const reply = await daemon.client.request({type: 'Add', command: `${process.execPath} -e "${script}"`, cwd: os.tmpdir(), env: env()});
	const id = (reply.task as {id: number}).id;
	let partial = '';
	const stream = daemon.client.stream({type: 'Follow', ids: [id]}, (message: Message) => {
		if (message.type !== 'Output') return;
		const arrived = now();
		const text = partial + Buffer.from(message.data as Uint8Array).toString();
		const parts = text.split('\n');
		partial = parts.pop()!;
		for (const line of parts) {
			const stamp = /^L (\d+\.\d+)/.exec(line);
			if (stamp) followLatency.push(arrived - Number(stamp[1]));
		}
	});
	await daemon.client.request({type: 'Start', group: 'default'});
	await stream.done;

	// Subscribe: one client adds (stashed, nothing runs), another is subscribed.
	const {connect} = await import('../source/client/client.js');
	const {readSecretFile} = await import('../source/protocol/secret.js');
	const path = await import('node:path');
	const watcher = await connect({endpoint: {kind: 'unix', path: path.join(daemon.home, 'spool.sock')}, secret: readSecretFile(path.join(daemon.home, 'secret'))});
	const sent = new Map<string, number>();
	let synced!: () => void;
	const ready = new Promise<void>((resolve) => {
		synced = resolve;
	});
	const subscription = watcher.stream({type: 'Subscribe'}, (message) => {
		if (message.type === 'Synced') synced();
		if (message.type !== 'TaskChanged') return;
		const task = message.task as {command: string};
		const at = sent.get(task.command);
		if (at !== undefined) {
			subscribeLatency.push(now() - at);
			sent.delete(task.command);
		}
	});
	await ready;
	for (let index = 0; index < 200; index++) {
		const command = `true # ${index}`;
		sent.set(command, now());
		await daemon.client.request({type: 'Add', command, cwd: os.tmpdir(), env: env(), stashed: true});
	}

	subscription.cancel();
	await subscription.done;
	watcher.close();
} finally {
	await daemon.stop();
}

/** task-spooler's follow: `tsp -t` tails the job's output file. */
async function tspFollow(script: string): Promise<number[]> {
	if (!which('tsp')) return [];
	const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-tsp-'));
	const tspEnv = {...process.env, TS_SOCKET: path.join(dir, 'socket'), TMPDIR: dir};
	const latencies: number[] = [];
	try {
		const idFile = path.join(dir, 'id');
		spawnSync('sh', ['-c', `tsp ${process.execPath} -e "${script}" > ${idFile}`], {env: tspEnv, stdio: 'ignore'});
		const id = spawnSync('cat', [idFile], {encoding: 'utf8'}).stdout.trim();
		const tail = spawn('tsp', ['-t', id], {env: tspEnv, stdio: ['ignore', 'pipe', 'ignore']});
		let partial = '';
		tail.stdout.on('data', (chunk: Buffer) => {
			const arrived = now();
			const parts = (partial + chunk.toString()).split('\n');
			partial = parts.pop()!;
			for (const line of parts) {
				const stamp = /^L (\d+\.\d+)/.exec(line);
				if (stamp) latencies.push(arrived - Number(stamp[1]));
			}
		});
		await new Promise((resolve) => tail.on('close', resolve));
	} finally {
		spawnSync('tsp', ['-K'], {env: tspEnv, stdio: 'ignore'});
		rmSync(dir, {recursive: true, force: true});
	}

	return latencies;
}

const tspLatency = await tspFollow(
	`let n = 0; const t = setInterval(() => { process.stdout.write('L ' + (performance.timeOrigin + performance.now()).toFixed(3) + '\\n'); if (++n === ${lines}) clearInterval(t); }, 2);`,
);

const summary = (values: number[]) => `p50 ${percentile(values, 50).toFixed(2)} ms, p99 ${percentile(values, 99).toFixed(2)} ms`;
const rows: Row[] = [
	{what: `follow: line written -> client has it (${lines} lines)`, command: 'Follow stream', samples: followLatency, unit: 'ms', ratio: summary(followLatency)},
	{
		what: `task-spooler: line written -> \`tsp -t\` has it (${lines} lines)`,
		command: 'tsp -t',
		samples: tspLatency,
		unit: 'ms',
		ratio: tspLatency.length > 0 ? summary(tspLatency) : 'tsp not installed',
	},
	{what: 'subscribe: Add sent -> subscriber has the task (200 adds)', command: 'Subscribe stream', samples: subscribeLatency, unit: 'ms', ratio: summary(subscribeLatency)},
];
printTable(rows);
console.log('\npueue polls its log and status every 1000 ms in `follow` and the TUIs built on it poll every 500–2000 ms.');
