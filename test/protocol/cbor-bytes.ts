// Hand-assembled CBOR for tests that must send what no well-behaved encoder
// writes: tags, indefinite lengths, odd keys. Each helper returns the bytes
// of one item (or one head), so a test can say exactly what goes on the wire.

/** A head: major type and argument, in the shortest form (or `width` bytes of argument). */
export function head(major: number, argument: number | bigint, width?: 0 | 1 | 2 | 4 | 8): Buffer {
	const value = BigInt(argument);
	const size = width ?? (value < 24n ? 0 : value < 0x100n ? 1 : value < 0x10000n ? 2 : value < 0x100000000n ? 4 : 8);
	const additional = size === 0 ? Number(value) : {1: 24, 2: 25, 4: 26, 8: 27}[size]!;
	const out = Buffer.alloc(1 + size);
	out[0] = (major << 5) | additional;
	for (let i = 0; i < size; i++) out[size - i] = Number((value >> BigInt(8 * i)) & 0xffn);
	return out;
}

export const uint = (value: number | bigint) => head(0, value);
/** The negative integer -1 - n. */
export const negative = (n: number | bigint) => head(1, n);
export const bytes = (data: Uint8Array) => Buffer.concat([head(2, data.length), data]);
export const text = (value: string) => {
	const utf8 = Buffer.from(value, 'utf8');
	return Buffer.concat([head(3, utf8.length), utf8]);
};

export const array = (items: Buffer[]) => Buffer.concat([head(4, items.length), ...items]);
/** A map; string keys become text keys, Buffer keys are taken as they are. */
export const map = (entries: Array<[string | Buffer, Buffer]>) => Buffer.concat([head(5, entries.length), ...entries.flatMap(([key, value]) => [typeof key === 'string' ? text(key) : key, value])]);
export const tag = (number: number | bigint, content: Buffer) => Buffer.concat([head(6, number), content]);
export const simple = (byte: number) => Buffer.of(byte);

/** The 4-byte length header and the item: a frame. */
export function frameOf(item: Buffer): Buffer {
	const header = Buffer.alloc(4);
	header.writeUInt32BE(item.length);
	return Buffer.concat([header, item]);
}
