// The decoder's structural check (docs/protocol.md, Encoding): every form the
// protocol forbids is refused with its byte offset before cbor-x sees it, and
// every form it allows passes and decodes as before.
import {describe, expect, it} from 'vitest';
import {checkProtocolCbor, ProtocolCborError} from '../../source/protocol/cbor-scan.js';
import {decodeItem, encodeItem} from '../../source/protocol/codec.js';
import {FrameError, FrameReader, defaultFrameLimit, preAuthFrameLimit} from '../../source/protocol/frame.js';
import {array, bytes, frameOf, head, map, negative, simple, tag, text, uint} from './cbor-bytes.js';

/** A Ping whose `id` is `value`, and the byte offset at which `value` starts. */
function pingWith(value: Buffer): {item: Buffer; offset: number} {
	const before = Buffer.concat([head(5, 2), text('type'), text('Ping'), text('id')]);
	return {item: Buffer.concat([before, value]), offset: before.length};
}

function refusal(item: Uint8Array): ProtocolCborError {
	try {
		checkProtocolCbor(item);
	} catch (error) {
		expect(error).toBeInstanceOf(ProtocolCborError);
		return error as ProtocolCborError;
	}

	throw new Error(`accepted ${Buffer.from(item).toString('hex')}`);
}

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

describe('forbidden CBOR is refused with the offset of the offending head', () => {
	it.each([
		['tag 0 (date/time text)', tag(0, text('2026-12-02T12:00:00Z')), /^CBOR tag 0 at byte 14 is not allowed by the spool protocol \(docs\/protocol\.md, Encoding\)$/],
		['tag 1 (epoch time)', tag(1, uint(1_764_672_000)), /CBOR tag 1 at byte 14 is not allowed/],
		['tag 2 (bignum)', tag(2, bytes(Buffer.alloc(9, 0xff))), /CBOR tag 2 at byte 14 is not allowed/],
		['tag 3 (negative bignum)', tag(3, bytes(Buffer.alloc(9, 0xff))), /CBOR tag 3 at byte 14 is not allowed/],
		['tag 28 (shareable)', tag(28, map([])), /CBOR tag 28 at byte 14 is not allowed/],
		['tag 29 (shared reference)', tag(29, uint(0)), /CBOR tag 29 at byte 14 is not allowed/],
		['tag 64 (typed array)', tag(64, bytes(Buffer.of(1))), /CBOR tag 64 at byte 14 is not allowed/],
		['tag 259 (explicit map)', tag(259, map([])), /CBOR tag 259 at byte 14 is not allowed/],
		['a tag with an 8-byte number', tag(2n ** 63n, uint(0)), /CBOR tag 9223372036854775808 at byte 14 is not allowed/],
		['an indefinite-length array', Buffer.of(0x9f, 0x01, 0xff), /CBOR indefinite-length array at byte 14 is not allowed/],
		['an indefinite-length map', Buffer.of(0xbf, 0xff), /CBOR indefinite-length map at byte 14 is not allowed/],
		['an indefinite-length byte string', Buffer.of(0x5f, 0x41, 0x00, 0xff), /CBOR indefinite-length byte string at byte 14 is not allowed/],
		['an indefinite-length text string', Buffer.of(0x7f, 0x61, 0x61, 0xff), /CBOR indefinite-length text string at byte 14 is not allowed/],
		['a break code outside any item', Buffer.of(0xff), /CBOR break code at byte 14 is not allowed/],
		['2^53 (one over the largest safe integer)', head(0, maxSafe + 1n), /CBOR integer 9007199254740992 at byte 14 is not allowed/],
		['2^64 - 1', head(0, 2n ** 64n - 1n), /CBOR integer 18446744073709551615 at byte 14 is not allowed/],
		['-(2^53) (one under the smallest safe integer)', negative(maxSafe), /CBOR integer -9007199254740992 at byte 14 is not allowed/],
		['-(2^64)', negative(2n ** 64n - 1n), /CBOR integer -18446744073709551616 at byte 14 is not allowed/],
		['simple value 16', simple(0xf0), /CBOR simple value 16 at byte 14 is not allowed/],
		['simple value 255 (two-byte form)', Buffer.of(0xf8, 0xff), /CBOR simple value 255 at byte 14 is not allowed/],
	])('refuses %s', (_name, value, message) => {
		const {item, offset} = pingWith(value);
		expect(offset).toBe(14);
		const error = refusal(item);
		expect(error.offset).toBe(14);
		expect(error.message).toMatch(message);
	});

	it.each([
		['an unsigned integer', uint(1), 'unsigned integer'],
		['a negative integer', negative(0), 'negative integer'],
		['a byte string', bytes(Buffer.from('type')), 'byte string'],
		['an array', array([]), 'array'],
		['a map', map([]), 'map'],
		['a float', Buffer.of(0xfb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0), 'float'],
		['true', simple(0xf5), 'true'],
		['null', simple(0xf6), 'null'],
	])('refuses a map key that is %s', (_name, key, kind) => {
		const item = map([
			['type', text('Ping')],
			[key, uint(1)],
		]);
		const offset = Buffer.concat([head(5, 2), text('type'), text('Ping')]).length;
		const error = refusal(item);
		expect(error.offset).toBe(offset);
		expect(error.message).toBe(`CBOR map key of type ${kind} at byte ${offset} is not allowed by the spool protocol (docs/protocol.md, Encoding)`);
	});

	it('checks keys of nested maps too', () => {
		const inner = map([[uint(7), text('x')]]);
		const item = map([
			['type', text('Add')],
			['env', inner],
		]);
		const offset = item.length - inner.length + 1;
		expect(refusal(item).offset).toBe(offset);
	});

	it('finds a tag deep inside arrays and maps', () => {
		const item = map([
			['type', text('AddMany')],
			['tasks', array([map([['command', text('true')]]), map([['command', tag(29, uint(0))]])])],
		]);
		const offset = item.indexOf(0xd8);
		expect(item[offset + 1]).toBe(29);
		const error = refusal(item);
		expect(error.offset).toBe(offset);
		expect(error.message).toMatch(/^CBOR tag 29 at byte \d+ is not allowed/);
	});

	it('refuses nesting deeper than 32 levels of arrays and maps', () => {
		let item = uint(1);
		for (let i = 0; i < 32; i++) item = array([item]);
		expect(() => checkProtocolCbor(item)).not.toThrow();
		const deeper = array([item]);
		const error = refusal(deeper);
		expect(error.offset).toBe(32);
		expect(error.message).toMatch(/^CBOR nesting deeper than 32 levels at byte 32 is not allowed/);
	});

	it('refuses 64 KiB of nested arrays at once (no recursion to overflow)', () => {
		expect(refusal(Buffer.alloc(preAuthFrameLimit, 0x81)).message).toMatch(/nesting deeper than 32 levels/);
	});

	it.each([
		['a truncated map', Buffer.of(0xa2, 0x61, 0x61), /CBOR item ends early/],
		['a byte string longer than the frame', Buffer.of(0x5a, 0xff, 0xff, 0xff, 0xff), /CBOR item ends early/],
		['a head whose argument is cut off', Buffer.of(0x1b, 0, 0), /CBOR item ends early/],
		['two items', Buffer.of(0x01, 0x02), /more than one CBOR item: the first ends at byte 1 of 2/],
		['reserved additional information 28', Buffer.of(0x1c), /malformed CBOR head 0x1c at byte 0/],
		['an empty input', Buffer.alloc(0), /CBOR item ends early at byte 0/],
	])('refuses malformed input: %s', (_name, item, message) => {
		expect(refusal(item).message).toMatch(message);
	});
});

