// A task's working directory is checked when it is given (Add, AddMany,
// Edit, Restart), not only when the task starts: a typo in `-w` is refused
// at once instead of ending the task FailedToSpawn an hour later. It is
// checked on the daemon's machine, where any task may run while the daemon
// runs tasks itself. A coordinator (daemon.local_tasks false) checks
// nothing: its tasks run on remote workers, whose directories may differ.
// The runner checks again at the start, on whichever machine that is.
import os from 'node:os';
import type {Config} from '../config.js';
import {cwdProblem} from '../runner/spawn-check.js';
import {TransitionError} from './state/state.js';

/** Throws `bad_cwd` when a task of this daemon could not start in `cwd`. */
export function refuseUnusableCwd(config: Config, cwd: string | undefined): void {
	if (cwd === undefined || !config.daemon.local_tasks) return;
	const found = cwdProblem(cwd);
	if (!found) return;
	const fix = found.problem === 'does not exist' ? 'create it or give another' : found.fix;
	throw new TransitionError(
		'bad_cwd',
		`working directory ${cwd} ${found.problem} on the daemon's machine (${os.hostname()}): ${fix}; only a daemon that runs no tasks itself (daemon.local_tasks false) leaves this to its remote workers, whose directories may differ`,
	);
}
