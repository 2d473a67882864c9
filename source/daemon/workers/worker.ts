// Where tasks run. The daemon's own slots and every remote worker look the
// same to the queue: a name, slots, the groups served, and a way to start a
// task and steer it.
import type {RunExit, RunSpec} from '../../runner/types.js';

export type RunHandle = {
	pause(): void;
	resume(): void;
	signal(signal: NodeJS.Signals): void;
	kill(signal: NodeJS.Signals, graceMs: number): void;
	write(data: Buffer): void;
	resize(cols: number, rows: number): void;
};

export type StartRequest = {
	taskId: number;
	attempt: number;
	spec: RunSpec;
	onOutput: (data: Buffer) => void;
	onExit: (exit: RunExit) => void;
};

export type Worker = {
	readonly name: string;
	/** 0 = unlimited. */
	readonly slots: number;
	/** Groups served; undefined = all. */
	readonly groups: ReadonlySet<string> | undefined;
	/** Starts a task; throws SpawnError (message = why) when it cannot be started. */
	start(request: StartRequest): RunHandle;
};
