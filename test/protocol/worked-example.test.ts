// The worked example of docs/protocol.md: every value it shows is written
// here as a literal, recomputed with the project's real functions, checked
// against a real handshake on a socket, and compared with what the document
// says, so that neither the code nor the document can drift from the other.
import {createHmac} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import type net from 'node:net';
import path from 'node:path';
import {decode as genericDecode} from 'cborg';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {Connection} from '../../source/protocol/connection.js';
import {encodeFrame} from '../../source/protocol/frame.js';
import {acceptHandshake, daemonProof, offerHandshake, peerProof} from '../../source/protocol/handshake.js';
import {readSecretFile} from '../../source/protocol/secret.js';
import {connectUnix, listenUnix} from '../../source/protocol/transport.js';
import {makeTempHome} from '../helpers/temp-home.js';

// The handshake draws its nonces from randomBytes; the end-to-end case below
// queues the example's nonces so a real handshake uses them.
const queuedNonces = vi.hoisted(() => [] as Buffer[]);
vi.mock('node:crypto', async (importOriginal) => {
	const original = await importOriginal<typeof import('node:crypto')>();
	const randomBytes = ((size: number) => queuedNonces.shift() ?? original.randomBytes(size)) as typeof original.randomBytes;
	return {...original, default: {...original, randomBytes}, randomBytes};
});

const example = {
	secretFile: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
	secretKey: '30303031303230333034303530363037303830393061306230633064306530663130313131323133313431353136313731383139316131623163316431653166',
	peerNonce: 'a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf',
	daemonNonce: 'c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf',
	peerProofInput:
		'73706f6f6c2f31207065657200636c69656e740061646100' + 'c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf' + 'a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf',
	peerProof: '350de0a8d9b4e7cb85583ec8d5ae9f6cd5709abb4e4a9ea234cc54283d72cd2b',
	daemonProofInput:
		'73706f6f6c2f31206461656d6f6e00636c69656e740061646100' + 'a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf' + 'c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf',
	daemonProof: '82551ea48f7761142486c05f3eed1e4015a06099718290ed2f5cabe83aca09f2',
	frames: {
		hello: '00000053a564747970656548656c6c6f64726f6c6566636c69656e74646e616d65636164616870726f746f636f6c01656e6f6e63655820' + 'a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf',
		welcome: '0000003fa564747970656757656c636f6d6564726f6c6566636c69656e74666461656d6f6e6573706f6f6c6776657273696f6e65302e312e306870726f746f636f6c01',
		challenge: '0000003ca264747970656d417574684368616c6c656e6765656e6f6e63655820' + 'c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf',
		response: '0000003ba264747970656c41757468526573706f6e73656570726f6f665820' + '350de0a8d9b4e7cb85583ec8d5ae9f6cd5709abb4e4a9ea234cc54283d72cd2b',
		accepted: '00000045a364747970656c417574684163636570746564686163636570746564f56570726f6f665820' + '82551ea48f7761142486c05f3eed1e4015a06099718290ed2f5cabe83aca09f2',
		refused: '0000001da264747970656c417574684163636570746564686163636570746564f4',
		ping: '0000000fa264747970656450696e6762696401',
		pong: '0000001da3647479706564506f6e676776657273696f6e65302e312e3062726501',
	},
} as const;

type FrameName = keyof typeof example.frames;

const secret = Buffer.from(example.secretFile, 'utf8');
const peerNonce = Buffer.from(example.peerNonce, 'hex');
const daemonNonce = Buffer.from(example.daemonNonce, 'hex');

const messages: Record<FrameName, Record<string, unknown>> = {
	hello: {type: 'Hello', role: 'client', name: 'ada', protocol: 1, nonce: peerNonce},
	welcome: {type: 'Welcome', role: 'client', daemon: 'spool', version: '0.1.0', protocol: 1},
	challenge: {type: 'AuthChallenge', nonce: daemonNonce},
	response: {type: 'AuthResponse', proof: Buffer.from(example.peerProof, 'hex')},
	accepted: {type: 'AuthAccepted', accepted: true, proof: Buffer.from(example.daemonProof, 'hex')},
	refused: {type: 'AuthAccepted', accepted: false},
	ping: {type: 'Ping', id: 1},
	pong: {type: 'Pong', version: '0.1.0', re: 1},
};

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
	queuedNonces.length = 0;
});