describe('a 64 KiB frame of one tag-2 bignum', () => {
	// The frame that cost the daemon ~0.5 s of its only thread before auth:
	// cbor-x turns a bignum's bytes into a BigInt in quadratic time.
	const bignum = tag(2, bytes(Buffer.alloc(preAuthFrameLimit - 8, 0xff)));

	it('fits the pre-auth limit', () => {
		expect(bignum.length).toBeLessThanOrEqual(preAuthFrameLimit);
	});

	it('is refused as "tag not allowed" by the scanner, at its first byte', () => {
		const error = refusal(bignum);
		expect(error.offset).toBe(0);
		expect(error.message).toMatch(/^CBOR tag 2 at byte 0 is not allowed/);
	});

	it('is refused by decodeItem, so both roles refuse it', () => {
		expect(() => decodeItem(bignum)).toThrow(/CBOR tag 2 at byte 0 is not allowed/);
	});

	it('is a bad_frame for the frame reader, before and after auth', () => {
		for (const limit of [preAuthFrameLimit, defaultFrameLimit]) {
			let caught: unknown;
			try {
				new FrameReader(limit).push(frameOf(bignum));
			} catch (error) {
				caught = error;
			}

			expect(caught).toBeInstanceOf(FrameError);
			expect((caught as FrameError).code).toBe('bad_frame');
			expect((caught as FrameError).message).toMatch(/CBOR tag 2 at byte 0 is not allowed/);
		}
	});
});

