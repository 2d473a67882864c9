// A 16 MiB frame, delivered in TLS-record-sized pieces, costs the reader a
// small multiple of its size and linear time (no re-joining per chunk).
import {describe, expect, it} from 'vitest';
import {FrameReader, defaultFrameLimit, encodeFrame} from '../../source/protocol/frame.js';

describe('FrameReader memory', () => {
	it('reads a 16 MiB frame split into 16 KiB chunks in linear time and bounded memory', () => {
		const payload = Buffer.alloc(defaultFrameLimit - 64, 7);
		const frame = encodeFrame({type: 'LogChunk', offset: 0, data: payload});
		expect(frame.length - 4).toBeLessThanOrEqual(defaultFrameLimit);
		const chunks: Buffer[] = [];
		for (let at = 0; at < frame.length; at += 16 * 1024) chunks.push(Buffer.from(frame.subarray(at, at + 16 * 1024)));
		const reader = new FrameReader(defaultFrameLimit);
		globalThis.gc?.();
		const before = process.memoryUsage().arrayBuffers;
		let peak = before;
		const started = performance.now();
		let items: unknown[] = [];
		for (const chunk of chunks) {
			items = reader.push(chunk);
			peak = Math.max(peak, process.memoryUsage().arrayBuffers);
		}

		const elapsed = performance.now() - started;
		expect(items).toHaveLength(1);
		expect((items[0] as {data: Uint8Array}).data.length).toBe(payload.length);
		const extra = peak - before;
		console.log(`16 MiB frame in ${chunks.length} chunks: ${elapsed.toFixed(0)} ms, ${(extra / 2 ** 20).toFixed(1)} MiB of buffers beyond the chunks`);
		// The joined frame plus the decoded byte string, at most.
		expect(extra).toBeLessThan(3 * defaultFrameLimit);
		expect(elapsed).toBeLessThan(5000);
	});
});
