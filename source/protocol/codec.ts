// The CBOR settings every side of the protocol uses. The contract is plain
// RFC 8949: maps with text keys, byte strings for bytes, integers for times,
// and no tags or cbor-x extensions, so any generic CBOR library round-trips
// every message. These options switch off everything cbor-x adds on top;
// cbor-scan.ts adds what no option gives: integers beyond 32 bits written as
// integers, and a decoder that refuses tags and the other forbidden forms.
// The plain build: node's default entry also loads streams and the native
// string extractor, which costs ~25 ms of every CLI start. The daemon turns
// the extractor on by importing 'cbor-x' itself (daemon/native-cbor.ts).
import {Decoder, Encoder} from 'cbor-x/decode';
import {checkProtocolCbor, integerizeFloats} from './cbor-scan.js';

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

/**
 * Encodes one message. Every safe integer comes out as a CBOR integer
 * (cbor-x alone writes those beyond 32 bits, such as times, as float64).
 */
export function encodeItem(value: unknown): Uint8Array {
	const bytes = encoder.encode(value);
	integerizeFloats(bytes);
	return bytes;
}

/**
 * Decodes exactly one CBOR data item. Throws on malformed input, on input
 * that holds more than one item, and (ProtocolCborError, before decoding
 * anything) on every form the protocol forbids: tags, indefinite lengths,
 * non-text map keys, unsafe integers, other simple values, nesting over 32
 * levels. Callers treat any throw as "undecodable frame".
 */
export function decodeItem(bytes: Uint8Array): unknown {
	checkProtocolCbor(bytes);
	return decoder.decode(bytes);
}
