// The daemon's own log file: one stamped line per event, rotated at a size
// cap, and helpers that keep what a peer sent from forging lines in it.
// Peer-supplied text (a Hello's fields, an Error's message) is escaped and
// truncated before it is written, and repeated handshake failures from one
// source become one summary line per interval instead of one line each.
import {appendFileSync, renameSync, rmSync, statSync} from 'node:fs';

/** Longest piece of peer-supplied text written to the log, in characters, after escaping. */
export const maxPeerTextChars = 200;

/**
 * Makes text safe for a one-line log entry: C0/C1 control characters, DEL,
 * ESC, line and paragraph separators and bidi overrides become JSON-style
 * \uXXXX (\n, \r, \t as themselves escaped), a backslash becomes \\, and the
 * result is cut at `max` characters with "…(N more)" appended.
 */
export function escapeLogText(text: string, max = maxPeerTextChars): string {
	let out = '';
	let index = 0;
	for (const char of text) {
		if (out.length >= max) {
			return `${out}…(${[...text.slice(index)].length} more)`;
		}

		index += char.length;
		const code = char.codePointAt(0)!;
		if (char === '\\') out += '\\\\';
		else if (char === '\n') out += '\\n';
		else if (char === '\r') out += '\\r';
		else if (char === '\t') out += '\\t';
		else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
			out += `\\u${code.toString(16).padStart(4, '0')}`;
		} else out += char;
	}

	return out;
}

export type DaemonLogOptions = {
	/** Rotate once the file would grow past this; 0: never. */
	maxBytes: number;
	/** Generations kept: daemon.log.1 (newest) .. daemon.log.<keep>. */
	keep: number;
};

/** Appends lines to daemon.log and rotates it at the size cap. */
export class DaemonLogFile {
	#size: number | undefined;

	constructor(
		readonly file: string,
		readonly options: DaemonLogOptions,
	) {}

	append(text: string): void {
		const bytes = Buffer.byteLength(text);
		this.#size ??= this.#currentSize();
		if (this.options.maxBytes > 0 && this.#size > 0 && this.#size + bytes > this.options.maxBytes) this.#rotate();
		appendFileSync(this.file, text);
		this.#size += bytes;
	}

	#currentSize(): number {
		try {
			return statSync(this.file).size;
		} catch {
			return 0;
		}
	}

	#rotate(): void {
		const {keep} = this.options;
		try {
			if (keep === 0) {
				rmSync(this.file, {force: true});
			} else {
				rmSync(`${this.file}.${keep}`, {force: true});
				for (let generation = keep - 1; generation >= 1; generation--) {
					try {
						renameSync(`${this.file}.${generation}`, `${this.file}.${generation + 1}`);
					} catch {}
				}

				renameSync(this.file, `${this.file}.1`);
			}
		} catch {}

		this.#size = 0;
	}
}

type SourceCount = {count: number; last: string; since: number};

/**
 * Rate-limits log lines about refused handshakes, per source: the first
 * refusal in an interval is logged in full, the rest are counted and reported
 * in one summary line when the interval ends. At most `maxSources` sources
 * are tracked; past that, refusals are counted under "other sources".
 */
export class RefusalLog {
	readonly #counts = new Map<string, SourceCount>();
	#timer: NodeJS.Timeout | undefined;

	constructor(
		readonly log: (line: string) => void,
		readonly intervalMs: number,
		readonly maxSources = 1000,
	) {}

	/** `reason` must already be escaped. */
	refused(source: string, reason: string): void {
		let key = source;
		if (!this.#counts.has(key) && this.#counts.size >= this.maxSources) key = 'other sources';
		const entry = this.#counts.get(key);
		if (entry) {
			entry.count++;
			entry.last = reason;
			return;
		}

		this.#counts.set(key, {count: 0, last: reason, since: Date.now()});
		this.log(`handshake refused from ${source}: ${reason}`);
		this.#timer ??= setInterval(() => {
			this.flush();
		}, this.intervalMs).unref();
	}

	/** Writes the summary lines of the interval that ended, and starts a new one. */
	flush(): void {
		const seconds = Math.round(this.intervalMs / 1000);
		for (const [source, entry] of this.#counts) {
			if (entry.count > 0) {
				this.log(`handshake refused ${entry.count} more time${entry.count === 1 ? '' : 's'} from ${source} in the last ${seconds} s (last: ${entry.last})`);
			}
		}

		this.#counts.clear();
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = undefined;
	}

	close(): void {
		this.flush();
	}
}
