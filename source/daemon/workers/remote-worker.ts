// A worker on another machine, as the daemon sees it. It outlives its
// connections: when one drops, the worker's runs wait `graceMs` for the same
// worker to register again and re-attach them (replaying the output the
// daemon lacks); otherwise each run ends WorkerLost. A run is never started a
// second time behind the user's back.
//
// Every message about a run names its task AND attempt; one whose attempt is
// not the current run's is from an older run and is ignored.
//
// One file because a worker's link, its runs and their grace timers change
// together on every reconnect: split apart, each half would need the other's
// state to decide whether a message is stale.
import type {AboutRun, DaemonToWorker, Register, Registered} from '../../protocol/worker-messages.js';
import {outputBatchBytes} from '../../protocol/worker-messages.js';
import {SpawnError} from '../../runner/spawn-error.js';
import type {RunHandle, StartRequest, Worker, WorkerDetails, WorkerStatus} from './worker.js';
import {oncePerTurn} from '../once-per-turn.js';

/** The current connection of a worker, as its session lends it. */
export type WorkerLink = {
	send(message: DaemonToWorker): void;
	/** Sends Error {code, message} and closes the connection. */
	close(code: string, message: string): void;
};

export type RemoteWorkerSettings = {
	pingMs: number;
	timeoutMs: number;
	graceMs: number;
	killGraceMs: number;
	log: (line: string) => void;
	/** Something `spool workers` shows has changed. */
	changed: () => void;
	/** It may take tasks now: run the scheduler. */
	schedule: () => void;
	/** It left and runs nothing: drop it from the list. */
	forget: (worker: RemoteWorker) => void;
};

type RemoteRun = {
	request: StartRequest;
	/** Bytes of its output the daemon has (and wrote to the task's log). */
	received: number;
	/** The Run message went out on some connection of this worker. */
	sent: boolean;
	pid: number | null;
	paused: boolean;
	/** Pause or resume asked while the worker was away; sent again on re-attach. */
	controlPending: boolean;
	kill: {signal: NodeJS.Signals; graceMs: number} | undefined;
	/** Exited or SpawnFailed arrived; the end is being recorded. */
	ending: boolean;
};

type RunRef = {task: number; attempt: number};

export class RemoteWorker implements Worker {
	slots = 1;
	groups: ReadonlySet<string> = new Set();
	status: WorkerStatus = 'Reconnecting';
	host: string | null = null;
	platform: string | null = null;
	cpus: number | null = null;
	load: number | null = null;
	version: string | null = null;
	/** Random per worker process; unknown for a worker only known from before a daemon restart. */
	instance: string | undefined;
	connectedAt: number | null = null;
	lastHeard: number | null = null;
	#link: WorkerLink | undefined;
	readonly #runs = new Map<number, RemoteRun>();
	#graceTimer: NodeJS.Timeout | undefined;
	#leaving: {finish: boolean} | undefined;
	readonly #acks = new Set<RemoteRun>();
	#closed = false;

	constructor(
		readonly name: string,
		readonly settings: RemoteWorkerSettings,
	) {}

	get accepting(): boolean {
		return this.status === 'Connected' && this.#link !== undefined && !this.#closed;
	}

	get reachable(): boolean {
		return this.#link !== undefined;
	}

	details(): WorkerDetails {
		return {
			status: this.status,
			host: this.host,
			platform: this.platform,
			cpus: this.cpus,
			load: this.load,
			version: this.version,
			connectedAt: this.connectedAt,
			lastHeard: this.lastHeard,
		};
	}

	/**
	 * Whether a connection registering under this name may take the worker
	 * over: when it has no connection, or when the registering process is the
	 * one that holds the current connection (it reconnected before the daemon
	 * noticed that the old connection died).
	 */
	canTakeOver(instance: string): boolean {
		return this.#link === undefined || this.instance === instance;
	}

