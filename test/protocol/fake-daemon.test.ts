// A daemon that does not know the secret must learn nothing: the client
// checks the daemon's proof before it sends a single request.
import {randomBytes} from 'node:crypto';
import type net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {connect} from '../../source/client/client.js';
import {Connection} from '../../source/protocol/connection.js';
import {listenUnix} from '../../source/protocol/transport.js';
import {makeTempHome} from '../helpers/temp-home.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Plays the daemon's part with its own secret; records everything it receives. */
async function fakeDaemon(behaviour: 'wrong-proof' | 'accept-without-proof') {
	const {home, cleanup} = makeTempHome();
	const received: Array<{type?: string}> = [];
	let resolveClosed!: () => void;
	const closed = new Promise<void>((resolve) => {
		resolveClosed = resolve;
	});
	const server = await listenUnix(`${home}/spool.sock`, (socket: net.Socket) => {
		socket.once('close', () => resolveClosed());
		const connection = new Connection(socket);
		connection.onMessage((message) => {
			received.push(message as {type?: string});
			const type = (message as {type?: string}).type;
			if (type === 'Hello') {
				connection.send({type: 'Welcome', role: 'client', daemon: 'spool', version: '6.6.6', protocol: 1});
				connection.send({type: 'AuthChallenge', nonce: randomBytes(32)});
			} else if (type === 'AuthResponse') {
				connection.send(behaviour === 'wrong-proof' ? {type: 'AuthAccepted', accepted: true, proof: randomBytes(32)} : {type: 'AuthAccepted', accepted: true});
			}
		});
	});
	cleanups.push(() => {
		server.close();
		cleanup();
	});
	/** `closed`: the client hung up, and everything it sent has been received. */
	return {socket: `${home}/spool.sock`, received, closed};
}

describe('a fake daemon', () => {
	it.each(['wrong-proof', 'accept-without-proof'] as const)('is refused by the client (%s); no request reaches it', async (behaviour) => {
		const fake = await fakeDaemon(behaviour);
		await expect(connect({endpoint: {kind: 'unix', path: fake.socket}, secret: randomBytes(32)})).rejects.toThrow(behaviour === 'wrong-proof' ? /could not prove it knows the secret/ : /AuthAccepted/);
		// The client hangs up on a daemon it does not trust; once the close reaches
		// the fake daemon, whatever the client sent before it has arrived too.
		await fake.closed;
		expect(fake.received.map((message) => message.type)).toEqual(['Hello', 'AuthResponse']);
	});
});
