// One task run on this worker. The runs (runs.ts) own its process and its
// end; the output pump (output-pump.ts) owns the way its bytes travel to the
// daemon. Both work on this one record, so a run is one entry in one map and
// is never half forgotten by one side.
import type {RunExit, RunningTask} from '../runner/types.js';
import type {TaskOutput} from './output-buffer.js';

export type WorkerRun = {
	task: number;
	attempt: number;
	key: string;
	handle: RunningTask | undefined;
	output: TaskOutput;
	/** Output up to here went out on the current connection. */
	sent: number;
	exit: RunExit | undefined;
	spawnError: string | undefined;
	/** Exited or SpawnFailed went out on the current connection. */
	finalSent: boolean;
	/** The daemon let go of it: killed if it still runs, forgotten once it ended. */
	released: boolean;
	outputPaused: boolean;
};

/** A run is named by task AND attempt: a message about another attempt is about a run that is gone. */
export const runKey = (task: number, attempt: number) => `${task}:${attempt}`;

/** It exited, or it never started: either way it has an end to report. */
export function hasEnded(run: WorkerRun): boolean {
	return run.exit !== undefined || run.spawnError !== undefined;
}
