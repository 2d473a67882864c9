// The client side of the protocol: connect, handshake, then typed
// request/reply and streams over one connection. Several requests may be in
// flight; replies are matched by `re`.
import os from 'node:os';
import {Connection} from '../protocol/connection.js';
import {isPlainMap} from '../protocol/envelope.js';
import {offerHandshake} from '../protocol/handshake.js';
import type {PlainRequestType, ReplyOf, StreamMessageOf, StreamRequestType} from '../protocol/replies.js';
import type {AnyRequestInput} from '../protocol/requests.js';
import {connectTls, connectUnix} from '../protocol/transport.js';

export type Endpoint = {kind: 'unix'; path: string} | {kind: 'tls'; host: string; port: number; fingerprint: string};

export type ConnectOptions = {
	endpoint: Endpoint;
	secret: Uint8Array;
	name?: string;
	timeoutMs?: number;
};

/** An `Error` reply from the daemon. */
export class DaemonError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = 'DaemonError';
	}
}

export type Message = {type: string} & Record<string, unknown>;
export type PlainRequest = Extract<AnyRequestInput, {type: PlainRequestType}>;
export type StreamRequest = Extract<AnyRequestInput, {type: StreamRequestType}>;

type Pending = {
	onMessage: (message: Message) => void;
	reject: (error: Error) => void;
};

export type Stream = {
	id: number;
	/** Resolves on `End`, rejects on `Error` or a lost connection. */
	done: Promise<void>;
	cancel: () => void;
};

export function describeEndpoint(endpoint: Endpoint): string {
	return endpoint.kind === 'unix' ? endpoint.path : `${endpoint.host}:${endpoint.port}`;
}

export class Client {
	#nextId = 1;
	#pending = new Map<number, Pending>();

	constructor(
		readonly connection: Connection,
		readonly daemonVersion: string,
	) {
		connection.onMessage((message) => {
			this.#onMessage(message);
		});
		connection.onClose((error) => {
			const failure = new DaemonError('connection_closed', `the daemon closed the connection${error ? ` (${error.message})` : ''}`);
			for (const pending of this.#pending.values()) pending.reject(failure);
			this.#pending.clear();
		});
	}

	get closed(): boolean {
		return this.connection.closed;
	}

	/** Sends one request and resolves with its reply; an `Error` reply rejects with DaemonError. */
	async request<R extends PlainRequest>(request: R): Promise<ReplyOf<R['type']>> {
		return this.requestUnchecked(request) as Promise<ReplyOf<R['type']>>;
	}

	/** The same without the types: for tests and tools that send what no schema allows. */
	async requestUnchecked(request: Message | PlainRequest): Promise<Message> {
		const id = this.#nextId++;
		return new Promise<Message>((resolve, reject) => {
			this.#pending.set(id, {
				onMessage: (message) => {
					this.#pending.delete(id);
					if (message.type === 'Error') reject(toDaemonError(message));
					else resolve(message);
				},
				reject,
			});
			this.#send({...request, id}, reject);
		});
	}

	/** Starts a stream: every message with this id goes to `onMessage` until `End`. */
	stream<R extends StreamRequest>(request: R, onMessage: (message: StreamMessageOf<R['type']>) => void): Stream {
		const id = this.#nextId++;
		let cancel = () => {};
		const done = new Promise<void>((resolve, reject) => {
			this.#pending.set(id, {
				onMessage: (message) => {
					if (message.type === 'End') {
						this.#pending.delete(id);
						resolve();
					} else if (message.type === 'Error') {
						this.#pending.delete(id);
						reject(toDaemonError(message));
					} else {
						onMessage(message as StreamMessageOf<R['type']>);
					}
				},
				reject,
			});
			cancel = () => {
				if (this.#pending.has(id)) this.connection.send({type: 'Cancel', id: this.#nextId++, target: id});
			};

			this.#send({...request, id}, reject);
		});
		// A stream nobody awaits (cancelled, then the connection closed) must not be an unhandled rejection.
		done.catch(() => {});
		return {id, done, cancel};
	}

	close(): void {
		this.connection.close();
	}

	#send(message: Message, reject: (error: Error) => void): void {
		if (this.connection.closed) {
			this.#pending.delete(message.id as number);
			reject(new DaemonError('connection_closed', 'the connection to the daemon is closed'));
			return;
		}

		this.connection.send(message);
	}

	#onMessage(raw: unknown): void {
		if (!isPlainMap(raw) || typeof raw.type !== 'string') return;
		const message = raw as Message;
		const re = message.re;
		if (typeof re === 'number') {
			this.#pending.get(re)?.onMessage(message);
			return;
		}

		if (message.type === 'Error') {
			// An error that answers no request concerns the connection itself.
			const error = toDaemonError(message);
			for (const pending of this.#pending.values()) pending.reject(error);
			this.#pending.clear();
		}
	}
}

function toDaemonError(message: Message): DaemonError {
	const code = typeof message.code === 'string' ? message.code : 'unknown';
	const text = typeof message.message === 'string' && message.message ? message.message : code;
	return new DaemonError(code, text);
}

/** Opens a connection and completes the handshake as a client. */
export async function connect(options: ConnectOptions): Promise<Client> {
	const {endpoint} = options;
	const socket =
		endpoint.kind === 'unix' ? await connectUnix(endpoint.path) : await connectTls({host: endpoint.host, port: endpoint.port, fingerprint: endpoint.fingerprint, timeoutMs: options.timeoutMs});
	const connection = new Connection(socket);
	const name = (options.name ?? `${os.userInfo().username}@${os.hostname()}`).slice(0, 64);
	const identity = await offerHandshake(connection, {
		secret: options.secret,
		role: 'client',
		name: Buffer.byteLength(name) > 64 ? 'client' : name,
		timeoutMs: options.timeoutMs,
	});
	return new Client(connection, identity.version);
}
