// Every message must be plain CBOR that a generic library reads without
// cbor-x's settings: maps with text keys, text strings, byte strings, no tags.
import {randomBytes} from 'node:crypto';
import {decode as genericDecode} from 'cborg';
import {describe, expect, it} from 'vitest';
import {encodeFrame} from '../../source/protocol/frame.js';
import {daemonProof} from '../../source/protocol/handshake.js';

function decodeFrameGenerically(frame: Buffer): unknown {
	const length = frame.readUInt32BE(0);
	expect(length).toBe(frame.length - 4);
	// cborg is strict: it rejects tags it does not know, and with useMaps it
	// returns real Maps so we can see the keys' types.
	return genericDecode(frame.subarray(4), {useMaps: true, rejectDuplicateMapKeys: true});
}

describe('handshake frames decoded by a generic CBOR library', () => {
	it('gives plain maps with text keys, text values and byte strings', () => {
		const nonce = randomBytes(32);
		const hello = decodeFrameGenerically(encodeFrame({type: 'Hello', role: 'client', name: 'ada', protocol: 1, nonce})) as Map<unknown, unknown>;
		expect(hello).toBeInstanceOf(Map);
		for (const key of hello.keys()) expect(typeof key).toBe('string');
		expect(hello.get('type')).toBe('Hello');
		expect(hello.get('protocol')).toBe(1);
		const decodedNonce = hello.get('nonce');
		expect(decodedNonce).toBeInstanceOf(Uint8Array);
		expect(Buffer.from(decodedNonce as Uint8Array).equals(nonce)).toBe(true);

		const accepted = decodeFrameGenerically(encodeFrame({type: 'AuthAccepted', accepted: true, proof: daemonProof(randomBytes(32), 'client', 'ada', nonce, nonce)})) as Map<string, unknown>;
		expect(accepted.get('accepted')).toBe(true);
		expect(accepted.get('proof')).toBeInstanceOf(Uint8Array);
		expect((accepted.get('proof') as Uint8Array).length).toBe(32);
	});

	it('encodes a Node Buffer as an untagged byte string (major type 2)', () => {
		const frame = encodeFrame({data: Buffer.from([1, 2, 3])});
		// a1 (map, 1) 64 'data' 43 (bytes, 3) 01 02 03
		expect(frame.subarray(4).toString('hex')).toBe('a164646174614301' + '0203');
	});

	it('encodes times as plain integers', () => {
		const frame = encodeFrame({at: 1_795_000_000_000});
		const decoded = decodeFrameGenerically(frame) as Map<string, unknown>;
		expect(decoded.get('at')).toBe(1_795_000_000_000);
	});
});
