import {describe, expect, it} from 'vitest';
import {FrameError, FrameReader, encodeFrame, preAuthFrameLimit} from '../../source/protocol/frame.js';

describe('frames', () => {
	it('encodes a 4-byte big-endian length then one CBOR item', () => {
		const frame = encodeFrame({type: 'Ping', id: 1});
		expect(frame.readUInt32BE(0)).toBe(frame.length - 4);
		expect(frame.subarray(4).toString('hex')).toBe('a2' + '64' + '74797065' + '64' + '50696e67' + '62' + '6964' + '01');
	});

	it('reassembles frames split byte by byte', () => {
		const messages = [
			{type: 'Ping', id: 1},
			{type: 'Data', id: 2, data: Buffer.from([0, 1, 2, 255])},
		];
		const wire = Buffer.concat(messages.map((message) => encodeFrame(message)));
		const reader = new FrameReader();
		const got: unknown[] = [];
		for (const byte of wire) got.push(...reader.push(Buffer.of(byte)));
		expect(got).toEqual([
			{type: 'Ping', id: 1},
			{type: 'Data', id: 2, data: Buffer.from([0, 1, 2, 255])},
		]);
		expect(reader.buffered).toBe(0);
	});

	it('splits frames merged into one read', () => {
		const wire = Buffer.concat([1, 2, 3].map((id) => encodeFrame({type: 'Ping', id})));
		const reader = new FrameReader();
		expect(reader.push(wire)).toEqual([1, 2, 3].map((id) => ({type: 'Ping', id})));
	});

	it('refuses a frame over the limit from its header alone', () => {
		const reader = new FrameReader(preAuthFrameLimit);
		const header = Buffer.alloc(4);
		header.writeUInt32BE(preAuthFrameLimit + 1);
		expect(() => reader.push(header)).toThrow(FrameError);
		try {
			new FrameReader(preAuthFrameLimit).push(header);
		} catch (error) {
			expect((error as FrameError).code).toBe('frame_too_large');
		}
	});

	it('accepts a frame exactly at the limit', () => {
		const reader = new FrameReader(100);
		const body = Buffer.alloc(100, 0x00);
		body[0] = 0x58; // byte string, 1-byte length
		body[1] = 98;
		const header = Buffer.alloc(4);
		header.writeUInt32BE(100);
		expect(reader.push(Buffer.concat([header, body]))).toHaveLength(1);
	});

	it('rejects garbage, truncated CBOR, two items in one frame and empty frames', () => {
		const frame = (body: number[]) => {
			const header = Buffer.alloc(4);
			header.writeUInt32BE(body.length);
			return Buffer.concat([header, Buffer.from(body)]);
		};

		for (const body of [
			[0xff, 0xfe, 0xfd], // break codes out of place
			[0xa2, 0x61, 0x61], // map of two entries, truncated
			[0x01, 0x02], // two items
			[0x5a, 0xff, 0xff, 0xff, 0xff], // byte string claiming 4 GiB
		]) {
			expect(() => new FrameReader().push(frame(body)), JSON.stringify(body)).toThrow(FrameError);
		}

		expect(() => new FrameReader().push(frame([]))).toThrow(/empty frame/);
	});
});
