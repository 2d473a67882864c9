// What of a task's (or a user's) text may reach the viewer's terminal.
//
// Shared by the CLI (`spool log`, `spool follow`, `spool status`) and the UI,
// so it imports nothing from daemon/ or commands/.
//
// createOutputSanitizer(): a streaming filter for task output bytes. It keeps
// what a log needs and drops everything that could act on the terminal beyond
// colouring and moving within the current line:
//   kept:    printable text (valid UTF-8, multibyte characters intact even when
//            split across chunks), \n \r \t backspace, SGR colours CSI … m,
//            cursor moves within a line CSI n C / D / G, erase in line CSI n K
//   dropped: OSC (titles, clipboard OSC 52, hyperlinks), DCS, APC, PM, SOS with
//            their whole payload; every other CSI (queries like CSI c / CSI 6n,
//            modes CSI ? … h/l such as the alternate screen, cursor moves across
//            lines, screen clears, scroll regions); other ESC sequences
//            (ESC 7/8, ESC c, charsets); other C0 controls (BEL, NUL, …) and DEL;
//            C1 controls U+0080–U+009F
//   replaced by U+FFFD: bytes that are not valid UTF-8 (a lone 0x9b would be a
//            CSI to an 8-bit terminal)
// State is kept across chunks, memory is bounded, time is linear.

const esc = 0x1b;
const maxCsi = 64;
const replacement = Buffer.from('\uFFFD', 'utf8');

type State = 'ground' | 'esc' | 'escIntermediate' | 'csi' | 'string' | 'stringEsc';

export type OutputSanitizer = {
	/** Filters the next chunk; the result may hold back the start of a sequence or character split at the end. */
	write(chunk: Uint8Array): Buffer;
	/** Ends the stream: an unfinished sequence is dropped, an unfinished character becomes U+FFFD. */
	end(): Buffer;
};

/** Whether a complete CSI sequence (ESC [ … final) may pass. */
function csiAllowed(bytes: Uint8Array, length: number): boolean {
	// bytes[0] = ESC, bytes[1] = '[', bytes[length - 1] = final byte.
	const final = bytes[length - 1]!;
	const isSgr = final === 0x6d; // m
	const inLine = final === 0x43 || final === 0x44 || final === 0x47 || final === 0x4b; // C D G K
	if (!isSgr && !inLine) return false;
	for (let index = 2; index < length - 1; index++) {
		const byte = bytes[index]!;
		const digit = byte >= 0x30 && byte <= 0x39;
		if (digit || byte === 0x3b) continue; // digits and ;
		if (isSgr && byte === 0x3a) continue; // ':' in SGR sub-parameters (38:2::r:g:b)
		return false; // private markers < = > ?, intermediates
	}

	return true;
}

