// The wire contract against a real daemon over real sockets.
import {randomBytes} from 'node:crypto';
import {afterEach, describe, expect, it} from 'vitest';
import {resolvePaths} from '../../source/config.js';
import {encodeFrame} from '../../source/protocol/frame.js';
import {RawPeer} from '../helpers/raw-peer.js';
import {startTestDaemon, type TestDaemon} from '../helpers/test-daemon.js';

let current: TestDaemon | undefined;
afterEach(async () => {
	await current?.stop();
	current = undefined;
});

async function start(overrides = {}) {
	current = await startTestDaemon(overrides);
	return current;
}

const socketOf = (t: TestDaemon) => resolvePaths(t.home).socket;

async function assertStillServing(t: TestDaemon) {
	const client = await t.client();
	const pong = await client.request({type: 'Ping'});
	expect(pong).toMatchObject({type: 'Pong', version: expect.any(String)});
}

describe('daemon protocol over a Unix socket', () => {
	it('completes the handshake and answers Ping with Pong {re, version}', async () => {
		const t = await start();
		const peer = await RawPeer.connect(socketOf(t));
		const accepted = await peer.handshake(t.secret);
		expect(accepted).toMatchObject({type: 'AuthAccepted', accepted: true});
		peer.send({type: 'Ping', id: 7});
		expect(await peer.next()).toMatchObject({type: 'Pong', re: 7, version: expect.any(String)});
		peer.destroy();
	});

	it('handles a handshake and requests written byte by byte, and frames merged into one write', async () => {
		const t = await start();
		const peer = await RawPeer.connect(socketOf(t));
		const {peerProof} = await import('../../source/protocol/handshake.js');
		const nonce = randomBytes(32);
		for (const byte of encodeFrame({type: 'Hello', role: 'client', name: 'bytewise', protocol: 1, nonce})) {
			peer.write(Buffer.of(byte));
		}

		expect((await peer.next()).type).toBe('Welcome');
		const challenge = await peer.next();
		const response = encodeFrame({type: 'AuthResponse', proof: peerProof(t.secret, 'client', 'bytewise', challenge.nonce as Uint8Array, nonce)});
		for (const byte of response) peer.write(Buffer.of(byte));
		expect(await peer.next()).toMatchObject({accepted: true});

		peer.write(Buffer.concat([1, 2, 3].map((id) => encodeFrame({type: 'Ping', id}))));
		const replies = [await peer.next(), await peer.next(), await peer.next()];
		expect(replies.map((reply) => reply.re)).toEqual([1, 2, 3]);
		peer.destroy();
	});

	it('closes a connection whose frame is over 64 KiB before auth, and keeps serving others', async () => {
		const t = await start();
		const peer = await RawPeer.connect(socketOf(t));
		const header = Buffer.alloc(4);
		header.writeUInt32BE(64 * 1024 + 1);
		peer.write(header);
		expect(await peer.next()).toMatchObject({type: 'Error', code: 'frame_too_large'});
		await peer.waitClosed();
		await assertStillServing(t);
	});

	it('closes a connection whose frame is over the limit after auth, and keeps serving others', async () => {
		const t = await start({max_frame_bytes: 1024 * 1024});
		const peer = await RawPeer.connect(socketOf(t));
		await peer.handshake(t.secret);
		// 100 KiB is fine after auth (it would not be before)...
		peer.send({type: 'Ping', id: 1, padding: Buffer.alloc(100 * 1024)});
		expect(await peer.next()).toMatchObject({type: 'Pong', re: 1});
		// ...but not more than the configured limit.
		const header = Buffer.alloc(4);
		header.writeUInt32BE(1024 * 1024 + 1);
		peer.write(header);
		expect(await peer.next()).toMatchObject({type: 'Error', code: 'frame_too_large'});
		await peer.waitClosed();
		await assertStillServing(t);
	});

	it.each([
		['random garbage', () => randomBytes(4096)],
		['truncated CBOR in a frame', () => Buffer.from([0, 0, 0, 3, 0xa2, 0x61, 0x61])],
		['a frame of break codes', () => Buffer.from([0, 0, 0, 2, 0xff, 0xff])],
	])('survives %s before auth', async (_name, bytes) => {
		const t = await start();
		const peer = await RawPeer.connect(socketOf(t));
		peer.write(bytes());
		// Either an error frame then a close, or a close (garbage can announce a huge frame).
		await peer.waitClosed();
		const errors = peer.messages.filter((message) => (message as {type?: string}).type === 'Error');
		for (const error of errors) expect(['frame_too_large', 'bad_frame', 'bad_request', 'unexpected_message']).toContain((error as {code: string}).code);
		await assertStillServing(t);
	});

	it('survives undecodable CBOR after auth', async () => {
		const t = await start();
		const peer = await RawPeer.connect(socketOf(t));
		await peer.handshake(t.secret);
		peer.write(Buffer.from([0, 0, 0, 4, 0xbf, 0x61, 0x61, 0xff])); // indefinite map, odd entries
		expect(await peer.next()).toMatchObject({type: 'Error', code: 'bad_frame'});
		await peer.waitClosed();
		await assertStillServing(t);
	});

	it('answers malformed requests with bad_request and unknown types with unknown_type, keeping the connection', async () => {
		const t = await start();
		const peer = await RawPeer.connect(socketOf(t));
		await peer.handshake(t.secret);
		peer.send({type: 'Frobnicate', id: 1});
		expect(await peer.next()).toMatchObject({type: 'Error', re: 1, code: 'unknown_type'});
		peer.send({type: 'Ping'});
		expect(await peer.next()).toMatchObject({type: 'Error', code: 'bad_request'});
		peer.send([1, 2, 3]);
		expect(await peer.next()).toMatchObject({type: 'Error', code: 'bad_request'});
		peer.send({id: 4});
		expect(await peer.next()).toMatchObject({type: 'Error', re: 4, code: 'bad_request'});
		peer.send({type: '__proto__', id: 5});
		expect(await peer.next()).toMatchObject({type: 'Error', re: 5, code: 'unknown_type'});
		peer.send({type: 'Ping', id: 6});
		expect(await peer.next()).toMatchObject({type: 'Pong', re: 6});
		peer.destroy();
	});

	it('refuses a wrong secret, closes, and accepts nothing more on that connection', async () => {
		const t = await start();
		const peer = await RawPeer.connect(socketOf(t));
		const accepted = await peer.handshake(randomBytes(32));
		expect(accepted).toEqual({type: 'AuthAccepted', accepted: false});
		peer.send({type: 'Ping', id: 1});
		await peer.waitClosed();
		expect(peer.messages.some((message) => (message as {type?: string}).type === 'Pong')).toBe(false);
		await assertStillServing(t);
	});

	it('refuses any request before the handshake', async () => {
		const t = await start();
		const peer = await RawPeer.connect(socketOf(t));
		peer.send({type: 'Ping', id: 1});
		expect(await peer.next()).toMatchObject({type: 'Error'});
		await peer.waitClosed();
		expect(peer.messages.some((message) => (message as {type?: string}).type === 'Pong')).toBe(false);
	});

	it('answers another protocol version with protocol_mismatch and closes', async () => {
		const t = await start();
		const peer = await RawPeer.connect(socketOf(t));
		peer.send({type: 'Hello', role: 'client', name: 'future', protocol: 2, nonce: randomBytes(32)});
		expect(await peer.next()).toMatchObject({type: 'Error', code: 'protocol_mismatch'});
		await peer.waitClosed();
	});

	it('drops a peer that stalls the handshake at the deadline', async () => {
		const t = await start({handshake_timeout_ms: 300});
		const silent = await RawPeer.connect(socketOf(t));
		const halfway = await RawPeer.connect(socketOf(t));
		halfway.send({type: 'Hello', role: 'client', name: 'slow', protocol: 1, nonce: randomBytes(32)});
		await silent.waitClosed();
		await halfway.waitClosed();
		expect(silent.messages).toContainEqual(expect.objectContaining({type: 'Error', code: 'handshake_timeout'}));
		expect(halfway.messages.map((message) => (message as {type: string}).type)).toEqual(['Welcome', 'AuthChallenge', 'Error']);
		await assertStillServing(t);
	});

	it('does not accept the worker role on the Unix socket', async () => {
		const t = await start();
		const peer = await RawPeer.connect(socketOf(t));
		peer.send({type: 'Hello', role: 'worker', name: 'w', protocol: 1, nonce: randomBytes(32)});
		expect(await peer.next()).toMatchObject({type: 'Error', code: 'role_refused'});
		await peer.waitClosed();
	});
});
