// The tasks that run: one Running record per task the scheduler started,
// from its launch on a worker through its output to the recorded end, and
// the controls of a running task (kill, pause, resume, input).
//
// It exists apart from the queue so the queue keeps the state and its
// commits while this file keeps the processes: the data path reads
// handler -> transition -> commit (queue) -> scheduler -> runs -> worker ->
// runner -> output hub -> follower. Runs decides nothing about the queue's
// order; it changes the state only through its host's `apply`, the same
// never-refused commit the queue uses for changes the daemon makes itself.
//
// Handlers reach it as `queue.runs` rather than through delegating methods
// on Queue: a call then says whether it touches a record (queue.mutate) or
// a process (queue.runs.kill), and Queue does not repeat every control's
// signature.
import type {Config, Paths} from '../config.js';
import {SpawnError} from '../runner/spawn-error.js';
import type {RunExit} from '../runner/types.js';
import {applyAlias} from './aliases.js';
import {runCallback} from './callbacks.js';
import {LogFileError, LogWriter, logPath} from './logs/log-files.js';
import type {OutputHub} from './output-hub.js';
import type {Changes} from './state/changes.js';
import {type State, TransitionError, waitingIn} from './state/state.js';
import {lowestFreeSlot} from './state/scheduler.js';
import {type Ending, markDone, markPaused, markRequeued, markResumed, markStarted, pauseOnFailure} from './state/run-transitions.js';
import {type Env, type Task, isActive} from './state/types.js';
import {localWorkerName} from './workers/local-worker.js';
import type {RemoteWorkers} from './workers/remote-workers.js';
import type {RunHandle, StartRequest} from './workers/worker.js';
import type {WorkerPool} from './workers/pool.js';

export type Running = {
	taskId: number;
	attempt: number;
	worker: string;
	handle: RunHandle | undefined;
	log: LogWriter | undefined;
	/** Set once spool decided to kill it: its end is recorded as Killed. */
	killSignal: NodeJS.Signals | undefined;
	paused: boolean;
	ended: Promise<void>;
	resolveEnded: () => void;
};

/** What runs needs from the queue: the state to read, and a way to commit what happened. */
export type RunsHost = {
	readonly state: State;
	readonly workers: Pick<WorkerPool, 'get'>;
	readonly remote: RemoteWorkers;
	readonly output: OutputHub;
	readonly config: Config;
	readonly paths: Paths;
	log(line: string): void;
	getEnv(task: Task): Env;
	/** Commits a change the daemon makes by itself (never refused; see Queue). */
	apply<T>(change: (changes: Changes, now: number) => T): Promise<T>;
	/** A slot was taken or freed. */
	workersChanged(): void;
};

const fallbackPath = '/usr/local/bin:/usr/bin:/bin';

export class Runs {
	readonly #running = new Map<number, Running>();

	constructor(readonly host: RunsHost) {}