export function createOutputSanitizer(): OutputSanitizer {
	let state: State = 'ground';
	// Pending bytes of a CSI sequence (emitted only if allowed).
	const csi = new Uint8Array(maxCsi);
	let csiLength = 0;
	let csiOverflow = false;
	// Pending bytes of a UTF-8 character.
	const utf8 = new Uint8Array(4);
	let utf8Length = 0;
	let utf8Need = 0;

	let out: Buffer = Buffer.alloc(0);
	let outLength = 0;
	const push = (byte: number) => {
		out[outLength++] = byte;
	};

	const pushReplacement = () => {
		for (const byte of replacement) push(byte);
	};

	/** An unfinished UTF-8 character was cut short. */
	const abandonUtf8 = () => {
		if (utf8Need > 0) {
			pushReplacement();
			utf8Need = 0;
			utf8Length = 0;
		}
	};

	const finishUtf8 = () => {
		let codePoint = utf8[0]! & (utf8Length === 2 ? 0x1f : utf8Length === 3 ? 0x0f : 0x07);
		for (let index = 1; index < utf8Length; index++) codePoint = (codePoint << 6) | (utf8[index]! & 0x3f);
		const overlong = (utf8Length === 3 && codePoint < 0x800) || (utf8Length === 4 && codePoint < 0x10000);
		const invalid = overlong || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff;
		if (invalid) pushReplacement();
		else if (codePoint >= 0x80 && codePoint <= 0x9f) {
			// C1 control: dropped.
		} else {
			for (let index = 0; index < utf8Length; index++) push(utf8[index]!);
		}

		utf8Length = 0;
		utf8Need = 0;
	};

	const ground = (byte: number) => {
		if (utf8Need > 0) {
			if (byte >= 0x80 && byte <= 0xbf) {
				utf8[utf8Length++] = byte;
				if (--utf8Need === 0) finishUtf8();
				return;
			}

			abandonUtf8();
		}

		if (byte >= 0x20 && byte < 0x7f) push(byte);
		else if (byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x08) push(byte);
		else if (byte === esc) state = 'esc';
		else if (byte < 0x80) {
			// Other C0 controls and DEL: dropped.
		} else if (byte >= 0xc2 && byte <= 0xf4) {
			utf8[0] = byte;
			utf8Length = 1;
			utf8Need = byte <= 0xdf ? 1 : byte <= 0xef ? 2 : 3;
		} else {
			pushReplacement(); // a stray continuation byte (incl. 8-bit C1) or an impossible lead byte
		}
	};

	const step = (byte: number) => {
		switch (state) {
			case 'ground': {
				ground(byte);
				return;
			}

			case 'esc': {
				if (byte === 0x5b) {
					// [
					state = 'csi';
					csi[0] = esc;
					csi[1] = byte;
					csiLength = 2;
					csiOverflow = false;
				} else if (byte === 0x5d || byte === 0x50 || byte === 0x5f || byte === 0x5e || byte === 0x58) {
					state = 'string'; // ] P _ ^ X: OSC DCS APC PM SOS
				} else if (byte >= 0x20 && byte <= 0x2f) {
					state = 'escIntermediate';
				} else if (byte >= 0x30 && byte <= 0x7e) {
					state = 'ground'; // a two-byte escape (ESC 7, ESC c, ESC =, …): dropped
				} else if (byte === esc) {
					state = 'esc';
				} else {
					state = 'ground';
					ground(byte);
				}

				return;
			}

			case 'escIntermediate': {
				if (byte >= 0x20 && byte <= 0x2f) return;
				state = 'ground';
				if (byte >= 0x30 && byte <= 0x7e) return; // ESC ( B and the like: dropped
				ground(byte);
				return;
			}

			case 'csi': {
				if (byte >= 0x20 && byte <= 0x3f) {
					if (csiLength < maxCsi - 1) csi[csiLength++] = byte;
					else csiOverflow = true;
					return;
				}

				if (byte >= 0x40 && byte <= 0x7e) {
					csi[csiLength++] = byte;
					if (!csiOverflow && csiAllowed(csi, csiLength)) for (let index = 0; index < csiLength; index++) push(csi[index]!);
					csiLength = 0;
					state = 'ground';
					return;
				}

				// Anything else cancels the sequence (a terminal would too, or execute it).
				csiLength = 0;
				state = 'ground';
				ground(byte);
				return;
			}

			case 'string': {
				// The payload is dropped whole; BEL (for OSC), ST = ESC \, CAN or SUB end it.
				if (byte === 0x07 || byte === 0x18 || byte === 0x1a) state = 'ground';
				else if (byte === esc) state = 'stringEsc';
				return;
			}

			case 'stringEsc': {
				if (byte === 0x5c) {
					state = 'ground';
				} else {
					// ESC + something else: the string is over and a new escape begins.
					state = 'esc';
					step(byte);
				}
			}
		}
	};

	return {
		write(chunk) {
			// Worst case every byte becomes U+FFFD (3 bytes), plus a held-back CSI sequence.
			out = Buffer.allocUnsafe(chunk.length * 3 + maxCsi + 8);
			outLength = 0;
			for (const byte of chunk) step(byte);
			return out.subarray(0, outLength);
		},
		end() {
			out = Buffer.allocUnsafe(8);
			outLength = 0;
			abandonUtf8();
			state = 'ground';
			csiLength = 0;
			return out.subarray(0, outLength);
		},
	};
}

/** The whole of `data` through a fresh sanitiser. */
export function sanitizeOutput(data: Uint8Array): Buffer {
	const sanitizer = createOutputSanitizer();
	return Buffer.concat([sanitizer.write(data), sanitizer.end()]);
}

/**
 * One line of user text (a command, a label) for a table cell or a header:
 * newlines shown as `↵`, tabs as a space, other control characters (C0, DEL,
 * C1) as `·`, so the text can never move the cursor or recolour the terminal.
 */
export function oneLine(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text
		.replaceAll(/\r?\n/g, '↵')
		.replaceAll('\t', ' ')
		.replaceAll(/[\u0000-\u001F\u007F-\u009F]/g, '·');
}
