// Two linear walks over CBOR bytes, one for each direction.
//
// checkProtocolCbor (receiving): a structural pre-scan that refuses every
// form docs/protocol.md (Encoding) forbids before cbor-x decodes anything.
// cbor-x itself decodes tags, and some are expensive: tag 2/3 (bignums)
// build a BigInt in time quadratic in their length, tags 28/29 (shared
// references) let a small frame expand into a huge object graph. The scan
// reads only heads and skips string bodies, so its cost is proportional to
// the number of items, never to what a forbidden item would have cost.
//
// integerizeFloats (sending): cbor-x writes a JavaScript integer outside the
// 32-bit range as a float64 (0xfb); the protocol wants integers (times are
// milliseconds, above 2^32). A float64 head and an integer head with an
// 8-byte argument are both 9 bytes, so the fix is a rewrite in place.

/** Nesting of arrays and maps allowed in a message; the outer map is level 1. */
export const maxNesting = 32;

export class ProtocolCborError extends Error {
	constructor(
		what: string,
		/** Byte offset of the offending head in the CBOR item (0 = its first byte). */
		readonly offset: number,
		suffix = ' is not allowed by the spool protocol (docs/protocol.md, Encoding)',
	) {
		super(`${what} at byte ${offset}${suffix}`);
		this.name = 'ProtocolCborError';
	}
}

const majorNames = ['unsigned integer', 'negative integer', 'byte string', 'text string', 'array', 'map', 'tag', 'simple value'] as const;
const twoTo32 = 0x1_0000_0000;
// The high 32 bits of Number.MAX_SAFE_INTEGER (2^53 - 1).
const maxSafeHigh = 0x1f_ffff;

function truncated(offset: number): ProtocolCborError {
	return new ProtocolCborError('CBOR item ends early', offset, ' (truncated)');
}

function keyKind(initial: number): string {
	const major = initial >> 5;
	if (major !== 7) return majorNames[major]!;
	switch (initial) {
		case 0xf4: {
			return 'false';
		}

		case 0xf5: {
			return 'true';
		}

		case 0xf6: {
			return 'null';
		}

		case 0xf7: {
			return 'undefined';
		}

		case 0xf9:
		case 0xfa:
		case 0xfb: {
			return 'float';
		}

		default: {
			return 'simple value';
		}
	}
}

/** The 8-byte argument at `at`, exactly, as a decimal string (error messages only). */
function bigArgument(bytes: Uint8Array, at: number): bigint {
	let value = 0n;
	for (let i = 0; i < 8; i++) value = (value << 8n) | BigInt(bytes[at + i]!);
	return value;
}

/**
 * Throws ProtocolCborError unless `bytes` is exactly one well-formed CBOR
 * item made only of what the protocol allows:
 * - unsigned and negative integers from -(2^53 - 1) to 2^53 - 1;
 * - definite-length byte strings, text strings, arrays and maps;
 * - map keys that are (definite-length) text strings;
 * - false, true, null, undefined, and half/single/double floats;
 * - at most `maxNesting` levels of arrays and maps.
 * It refuses tags (major type 6), indefinite lengths and break codes
 * (additional information 31), other simple values, and the reserved
 * additional information 28 to 30. Text is not checked for valid UTF-8
 * here (the decoder does), nor are duplicate keys.
 */
