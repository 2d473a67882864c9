// Where tasks run. The daemon's own slots and every remote worker look the
// same to the queue: a name, slots, the groups served, and a way to start a
// task and steer it.
import type {RunExit, RunSpec} from '../../runner/types.js';
import type {WorkerEntry} from '../../protocol/model.js';

export type RunHandle = {
	pause(): void;
	resume(): void;
	signal(signal: NodeJS.Signals): void;
	kill(signal: NodeJS.Signals, graceMs: number): void;
	write(data: Buffer): void;
	/** Input written and not yet taken by the task, where known (local tasks). */
	pendingInput?(): number;
	resize(cols: number, rows: number): void;
};

export type StartRequest = {
	taskId: number;
	attempt: number;
	spec: RunSpec;
	onOutput: (data: Buffer) => void;
	/**
	 * The run ended; `killedBecause` is set when the worker itself killed it
	 * (a remote worker that stopped with --on-stop kill). The returned promise
	 * resolves once the end is committed.
	 */
	onExit: (exit: RunExit, killedBecause?: string) => void | Promise<void>;
	/** A remote worker could not start it (a local start throws SpawnError instead). */
	onSpawnFailed: (message: string) => void | Promise<void>;
	/** Its remote worker was lost and did not come back in time: the run ends WorkerLost. */
	onLost: (reason: string) => void | Promise<void>;
	/** A remote worker never started it (it refused it, or never got it): it may run elsewhere. */
	onNotStarted: (reason: string) => void | Promise<void>;
};

export type {WorkerStatus} from '../../protocol/model.js';

/**
 * What `spool workers` and the UI show about a worker besides its name, slots
 * and groups: load is the one-minute average as last reported, connectedAt
 * when its current (or last) connection registered, lastHeard when it last
 * sent anything (null for the daemon's own slots).
 */
export type WorkerDetails = Omit<WorkerEntry, 'name' | 'slots' | 'used' | 'groups'>;

export type Worker = {
	readonly name: string;
	/** 0 = unlimited. */
	readonly slots: number;
	/** Groups served; undefined = all. */
	readonly groups: ReadonlySet<string> | undefined;
	/** False while it must not be given new tasks (lost, reconnecting, leaving). */
	readonly accepting: boolean;
	/** False while its running tasks cannot be reached (a remote worker that is away). */
	readonly reachable: boolean;
	/** Starts a task; throws SpawnError (message = why) when it cannot be started. */
	start(request: StartRequest): RunHandle;
	details(): WorkerDetails;
};