	/** Marks a task started on a worker and keeps its run; `launch` starts it once that is durable. */
	claim(task: Task, worker: string, now: number, changes: Changes): Running {
		markStarted(task, worker, now, changes, this.#freeSlot(task.group));
		const running = this.#newRunning(task.id, task.attempt, worker);
		this.#running.set(task.id, running);
		return running;
	}

	/** The lowest slot no run of `group` holds, on any worker: slots count per group, as `parallel` does. */
	#freeSlot(group: string): number {
		const {tasks} = this.host.state;
		const taken = [...this.#running.values()].map((running) => tasks.get(running.taskId)).filter((task) => task?.group === group);
		return lowestFreeSlot(taken.map((task) => task!.slot));
	}

	/** A remote task from before a restart: it keeps its run and waits for its worker. */
	adopt(task: Task): void {
		const worker = task.worker!;
		const running = this.#newRunning(task.id, task.attempt, worker);
		running.paused = task.status === 'Paused';
		this.#running.set(task.id, running);
		// Append: the log holds what the last daemon received; the worker replays the rest.
		let log: LogWriter | undefined;
		try {
			log = new LogWriter(logPath(this.host.paths.logs, task.id), {truncate: false});
		} catch (error) {
			this.host.log(`task ${task.id}: ${(error as Error).message}; its further output is not kept`);
		}

		running.log = log;
		running.handle = this.host.remote.adopt(worker, this.#startRequest(running, task, worker), log?.size ?? 0);
	}

	#newRunning(taskId: number, attempt: number, worker: string): Running {
		let resolveEnded = () => {};
		const ended = new Promise<void>((resolve) => {
			resolveEnded = resolve;
		});
		return {taskId, attempt, worker, handle: undefined, log: undefined, killSignal: undefined, paused: false, ended, resolveEnded};
	}

	/** Resolves when the task's current run has ended (immediately if it does not run). */
	async ended(id: number): Promise<void> {
		await this.#running.get(id)?.ended;
	}

	/** Tasks running (or starting) on each worker. */
	usedSlots(): Map<string, number> {
		const used = new Map<string, number>();
		for (const running of this.#running.values()) used.set(running.worker, (used.get(running.worker) ?? 0) + 1);
		return used;
	}

	#taskEnv(task: Task, worker: string): Record<string, string> {
		const env: Record<string, string> = {...this.host.getEnv(task)};
		env.PATH ??= fallbackPath;
		env.SPOOL_TASK_ID = String(task.id);
		env.SPOOL_GROUP = task.group;
		env.SPOOL_WORKER = worker;
		env.SPOOL_SLOT = String(task.slot ?? 0);
		return env;
	}

	/** Starts a claimed task on its worker; the queue calls it once the claim is on disk. */
	launch(running: Running): void {
		const task = this.host.state.tasks.get(running.taskId);
		const worker = this.host.workers.get(running.worker);
		// Ended while it waited to be recorded (killed, or the daemon stopping).
		if (this.#running.get(running.taskId) !== running) return;
		if (!task || task.attempt !== running.attempt || !worker) return;
		if (running.killSignal) {
			// Killed before it got going.
			void this.#finish(running, {result: 'Killed', signal: running.killSignal});
			return;
		}

		// Every failure from here to the task's end must still end it (FailedToSpawn
		// and its slot freed), or it would stay Running with nothing to kill.
		try {
			running.log = new LogWriter(logPath(this.host.paths.logs, task.id), {truncate: true});
			running.handle = worker.start(this.#startRequest(running, task, worker.name));
		} catch (error) {
			const message = error instanceof SpawnError || error instanceof LogFileError ? error.message : `cannot start: ${(error as Error).message}`;
			void this.#spawnFailed(running, message);
			return;
		}

		if (running.paused) running.handle.pause();
		this.host.workersChanged();
	}

	#startRequest(running: Running, task: Task, worker: string): StartRequest {
		const {config} = this.host;
		return {
			taskId: task.id,
			attempt: task.attempt,
			spec: {
				command: applyAlias(config.aliases, task.command),
				shell: config.daemon.shell,
				cwd: task.cwd,
				env: this.#taskEnv(task, worker),
				cols: task.cols,
				rows: task.rows,
				translateNewlines: config.daemon.pty_onlcr,
			},
			onOutput: (data) => {
				this.#output(running, data);
			},
			onExit: async (exit, killedBecause) => this.#finish(running, this.#ending(running, exit, killedBecause)),
			onSpawnFailed: async (message) => this.#spawnFailed(running, message),
			onLost: async (reason) => this.#finish(running, {result: 'WorkerLost', error: reason}),
			onNotStarted: async (reason) => this.#requeue(running, reason),
		};
	}

	/** Its worker never started it: back to the queue (or Killed, if a kill came meanwhile). */
	async #requeue(running: Running, reason: string): Promise<void> {
		if (running.killSignal) {
			await this.#finish(running, {result: 'Killed', error: `killed before it started (${reason})`});
			return;
		}

		if (this.#running.get(running.taskId) !== running) return;
		this.#running.delete(running.taskId);
		running.log?.close();
		this.host.workersChanged();
		const task = this.host.state.tasks.get(running.taskId);
		try {
			if (task && task.attempt === running.attempt && isActive(task)) {
				this.host.log(`task ${task.id} goes back to the queue: ${reason}`);
				await this.host.apply((changes) => {
					markRequeued(task, changes);
				});
			}
		} finally {
			running.resolveEnded();
		}
	}

	async #spawnFailed(running: Running, message: string): Promise<void> {
		this.#output(running, Buffer.from(`spool: ${message}\r\n`));
		await this.#finish(running, {result: 'FailedToSpawn', error: message});
	}

	#output(running: Running, data: Buffer): void {
		const log = running.log;
		if (!log) return;
		const offset = log.size;
		const hadError = log.error;
		log.append(data);
		if (log.error && !hadError) {
			this.host.log(`task ${running.taskId}: writing its log failed (${log.error.message}); its output is no longer kept`);
		}

		this.host.output.publish(running.taskId, offset, data);
	}

