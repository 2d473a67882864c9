// docs/protocol.md, Encoding: "Integers are integers", and times are `uint`s.
// cbor-x on its own writes any integer beyond 32 bits as a float64 (0xfb),
// so every time (createdAt, startedAt, …) went out as a float.
import {decode as genericDecode} from 'cborg';
import {describe, expect, it} from 'vitest';
import {decodeItem, encodeItem} from '../../source/protocol/codec.js';
import {encodeFrame} from '../../source/protocol/frame.js';
import {wireTask} from '../helpers/wire-task.js';
import {text} from './cbor-bytes.js';

/** The bytes of the value that follows the text key `key` in `item`. */
function valueAfterKey(item: Uint8Array, key: string): Buffer {
	const buffer = Buffer.from(item);
	const at = buffer.indexOf(text(key));
	expect(at, `key ${key}`).toBeGreaterThanOrEqual(0);
	return buffer.subarray(at + text(key).length);
}

describe('integers are encoded as CBOR integers', () => {
	it('writes createdAt 1764672000000 as major type 0 with an 8-byte argument', () => {
		const value = valueAfterKey(encodeItem({createdAt: 1_764_672_000_000}), 'createdAt');
		expect(value[0]! >> 5).toBe(0);
		expect(value.subarray(0, 9).toString('hex')).toBe(`1b${(1_764_672_000_000).toString(16).padStart(16, '0')}`);
	});

	it('writes every time of a task record as major type 0, and a generic decoder reads them back', () => {
		const times = {createdAt: 1_764_672_000_000, enqueueAt: 1_764_672_000_001, startedAt: 1_764_672_000_123, endedAt: 4_102_444_800_000};
		const frame = encodeFrame({type: 'Added', re: 1, task: wireTask(12, times)});
		for (const [key, time] of Object.entries(times)) {
			const value = valueAfterKey(frame, key);
			expect(value[0], key).toBe(0x1b);
			expect(value.readBigUInt64BE(1), key).toBe(BigInt(time));
		}

		const decoded = genericDecode(frame.subarray(4)) as {task: Record<string, unknown>};
		expect(decoded.task).toMatchObject(times);
	});

	it.each([
		[2 ** 32, '1b0000000100000000'],
		[Number.MAX_SAFE_INTEGER, '1b001fffffffffffff'],
		[-(2 ** 32) - 1, '3b0000000100000000'],
		[-Number.MAX_SAFE_INTEGER, '3b001ffffffffffffe'],
	])('writes %d as %s', (value, hex) => {
		const encoded = Buffer.from(encodeItem([value]));
		expect(encoded.subarray(1).toString('hex')).toBe(hex);
		expect(decodeItem(encoded)).toEqual([value]);
	});

	it('keeps the shortest forms cbor-x already writes for small integers', () => {
		expect(Buffer.from(encodeItem([0, 23, 24, 255, 65_536, 2 ** 32 - 1, -1, -(2 ** 32)])).toString('hex')).toBe(
			'88' + '00' + '17' + '1818' + '18ff' + '1a00010000' + '1affffffff' + '20' + '3affffffff',
		);
	});

	it('leaves real floats, and integers beyond the safe range, as floats', () => {
		const encoded = Buffer.from(encodeItem([0.5, 1e300, 2 ** 53, -(2 ** 60), Number.NaN]));
		expect(encoded[1]).toBe(0xfb);
		const decoded = decodeItem(encoded) as number[];
		expect(decoded.slice(0, 4)).toEqual([0.5, 1e300, 2 ** 53, -(2 ** 60)]);
		expect(Number.isNaN(decoded[4])).toBe(true);
		for (const at of [1, 10, 19, 28]) expect(encoded[at], `item at ${at}`).toBe(0xfb);
	});

	it('does not touch bytes inside byte and text strings that look like floats', () => {
		const data = Buffer.from('fb0000017adb1a0000' + 'fb0000017adb1a0000', 'hex');
		const message = {type: 'Output', data, label: data.toString('latin1'), at: 1_764_672_000_000};
		expect(decodeItem(encodeItem(message))).toEqual(message);
		expect(Buffer.from(encodeItem(message)).includes(data)).toBe(true);
	});
});
