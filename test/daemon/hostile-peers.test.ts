// Peers that try to hurt the daemon: forged daemon.log lines, floods of bad
// handshakes and idle TCP connections, pipelined requests that are never
// read, input for a task that never reads it. Real daemon, real sockets.
import {readFileSync, existsSync, statSync, readdirSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {encodeFrame} from '../../source/protocol/frame.js';
import {escapeLogText} from '../../source/daemon/daemon-log.js';
import {addTask, expectError, readLog, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {daemonPerTest} from '../helpers/daemon-per-test.js';
import {RawPeer} from '../helpers/raw-peer.js';
import {waitFor} from '../helpers/wait-for.js';

const daemons = daemonPerTest();

function daemonLog(home: string): string {
	try {
		return readFileSync(path.join(home, 'daemon.log'), 'utf8');
	} catch {
		return '';
	}
}

function rssBytes(): number {
	const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
	return Number(match?.[1] ?? 0) * 1024;
}

function openFds(): number {
	return readdirSync('/proc/self/fd').length;
}

describe('escapeLogText', () => {
	it('makes control characters visible and cuts long text', () => {
		expect(escapeLogText('a\u001b]52;c;SGVsbG8=\u0007b\n2026 daemon stopped\r\\')).toBe('a\\u001b]52;c;SGVsbG8=\\u0007b\\n2026 daemon stopped\\r\\\\');
		expect(escapeLogText('\u009b2J\u202e')).toBe('\\u009b2J\\u202e');
		const long = escapeLogText('x'.repeat(1000));
		expect(long.startsWith('x'.repeat(200))).toBe(true);
		expect(long).toContain('(800 more)');
	});
});

describe('hostile peers', () => {
	it('logs a pre-handshake message escaped, on one line', async () => {
		const {t} = await daemons.start();
		const peer = await RawPeer.connect(path.join(t.home, 'spool.sock'));
		const forged = 'Hello\u001b]52;c;ZWNobyBwd25lZA==\u0007\n2026-12-02T10:00:00.000Z daemon stopped\u001b[2J';
		peer.send({type: forged, role: 'client', name: 'x', protocol: 1, nonce: new Uint8Array(32)});
		await peer.waitClosed();
		const log = await waitFor(() => (daemonLog(t.home).includes('handshake refused') ? daemonLog(t.home) : ''), {what: 'the refusal in daemon.log'});
		expect(log).not.toContain('\u001b');
		expect(log).not.toContain('\u0007');
		const lines = log.split('\n').filter(Boolean);
		// Every line is the daemon's own: a timestamp first, and none forged.
		for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z /);
		expect(lines.filter((line) => line.includes('daemon stopped'))).toHaveLength(1);
		expect(lines.filter((line) => line.includes('handshake refused'))).toHaveLength(1);
		expect(log).toContain('\\u001b]52;c;');
		expect(log).toContain('\\n2026-12-02T10:00:00.000Z daemon stopped');
	});

	it('logs a bounded number of lines for 500 bad handshakes', async () => {
		const {t} = await daemons.start({log_refusal_interval_ms: 3000});
		const socketPath = path.join(t.home, 'spool.sock');
		for (let batch = 0; batch < 10; batch++) {
			await Promise.all(
				Array.from({length: 50}, async () => {
					const peer = await RawPeer.connect(socketPath);
					peer.send({type: 'Nope', junk: 'x'.repeat(1000)});
					await peer.waitClosed(30_000);
				}),
			);
		}

		// The first refusal is logged at once, the rest in one summary line per interval.
		const counted = () => {
			const lines = daemonLog(t.home)
				.split('\n')
				.filter((line) => line.includes('handshake refused'));
			let total = 0;
			for (const line of lines) total += line.includes(' more time') ? Number(/refused (\d+) more time/.exec(line)?.[1]) : 1;
			return {lines, total};
		};

		const {lines} = await waitFor(() => (counted().total === 500 ? counted() : undefined), {what: 'all 500 refusals to be accounted for', timeoutMs: 30_000});
		const size = statSync(path.join(t.home, 'daemon.log')).size;
		console.log(`500 bad handshakes: ${lines.length} refusal line(s), daemon.log ${size} bytes`);
		expect(lines.length).toBeLessThanOrEqual(6);
		expect(size).toBeLessThan(4096);
		expect(daemonLog(t.home)).toMatch(/handshake refused \d+ more times from the local socket in the last 3 s \(last: /);
	}, 120_000);

	it('rotates daemon.log at the size cap', async () => {
		const {t} = await daemons.start({log_max_bytes: 4096, log_keep: 2});
		for (let index = 0; index < 300; index++) t.daemon.log(`line ${index} ${'.'.repeat(50)}`);
		const file = path.join(t.home, 'daemon.log');
		expect(existsSync(`${file}.1`)).toBe(true);
		expect(existsSync(`${file}.2`)).toBe(true);
		expect(existsSync(`${file}.3`)).toBe(false);
		for (const name of [file, `${file}.1`, `${file}.2`]) expect(statSync(name).size).toBeLessThanOrEqual(4096);
		expect(readFileSync(file, 'utf8')).toContain('line 299 ');
	});

	it('caps idle TCP connections, closes them at the deadline, and keeps the Unix socket working', async () => {
		const {t, client} = await daemons.start({listen: '127.0.0.1:0', max_unauthenticated: 20, max_unauthenticated_per_source: 100, handshake_timeout_ms: 2000});
		const address = t.daemon.tlsAddress!;
		const fdsBefore = openFds();
		const sockets = await Promise.all(
			Array.from({length: 60}, async () => {
				const socket = net.createConnection(address.port, address.host);
				const state = {closed: false, socket};
				socket.on('error', () => {});
				socket.on('close', () => {
					state.closed = true;
				});
				await new Promise<void>((resolve) => {
					socket.once('connect', resolve);
					socket.once('close', resolve);
				});
				return state;
			}),
		);
		// Past the cap: closed at once.
		await waitFor(() => sockets.filter((s) => s.closed).length >= 40, {what: 'the extra connections to be refused'});
		const limit = Number(/Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1]);
		console.log(
			`idle-TCP flood: ${t.daemon.connectionLimits.count} unauthenticated open, process fds ${openFds()} (before ${fdsBefore}), open-file limit ${limit}: ${limit - openFds()} left for local clients`,
		);
		expect(t.daemon.connectionLimits.count).toBeLessThanOrEqual(20);
		// Local clients still get through, now and on a new connection.
		expect((await client.request({type: 'Ping'})).type).toBe('Pong');
		const other = await t.client();
		expect((await other.request({type: 'Ping'})).type).toBe('Pong');
		// The ones that never started TLS are closed at the deadline, counted from accept.
		await waitFor(() => sockets.every((s) => s.closed), {what: 'idle connections to be closed', timeoutMs: 30_000});
		await waitFor(() => t.daemon.connectionLimits.count === 0, {what: 'the count to drop'});
		// And a real TLS client is served afterwards.
		const tls = await t.tlsClient();
		expect((await tls.request({type: 'Ping'})).type).toBe('Pong');
		await waitFor(() => daemonLog(t.home).includes('connection refused'), {what: 'the refusal line'});
		expect(
			daemonLog(t.home)
				.split('\n')
				.filter((line) => line.includes('connection refused')).length,
		).toBe(1);
	}, 60_000);

	it('caps unauthenticated TCP connections per source address', async () => {
		const {t} = await daemons.start({listen: '127.0.0.1:0', max_unauthenticated_per_source: 5, handshake_timeout_ms: 20_000});
		const address = t.daemon.tlsAddress!;
		const closed: boolean[] = [];
		const sockets = Array.from({length: 12}, (_, index) => {
			closed[index] = false;
			const socket = net.createConnection(address.port, address.host);
			socket.on('error', () => {});
			socket.on('close', () => {
				closed[index] = true;
			});
			return socket;
		});
		await waitFor(() => closed.filter(Boolean).length >= 7, {what: 'connections past the per-source cap to be closed'});
		expect(t.daemon.connectionLimits.count).toBe(5);
		for (const socket of sockets) socket.destroy();
	});

	it('stops reading a client that pipelines Log requests and reads no replies', async () => {
		const {t, client} = await daemons.start();
		// An 8 MiB log.
		const task = await addTask(client, 'head -c 8388608 /dev/zero | tr "\\0" a');
		await waitForTasks(client, [task.id], 'success');
		const baseline = rssBytes();
		const peer = await RawPeer.connect(path.join(t.home, 'spool.sock'));
		const accepted = await peer.handshake(t.secret);
		expect(accepted.accepted).toBe(true);
		peer.socket.pause(); // never reads again
		const requests = Buffer.concat(Array.from({length: 3000}, (_, index) => encodeFrame({type: 'Log', id: index + 1, task: task.id})));
		peer.write(requests);
		let peak = rssBytes();
		const sampler = setInterval(() => {
			peak = Math.max(peak, rssBytes());
		}, 20);
		try {
			// The daemon filled that client's socket, and then stopped reading it.
			await waitFor(() => [...t.daemon.sessions].some((session) => session.connection.socket.writableLength > 1024 * 1024), {what: 'replies to back up'});
			// Another client is answered meanwhile, repeatedly.
			for (let index = 0; index < 20; index++) expect((await client.request({type: 'Ping'})).type).toBe('Pong');
			await new Promise((resolve) => setTimeout(resolve, 2000));
			for (let index = 0; index < 5; index++) expect((await client.request({type: 'Ping'})).type).toBe('Pong');
		} finally {
			clearInterval(sampler);
		}

		console.log(
			`non-reading client with 3000 pipelined Log requests (${requests.length} bytes) of an 8 MiB log: RSS ${Math.round(baseline / 2 ** 20)} MB before, peak ${Math.round(peak / 2 ** 20)} MB`,
		);
		expect(peak).toBeLessThan(400 * 2 ** 20);
		expect(peak - baseline).toBeLessThan(200 * 2 ** 20);
		peer.destroy();
	}, 120_000);

	it('refuses input for a task that does not read it once the bound is reached', async () => {
		const {client} = await daemons.start({max_pending_input_bytes: 256 * 1024});
		// A canonical-mode terminal lets input through without limit while no line is
		// pending (the kernel drops what does not fit), so whether the pty ever pushes
		// back depends on how fast the line discipline runs. A raw terminal that nobody
		// reads fills and stays full: then the daemon's own bound must speak.
		const task = await addTask(client, 'stty raw -echo; echo ready; exec sleep 60');
		await waitFor(async () => (await readLog(client, task.id)).includes('ready'), {what: 'the task to set its terminal raw'});
		const chunk = Buffer.alloc(64 * 1024, 'y');
		let message = '';
		for (let index = 0; index < 64 && !message; index++) {
			try {
				await client.request({type: 'Send', task: task.id, data: chunk});
			} catch (error) {
				message = (error as Error).message;
				expect((error as {code?: string}).code).toBe('input_full');
			}
		}

		expect(message).toMatch(new RegExp(`task ${task.id} is not reading its input; \\d+ KiB is already waiting`));
		await expectError(client.request({type: 'Send', task: task.id, data: chunk}), 'input_full');
		await client.request({type: 'Kill', ids: [task.id]});
	}, 60_000);
});