export function checkProtocolCbor(bytes: Uint8Array): void {
	const end = bytes.length;
	// remaining[d]: items still expected in the container at depth d (a map
	// of n entries expects 2n items, keys at the even counts).
	const remaining = new Array<number>(maxNesting + 1);
	const isMap = new Array<boolean>(maxNesting + 1);
	remaining[0] = 1; // the top level holds one item
	isMap[0] = false;
	let depth = 0;
	let pos = 0;

	for (;;) {
		// Close every container that is complete.
		while (remaining[depth] === 0) {
			if (depth === 0) {
				if (pos !== end) {
					throw new ProtocolCborError('more than one CBOR item: the first ends', pos, ` of ${end}; a frame holds exactly one item`);
				}

				return;
			}

			depth--;
		}

		if (pos >= end) throw truncated(pos);
		const start = pos;
		const initial = bytes[pos]!;
		const major = initial >> 5;
		const additional = initial & 0x1f;
		const keyPosition = isMap[depth] === true && (remaining[depth]! & 1) === 0;
		remaining[depth]!--;
		if (keyPosition && major !== 3) {
			throw new ProtocolCborError(`CBOR map key of type ${keyKind(initial)}`, start);
		}

		// The argument. `high` is the upper 32 bits of an 8-byte argument.
		let argument: number;
		let high = 0;
		if (additional < 24) {
			argument = additional;
			pos += 1;
		} else if (additional === 24) {
			if (pos + 2 > end) throw truncated(start);
			argument = bytes[pos + 1]!;
			pos += 2;
		} else if (additional === 25) {
			if (pos + 3 > end) throw truncated(start);
			argument = (bytes[pos + 1]! << 8) | bytes[pos + 2]!;
			pos += 3;
		} else if (additional === 26) {
			if (pos + 5 > end) throw truncated(start);
			argument = ((bytes[pos + 1]! << 24) >>> 0) + ((bytes[pos + 2]! << 16) | (bytes[pos + 3]! << 8) | bytes[pos + 4]!);
			pos += 5;
		} else if (additional === 27) {
			if (pos + 9 > end) throw truncated(start);
			high = ((bytes[pos + 1]! << 24) >>> 0) + ((bytes[pos + 2]! << 16) | (bytes[pos + 3]! << 8) | bytes[pos + 4]!);
			const low = ((bytes[pos + 5]! << 24) >>> 0) + ((bytes[pos + 6]! << 16) | (bytes[pos + 7]! << 8) | bytes[pos + 8]!);
			// Exact up to 2^53; above it only compared with sizes, where any huge value will do.
			argument = high * twoTo32 + low;
			pos += 9;
		} else if (additional === 31) {
			if (major === 7) throw new ProtocolCborError('CBOR break code', start, ' is not allowed by the spool protocol (docs/protocol.md, Encoding): no indefinite-length items');
			if (major >= 2 && major <= 5) throw new ProtocolCborError(`CBOR indefinite-length ${majorNames[major]}`, start);
			throw new ProtocolCborError(`malformed CBOR head 0x${initial.toString(16)}`, start, '');
		} else {
			throw new ProtocolCborError(`malformed CBOR head 0x${initial.toString(16)}`, start, ' (reserved additional information)');
		}

		switch (major) {
			case 0: {
				if (high > maxSafeHigh) throw new ProtocolCborError(`CBOR integer ${bigArgument(bytes, start + 1)}`, start);
				break;
			}

			case 1: {
				// The value is -1 - argument; -(2^53 - 1) is the smallest allowed.
				if (high > maxSafeHigh || argument === Number.MAX_SAFE_INTEGER) {
					throw new ProtocolCborError(`CBOR integer ${-1n - bigArgument(bytes, start + 1)}`, start);
				}

				break;
			}

			case 2:
			case 3: {
				if (argument > end - pos) throw truncated(start);
				pos += argument;
				break;
			}

			case 4:
			case 5: {
				if (depth === maxNesting) {
					throw new ProtocolCborError(`CBOR nesting deeper than ${maxNesting} levels`, start);
				}

				if (argument === 0) break;

				const items = major === 5 ? argument * 2 : argument;
				// Every item takes at least one byte.
				if (items > end - pos) throw truncated(start);
				depth++;
				remaining[depth] = items;
				isMap[depth] = major === 5;
				break;
			}

			case 6: {
				throw new ProtocolCborError(`CBOR tag ${additional === 27 ? bigArgument(bytes, start + 1) : argument}`, start);
			}

			default: {
				// Major type 7: 20-23 are false/true/null/undefined, 25-27 floats
				// (their bytes are the argument, already skipped).
				if (additional < 20 || additional === 24) {
					throw new ProtocolCborError(`CBOR simple value ${argument}`, start);
				}
			}
		}
	}
}

/**
 * Rewrites, in place, every float64 head whose value is an integer cbor-x
 * would not write as one (at least 2^32, or below -2^32, and within
 * ±(2^53 - 1)) into an integer head with an 8-byte argument: the same 9
 * bytes, and the preferred serialization of that integer. Expects the
 * well-formed output of the encoder; it walks heads without a stack (only
 * string bodies need skipping), so its cost is the number of items.
 */
export function integerizeFloats(bytes: Uint8Array): void {
	// Most messages hold no 0xfb byte at all; indexOf is a native scan.
	if (bytes.indexOf(0xfb) === -1) return;
	let view: DataView | undefined;
	const end = bytes.length;
	let pos = 0;
	while (pos < end) {
		const initial = bytes[pos]!;
		const major = initial >> 5;
		const additional = initial & 0x1f;
		if (initial === 0xfb) {
			if (pos + 9 > end) return;
			view ??= new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
			const value = view.getFloat64(pos + 1);
			if (Number.isSafeInteger(value) && (value >= twoTo32 || value < -twoTo32)) {
				const argument = value >= 0 ? value : -1 - value;
				bytes[pos] = value >= 0 ? 0x1b : 0x3b;
				view.setUint32(pos + 1, Math.floor(argument / twoTo32));
				view.setUint32(pos + 5, argument % twoTo32);
			}

			pos += 9;
			continue;
		}

		let argument: number;
		if (additional < 24 || additional === 31) {
			argument = additional;
			pos += 1;
		} else if (additional === 24) {
			argument = bytes[pos + 1]!;
			pos += 2;
		} else if (additional === 25) {
			argument = (bytes[pos + 1]! << 8) | bytes[pos + 2]!;
			pos += 3;
		} else if (additional === 26) {
			argument = ((bytes[pos + 1]! << 24) >>> 0) + ((bytes[pos + 2]! << 16) | (bytes[pos + 3]! << 8) | bytes[pos + 4]!);
			pos += 5;
		} else if (additional === 27) {
			view ??= new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
			argument = view.getUint32(pos + 1) * twoTo32 + view.getUint32(pos + 5);
			pos += 9;
		} else {
			return; // not the encoder's output: leave it alone
		}

		// Only string bodies are skipped; the items of arrays, maps and tags
		// are heads of their own, read by the next turns of the loop.
		if ((major === 2 || major === 3) && additional !== 31) pos += argument;
	}
}
