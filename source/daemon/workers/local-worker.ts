// The daemon's own slots: tasks run here through the shared runner.
import os from 'node:os';
import {startTask} from '../../runner/run-task.js';
import {localWorkerName} from '../../protocol/worker-messages.js';
import {version} from '../../version.js';
import type {RunHandle, StartRequest, Worker, WorkerDetails} from './worker.js';

export {localWorkerName} from '../../protocol/worker-messages.js';

export class LocalWorker implements Worker {
	readonly name = localWorkerName;
	readonly groups = undefined;
	readonly accepting = true;
	readonly reachable = true;
	readonly #since = Date.now();

	constructor(readonly slots: number) {}

	start(request: StartRequest): RunHandle {
		const running = startTask(request.spec, {
			onOutput: request.onOutput,
			onExit: (exit) => {
				void request.onExit(exit);
			},
		});
		return {
			pause: () => running.pause(),
			resume: () => running.resume(),
			signal: (signal) => running.signal(signal),
			kill: (signal, graceMs) => running.kill(signal, graceMs),
			write: (data) => running.write(data),
			pendingInput: () => running.pendingInput,
			resize: (cols, rows) => running.resize(cols, rows),
		};
	}

	details(): WorkerDetails {
		return {
			status: 'Connected',
			host: os.hostname(),
			platform: `${process.platform}-${process.arch}`,
			cpus: os.availableParallelism(),
			load: os.loadavg()[0] ?? 0,
			version,
			connectedAt: this.#since,
			lastHeard: null,
		};
	}
}