describe('the worked example of docs/protocol.md, recomputed', () => {
	it('takes the secret file text, trailing newline trimmed, as the key bytes', () => {
		expect(secret.toString('hex')).toBe(example.secretKey);
		const {home, cleanup} = makeTempHome();
		cleanups.push(cleanup);
		const file = path.join(home, 'secret');
		writeFileSync(file, `${example.secretFile}\n`, {mode: 0o600});
		expect(readSecretFile(file).toString('hex')).toBe(example.secretKey);
	});

	it('computes both proofs as HMAC-SHA256 over exactly the documented inputs', () => {
		expect(Buffer.from(example.peerProofInput, 'hex')).toHaveLength(88);
		expect(Buffer.from(example.daemonProofInput, 'hex')).toHaveLength(90);

		const peer = peerProof(secret, 'client', 'ada', daemonNonce, peerNonce);
		const daemon = daemonProof(secret, 'client', 'ada', peerNonce, daemonNonce);
		expect(peer.toString('hex')).toBe(example.peerProof);
		expect(daemon.toString('hex')).toBe(example.daemonProof);

		// The inputs are private to handshake.ts: an HMAC over the documented
		// bytes that equals the real proof shows they are what it hashes.
		const hmac = (input: string) => createHmac('sha256', secret).update(Buffer.from(input, 'hex')).digest('hex');
		expect(hmac(example.peerProofInput)).toBe(example.peerProof);
		expect(hmac(example.daemonProofInput)).toBe(example.daemonProof);
	});

	it.each(Object.keys(example.frames) as FrameName[])('encodes the %s frame byte for byte', (name) => {
		expect(encodeFrame(messages[name]).toString('hex')).toBe(example.frames[name]);
	});

	it('puts exactly these frames on the wire in a real handshake with the example nonces', async () => {
		const {home, cleanup} = makeTempHome();
		const socketPath = path.join(home, 'spool.sock');
		const fromPeer: Buffer[] = [];
		const fromDaemon: Buffer[] = [];
		const sockets: net.Socket[] = [];
		let daemonSide: Promise<unknown> | undefined;
		const server = await listenUnix(socketPath, (socket) => {
			sockets.push(socket);
			socket.on('data', (chunk: Buffer) => fromPeer.push(chunk));
			daemonSide = acceptHandshake(new Connection(socket), {secret, version: '0.1.0'});
		});
		cleanups.push(() => {
			for (const socket of sockets) socket.destroy();
			server.close();
			cleanup();
		});

		// The peer draws its nonce first (for Hello), the daemon only once Hello arrived.
		queuedNonces.push(peerNonce, daemonNonce);
		const socket = await connectUnix(socketPath);
		sockets.push(socket);
		socket.on('data', (chunk: Buffer) => fromDaemon.push(chunk));
		const identity = await offerHandshake(new Connection(socket), {secret, role: 'client', name: 'ada'});

		expect(identity).toEqual({version: '0.1.0'});
		expect(await daemonSide).toEqual({role: 'client', name: 'ada'});
		expect(queuedNonces).toHaveLength(0);
		expect(Buffer.concat(fromPeer).toString('hex')).toBe(example.frames.hello + example.frames.response);
		expect(Buffer.concat(fromDaemon).toString('hex')).toBe(example.frames.welcome + example.frames.challenge + example.frames.accepted);
	});
});

// --- What docs/protocol.md shows -------------------------------------------

const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');

/** The body of the fenced block right after `<!-- example: NAME -->`. */
function block(name: string): string {
	const match = new RegExp(`<!-- example: ${name} -->\\n\`\`\`[\\w-]*\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
	if (!match?.[1]) throw new Error(`docs/protocol.md has no example block "${name}"`);
	return match[1];
}

/** The hex digits of a block; `#` starts a comment, whitespace is ignored. */
function hexBlock(name: string): string {
	const hex = block(name)
		.split('\n')
		.map((line) => line.replace(/#.*$/, ''))
		.join('')
		.replaceAll(/\s+/g, '');
	expect(hex, `block ${name} holds only hex digits`).toMatch(/^[\da-f]+$/);
	return hex;
}

/** Whitespace outside text strings does not matter in diagnostic notation. */
function squeeze(diagnostic: string): string {
	return diagnostic.replaceAll(/("(?:[^"\\]|\\.)*")|\s+/g, (_whole, text: string | undefined) => text ?? '');
}

/** RFC 8949 §8 diagnostic notation of the values the protocol uses. */
function diagnostic(value: unknown): string {
	if (value instanceof Map) {
		return `{${[...value].map(([key, item]) => `${diagnostic(key)}: ${diagnostic(item)}`).join(', ')}}`;
	}

	if (value instanceof Uint8Array) return `h'${Buffer.from(value).toString('hex')}'`;
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new Error(`no diagnostic notation for ${String(value)}`);
}

describe('docs/protocol.md shows the same values', () => {
	it('states the secret, its key bytes and both nonces', () => {
		expect(block('secret-file')).toBe(example.secretFile);
		expect(hexBlock('secret-key')).toBe(example.secretKey);
		expect(hexBlock('peer-nonce')).toBe(example.peerNonce);
		expect(hexBlock('daemon-nonce')).toBe(example.daemonNonce);
	});

	it('shows the HMAC inputs and the proofs', () => {
		expect(hexBlock('peer-proof-input')).toBe(example.peerProofInput);
		expect(hexBlock('peer-proof')).toBe(example.peerProof);
		expect(hexBlock('daemon-proof-input')).toBe(example.daemonProofInput);
		expect(hexBlock('daemon-proof')).toBe(example.daemonProof);
	});

	it('holds no long hex string anywhere that is not part of a value above', () => {
		const known = [
			example.secretFile,
			example.secretKey,
			example.peerNonce,
			example.daemonNonce,
			example.peerProofInput,
			example.peerProof,
			example.daemonProofInput,
			example.daemonProof,
			...Object.values(example.frames),
		];
		const runs = doc.match(/[\da-f]{32,}/g) ?? [];
		expect(runs.length).toBeGreaterThan(20);
		for (const run of runs)
			expect(
				known.some((value) => value.includes(run)),
				`unknown hex ${run}`,
			).toBe(true);
	});

	it.each(Object.keys(example.frames) as FrameName[])('shows the %s frame and its diagnostic notation', (name) => {
		const frame = Buffer.from(example.frames[name], 'hex');
		expect(hexBlock(`${name}-frame`)).toBe(example.frames[name]);
		const announced = /# length: (\d+) bytes follow/.exec(block(`${name}-frame`))?.[1];
		expect(Number(announced)).toBe(frame.length - 4);

		// Decoded by a generic CBOR library, as a client in another language would.
		const decoded = genericDecode(frame.subarray(4), {useMaps: true, rejectDuplicateMapKeys: true});
		expect(squeeze(block(`${name}-diag`))).toBe(squeeze(diagnostic(decoded)));
	});
});
