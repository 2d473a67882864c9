// The daemon's answer time to Ping while peers without the secret flood it
// with frames the protocol forbids (a CBOR bignum tag over 64 KiB, the
// largest frame allowed before the handshake). Before the decoder refused
// tags up front, each such frame cost ~0.4 s of the daemon's only thread.
// Then the daemon's memory while an authenticated client pipelines Log
// requests for an 8 MiB log and never reads a reply (back-pressure).
import net from 'node:net';
import path from 'node:path';
import {readFileSync} from 'node:fs';
import {connect} from '../source/client/client.js';
import {encodeFrame} from '../source/protocol/frame.js';
import {readSecretFile} from '../source/protocol/secret.js';
import {addTask, startDaemon, waitDone} from './lib/daemon.js';
import {percentile, printTable, type Row} from './lib/stats.js';

const pings = Number(process.env.BENCH_HOSTILE_PINGS ?? 300);
const flooders = Number(process.env.BENCH_HOSTILE_FLOODERS ?? 8);

function bignumFrame(): Buffer {
	const size = 65_000;
	const item = Buffer.alloc(1 + 3 + size, 0xff);
	item[0] = 0xc2; // tag 2: unsigned bignum
	item[1] = 0x59; // byte string, 2-byte length
	item.writeUInt16BE(size, 2);
	const frame = Buffer.alloc(4 + item.length);
	frame.writeUInt32BE(item.length, 0);
	item.copy(frame, 4);
	return frame;
}

const daemon = await startDaemon();
const socketPath = path.join(daemon.home, 'spool.sock');

async function measure(): Promise<number[]> {
	const times: number[] = [];
	for (let index = 0; index < pings; index++) {
		const start = performance.now();
		await daemon.client.request({type: 'Ping'});
		times.push(performance.now() - start);
	}

	return times;
}

let flooding = true;
let sent = 0;
async function flood(): Promise<void> {
	const frame = bignumFrame();
	while (flooding) {
		await new Promise<void>((resolve) => {
			const socket = net.createConnection(socketPath, () => {
				socket.write(frame);
				sent++;
			});
			socket.on('data', () => {});
			socket.on('error', () => resolve());
			socket.on('close', () => resolve());
		});
	}
}

try {
	await measure(); // warm-up
	const idle = await measure();
	const floods = Array.from({length: flooders}, async () => flood());
	const underFlood = await measure();
	flooding = false;
	await Promise.all(floods);
	const rows: Row[] = [
		{what: 'Ping, idle', command: 'Ping', samples: idle, unit: 'ms'},
		{
			what: `Ping, ${flooders} peers flooding 64 KiB tag-2 frames`,
			command: 'Ping',
			samples: underFlood,
			unit: 'ms',
			ratio: `p99 ${percentile(underFlood, 99).toFixed(2)} ms (idle ${percentile(idle, 99).toFixed(2)})`,
		},
	];
	printTable(rows);
	console.log(`\n${sent} forbidden frames refused during ${pings} pings`);

	// A client that never reads: the daemon must stop reading its requests, not buffer every reply.
	const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${daemon.pid}/status`, 'utf8'))![1]) * 1024;
	const big = await addTask(daemon.client, 'head -c 8388608 /dev/zero | tr "\\0" x');
	await waitDone(daemon.client, [big.id]);
	const greedy = await connect({endpoint: {kind: 'unix', path: socketPath}, secret: readSecretFile(path.join(daemon.home, 'secret')), name: 'greedy'});
	greedy.connection.socket.pause();
	const requests = 3000;
	const before = rss();
	greedy.connection.socket.write(Buffer.concat(Array.from({length: requests}, (_, index) => encodeFrame({type: 'Log', id: 1000 + index, task: big.id}))));
	let peak = before;
	const pingsMeanwhile: number[] = [];
	for (let index = 0; index < 40; index++) {
		const start = performance.now();
		await daemon.client.request({type: 'Ping'});
		pingsMeanwhile.push(performance.now() - start);
		peak = Math.max(peak, rss());
		await new Promise((resolve) => setTimeout(resolve, 50));
	}

	greedy.close();
	printTable([
		{
			what: `Ping while a client pipelines ${requests} Log requests of an 8 MiB log and never reads`,
			command: 'Ping',
			samples: pingsMeanwhile,
			unit: 'ms',
			ratio: `daemon RSS ${Math.round(before / 2 ** 20)} MB before, peak ${Math.round(peak / 2 ** 20)} MB`,
		},
	]);
} finally {
	await daemon.stop();
}
