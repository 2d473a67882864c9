// A worker runs commands only for a daemon that proved the secret over the
// pinned certificate. A fake daemon (with the wrong secret, without a proof,
// or with another certificate) gets no Register, and the Run it sends anyway
// is never carried out. The control case, a fake that knows the secret and
// holds the pinned certificate, shows that the same fake would have been
// obeyed: the refusals come from the checks, not from a broken fake.
import {randomBytes} from 'node:crypto';
import {existsSync, writeFileSync} from 'node:fs';
import type net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import {afterAll, describe, expect, it} from 'vitest';
import {Connection} from '../../source/protocol/connection.js';
import {daemonProof} from '../../source/protocol/handshake.js';
import {ensureTlsMaterial, type TlsMaterial} from '../../source/protocol/tls-material.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {waitFor} from '../helpers/wait-for.js';
import {killAllWorkers, startWorker} from '../helpers/worker-process.js';

const {home, cleanup} = makeTempHome();
const secretFile = path.join(home, 'secret');
const secret = Buffer.from(randomBytes(32).toString('hex'));
writeFileSync(secretFile, `${secret.toString()}\n`, {mode: 0o600});

afterAll(async () => {
	await killAllWorkers();
	cleanup();
});

type Behaviour = 'honest' | 'wrong-secret' | 'no-proof';

/** A TLS server that plays the daemon's part of the handshake, then orders a Run at once. */
async function fakeDaemon(material: TlsMaterial, behaviour: Behaviour, marker: string) {
	const received: string[] = [];
	const fakeSecret = behaviour === 'wrong-secret' ? Buffer.from(randomBytes(32).toString('hex')) : secret;
	const server = tls.createServer({cert: material.cert, key: material.key, minVersion: 'TLSv1.3'}, (socket: net.Socket) => {
		socket.on('error', () => {});
		const connection = new Connection(socket);
		let hello: {name: string; nonce: Uint8Array} | undefined;
		const daemonNonce = randomBytes(32);
		connection.onMessage((raw) => {
			const message = raw as Record<string, unknown>;
			received.push(String(message.type));
			if (message.type === 'Hello') {
				hello = {name: String(message.name), nonce: message.nonce as Uint8Array};
				connection.send({type: 'Welcome', role: 'worker', daemon: 'spool', version: '6.6.6', protocol: 1});
				connection.send({type: 'AuthChallenge', nonce: daemonNonce});
			} else if (message.type === 'AuthResponse' && hello) {
				const proof = daemonProof(fakeSecret, 'worker', hello.name, hello.nonce, daemonNonce);
				connection.send(behaviour === 'no-proof' ? {type: 'AuthAccepted', accepted: true} : {type: 'AuthAccepted', accepted: true, proof});
				// A fake does not wait for Register: it tries to make the worker run something right away.
				if (behaviour !== 'honest')
					connection.send({type: 'Run', task: 1, attempt: 1, command: `touch ${marker}`, cwd: '/', env: {PATH: '/usr/bin:/bin'}, shell: 'sh', cols: 80, rows: 24, translateNewlines: false});
			} else if (message.type === 'Register') {
				connection.send({type: 'Registered', name: hello!.name, pingMs: 1000, timeoutMs: 10_000, killGraceMs: 1000, attached: []});
				connection.send({type: 'Run', task: 2, attempt: 1, command: `touch ${marker}`, cwd: '/', env: {PATH: '/usr/bin:/bin'}, shell: 'sh', cols: 80, rows: 24, translateNewlines: false});
			}
		});
	});
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	return {
		address: `127.0.0.1:${port}`,
		received,
		async close() {
			await new Promise<void>((resolve) => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}

describe('a worker facing a fake daemon', () => {
	let real: TlsMaterial;
	let other: TlsMaterial;
	const fakes: Array<{close: () => Promise<void>}> = [];
	afterAll(async () => {
		for (const fake of fakes) await fake.close();
	});

	it('prepares two certificates', async () => {
		real = await ensureTlsMaterial(path.join(home, 'real', 'cert.pem'), path.join(home, 'real', 'key.pem'));
		other = await ensureTlsMaterial(path.join(home, 'other', 'cert.pem'), path.join(home, 'other', 'key.pem'));
		expect(real.fingerprint).not.toBe(other.fingerprint);
	});

	it.each(['wrong-secret', 'no-proof'] as const)('with %s: gets no Register, and its Run is never carried out', async (behaviour) => {
		const marker = path.join(home, `ran-${behaviour}`);
		const fake = await fakeDaemon(real, behaviour, marker);
		fakes.push(fake);
		const worker = startWorker({address: fake.address, fingerprint: real.fingerprint, secretFile, name: 'careful'});
		expect(await worker.exited).toBe(3);
		expect(worker.stderr()).toMatch(behaviour === 'wrong-secret' ? /could not prove it knows the secret/ : /AuthAccepted/);
		expect(fake.received).toEqual(['Hello', 'AuthResponse']);
		expect(existsSync(marker)).toBe(false);
	});

	it('with another certificate than the pinned one (but the right secret): not one frame is sent, nothing runs', async () => {
		const marker = path.join(home, 'ran-cert');
		const fake = await fakeDaemon(other, 'honest', marker);
		fakes.push(fake);
		const worker = startWorker({address: fake.address, fingerprint: real.fingerprint, secretFile, name: 'careful'});
		expect(await worker.exited).toBe(3);
		expect(worker.stderr()).toMatch(/not the pinned/);
		expect(fake.received).toEqual([]);
		expect(existsSync(marker)).toBe(false);
	});

	it('control: a fake that holds the pinned certificate and knows the secret is obeyed (so the refusals above are the checks at work)', async () => {
		const marker = path.join(home, 'ran-control');
		const fake = await fakeDaemon(real, 'honest', marker);
		fakes.push(fake);
		const worker = startWorker({address: fake.address, fingerprint: real.fingerprint, secretFile, name: 'careful'});
		await waitFor(() => existsSync(marker), {what: 'the Run sent after Registered to be carried out'});
		expect(fake.received.slice(0, 3)).toEqual(['Hello', 'AuthResponse', 'Register']);
		await worker.stop('SIGKILL');
	});
});
