// A hand-driven peer on a raw socket: writes arbitrary bytes and reads frames,
// so tests can send what no well-behaved client would.
import {randomBytes} from 'node:crypto';
import net from 'node:net';
import {FrameReader, encodeFrame, defaultFrameLimit} from '../../source/protocol/frame.js';
import {peerProof} from '../../source/protocol/handshake.js';

export class RawPeer {
	readonly messages: unknown[] = [];
	closed = false;
	readonly #reader = new FrameReader(defaultFrameLimit);
	#waiters: Array<() => void> = [];
	#read = 0;

	constructor(readonly socket: net.Socket) {
		socket.on('data', (chunk: Buffer) => {
			try {
				this.messages.push(...this.#reader.push(chunk));
			} catch (error) {
				this.messages.push({type: '__undecodable__', error: (error as Error).message});
			}

			this.#wake();
		});
		socket.on('error', () => {});
		socket.on('close', () => {
			this.closed = true;
			this.#wake();
		});
	}

	static async connect(socketPath: string): Promise<RawPeer> {
		const socket = net.createConnection(socketPath);
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		});
		return new RawPeer(socket);
	}

	#wake(): void {
		const waiters = this.#waiters;
		this.#waiters = [];
		for (const wake of waiters) wake();
	}

	write(bytes: Uint8Array): void {
		this.socket.write(bytes);
	}

	send(message: unknown): void {
		this.socket.write(encodeFrame(message));
	}

	/** The next message not yet returned; rejects if the socket closes or time runs out. */
	async next(timeoutMs = 10_000): Promise<Record<string, unknown>> {
		const deadline = Date.now() + timeoutMs;
		while (this.#read >= this.messages.length) {
			if (this.closed) throw new Error('socket closed before the next message');
			const left = deadline - Date.now();
			if (left <= 0) throw new Error('timed out waiting for a message');
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				this.#waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}

		return this.messages[this.#read++] as Record<string, unknown>;
	}

	async waitClosed(timeoutMs = 10_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!this.closed) {
			const left = deadline - Date.now();
			if (left <= 0) throw new Error('timed out waiting for the socket to close');
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				this.#waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
	}

	/** Runs the client handshake by hand. Returns the AuthAccepted message. */
	async handshake(secret: Uint8Array, {name = 'raw', role = 'client' as 'client' | 'worker'} = {}): Promise<Record<string, unknown>> {
		const nonce = randomBytes(32);
		this.send({type: 'Hello', role, name, protocol: 1, nonce});
		const welcome = await this.next();
		if (welcome.type !== 'Welcome') throw new Error(`expected Welcome, got ${JSON.stringify(welcome)}`);
		const challenge = await this.next();
		const daemonNonce = challenge.nonce as Uint8Array;
		this.send({type: 'AuthResponse', proof: peerProof(secret, role, name, daemonNonce, nonce)});
		return this.next();
	}

	destroy(): void {
		this.socket.destroy();
	}
}
