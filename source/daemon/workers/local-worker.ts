// The daemon's own slots: tasks run here through the shared runner.
import {startTask} from '../../runner/run-task.js';
import type {RunHandle, StartRequest, Worker} from './worker.js';

export const localWorkerName = 'local';

export class LocalWorker implements Worker {
	readonly name = localWorkerName;
	readonly groups = undefined;

	constructor(readonly slots: number) {}

	start(request: StartRequest): RunHandle {
		const running = startTask(request.spec, {onOutput: request.onOutput, onExit: request.onExit});
		return {
			pause: () => running.pause(),
			resume: () => running.resume(),
			signal: (signal) => running.signal(signal),
			kill: (signal, graceMs) => running.kill(signal, graceMs),
			write: (data) => running.write(data),
			resize: (cols, rows) => running.resize(cols, rows),
		};
	}
}
