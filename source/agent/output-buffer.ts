// A worker's copy of each task's output that the daemon has not acknowledged
// yet. It is what makes a network blip lose nothing: after a reconnect the
// worker replays from the offset the daemon says it has.
//
// Bounded on purpose. Output goes to memory while all tasks' unacknowledged
// bytes fit in `memoryLimit`; past it, to files in a private spill directory
// while they fit in `diskLimit`; past that, the budget is exhausted and the
// worker stops reading the tasks' ptys (they then block on their writes,
// like a program writing to a slow terminal) until acknowledgements free
// room. Spilling first means a blip of seconds or minutes never stalls a
// task; pausing last means neither memory nor disk grows without bound. No
// byte is ever dropped.
//
// The bytes of one task form a stream: offset 0 is its first byte. They are
// kept as a list of segments, each in memory or in a file, so that memory
// used again once room frees up, and each file is deleted as soon as the
// daemon has acknowledged all of it.
import {closeSync, openSync, readSync, rmSync, writeSync} from 'node:fs';
import path from 'node:path';

/** A spill file is closed and a new one started past this size, so acknowledged files can go early. */
const maxFileSegmentBytes = 64 * 1024 * 1024;

export class OutputBudget {
	memoryUsed = 0;
	diskUsed = 0;
	/** Set after a failed write to the spill directory (disk full): no more spilling. */
	diskFailed: Error | undefined;
	#fileCount = 0;

	constructor(
		readonly memoryLimit: number,
		readonly diskLimit: number,
		/** The spill directory, created on first use. */
		readonly spillDir: () => string,
	) {}

	/**
	 * Nothing more fits: output had to go to memory past its limit (the disk
	 * had no room for it), or memory is full and the disk cannot be used. The
	 * tasks' output must pause.
	 */
	get exhausted(): boolean {
		return this.memoryUsed > this.memoryLimit || (this.memoryUsed >= this.memoryLimit && !this.#diskHasRoom(1));
	}

	/** Enough was freed to let paused output flow again (hysteresis: a quarter of a limit). */
	get relieved(): boolean {
		if (this.exhausted) return false;
		return this.memoryUsed <= this.memoryLimit * 0.75 || (this.#diskUsable && this.diskUsed <= this.diskLimit * 0.75);
	}

	/** Where `bytes` more should go. */
	placeFor(bytes: number): 'memory' | 'disk' {
		if (this.memoryUsed + bytes <= this.memoryLimit) return 'memory';
		return this.#diskHasRoom(bytes) ? 'disk' : 'memory';
	}

	nextFileName(prefix: string): string {
		this.#fileCount += 1;
		return path.join(this.spillDir(), `${prefix}-${this.#fileCount}.out`);
	}

	get #diskUsable(): boolean {
		return this.diskLimit > 0 && this.diskFailed === undefined;
	}

	#diskHasRoom(bytes: number): boolean {
		return this.#diskUsable && this.diskUsed + bytes <= this.diskLimit;
	}
}

type MemorySegment = {kind: 'memory'; start: number; end: number; chunks: Buffer[]};
type FileSegment = {kind: 'file'; start: number; end: number; fd: number; file: string; open: boolean};
type Segment = MemorySegment | FileSegment;

export class TaskOutput {
	/** Offset of the first byte still kept: everything before it was acknowledged. */
	start = 0;
	/** Offset after the last byte produced. */
	end = 0;
	readonly #segments: Segment[] = [];

	constructor(
		readonly budget: OutputBudget,
		/** Names this task's spill files. */
		readonly label: string,
	) {}

	/** Bytes kept (produced and not acknowledged). */
	get kept(): number {
		return this.end - this.start;
	}

