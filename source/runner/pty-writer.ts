// Input queue for the pty master. The fd is non-blocking, so fs.writeSync never
// blocks: it writes what fits or fails with EAGAIN, and we retry on a timer.
// Synchronous on purpose: the read socket closes the fd on its own when it
// sees EIO, and an async fs.write still queued in the thread pool could then
// land in whatever file reused that fd number.
import fs from 'node:fs';

const firstRetryMs = 5;
const maxRetryMs = 100;

export class PtyWriter {
	readonly #queue: Buffer[] = [];
	#offset = 0; // into queue[0]
	#retryMs = firstRetryMs;
	#retryTimer: NodeJS.Timeout | undefined;
	#closed = false;
	#queued = 0; // bytes in queue, minus offset

	/** Bytes accepted by write() and not yet taken by the pty. */
	get pending(): number {
		return this.#queued;
	}

	readonly #fd: number;
	readonly #isOpen: () => boolean;

	/** isOpen: false once the fd was closed (or is being closed) by its owner. */
	constructor(fd: number, isOpen: () => boolean) {
		this.#fd = fd;
		this.#isOpen = isOpen;
	}

	write(data: Buffer | string): void {
		if (this.#closed) return;
		// A copy: callers may reuse their buffer while we wait for room.
		const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
		if (buffer.length === 0) return;
		this.#queue.push(buffer);
		this.#queued += buffer.length;
		if (this.#retryTimer === undefined) this.#flush();
	}

	/** Drops pending input; call before the fd is closed. */
	close(): void {
		this.#closed = true;
		this.#queue.length = 0;
		this.#queued = 0;
		if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer);
		this.#retryTimer = undefined;
	}

	#flush(): void {
		this.#retryTimer = undefined;
		while (!this.#closed) {
			if (!this.#isOpen()) {
				this.close();
				return;
			}
			const head = this.#queue[0];
			if (head === undefined) return;
			let written: number;
			try {
				written = fs.writeSync(this.#fd, head, this.#offset);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
					// The pty's input buffer is full (task not reading, or stopped): back off.
					this.#retryTimer = setTimeout(() => this.#flush(), this.#retryMs);
					this.#retryMs = Math.min(this.#retryMs * 2, maxRetryMs);
					return;
				}

				// EIO and friends: nobody will ever read this input.
				this.close();
				return;
			}

			this.#retryMs = firstRetryMs;
			this.#offset += written;
			this.#queued -= written;
			if (this.#offset >= head.length) {
				this.#queue.shift();
				this.#offset = 0;
			}
		}
	}
}
