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

type RoomWaiter = {bytes: number; resolve: (release: () => void) => void};

export class Connection {
	readonly reader: FrameReader;
	#queue: unknown[] = [];
	#waiter: {resolve: (value: unknown) => void; reject: (error: Error) => void} | undefined;
	#handler: MessageHandler | undefined;
	#closed = false;
	#closeError: Error | undefined;
	#closeListeners: Array<(error: Error | undefined) => void> = [];
	/** Messages read but not yet handed to the handler while replies back up. */
	#pending: unknown[] = [];
	#pausedForOutput = false;
	#reserved = 0;
	#roomWaiters: RoomWaiter[] = [];

	/**
	 * Back-pressure bound, in bytes: while the socket holds more than this
	 * unsent (a peer that sends requests but does not read the replies), or a
	 * `reserve` waits for room, no further messages are handed to the
	 * handler and the socket is not read. Infinity (the default): no bound.
	 */
	maxUnsentBytes = Number.POSITIVE_INFINITY;

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
		socket.on('drain', () => {
			this.#grantRoom();
			this.#pump();
		});
	}

	/** Bytes written to the socket and not yet sent, plus room promised by `reserve`. */
	get unsentBytes(): number {
		return this.socket.writableLength + this.#reserved;
	}

	/**
	 * Waits until `bytes` more fit under maxUnsentBytes (or nothing is unsent
	 * at all), and holds that room until the returned function is called:
	 * call it once the data is written. For producers of big replies (log
	 * reads) so that many at once on one connection cannot each buffer a
	 * chunk. Waiters are served in order; while any waits, reading stops.
	 */
	async reserve(bytes: number): Promise<() => void> {
		return new Promise((resolve) => {
			this.#roomWaiters.push({bytes, resolve});
			this.#grantRoom();
			this.#checkInput();
		});
	}

	#grantRoom(): void {
		for (;;) {
			const waiter = this.#roomWaiters[0];
			if (!waiter) return;
			const used = this.unsentBytes;
			if (!this.#closed && used > 0 && used + waiter.bytes > this.maxUnsentBytes) return;
			this.#roomWaiters.shift();
			this.#reserved += waiter.bytes;
			let released = false;
			waiter.resolve(() => {
				if (released) return;
				released = true;
				this.#reserved -= waiter.bytes;
				this.#grantRoom();
				this.#pump();
			});
		}
	}

	#outputBlocked(): boolean {
		return !this.#closed && (this.socket.writableLength > this.maxUnsentBytes || this.#roomWaiters.length > 0);
	}

	/** Stops reading the socket while output is blocked. */
	#checkInput(): void {
		if (this.#closed || this.#pausedForOutput || !this.#outputBlocked()) return;
		this.#pausedForOutput = true;
		this.socket.pause();
	}

	/** Hands held-back messages to the handler while output has room; resumes reading once all are out. */
	#pump(): void {
		const handler = this.#handler;
		if (!handler || this.#closed) return;
		while (this.#pending.length > 0) {
			if (this.#outputBlocked()) {
				this.#checkInput();
				return;
			}

			handler(this.#pending.shift());
			if (this.#closed) return;
		}

		if (this.#pausedForOutput && !this.#outputBlocked()) {
			this.#pausedForOutput = false;
			this.socket.resume();
		}
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
		this.#pending.push(...queued);
		this.#pump();
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
		this.#pending = [];
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
			if (this.#pending.length > 0 || this.#outputBlocked()) {
				this.#pending.push(message);
				this.#checkInput();
				return;
			}

			this.#handler(message);
			this.#checkInput();
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
		this.#pending = [];
		// Producers waiting for room go on, see the connection closed and stop.
		this.#grantRoom();
		const listeners = this.#closeListeners;
		this.#closeListeners = [];
		for (const listener of listeners) listener(error);
	}
}