describe('what the protocol allows passes and decodes unchanged', () => {
	const cases: Array<[string, unknown]> = [
		['a Ping', {type: 'Ping', id: 1}],
		[
			'nested maps, arrays and byte strings',
			{
				type: 'AddMany',
				id: 2,
				defaults: {cwd: '/tmp', env: {PATH: '/bin', EMPTY: ''}},
				tasks: [
					{command: 'make', after: [1, 2, 3]},
					{command: 'echo', label: null, stashed: true},
				],
				blob: Buffer.from([0, 0xc2, 0xd8, 0x1c, 0xff, 0x9f]),
			},
		],
		['integers at both ends of the safe range', {type: 'X', max: Number.MAX_SAFE_INTEGER, min: -Number.MAX_SAFE_INTEGER, zero: 0, small: -24, time: 1_764_672_000_000}],
		['floats, booleans and null', {type: 'Load', load: 0.42, big: 1e300, half: 1.5, yes: true, no: false, none: null}],
		['empty containers and strings', {type: 'X', list: [], env: {}, data: Buffer.alloc(0), text: ''}],
		['UTF-8 text and keys', {type: 'X', clé: 'värde ☃'}],
		['a large byte string', {type: 'Output', data: Buffer.alloc(1024 * 1024, 0xc2)}],
	];

	it.each(cases)('%s', (_name, message) => {
		const encoded = encodeItem(message);
		expect(() => checkProtocolCbor(encoded)).not.toThrow();
		expect(decodeItem(encoded)).toEqual(message);
	});

	it('accepts undefined (0xf7), which cbor-x writes for a field set to undefined', () => {
		const encoded = encodeItem({type: 'X', label: undefined});
		expect(Buffer.from(encoded).includes(0xf7)).toBe(true);
		expect(() => checkProtocolCbor(encoded)).not.toThrow();
	});

	it('accepts half, single and double floats', () => {
		for (const float of [Buffer.of(0xf9, 0x3c, 0x00), Buffer.of(0xfa, 0x3f, 0x80, 0, 0), Buffer.of(0xfb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0)]) {
			const {item} = pingWith(float);
			expect(decodeItem(item)).toEqual({type: 'Ping', id: 1});
		}
	});

	it('accepts non-preferred but definite lengths and integers (receivers accept any well-formed encoding)', () => {
		const item = Buffer.concat([head(5, 2, 8), head(3, 4, 2), Buffer.from('type'), text('Ping'), text('id'), head(0, 1, 8)]);
		expect(decodeItem(item)).toEqual({type: 'Ping', id: 1});
	});
});