	/** Keeps `data` (which the caller must not change afterwards). */
	append(data: Buffer): void {
		if (data.length === 0) return;
		if (this.budget.placeFor(data.length) === 'disk' && this.#appendToFile(data)) return;
		let last = this.#segments.at(-1);
		if (last?.kind !== 'memory') {
			last = {kind: 'memory', start: this.end, end: this.end, chunks: []};
			this.#segments.push(last);
		}

		last.chunks.push(data);
		last.end += data.length;
		this.end += data.length;
		this.budget.memoryUsed += data.length;
	}

	/** Up to `max` bytes from `offset` (from one segment: a read never mixes memory and disk). */
	read(offset: number, max: number): Buffer {
		if (offset < this.start || offset > this.end) {
			throw new RangeError(`offset ${offset} is outside the kept output [${this.start}, ${this.end})`);
		}

		const segment = this.#segments.find((candidate) => offset >= candidate.start && offset < candidate.end);
		if (!segment || max <= 0) return Buffer.alloc(0);
		const length = Math.min(max, segment.end - offset);
		if (segment.kind === 'file') {
			const buffer = Buffer.allocUnsafe(length);
			let done = 0;
			while (done < length) {
				const count = readSync(segment.fd, buffer, done, length - done, offset - segment.start + done);
				if (count === 0) throw new Error(`spill file ${segment.file} is shorter than expected`);
				done += count;
			}

			return buffer;
		}

		const parts: Buffer[] = [];
		let position = segment.start;
		let wanted = length;
		for (const chunk of segment.chunks) {
			const chunkEnd = position + chunk.length;
			if (chunkEnd > offset) {
				const from = Math.max(0, offset - position);
				const part = chunk.subarray(from, Math.min(chunk.length, from + wanted));
				parts.push(part);
				wanted -= part.length;
				if (wanted === 0) break;
			}

			position = chunkEnd;
		}

		return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
	}

	/** The daemon has everything before `offset`: forget it. */
	ack(offset: number): void {
		const target = Math.min(offset, this.end);
		if (target <= this.start) return;
		while (this.#segments.length > 0) {
			const segment = this.#segments[0]!;
			if (segment.end <= target) {
				this.#drop(segment);
				this.#segments.shift();
				continue;
			}

			if (segment.kind === 'memory') {
				let cut = target - segment.start;
				while (cut > 0) {
					const chunk = segment.chunks[0]!;
					if (chunk.length <= cut) {
						segment.chunks.shift();
						cut -= chunk.length;
						this.budget.memoryUsed -= chunk.length;
					} else {
						segment.chunks[0] = chunk.subarray(cut);
						this.budget.memoryUsed -= cut;
						cut = 0;
					}
				}

				segment.start = Math.max(segment.start, target);
			}

			// A file's head cannot be freed; it goes as a whole once acknowledged.
			break;
		}

		this.start = target;
	}

	/** Frees everything (the run is released). */
	dispose(): void {
		for (const segment of this.#segments) this.#drop(segment);
		this.#segments.length = 0;
		this.start = this.end;
	}

	#appendToFile(data: Buffer): boolean {
		let last = this.#segments.at(-1);
		try {
			if (last?.kind !== 'file' || !last.open || last.end - last.start >= maxFileSegmentBytes) {
				if (last?.kind === 'file') last.open = false;
				const file = this.budget.nextFileName(this.label);
				const fd = openSync(file, 'w+', 0o600);
				last = {kind: 'file', start: this.end, end: this.end, fd, file, open: true};
				this.#segments.push(last);
			}

			const segment = last;
			let written = 0;
			while (written < data.length) {
				written += writeSync(segment.fd, data, written, data.length - written, segment.end - segment.start + written);
			}
		} catch (error) {
			// Disk full, or the directory went away: keep the bytes in memory instead.
			this.budget.diskFailed = error as Error;
			if (last?.kind === 'file') last.open = false;
			return false;
		}

		last.end += data.length;
		this.end += data.length;
		this.budget.diskUsed += data.length;
		return true;
	}

	#drop(segment: Segment): void {
		if (segment.kind === 'memory') {
			for (const chunk of segment.chunks) this.budget.memoryUsed -= chunk.length;
			segment.chunks.length = 0;
			return;
		}

		this.budget.diskUsed -= segment.end - segment.start;
		try {
			closeSync(segment.fd);
		} catch {}

		rmSync(segment.file, {force: true});
	}
}