	/**
	 * A connection registered under this name. Its `running` list is matched
	 * against the runs the daemon has here: the ones on both sides are
	 * re-attached (the worker then replays the output from `offset`), the
	 * daemon's others are lost, the worker's others released (it kills them).
	 */
	attach(link: WorkerLink, register: Register, now: number): Registered {
		const previous = this.#link;
		// Set first: the old connection's close must find itself replaced.
		this.#link = link;
		previous?.close('conflict', 'this worker registered again on a new connection');
		clearTimeout(this.#graceTimer);
		this.#graceTimer = undefined;
		// An unknown instance: runs adopted after a daemon restart, from whichever process has them.
		const sameProcess = this.instance === undefined || this.instance === register.instance;
		this.slots = register.slots;
		this.groups = new Set(register.groups);
		this.host = register.hostname;
		this.platform = register.platform;
		this.cpus = register.cpus;
		this.load = register.load;
		this.version = register.version;
		this.connectedAt = now;
		this.lastHeard = now;
		this.status = 'Connected';
		this.#leaving = undefined;

		const listed = new Map(register.running.map((entry) => [entry.task, entry.attempt]));
		const attached: Registered['attached'] = [];
		const unsent: RemoteRun[] = [];
		const reattached: RemoteRun[] = [];
		for (const [task, run] of this.#runs) {
			const attempt = run.request.attempt;
			if (sameProcess && listed.get(task) === attempt) {
				attached.push({task, attempt, offset: run.received});
				reattached.push(run);
			} else if (!run.sent) {
				// It never saw this run, so it never ran it: send it now.
				unsent.push(run);
			} else if (this.instance === register.instance && run.pid === null) {
				// The same process keeps every run it started until released: the Run never reached it.
				this.#runs.delete(task);
				void run.request.onNotStarted(`the Run message never reached worker ${this.name}`);
			} else {
				this.#runs.delete(task);
				const why = sameProcess ? 'it no longer had the task when it reconnected' : 'it came back as a new process (it restarted), without the task';
				this.settings.log(`worker ${this.name}: task ${task} (attempt ${attempt}) is lost: ${why}`);
				void run.request.onLost(`worker ${this.name} was lost: ${why}`);
			}
		}

		this.instance = register.instance;
		const registered: Registered = {
			type: 'Registered',
			name: this.name,
			pingMs: this.settings.pingMs,
			timeoutMs: this.settings.timeoutMs,
			killGraceMs: this.settings.killGraceMs,
			attached,
		};
		link.send(registered);
		for (const run of reattached) {
			if (run.kill) this.#send(run, {type: 'Kill', signal: run.kill.signal, graceMs: run.kill.graceMs});
			else if (run.controlPending) this.#send(run, {type: 'Signal', signal: run.paused ? 'SIGSTOP' : 'SIGCONT'});
			run.controlPending = false;
		}

		for (const run of unsent) this.#sendRun(run);
		this.settings.changed();
		this.settings.schedule();
		return registered;
	}

	/** Its connection `link` is gone (closed, or silent past the timeout). */
	detach(link: WorkerLink, reason: string): void {
		if (link !== this.#link) return;
		this.#link = undefined;
		this.#acks.clear();
		if (this.#closed) return;
		if (this.#runs.size === 0) {
			if (this.#leaving) {
				this.settings.log(`worker ${this.name} left`);
				this.settings.forget(this);
			} else {
				this.status = 'Lost';
				this.settings.log(`worker ${this.name} lost: ${reason}`);
			}

			this.settings.changed();
			return;
		}

		this.status = 'Reconnecting';
		this.settings.log(`worker ${this.name} lost: ${reason}; its ${this.#runs.size} task(s) wait up to ${this.settings.graceMs} ms for it to come back`);
		this.#armGrace(reason);
		this.settings.changed();
	}

	/**
	 * A run the database shows on this worker from before a daemon restart:
	 * it waits for the worker to register and re-attach it, like after a lost
	 * connection.
	 */
	adopt(request: StartRequest, received: number): RunHandle {
		const run: RemoteRun = {...this.#newRun(request), received, sent: true};
		this.#runs.set(request.taskId, run);
		if (!this.#link) this.#armGrace('the daemon restarted');
		return this.#handle(run);
	}

	start(request: StartRequest): RunHandle {
		if (this.#closed) throw new SpawnError(`worker ${this.name} is not available: the daemon is stopping`);
		const run = this.#newRun(request);
		this.#runs.set(request.taskId, run);
		if (this.#link) this.#sendRun(run);
		// It went away between the scheduler's choice and now: the run waits like the others.
		else if (this.#graceTimer === undefined) this.#armGrace('its connection closed before the task was sent');
		this.settings.changed();
		return this.#handle(run);
	}

	/** The daemon stops: no more timers. */
	shutdown(): void {
		this.#closed = true;
		clearTimeout(this.#graceTimer);
		this.#graceTimer = undefined;
	}

	// ----- messages from the worker (the session has validated them)

	heard(now: number): void {
		this.lastHeard = now;
	}

	started(message: RunRef & {pid: number}): void {
		const run = this.#current(message);
		if (run) run.pid = message.pid;
	}

	output(message: RunRef & {offset: number; data: Uint8Array}): void {
		const run = this.#current(message);
		if (!run || run.ending) return;
		if (message.offset > run.received) {
			// Only if the daemon lost bytes it had acknowledged (a log write
			// failed before a restart): the worker no longer has them. Refusing
			// would loop over reconnects forever; record the hole and go on.
			this.settings.log(`worker ${this.name}: task ${message.task}: ${message.offset - run.received} byte(s) of output from offset ${run.received} never arrived; its log lacks them`);
			run.received = message.offset;
		}

		// A replay may overlap what the daemon already has: keep only the new bytes.
		const skip = run.received - message.offset;
		if (skip < message.data.length) {
			const data = Buffer.from(message.data.buffer, message.data.byteOffset + skip, message.data.length - skip);
			run.received += data.length;
			run.request.onOutput(data);
		}

		this.#queueAck(run);
	}

	async exited(message: RunRef & {exitCode: number | null; signal: string | null; size: number}): Promise<void> {
		const run = this.#current(message);
		if (!run || run.ending) return;
		if (message.size !== run.received) {
			this.settings.log(`worker ${this.name}: task ${message.task} printed ${message.size} byte(s), the daemon received ${run.received}; its log is incomplete`);
		}

		run.ending = true;
		const killedBecause = this.#leaving && !this.#leaving.finish ? `worker ${this.name} stopped and killed it (--on-stop kill)` : undefined;
		await run.request.onExit({exitCode: message.exitCode, signal: message.signal}, killedBecause);
		this.#release(run);
	}

	async spawnFailed(message: RunRef & {message: string}): Promise<void> {
		const run = this.#current(message);
		if (!run || run.ending) return;
		run.ending = true;
		await run.request.onSpawnFailed(`on worker ${this.name}: ${message.message}`);
		this.#release(run);
	}

	async refused(message: RunRef & {message: string}): Promise<void> {
		const run = this.#current(message);
		if (!run || run.ending) return;
		// It keeps nothing of a refused run: no Release.
		this.#runs.delete(message.task);
		this.settings.changed();
		await run.request.onNotStarted(`worker ${this.name} did not start it: ${message.message}`);
	}

	leaving(finish: boolean): void {
		this.#leaving = {finish};
		this.status = 'Leaving';
		this.settings.log(`worker ${this.name} is stopping; it ${finish ? 'lets its tasks finish' : 'kills its tasks'}`);
		// Nothing more is scheduled here; every Run sent before is ahead of this in the stream.
		this.#link?.send({type: 'Goodbye'});
		this.settings.changed();
	}

	reportLoad(load: number): void {
		this.load = load;
		this.settings.changed();
	}

	// ----- internals

	#newRun(request: StartRequest): RemoteRun {
		return {request, received: 0, sent: false, pid: null, paused: false, controlPending: false, kill: undefined, ending: false};
	}

	#current(ref: RunRef): RemoteRun | undefined {
		const run = this.#runs.get(ref.task);
		return run && run.request.attempt === ref.attempt ? run : undefined;
	}

	#armGrace(reason: string): void {
		clearTimeout(this.#graceTimer);
		this.#graceTimer = setTimeout(() => {
			this.#graceTimer = undefined;
			this.#expire(reason);
		}, this.settings.graceMs);
	}

	/** The grace period passed without the worker: its runs end WorkerLost. */
	#expire(reason: string): void {
		if (this.#link || this.#closed) return;
		const runs = [...this.#runs.values()];
		this.#runs.clear();
		this.status = 'Lost';
		this.settings.log(`worker ${this.name} did not come back within ${this.settings.graceMs} ms: ${runs.length} task(s) end WorkerLost`);
		for (const run of runs) {
			const what = run.sent ? '' : ' before the task could be sent to it';
			void run.request.onLost(`worker ${this.name} was lost (${reason})${what} and did not come back within ${this.settings.graceMs} ms`);
		}

		if (this.#leaving) this.settings.forget(this);
		this.settings.changed();
	}

	#sendRun(run: RemoteRun): void {
		const {request} = run;
		const {spec} = request;
		this.#link?.send({
			type: 'Run',
			task: request.taskId,
			attempt: request.attempt,
			command: spec.command,
			cwd: spec.cwd,
			env: spec.env,
			shell: spec.shell,
			cols: spec.cols,
			rows: spec.rows,
			translateNewlines: spec.translateNewlines ?? true,
		});
		run.sent = true;
	}

	/** Sends a message about a run on the current connection; false when there is none. */
	#send(run: RemoteRun, message: AboutRun<DaemonToWorker>): boolean {
		const link = this.#link;
		if (!link || !run.sent || this.#runs.get(run.request.taskId) !== run) return false;
		link.send({...message, task: run.request.taskId, attempt: run.request.attempt});
		return true;
	}

	#setPaused(run: RemoteRun, paused: boolean): void {
		run.paused = paused;
		if (!this.#send(run, {type: 'Signal', signal: paused ? 'SIGSTOP' : 'SIGCONT'})) run.controlPending = true;
	}

	#handle(run: RemoteRun): RunHandle {
		return {
			pause: () => {
				this.#setPaused(run, true);
			},
			resume: () => {
				this.#setPaused(run, false);
			},
			signal: (signal) => {
				if (signal === 'SIGSTOP' || signal === 'SIGCONT') this.#setPaused(run, signal === 'SIGSTOP');
				else this.#send(run, {type: 'Signal', signal});
			},
			kill: (signal, graceMs) => {
				// Remembered: a worker that comes back gets the kill on re-attach.
				run.kill = {signal, graceMs};
				this.#send(run, {type: 'Kill', signal, graceMs});
			},
			write: (data) => {
				for (let start = 0; start < data.length; start += outputBatchBytes) {
					this.#send(run, {type: 'Input', data: data.subarray(start, start + outputBatchBytes)});
				}
			},
			resize: (cols, rows) => {
				this.#send(run, {type: 'Resize', cols, rows});
			},
		};
	}

	/** Acks go out once per event-loop turn per run: the latest offset says it all. */
	#queueAck(run: RemoteRun): void {
		this.#acks.add(run);
		this.#sendAcks();
	}

	readonly #sendAcks = oncePerTurn(() => {
		const runs = [...this.#acks];
		this.#acks.clear();
		for (const queued of runs) this.#send(queued, {type: 'Ack', offset: queued.received});
	});

	#release(run: RemoteRun): void {
		const task = run.request.taskId;
		if (this.#runs.get(task) !== run) return;
		this.#send(run, {type: 'Release'});
		this.#runs.delete(task);
		this.settings.changed();
	}
}
