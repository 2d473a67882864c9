// The output pump: what the runs print goes into their bounded buffers
// (output-buffer.ts) and from there to the daemon, in order, in batches, and
// only as fast as the socket takes it, so a slow link slows the sending, not
// the worker's memory. Only what the daemon acknowledged leaves a buffer:
// after a reconnect the pump replays from the offset the daemon says it
// holds, and a blip loses nothing. When the buffers are full the ptys are no
// longer read until acknowledgements free room. A run's end (Exited or
// SpawnFailed) goes out only after its last byte.
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Connection} from '../protocol/connection.js';
import {outputBatchBytes, sendToDaemon} from '../protocol/worker-messages.js';
import {OutputBudget, TaskOutput} from './output-buffer.js';
import type {WorkerRun} from './run.js';

/** Stop sending while this much is queued in the socket; 'drain' restarts the pump. */
const socketHighWater = 1024 * 1024;
/** Output is gathered this long before it is sent: fewer, larger messages, little delay. */
const batchMs = 3;

export type PumpOptions = {
	/** Output kept in memory for the daemon, across all runs. */
	bufferBytes: number;
	/** Then in spill files, up to this much. */
	spillBytes: number;
	/** Where the spill directory is made (null: the system's temporary directory). */
	spillDir: string | null;
	/** Every run the worker has, oldest first: the pump serves them in turn. */
	runs: () => Iterable<WorkerRun>;
	/** The connection to send on, once the daemon answered Register; undefined before. */
	connection: () => Connection | undefined;
	log: (line: string) => void;
};

export class OutputPump {
	readonly #options: PumpOptions;
	readonly #budget: OutputBudget;
	#spillDir: string | undefined;
	#spilling = false;
	#timer: NodeJS.Timeout | undefined;
	#waitingForDrain = false;

	constructor(options: PumpOptions) {
		this.#options = options;
		this.#budget = new OutputBudget(options.bufferBytes, options.spillBytes, () => this.#ensureSpillDir());
	}

	/** An empty output stream for a new run, drawing on the budget all runs share. */
	newOutput(task: number, attempt: number): TaskOutput {
		return new TaskOutput(this.#budget, `${task}-${attempt}`);
	}

	/** The run printed `data`: keep it until the daemon has it. */
	append(run: WorkerRun, data: Buffer): void {
		if (run.released) return;
		run.output.append(data);
		if (this.#budget.diskUsed > 0 && !this.#spilling) {
			this.#spilling = true;
			this.#options.log(`more than ${this.#budget.memoryLimit} bytes of output wait for the daemon: spilling to ${this.#ensureSpillDir()}`);
		}
		if (this.#budget.exhausted && !run.outputPaused && run.handle) {
			run.outputPaused = true;
			run.handle.pauseOutput();
			this.#options.log(`output buffers full (${this.#budget.memoryUsed} bytes in memory, ${this.#budget.diskUsed} on disk): pausing task ${run.task}'s output until the daemon catches up`);
		}

		this.schedule(false);
	}

	/** The daemon wrote the run's output up to `offset` to its log: that part may go. */
	acknowledged(run: WorkerRun, offset: number): void {
		run.output.ack(offset);
		this.relieve();
	}

	/** Re-attached on a new connection: the daemon holds `offset` bytes, so replay from there, the end too. */
	replayFrom(run: WorkerRun, offset: number): void {
		run.output.ack(offset);
		run.sent = Math.min(Math.max(offset, run.output.start), run.output.end);
		run.finalSent = false;
	}

	/** The connection went: a run's end that went out on it may not have arrived. */
	disconnected(): void {
		this.#waitingForDrain = false;
		for (const run of this.#options.runs()) run.finalSent = false;
	}

	/** The daemon let go of the run: its bytes are dropped, and a paused pty is read again to its end. */
	drop(run: WorkerRun): void {
		run.output.dispose();
		if (run.outputPaused) {
			run.outputPaused = false;
			run.handle?.resumeOutput();
		}
	}

	/** Frees room: paused outputs flow again. */
	relieve(): void {
		if (this.#budget.diskUsed === 0) this.#spilling = false;
		if (!this.#budget.relieved) return;
		for (const run of this.#options.runs()) {
			if (run.outputPaused) {
				run.outputPaused = false;
				run.handle?.resumeOutput();
			}
		}
	}

	/** Sends soon: `now` on the next turn (a start, an end, a new connection), else after gathering output for `batchMs`. */
	schedule(now: boolean): void {
		if (now) {
			clearTimeout(this.#timer);
			this.#timer = setTimeout(() => {
				this.#pump();
			}, 0);
			return;
		}

		this.#timer ??= setTimeout(() => {
			this.#pump();
		}, batchMs);
	}

	/** The worker exits: nothing more is sent, and the spill files go. */
	shutdown(): void {
		clearTimeout(this.#timer);
		if (this.#spillDir) rmSync(this.#spillDir, {recursive: true, force: true});
	}

	/** Sends what each run has not sent yet, a batch per run in turn, while the socket takes it. */
	#pump(): void {
		this.#timer = undefined;
		const connection = this.#options.connection();
		if (!connection || this.#waitingForDrain) return;
		let progress = true;
		while (progress) {
			progress = false;
			for (const run of this.#options.runs()) {
				if (connection.closed) return;
				if (connection.socket.writableLength > socketHighWater) {
					this.#waitingForDrain = true;
					void connection.drained().then(() => {
						this.#waitingForDrain = false;
						this.schedule(true);
					});
					return;
				}

				if (run.released) continue;
				if (run.sent < run.output.end) {
					const data = run.output.read(run.sent, outputBatchBytes);
					sendToDaemon(connection, {type: 'Output', task: run.task, attempt: run.attempt, offset: run.sent, data});
					run.sent += data.length;
					progress = true;
				} else if (!run.finalSent && run.spawnError !== undefined) {
					sendToDaemon(connection, {type: 'SpawnFailed', task: run.task, attempt: run.attempt, message: run.spawnError});
					run.finalSent = true;
				} else if (!run.finalSent && run.exit) {
					// Only after every byte: the daemon checks `size` against what it has.
					sendToDaemon(connection, {
						type: 'Exited',
						task: run.task,
						attempt: run.attempt,
						exitCode: run.exit.exitCode,
						signal: run.exit.signal,
						size: run.output.end,
					});
					run.finalSent = true;
				}
			}
		}
	}

	#ensureSpillDir(): string {
		this.#spillDir ??= mkdtempSync(path.join(this.#options.spillDir ?? os.tmpdir(), 'spool-worker-'));
		return this.#spillDir;
	}
}
