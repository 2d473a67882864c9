// A framed message connection over any stream socket (Unix or TLS). Both the
// daemon and its peers use it. It owns the frame limit, turns framing errors
// into an Error message plus a close, and offers two ways to read: `next()`
// for the strictly ordered handshake, then `onMessage` for everything after.
import type {Socket} from 'node:net';
import {FrameError, FrameReader, defaultFrameLimit, encodeFrame, preAuthFrameLimit} from './frame.js';

export class ConnectionClosedError extends Error {
	constructor(message = 'connection closed') {
		super(message);
		this.name = 'ConnectionClosedError';
	}
}

type MessageHandler = (message: unknown) => void;

export class Connection {
	readonly reader: FrameReader;
	#queue: unknown[] = [];
	#waiter: {resolve: (value: unknown) => void; reject: (error: Error) => void} | undefined;
	#handler: MessageHandler | undefined;
	#closed = false;
	#closeError: Error | undefined;
	#closeListeners: Array<(error: Error | undefined) => void> = [];

	constructor(
		readonly socket: Socket,
		frameLimit = preAuthFrameLimit,
	) {
		this.reader = new FrameReader(frameLimit);
		socket.on('data', (chunk: Buffer) => {
			this.#onData(chunk);
		});
		socket.on('error', (error) => {
			this.#finish(error);
		});
		socket.on('close', () => {
			this.#finish(undefined);
		});
	}

	get closed(): boolean {
		return this.#closed;
	}

	set frameLimit(limit: number) {
		this.reader.limit = limit;
	}

	/** Largest frame this side sends; the peer refuses bigger ones. */
	maxOutgoingFrame = defaultFrameLimit;

	/**
	 * Writes one message. Returns false when the socket buffer is full (see
	 * `drained`). Throws FrameError for a message over the frame limit, which
	 * is then not sent at all.
	 */
	send(message: unknown): boolean {
		if (this.#closed || this.socket.destroyed) return false;
		const frame = encodeFrame(message);
		if (frame.length - 4 > this.maxOutgoingFrame) {
			throw new FrameError('frame_too_large', `the message would be ${frame.length - 4} bytes, over the ${this.maxOutgoingFrame}-byte frame limit; ask for less (ids, a group, first/last)`);
		}

		return this.socket.write(frame);
	}

	/** Resolves when the socket can take more data (or is closed). */
	async drained(): Promise<void> {
		if (this.#closed || !this.socket.writableNeedDrain) return;
		await new Promise<void>((resolve) => {
			const done = () => {
				this.socket.off('drain', done);
				this.socket.off('close', done);
				resolve();
			};
			this.socket.on('drain', done);
			this.socket.on('close', done);
		});
	}

	/** The next message, for the handshake. Rejects when the connection closes first. */
	async next(): Promise<unknown> {
		if (this.#queue.length > 0) return this.#queue.shift();
		if (this.#closed) throw this.#closeError ?? new ConnectionClosedError();
		return new Promise((resolve, reject) => {
			this.#waiter = {resolve, reject};
		});
	}

	/** Switches to push mode: every message (queued ones first) goes to the handler. */
	onMessage(handler: MessageHandler): void {
		this.#handler = handler;
		const queued = this.#queue;
		this.#queue = [];
		for (const message of queued) handler(message);
	}

	onClose(listener: (error: Error | undefined) => void): void {
		if (this.#closed) listener(this.#closeError);
		else this.#closeListeners.push(listener);
	}

	/** Sends a last message (best effort), then closes. */
	fail(message: unknown): void {
		if (this.#closed) return;
		if (!this.socket.destroyed && this.socket.writable) {
			this.socket.end(encodeFrame(message));
			// A peer that never reads must not keep the socket open.
			setTimeout(() => this.socket.destroy(), 1000).unref();
		} else {
			this.socket.destroy();
		}
		this.#stopReading();
	}

	close(): void {
		if (!this.socket.destroyed) this.socket.end();
		setTimeout(() => this.socket.destroy(), 1000).unref();
		this.#stopReading();
	}

	destroy(): void {
		this.socket.destroy();
		this.#finish(undefined);
	}

	#stopReading(): void {
		this.socket.removeAllListeners('data');
		this.socket.pause();
		this.#queue = [];
		this.#finish(undefined);
	}

	#onData(chunk: Buffer): void {
		let messages: unknown[];
		try {
			messages = this.reader.push(chunk);
		} catch (error) {
			if (error instanceof FrameError) {
				this.fail({type: 'Error', code: error.code, message: error.message});
				return;
			}
			throw error;
		}

		for (const message of messages) {
			if (this.#closed) return;
			this.#deliver(message);
		}
	}

	#deliver(message: unknown): void {
		if (this.#handler) {
			this.#handler(message);
			return;
		}

		const waiter = this.#waiter;
		if (waiter) {
			this.#waiter = undefined;
			waiter.resolve(message);
		} else {
			this.#queue.push(message);
		}
	}

	#finish(error: Error | undefined): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#closeError = error;
		const waiter = this.#waiter;
		this.#waiter = undefined;
		waiter?.reject(error ?? new ConnectionClosedError());
		const listeners = this.#closeListeners;
		this.#closeListeners = [];
		for (const listener of listeners) listener(error);
	}
}
