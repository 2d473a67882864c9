// The daemon's answer time to Ping while peers without the secret flood it
// with frames the protocol forbids (a CBOR bignum tag over 64 KiB, the
// largest frame allowed before the handshake). Before the decoder refused
// tags up front, each such frame cost ~0.4 s of the daemon's only thread.
import net from 'node:net';
import path from 'node:path';
import {startDaemon} from './lib/daemon.js';
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
		{what: `Ping, ${flooders} peers flooding 64 KiB tag-2 frames`, command: 'Ping', samples: underFlood, unit: 'ms', ratio: `p99 ${percentile(underFlood, 99).toFixed(2)} ms (idle ${percentile(idle, 99).toFixed(2)})`},
	];
	printTable(rows);
	console.log(`\n${sent} forbidden frames refused during ${pings} pings`);
} finally {
	await daemon.stop();
}
