// The two transports: a Unix socket (local, the default) and TLS 1.3 over
// TCP. Both hand out plain stream sockets; framing and the handshake sit on
// top and do not care which carried them.
import {chmodSync, lstatSync, mkdirSync, unlinkSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import {TlsError, normalizeFingerprint} from './tls-material.js';

export class TransportError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = 'TransportError';
	}
}

/** sun_path holds 108 bytes on Linux, including the terminating NUL. */
export const maxSocketPathBytes = 107;

function probeUnix(socketPath: string): Promise<boolean> {
	return new Promise((resolve) => {
		const probe = net.createConnection(socketPath);
		probe.once('connect', () => {
			probe.destroy();
			resolve(true);
		});
		probe.once('error', () => {
			resolve(false);
		});
	});
}

export type UnixListenOptions = {
	/** The socket's mode; 0600 by default. */
	mode?: number | undefined;
	/** Its directory's mode; 0700 by default. */
	dirMode?: number | undefined;
};

/**
 * Listens on a Unix socket in a 0700 directory, the socket itself 0600
 * (unless told otherwise). A socket file nobody answers on (a daemon that
 * died) is replaced; one that answers belongs to a live daemon and is never
 * taken over.
 */
export async function listenUnix(socketPath: string, onConnection: (socket: net.Socket) => void, {mode = 0o600, dirMode = 0o700}: UnixListenOptions = {}): Promise<net.Server> {
	if (Buffer.byteLength(socketPath) > maxSocketPathBytes) {
		throw new TransportError('path_too_long', `socket path ${socketPath} is longer than ${maxSocketPathBytes} bytes, the limit of Unix sockets; use a shorter --home`);
	}

	const dir = path.dirname(socketPath);
	mkdirSync(dir, {recursive: true, mode: 0o700});
	// 0700 until the socket has its own mode: it is born with the umask's.
	chmodSync(dir, 0o700);

	let existing = false;
	try {
		existing = lstatSync(socketPath) !== undefined;
	} catch {}

	if (existing) {
		if (await probeUnix(socketPath)) {
			throw new TransportError('address_in_use', `another daemon is already listening on ${socketPath}`);
		}

		unlinkSync(socketPath);
	}

	const server = net.createServer(onConnection);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socketPath, () => {
			server.off('error', reject);
			resolve();
		});
	});
	chmodSync(socketPath, mode);
	if (dirMode !== 0o700) chmodSync(dir, dirMode);
	return server;
}

export type TlsListenOptions = {
	host: string;
	port: number;
	cert: string;
	key: string;
	/**
	 * Sees each TCP connection at accept, before TLS starts: return false to
	 * refuse it (the callback destroys it). The daemon counts and times
	 * unauthenticated connections here, so a peer that never starts TLS is
	 * bounded too.
	 */
	onTcpConnection?: (socket: net.Socket) => boolean;
};

export async function listenTls(options: TlsListenOptions, onConnection: (socket: tls.TLSSocket) => void): Promise<tls.Server> {
	const server = tls.createServer({cert: options.cert, key: options.key, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3'}, (socket) => {
		// Small frames answered by small frames: Nagle's algorithm would hold
		// each back until the peer's delayed ACK (~40 ms per exchange on Linux).
		socket.setNoDelay(true);
		onConnection(socket);
	});
	// A client that fails TLS (wrong version, garbage) must not reach the
	// daemon's error handling: just drop it.
	server.on('tlsClientError', (_error, socket) => {
		socket.destroy();
	});
	if (options.onTcpConnection) {
		const admit = options.onTcpConnection;
		server.on('connection', (socket: net.Socket) => {
			socket.on('error', () => {});
			admit(socket);
		});
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	return server;
}

export async function connectUnix(socketPath: string): Promise<net.Socket> {
	return new Promise((resolve, reject) => {
		const socket = net.createConnection(socketPath);
		socket.once('connect', () => {
			socket.off('error', reject);
			resolve(socket);
		});
		socket.once('error', (error: NodeJS.ErrnoException) => {
			reject(new TransportError(error.code ?? 'connect_failed', `cannot connect to ${socketPath}: ${error.message}`));
		});
	});
}

export type TlsConnectOptions = {host: string; port: number; fingerprint: string; timeoutMs?: number};

/**
 * Connects over TLS 1.3 and checks the daemon's certificate against the
 * pinned fingerprint before the socket is handed out; a mismatch closes it
 * with nothing sent.
 */
export async function connectTls(options: TlsConnectOptions): Promise<tls.TLSSocket> {
	const pinned = normalizeFingerprint(options.fingerprint);
	return new Promise((resolve, reject) => {
		const socket = tls.connect({
			host: options.host,
			port: options.port,
			// Trust is by pin, not by CA or name: the check below replaces both.
			rejectUnauthorized: false,
			minVersion: 'TLSv1.3',
			maxVersion: 'TLSv1.3',
			servername: net.isIP(options.host) ? undefined : options.host,
		});
		// See listenTls: no Nagle delay on a protocol of small messages.
		socket.setNoDelay(true);
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new TransportError('timeout', `TLS connection to ${options.host}:${options.port} timed out`));
		}, options.timeoutMs ?? 10_000);
		socket.once('secureConnect', () => {
			clearTimeout(timer);
			const presented = socket.getPeerX509Certificate()?.fingerprint256;
			if (presented !== pinned) {
				socket.destroy();
				reject(new TlsError(`the daemon at ${options.host}:${options.port} presented certificate ${presented ?? '(none)'}, not the pinned ${pinned}; refusing to talk to it`));
				return;
			}

			socket.off('error', onError);
			resolve(socket);
		});
		const onError = (error: NodeJS.ErrnoException) => {
			clearTimeout(timer);
			reject(new TransportError(error.code ?? 'connect_failed', `cannot connect to ${options.host}:${options.port}: ${error.message}`));
		};

		socket.once('error', onError);
	});
}

/** Splits "host:port" / "[v6]:port". */
export function parseHostPort(value: string): {host: string; port: number} {
	const match = /^(?:\[([^\]]+)\]|([^\s:]+)):(\d{1,5})$/.exec(value.trim());
	const port = match ? Number(match[3]) : Number.NaN;
	if (!match || port > 65_535) {
		throw new TransportError('bad_address', `invalid address ${JSON.stringify(value)}: write HOST:PORT, e.g. 127.0.0.1:6925`);
	}

	return {host: (match[1] ?? match[2])!, port};
}