	#ending(running: Running, exit: RunExit, killedBecause?: string): Ending {
		if (running.killSignal) return {result: 'Killed', exitCode: exit.exitCode, signal: exit.signal};
		if (killedBecause && exit.exitCode !== 0) return {result: 'Killed', exitCode: exit.exitCode, signal: exit.signal, error: killedBecause};
		if (exit.exitCode === 0) return {result: 'Success', exitCode: 0};
		return {result: 'Failed', exitCode: exit.exitCode, signal: exit.signal};
	}

	async #finish(running: Running, ending: Ending): Promise<void> {
		if (this.#running.get(running.taskId) !== running) return;
		this.#running.delete(running.taskId);
		running.log?.close();
		this.host.workersChanged();
		const {state, config} = this.host;
		const task = state.tasks.get(running.taskId);
		try {
			if (task && task.attempt === running.attempt && isActive(task)) {
				// Counted with the end, before a scheduling turn can start the next task.
				const waiting = await this.host.apply((changes, now) => {
					markDone(task, ending, now, changes);
					pauseOnFailure(state, task, {all: config.daemon.pause_all_on_failure, group: config.daemon.pause_group_on_failure}, changes);
					return waitingIn(state, task.group);
				});
				runCallback(this.host, task, waiting);
			}
		} finally {
			running.resolveEnded();
		}
	}

	/** Stops a running task (SIGSTOP to its process group). Returns false if it does not run here. */
	pause(task: Task, changes: Changes): boolean {
		const running = this.#running.get(task.id);
		if (!running) return false;
		running.paused = true;
		running.handle?.pause();
		markPaused(task, changes);

		return true;
	}

	resume(task: Task, changes: Changes): boolean {
		const running = this.#running.get(task.id);
		if (!running) return false;
		running.paused = false;
		running.handle?.resume();
		markResumed(task, changes);

		return true;
	}

	kill(task: Task, signal: NodeJS.Signals = 'SIGTERM'): boolean {
		const running = this.#running.get(task.id);
		if (!running) return false;
		running.killSignal = signal;
		if (running.handle) running.handle.kill(signal, this.host.config.daemon.kill_grace_ms);
		// Claimed but not launched (its start is waiting to be recorded): it ends here.
		else void this.#finish(running, {result: 'Killed', signal, error: 'killed before it started'});
		return true;
	}

	/** Input written to a running task and not yet read by it (0 where unknown: remote workers). */
	pendingInput(task: Task): number {
		return this.#running.get(task.id)?.handle?.pendingInput?.() ?? 0;
	}

	sendInput(task: Task, data: Buffer): boolean {
		const running = this.#running.get(task.id);
		if (!running?.handle) return false;
		if (this.host.workers.get(running.worker)?.reachable === false) {
			throw new TransitionError('invalid_state', `task ${task.id} runs on worker ${running.worker}, which cannot be reached right now; try again once it is back`);
		}

		running.handle.write(data);
		return true;
	}

	/** Kills every running task (recorded as Killed) and waits for them to end. */
	async killAll(tasks?: readonly Task[]): Promise<void> {
		const targets = tasks ?? [...this.host.state.tasks.values()].filter((task) => isActive(task));
		for (const task of targets) this.kill(task);
		await Promise.all(targets.map(async (task) => this.ended(task.id)));
	}

	/**
	 * The daemon stops: every run is killed and its end recorded. Runs on a
	 * remote worker that cannot be reached, or does not report in time, end
	 * Interrupted (that worker kills the task when it comes back and finds it
	 * released).
	 */
	async stopAll(): Promise<void> {
		const {workers, config} = this.host;
		const abandoned: Array<Promise<void>> = [];
		for (const running of [...this.#running.values()]) {
			if (workers.get(running.worker)?.reachable === false) {
				abandoned.push(this.#finish(running, {result: 'Interrupted', error: `the daemon stopped while worker ${running.worker} could not be reached`}));
			}
		}

		const killed = this.killAll();
		// A remote worker gets the kill grace plus its timeout to report the ends.
		const {kill_grace_ms: graceMs, worker_timeout_ms: timeoutMs} = config.daemon;
		let timer: NodeJS.Timeout | undefined;
		const remoteDeadline = new Promise<void>((resolve) => {
			timer = setTimeout(resolve, graceMs + timeoutMs);
		});
		const hasRemote = [...this.#running.values()].some((running) => running.worker !== localWorkerName);
		await (hasRemote ? Promise.race([killed, remoteDeadline]) : killed);
		clearTimeout(timer);
		for (const running of [...this.#running.values()]) {
			if (running.worker !== localWorkerName) {
				abandoned.push(this.#finish(running, {result: 'Interrupted', error: `the daemon stopped and worker ${running.worker} did not report the task's end in time`}));
			}
		}

		await Promise.all([killed, ...abandoned]);
	}
}
