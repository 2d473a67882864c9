// The CBOR settings every side of the protocol uses. The contract is plain
// RFC 8949: maps with text keys, byte strings for bytes, integers for times,
// and no tags or cbor-x extensions, so any generic CBOR library round-trips
// every message. These options switch off everything cbor-x adds on top.
// The plain build: node's default entry also loads streams and the native
// string extractor, which costs ~25 ms of every CLI start. The daemon turns
// the extractor on by importing 'cbor-x' itself (daemon/native-cbor.ts).
import {Decoder, Encoder} from 'cbor-x/decode';

const options = {
	useRecords: false, // no record extension (tag 105/…): objects are plain maps
	mapsAsObjects: true, // decode maps to plain objects
	useTag259ForMaps: false, // no "explicit map" tag
	tagUint8Array: false, // Uint8Array/Buffer as an untagged byte string (major type 2)
	variableMapSize: true, // smallest map header, as a generic encoder writes it
	int64AsNumber: true, // 64-bit integers decode to numbers (times, sizes), not bigints
	bundleStrings: false,
	pack: false,
} as const;

const encoder = new Encoder(options);
const decoder = new Decoder(options);

export function encodeItem(value: unknown): Uint8Array {
	return encoder.encode(value);
}

/**
 * Decodes exactly one CBOR data item. Throws on malformed input, on input
 * that holds more than one item, and (as a RangeError) on absurd nesting;
 * callers treat any throw as "undecodable frame".
 */
export function decodeItem(bytes: Uint8Array): unknown {
	return decoder.decode(bytes);
}
