// The mutual challenge-response handshake, both ends (docs/protocol.md,
// "Handshake"). Each side proves it knows the shared secret with an HMAC over
// both nonces, the role and the name; the peer checks the daemon's proof
// before it sends anything else, so a fake daemon learns nothing and can make
// a worker run nothing.
import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto';
import * as v from 'valibot';
import type {Connection} from './connection.js';
import {
	authAcceptedSchema,
	authChallengeSchema,
	authResponseSchema,
	handshakeErrorSchema,
	helloSchema,
	maxNameBytes,
	nonceLength,
	protocolVersion,
	welcomeSchema,
	type Role,
} from './handshake-messages.js';
import {defaultFrameLimit} from './frame.js';
import {describeIssues} from './schema-helpers.js';

export const defaultHandshakeTimeoutMs = 10_000;

export class HandshakeError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = 'HandshakeError';
	}
}

function proofInput(label: string, role: Role, name: string, first: Uint8Array, second: Uint8Array): Buffer {
	const zero = Buffer.of(0);
	return Buffer.concat([Buffer.from(label, 'utf8'), zero, Buffer.from(role, 'utf8'), zero, Buffer.from(name, 'utf8'), zero, first, second]);
}

/** HMAC-SHA256(secret, "spool/1 peer" 0 role 0 name 0 daemonNonce peerNonce) */
export function peerProof(secret: Uint8Array, role: Role, name: string, daemonNonce: Uint8Array, peerNonce: Uint8Array): Buffer {
	return createHmac('sha256', secret)
		.update(proofInput('spool/1 peer', role, name, daemonNonce, peerNonce))
		.digest();
}

/** HMAC-SHA256(secret, "spool/1 daemon" 0 role 0 name 0 peerNonce daemonNonce) */
export function daemonProof(secret: Uint8Array, role: Role, name: string, peerNonce: Uint8Array, daemonNonce: Uint8Array): Buffer {
	return createHmac('sha256', secret)
		.update(proofInput('spool/1 daemon', role, name, peerNonce, daemonNonce))
		.digest();
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && timingSafeEqual(a, b);
}

async function withDeadline<T>(timeoutMs: number, work: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			reject(new HandshakeError('handshake_timeout', `handshake not completed within ${timeoutMs} ms`));
		}, timeoutMs);
	});
	try {
		return await Promise.race([work, deadline]);
	} finally {
		clearTimeout(timer);
	}
}

function parse<S extends v.GenericSchema>(schema: S, message: unknown, expected: string): v.InferOutput<S> {
	const result = v.safeParse(schema, message);
	if (result.success) return result.output;
	const type = typeof message === 'object' && message !== null ? (message as {type?: unknown}).type : undefined;
	if (type === 'Error') {
		const error = v.safeParse(handshakeErrorSchema, message);
		if (error.success) throw new HandshakeError(error.output.code, error.output.message || error.output.code);
	}

	if (typeof type === 'string' && type !== expected) {
		throw new HandshakeError('unexpected_message', `expected ${expected} during the handshake, got ${type}`);
	}

	throw new HandshakeError('bad_request', `invalid ${expected}: ${describeIssues(result.issues)}`);
}

export type DaemonHandshakeOptions = {
	secret: Uint8Array;
	version: string;
	timeoutMs?: number;
	/** Roles this listener accepts (workers only over TLS, for example). */
	allowRoles?: readonly Role[];
	frameLimit?: number;
};

export type PeerIdentity = {role: Role; name: string};

/**
 * The daemon's side. Resolves with the peer's role and name once the peer
 * proved the secret; otherwise it has already answered and closed the
 * connection, and it rejects with a HandshakeError saying why.
 */
export async function acceptHandshake(connection: Connection, options: DaemonHandshakeOptions): Promise<PeerIdentity> {
	const timeoutMs = options.timeoutMs ?? defaultHandshakeTimeoutMs;
	try {
		return await withDeadline(timeoutMs, runDaemonSide(connection, options));
	} catch (error) {
		const handshakeError = error instanceof HandshakeError ? error : new HandshakeError('connection_closed', (error as Error).message);
		if (!connection.closed) {
			connection.fail({type: 'Error', code: handshakeError.code, message: handshakeError.message});
		}

		throw handshakeError;
	}
}

