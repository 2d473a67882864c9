// Framing: a 4-byte unsigned big-endian length N, then N bytes holding one
// CBOR item. The reader copes with frames split across reads or merged into
// one read, and refuses a frame longer than the current limit before
// buffering it, so a peer cannot make us allocate what it announces.
import {decodeItem, encodeItem} from './codec.js';

export const headerSize = 4;
/** Limit until the handshake completes. */
export const preAuthFrameLimit = 64 * 1024;
/** Default limit afterwards (configurable). */
export const defaultFrameLimit = 16 * 1024 * 1024;

export class FrameError extends Error {
	constructor(
		readonly code: 'frame_too_large' | 'bad_frame',
		message: string,
	) {
		super(message);
		this.name = 'FrameError';
	}
}

export function encodeFrame(message: unknown): Buffer {
	const body = encodeItem(message);
	const frame = Buffer.allocUnsafe(headerSize + body.length);
	frame.writeUInt32BE(body.length, 0);
	frame.set(body, headerSize);
	return frame;
}

/**
 * Incremental frame reader. `push` takes whatever a socket delivered and
 * returns the decoded items of every frame completed by it.
 */
export class FrameReader {
	#chunks: Buffer[] = [];
	#buffered = 0;

	constructor(public limit: number = preAuthFrameLimit) {}

	get buffered(): number {
		return this.#buffered;
	}

	push(chunk: Buffer): unknown[] {
		if (chunk.length > 0) {
			this.#chunks.push(chunk);
			this.#buffered += chunk.length;
		}

		const items: unknown[] = [];
		for (;;) {
			if (this.#buffered < headerSize) return items;
			const header = this.#peek(headerSize);
			const length = header.readUInt32BE(0);
			if (length > this.limit) {
				throw new FrameError('frame_too_large', `frame of ${length} bytes exceeds the limit of ${this.limit} bytes`);
			}

			if (this.#buffered < headerSize + length) return items;
			const frame = this.#take(headerSize + length).subarray(headerSize);
			if (length === 0) {
				throw new FrameError('bad_frame', 'empty frame: a frame must hold one CBOR item');
			}

			try {
				items.push(decodeItem(frame));
			} catch (error) {
				throw new FrameError('bad_frame', `undecodable CBOR frame: ${(error as Error).message}`);
			}
		}
	}

	#peek(count: number): Buffer {
		const first = this.#chunks[0]!;
		if (first.length >= count) return first;
		const joined = Buffer.concat(this.#chunks);
		this.#chunks = [joined];
		return joined;
	}

	#take(count: number): Buffer {
		const source = this.#peek(count);
		const taken = source.subarray(0, count);
		const rest = source.subarray(count);
		this.#chunks[0] = rest;
		if (rest.length === 0) this.#chunks.shift();
		this.#buffered -= count;
		return taken;
	}
}
