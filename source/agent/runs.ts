// The runs: each task the daemon gave this worker, started with the same
// runner the daemon uses for its own slots and kept until the daemon
// releases it, so that its output and its end outlive a lost connection. The
// daemon steers a run (signal, kill, input, resize) by task and attempt; a
// run it lets go of is killed if it still runs, and forgotten once it ended.
import type {DaemonMessage, Register, Registered, RunMessage, WorkerToDaemon} from '../protocol/worker-messages.js';
import {signalGroup} from '../runner/process-group.js';
import {startTask} from '../runner/run-task.js';
import {SpawnError} from '../runner/spawn-error.js';
import type {RunExit} from '../runner/types.js';
import type {OutputPump} from './output-pump.js';
import {hasEnded, runKey, type WorkerRun} from './run.js';

/** What the daemon may tell a run to do (its Ack goes to the output pump instead). */
export type RunOrder = Extract<DaemonMessage, {type: 'Release' | 'Signal' | 'Kill' | 'Input' | 'Resize'}>;

export type RunsOptions = {
	pump: OutputPump;
	/** On the current connection, if any. */
	send: (message: WorkerToDaemon) => void;
	/** A run ended or was forgotten: a stopping worker may be done. */
	settled: () => void;
};

export class Runs {
	readonly #options: RunsOptions;
	readonly #runs = new Map<string, WorkerRun>();
	/** Grace between SIGTERM and SIGKILL for the kills the worker decides itself; the daemon sets it. */
	#killGraceMs = 5000;

	constructor(options: RunsOptions) {
		this.#options = options;
	}

	get size(): number {
		return this.#runs.size;
	}

	/** Live, oldest first: what is added or removed while iterating is seen. */
	values(): IterableIterator<WorkerRun> {
		return this.#runs.values();
	}

	get(task: number, attempt: number): WorkerRun | undefined {
		return this.#runs.get(runKey(task, attempt));
	}

	/** What Register lists: every run the daemon has not released. */
	registerList(): Register['running'] {
		return [...this.#runs.values()].filter((run) => !run.released).map((run) => ({task: run.task, attempt: run.attempt, produced: run.output.end}));
	}

	/** How many still run (have no end yet). */
	active(): number {
		return [...this.#runs.values()].filter((run) => !hasEnded(run)).length;
	}

	allEnded(): boolean {
		return [...this.#runs.values()].every((run) => hasEnded(run));
	}

	tasks(): number[] {
		return [...this.#runs.values()].map((run) => run.task);
	}

	/**
	 * The daemon answered Register: the runs it lists are re-attached (their
	 * output replays from the offset it holds), every other run is released.
	 */
	reattach(registered: Registered): {attached: number; released: number} {
		this.#killGraceMs = registered.killGraceMs;
		const attached = new Map(registered.attached.map((entry) => [runKey(entry.task, entry.attempt), entry.offset]));
		let released = 0;
		for (const run of [...this.#runs.values()]) {
			const offset = attached.get(run.key);
			if (offset === undefined) {
				if (!run.released) released += 1;
				this.#release(run);
				continue;
			}

			this.#options.pump.replayFrom(run, offset);
		}

		return {attached: attached.size, released};
	}

	/** Starts the run the daemon sent, once: a Run seen before is ignored. */
	start(message: RunMessage): void {
		const key = runKey(message.task, message.attempt);
		if (this.#runs.has(key)) return;
		const {pump, send} = this.#options;
		const run: WorkerRun = {
			task: message.task,
			attempt: message.attempt,
			key,
			handle: undefined,
			output: pump.newOutput(message.task, message.attempt),
			sent: 0,
			exit: undefined,
			spawnError: undefined,
			finalSent: false,
			released: false,
			outputPaused: false,
		};
		this.#runs.set(key, run);
		try {
			run.handle = startTask(
				{
					command: message.command,
					shell: message.shell,
					cwd: message.cwd,
					env: message.env,
					cols: message.cols,
					rows: message.rows,
					translateNewlines: message.translateNewlines,
				},
				{
					onOutput: (data) => {
						pump.append(run, data);
					},
					onExit: (exit) => {
						this.#exited(run, exit);
					},
				},
			);
			send({type: 'Started', task: run.task, attempt: run.attempt, pid: run.handle.pid});
		} catch (error) {
			run.spawnError = error instanceof SpawnError ? error.message : `cannot start: ${(error as Error).message}`;
		}

		pump.schedule(true);
	}

	/** Carries out what the daemon told `run`; throws on what this platform cannot do (e.g. an unknown signal). */
	steer(run: WorkerRun, order: RunOrder): void {
		switch (order.type) {
			case 'Release': {
				this.#release(run);
				break;
			}

			case 'Signal': {
				run.handle?.signal(order.signal as NodeJS.Signals);
				break;
			}

			case 'Kill': {
				run.handle?.kill(order.signal as NodeJS.Signals, order.graceMs);
				break;
			}

			case 'Input': {
				run.handle?.write(Buffer.from(order.data));
				break;
			}

			case 'Resize': {
				try {
					run.handle?.resize(order.cols, order.rows);
				} catch {}

				break;
			}
		}
	}

	/** The worker stops with --on-stop kill (or a second signal): what still runs gets SIGTERM, then SIGKILL. */
	killActive(): void {
		for (const run of this.#runs.values()) if (!hasEnded(run)) run.handle?.kill('SIGTERM', this.#killGraceMs);
	}

	/** The worker exits now: what still runs is killed at once, and no output is kept. */
	killAll(): void {
		for (const run of this.#runs.values()) {
			if (run.handle && !hasEnded(run)) signalGroup(run.handle.pid, 'SIGKILL');
			run.output.dispose();
		}
	}

	#exited(run: WorkerRun, exit: RunExit): void {
		run.exit = exit;
		if (run.released) this.#forget(run);
		else this.#options.pump.schedule(true);
		this.#options.settled();
	}

	#release(run: WorkerRun): void {
		if (!run.released) {
			run.released = true;
			// Its bytes are dropped; a paused pty drains to its end.
			this.#options.pump.drop(run);
		}

		if (hasEnded(run)) {
			this.#forget(run);
			return;
		}

		run.handle?.kill('SIGTERM', this.#killGraceMs);
	}

	#forget(run: WorkerRun): void {
		run.output.dispose();
		this.#runs.delete(run.key);
		this.#options.pump.relieve();
		this.#options.settled();
	}
}