async function runDaemonSide(connection: Connection, options: DaemonHandshakeOptions): Promise<PeerIdentity> {
	const first = await connection.next();
	// Check the version before the rest, so a future protocol whose Hello
	// differs still gets a clear protocol_mismatch.
	const announced = (first as {protocol?: unknown} | null)?.protocol;
	if ((first as {type?: unknown} | null)?.type === 'Hello' && announced !== protocolVersion) {
		throw new HandshakeError('protocol_mismatch', `this daemon speaks protocol ${protocolVersion}, the peer asked for ${String(announced)}: upgrade the older side`);
	}

	const hello = parse(helloSchema, first, 'Hello');
	const allowed = options.allowRoles ?? ['client', 'worker'];
	if (!allowed.includes(hello.role)) {
		throw new HandshakeError('role_refused', `role ${hello.role} is not accepted on this listener`);
	}

	const daemonNonce = randomBytes(nonceLength);
	connection.send({type: 'Welcome', role: hello.role, daemon: 'spool', version: options.version, protocol: protocolVersion});
	connection.send({type: 'AuthChallenge', nonce: daemonNonce});

	const response = parse(authResponseSchema, await connection.next(), 'AuthResponse');
	const expected = peerProof(options.secret, hello.role, hello.name, daemonNonce, hello.nonce);
	if (!sameBytes(expected, response.proof)) {
		connection.fail({type: 'AuthAccepted', accepted: false});
		throw new HandshakeError('auth_failed', `peer ${JSON.stringify(hello.name)} (${hello.role}) sent a wrong proof`);
	}

	connection.send({
		type: 'AuthAccepted',
		accepted: true,
		proof: daemonProof(options.secret, hello.role, hello.name, hello.nonce, daemonNonce),
	});
	connection.frameLimit = options.frameLimit ?? defaultFrameLimit;
	return {role: hello.role, name: hello.name};
}

export type PeerHandshakeOptions = {
	secret: Uint8Array;
	role: Role;
	name: string;
	timeoutMs?: number;
	frameLimit?: number;
};

export type DaemonIdentity = {version: string};

/**
 * The peer's side (client or worker). Resolves once both sides proved the
 * secret. Sends nothing after AuthResponse unless the daemon's proof checks out.
 */
export async function offerHandshake(connection: Connection, options: PeerHandshakeOptions): Promise<DaemonIdentity> {
	if (Buffer.byteLength(options.name) > maxNameBytes) {
		throw new HandshakeError('bad_request', `name must be at most ${maxNameBytes} bytes`);
	}

	const timeoutMs = options.timeoutMs ?? defaultHandshakeTimeoutMs;
	try {
		return await withDeadline(timeoutMs, runPeerSide(connection, options));
	} catch (error) {
		connection.destroy();
		if (error instanceof HandshakeError) throw error;
		throw new HandshakeError('connection_closed', `the daemon closed the connection during the handshake (${(error as Error).message})`);
	}
}

async function runPeerSide(connection: Connection, options: PeerHandshakeOptions): Promise<DaemonIdentity> {
	const peerNonce = randomBytes(nonceLength);
	connection.send({type: 'Hello', role: options.role, name: options.name, protocol: protocolVersion, nonce: peerNonce});

	const welcome = parse(welcomeSchema, await connection.next(), 'Welcome');
	if (welcome.protocol !== protocolVersion) {
		throw new HandshakeError('protocol_mismatch', `the daemon speaks protocol ${welcome.protocol}, this client ${protocolVersion}`);
	}

	const challenge = parse(authChallengeSchema, await connection.next(), 'AuthChallenge');
	connection.send({
		type: 'AuthResponse',
		proof: peerProof(options.secret, options.role, options.name, challenge.nonce, peerNonce),
	});

	const accepted = parse(authAcceptedSchema, await connection.next(), 'AuthAccepted');
	if (!accepted.accepted) {
		throw new HandshakeError('auth_failed', 'the daemon refused our secret: use the same secret file as the daemon');
	}

	const expected = daemonProof(options.secret, options.role, options.name, peerNonce, challenge.nonce);
	if (!sameBytes(expected, accepted.proof)) {
		throw new HandshakeError('daemon_auth_failed', 'the daemon could not prove it knows the secret: it is not the daemon you meant to reach (or its secret differs); nothing was sent to it');
	}

	connection.frameLimit = options.frameLimit ?? defaultFrameLimit;
	return {version: welcome.version};
}
