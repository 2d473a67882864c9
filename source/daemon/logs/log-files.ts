// Task log files: logs/<id>.log holds every byte the task printed, as the pty
// delivered it. Reads go to the file, never to a copy in memory, so a task
// printing gigabytes costs the daemon no memory.
//
// Log paths never follow symbolic links, for writing or reading: they are
// opened with O_NOFOLLOW and anything but a regular file is refused after the
// open (fstat), so a link, directory or FIFO planted at logs/<id>.log can
// neither redirect the daemon's writes nor leak another file's contents.
import {closeSync, constants, fstatSync, ftruncateSync, lstatSync, openSync, readSync, rmSync, writeSync} from 'node:fs';
import {open} from 'node:fs/promises';
import path from 'node:path';

const {O_WRONLY, O_RDONLY, O_CREAT, O_APPEND, O_NOFOLLOW, O_NONBLOCK} = constants;

/** A log file could not be opened; the message says why, in words, and what to do. */
export class LogFileError extends Error {
	override name = 'LogFileError';
}

function why(error: NodeJS.ErrnoException): string {
	switch (error.code) {
		case 'EISDIR':
			return 'it is a directory; remove it';
		case 'ELOOP':
			return 'it is a symbolic link, and spool never follows links for logs; remove it';
		case 'ENXIO':
			return 'it is a FIFO or socket, not a regular file; remove it';
		case 'EACCES':
		case 'EPERM':
			return `permission denied (${error.code}); check the permissions of the logs directory and whether it is immutable (lsattr -d)`;
		case 'EROFS':
			return 'the file system is read-only';
		case 'ENOSPC':
		case 'EDQUOT':
			return `the disk is full (${error.code}); free some space`;
		case 'EMFILE':
		case 'ENFILE':
			return `too many open files (${error.code}); raise the daemon's file limit (ulimit -n) or run fewer tasks at once`;
		case 'ENOENT':
		case 'ENOTDIR':
			return `its directory does not exist (${error.code}); restart the daemon to recreate it`;
		default:
			return `${error.code ?? 'error'}: ${error.message}`;
	}
}

function notRegular(fd: number): string | undefined {
	const stat = fstatSync(fd);
	if (stat.isFile()) return undefined;
	return stat.isDirectory() ? 'it is a directory; remove it' : `it is not a regular file; remove it`;
}

/**
 * Opens a log for writing: never through a symbolic link, only a regular
 * file. Throws LogFileError ("cannot open the log file X: it is a directory; remove it").
 */
export function openLogForWriting(file: string, truncate: boolean): number {
	let fd: number;
	try {
		// O_NONBLOCK: a FIFO in its place fails at once (ENXIO) instead of blocking the daemon.
		fd = openSync(file, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_NONBLOCK, 0o600);
	} catch (error) {
		throw new LogFileError(`cannot open the log file ${file}: ${why(error as NodeJS.ErrnoException)}`);
	}

	try {
		const problem = notRegular(fd);
		if (problem) throw new LogFileError(`cannot open the log file ${file}: ${problem}`);
		// Truncate only once it is known to be a regular file of ours.
		if (truncate) ftruncateSync(fd, 0);
		return fd;
	} catch (error) {
		closeSync(fd);
		if (error instanceof LogFileError) throw error;
		throw new LogFileError(`cannot open the log file ${file}: ${why(error as NodeJS.ErrnoException)}`);
	}
}

/** Opens a log for reading, or returns undefined when it is missing or not a regular file (never follows links). */
function openLogForReading(file: string): number | undefined {
	let fd: number;
	try {
		fd = openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
	} catch {
		return undefined;
	}

	if (!fstatSync(fd).isFile()) {
		closeSync(fd);
		return undefined;
	}

	return fd;
}

export function logPath(logsDir: string, id: number): string {
	return path.join(logsDir, `${id}.log`);
}

export function logSize(file: string): number {
	try {
		// lstat: a link in the log's place is no log (its target's size would leak).
		const stat = lstatSync(file);
		return stat.isFile() ? stat.size : 0;
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

	/** Throws LogFileError when the file cannot be opened (or is not a regular file). */
	constructor(
		readonly file: string,
		{truncate}: {truncate: boolean},
	) {
		this.#fd = openLogForWriting(file, truncate);
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
	const fd = openLogForReading(file);
	if (fd === undefined) return 0;

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

/**
 * The lines in [0, to), counted as offsetOfLastLines counts them: a line ends
 * with \n, and a last line without one counts too. Read in chunks, off the
 * event loop's critical path (a 1 GB log does not block other requests).
 */
export async function countLines(file: string, to: number): Promise<number> {
	let newlines = 0;
	let last = 0x0a;
	await readRange(
		file,
		0,
		to,
		(_offset, data) => {
			for (let at = data.indexOf(0x0a); at !== -1; at = data.indexOf(0x0a, at + 1)) newlines++;
			last = data.at(-1) ?? last;
		},
		1024 * 1024,
	);
	return newlines + (last === 0x0a ? 0 : 1);
}

/** Reads [from, to) in chunks of at most `chunkSize` bytes, calling `onChunk` for each. */
export async function readRange(file: string, from: number, to: number, onChunk: (offset: number, data: Buffer) => Promise<void> | void, chunkSize = 256 * 1024): Promise<number> {
	if (to <= from) return from;
	let handle;
	try {
		handle = await open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		// Missing, or a link in its place (never followed): nothing to read.
		if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENXIO') return from;
		throw error;
	}

	if (!(await handle.stat()).isFile()) {
		await handle.close();
		return from;
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
