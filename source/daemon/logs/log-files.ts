// Task log files: logs/<id>.log holds every byte the task printed, as the pty
// delivered it. Reads go to the file, never to a copy in memory, so a task
// printing gigabytes costs the daemon no memory.
import {closeSync, fstatSync, openSync, readSync, rmSync, statSync, writeSync} from 'node:fs';
import {open} from 'node:fs/promises';
import path from 'node:path';

export function logPath(logsDir: string, id: number): string {
	return path.join(logsDir, `${id}.log`);
}

export function logSize(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

export function removeLog(file: string): void {
	rmSync(file, {force: true});
}

/** An open log being written by a running task. Writes are synchronous: once `append` returns, readers see the bytes. */
export class LogWriter {
	#fd: number | undefined;
	size = 0;
	/** Set when a write failed (disk full…); the task keeps running, the log is incomplete. */
	error: Error | undefined;

	constructor(readonly file: string, {truncate}: {truncate: boolean}) {
		this.#fd = openSync(file, truncate ? 'w' : 'a', 0o600);
		this.size = fstatSync(this.#fd).size;
	}

	append(data: Uint8Array): number {
		if (this.#fd === undefined || this.error) return 0;
		let written = 0;
		try {
			while (written < data.length) written += writeSync(this.#fd, data, written, data.length - written);
		} catch (error) {
			this.error = error as Error;
		}

		this.size += written;
		return written;
	}

	close(): void {
		if (this.#fd !== undefined) {
			closeSync(this.#fd);
			this.#fd = undefined;
		}
	}
}

const blockSize = 64 * 1024;

/**
 * Offset where the last `lines` lines of the file start. A trailing newline
 * ends the last line rather than starting an empty one.
 */
export function offsetOfLastLines(file: string, lines: number, size = logSize(file)): number {
	if (lines === 0) return size;
	let fd: number;
	try {
		fd = openSync(file, 'r');
	} catch {
		return 0;
	}

	try {
		const buffer = Buffer.allocUnsafe(blockSize);
		let end = size;
		let seen = 0;
		let skipTrailing = true;
		while (end > 0) {
			const start = Math.max(0, end - blockSize);
			const count = readSync(fd, buffer, 0, end - start, start);
			for (let index = count - 1; index >= 0; index--) {
				if (buffer[index] !== 0x0a) {
					skipTrailing = false;
					continue;
				}

				if (skipTrailing) {
					skipTrailing = false;
					continue;
				}

				seen += 1;
				if (seen === lines) return start + index + 1;
			}

			end = start;
		}

		return 0;
	} finally {
		closeSync(fd);
	}
}

/** Reads [from, to) in chunks of at most `chunkSize` bytes, calling `onChunk` for each. */
export async function readRange(
	file: string,
	from: number,
	to: number,
	onChunk: (offset: number, data: Buffer) => Promise<void> | void,
	chunkSize = 256 * 1024,
): Promise<number> {
	if (to <= from) return from;
	let handle;
	try {
		handle = await open(file, 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return from;
		throw error;
	}

	let offset = from;
	try {
		while (offset < to) {
			const buffer = Buffer.allocUnsafe(Math.min(chunkSize, to - offset));
			const {bytesRead} = await handle.read(buffer, 0, buffer.length, offset);
			if (bytesRead === 0) break;
			await onChunk(offset, buffer.subarray(0, bytesRead));
			offset += bytesRead;
		}
	} finally {
		await handle.close();
	}

	return offset;
}
