// The remote workers the daemon knows, by name, in the worker pool beside
// the local one. A name stands for one worker process at a time: a
// second process registering under a name whose worker is connected is
// refused, while the same process coming back (its `instance`) takes its
// place and re-attaches its runs.
import {checkWorkerName, type Register} from '../../protocol/worker-messages.js';
import {RemoteWorker, type RemoteWorkerSettings, type WorkerLink} from './remote-worker.js';
import type {WorkerPool} from './pool.js';
import type {RunHandle, StartRequest} from './worker.js';

export class RegisterError extends Error {
	constructor(
		readonly code: 'conflict' | 'bad_request',
		message: string,
	) {
		super(message);
		this.name = 'RegisterError';
	}
}

export type RemoteWorkersSettings = Omit<RemoteWorkerSettings, 'forget'>;

export class RemoteWorkers {
	constructor(
		readonly workers: WorkerPool,
		readonly settings: RemoteWorkersSettings,
	) {}

	all(): RemoteWorker[] {
		return [...this.workers.values()].filter((worker): worker is RemoteWorker => worker instanceof RemoteWorker);
	}

	register(name: string, link: WorkerLink, register: Register, now: number): RemoteWorker {
		const problem = checkWorkerName(name);
		if (problem) throw new RegisterError('bad_request', problem);
		const existing = this.workers.get(name);
		if (existing && !(existing instanceof RemoteWorker)) throw new RegisterError('conflict', `the name ${JSON.stringify(name)} is taken`);
		if (existing && !existing.canTakeOver(register.instance)) {
			const since = existing.connectedAt === null ? '' : ` since ${new Date(existing.connectedAt).toISOString()}`;
			throw new RegisterError('conflict', `a worker named ${JSON.stringify(name)} is already connected (from ${existing.host ?? 'an unknown host'}${since}); stop it, or give this one another --name`);
		}

		const worker = existing ?? this.#create(name);
		worker.attach(link, register, now);
		return worker;
	}

	/** A run from before a daemon restart, waiting for its worker to come back. */
	adopt(name: string, request: StartRequest, received: number): RunHandle {
		const known = this.workers.get(name);
		const worker = known instanceof RemoteWorker ? known : this.#create(name);
		return worker.adopt(request, received);
	}

	shutdown(): void {
		for (const worker of this.all()) worker.shutdown();
	}

	#create(name: string): RemoteWorker {
		const worker = new RemoteWorker(name, {
			...this.settings,
			forget: (gone) => {
				this.workers.remove(gone);
			},
		});
		this.workers.add(worker);
		return worker;
	}
}
