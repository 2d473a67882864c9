// The queue: in-memory state, its durable store, and the scheduling turns.
// Every change goes through `mutate`: a pure transition, then the store
// (one transaction per event-loop turn), then subscribers; the caller replies
// only after that, so an acknowledged request survives kill -9.
//
// What runs (launching, output, ends, kill/pause/input) is `runs` (runs.ts):
// the queue decides and commits, runs carries it out and reports back
// through the same commit. Handlers reach the controls as `queue.runs`.
//
// It stays one file, a little over the size the others keep, because the
// scheduling turn records its claims with the same #record/#commit as
// mutate and launches only once that commit is durable: split apart, the
// pending changes and the commit would have to become public.
import os from 'node:os';
import type {Config, Paths} from '../config.js';
import {makeDirectory} from '../shared/home-dirs.js';
import {runCallback} from './callbacks.js';
import {EventHub} from './event-hub.js';
import {logPath, removeLog} from './logs/log-files.js';
import {oncePerTurn} from './once-per-turn.js';
import {OutputHub} from './output-hub.js';
import {type Running, Runs} from './runs.js';
import {Changes} from './state/changes.js';
import {enqueueDue, failBlockedDependants, leastLoaded, nextWake, queuedInOrder, selectStarts, type WorkerCapacity} from './state/scheduler.js';
import {type State, TransitionError, createState, waitingIn} from './state/state.js';
import {recoverTasks} from './state/run-transitions.js';
import type {Env, Task} from './state/types.js';
import {type Store, StoreError} from './store/store.js';
import {LocalWorker, localWorkerName} from './workers/local-worker.js';
import {RemoteWorkers} from './workers/remote-workers.js';
import {WorkerPool} from './workers/pool.js';

export type QueueHooks = {
	/** The database became unwritable, or writable again (the daemon's `problem` changed). */
	storeHealthChanged?: () => void;
};

export class Queue {
	readonly state: State;
	readonly events = new EventHub();
	readonly output = new OutputHub();
	/** Every place tasks run; the one owner of the map and of its WorkersChanged signal. */
	readonly workers = new WorkerPool();
	readonly remote: RemoteWorkers;
	readonly runs: Runs;
	#pending = new Changes();
	#wakeTimer: NodeJS.Timeout | undefined;
	#closing = false;

	constructor(
		readonly store: Store,
		readonly paths: Paths,
		readonly config: Config,
		readonly log: (line: string) => void,
		readonly hooks: QueueHooks = {},
	) {
		const loaded = store.load();
		this.state = createState(config.daemon.default_parallel);
		for (const group of loaded.groups) this.state.groups.set(group.name, group);
		for (const task of loaded.tasks) this.state.tasks.set(task.id, task);
		this.state.nextTaskId = Math.max(loaded.nextTaskId, 1);
		makeDirectory(paths.logs);
		if (config.daemon.local_tasks) {
			const local = new LocalWorker(config.daemon.local_slots);
			this.workers.add(local);
		}

		// Said once when writes start failing and once when they work again, not per event.
		store.onHealthChange((failure) => {
			if (failure) {
				log(`${this.storeProblem()}: ${failure.message}; requests that change the queue are refused, and the daemon retries until it can write`);
			} else {
				log(`the database ${store.file} can be written again; everything waiting is recorded`);
				this.requestSchedule();
			}

			this.hooks.storeHealthChanged?.();
		});

		this.remote = new RemoteWorkers(this.workers, {
			pingMs: config.daemon.worker_ping_ms,
			timeoutMs: config.daemon.worker_timeout_ms,
			graceMs: config.daemon.worker_grace_ms,
			killGraceMs: config.daemon.kill_grace_ms,
			log,
			changed: () => {
				this.workers.changed();
			},
			schedule: () => {
				this.requestSchedule();
			},
		});
		this.runs = new Runs({
			state: this.state,
			workers: this.workers,
			remote: this.remote,
			output: this.output,
			config,
			paths,
			log,
			getEnv: (task) => this.getEnv(task),
			apply: async (change) => this.#apply(change),
			workersChanged: () => {
				this.workers.changed();
			},
		});
	}

	/**
	 * Recovery after a start: tasks that were running when the daemon stopped
	 * without recording their end are Interrupted; with on_restart = pause,
	 * their groups are paused so nothing new starts until someone looks.
	 */
	async recover(): Promise<void> {
		const adopted: Task[] = [];
		await this.#apply((changes, now) => {
			const {daemon} = this.config;
			const recovered = recoverTasks(this.state, {defaultParallel: daemon.default_parallel, adoptRemote: daemon.worker_grace_ms > 0, pauseGroups: daemon.on_restart === 'pause'}, now, changes);
			adopted.push(...recovered.adopted);
			const {interrupted} = recovered;
			if (interrupted.length > 0) {
				this.log(`marked ${interrupted.length} task(s) Interrupted: ${interrupted.map((task) => task.id).join(', ')}`);
			}

			return interrupted.map((task) => ({task, waiting: waitingIn(this.state, task.group)}));
		}).then((interrupted) => {
			for (const {task, waiting} of interrupted) runCallback(this, task, waiting);
		});
		for (const task of adopted) this.runs.adopt(task);
		if (adopted.length > 0) {
			this.log(
				`${adopted.length} task(s) ran on remote workers when the daemon stopped; they wait ${this.config.daemon.worker_grace_ms} ms for their workers: ${adopted.map((task) => `${task.id} (${task.worker})`).join(', ')}`,
			);
		}
	}

	/**
	 * Applies a transition. `change` runs synchronously and throws to refuse
	 * (nothing is changed then). Resolves after the change is committed and
	 * published.
	 */
	async mutate<T>(change: (changes: Changes, now: number) => T, {undo}: {undo?: (result: T) => void} = {}): Promise<T> {
		// While the database cannot be written, a request is refused before it
		// changes anything: an error reply must never become a change later.
		const failure = this.store.failure;
		if (failure) throw new TransitionError('store_unavailable', `${this.storeProblem()}: ${failure.message}; nothing was changed, try again once it is resolved`);
		const result = this.#change(change);
		try {
			await this.#commit();
		} catch (error) {
			if (!(error instanceof StoreError)) throw error;
			// Undone, the change is refused for good (an Add that was answered with an
			// error never runs); without an undo it stays queued for the retry.
			if (undo) undo(result);
			throw new TransitionError('store_unavailable', undo ? `${error.message.replace(/; the \d+ unsaved change.*$/, '')}; nothing was changed, try again once it is resolved` : error.message);
		}

		return result;
	}

	/** A change the daemon makes by itself, never refused (see #apply): e.g. a lock whose connection closed. */
	async apply<T>(change: (changes: Changes, now: number) => T): Promise<T> {
		return this.#apply(change);
	}

	/**
	 * A change the daemon makes by itself (a task ended, recovery, a requeue):
	 * never refused, and published at once even when the database cannot take
	 * it yet. The store keeps it queued and its retry timer writes it once
	 * space is back, so a task that ended on a full disk keeps its real result.
	 */
	async #apply<T>(change: (changes: Changes, now: number) => T): Promise<T> {
		const result = this.#change(change);
		try {
			await this.#commit();
		} catch {
			this.#publishPending();
		}

		return result;
	}

	/** Runs a transition and queues what it touched for the store and the subscribers. */
	#change<T>(change: (changes: Changes, now: number) => T): T {
		const changes = new Changes();
		const result = change(changes, Date.now());
		this.#record(changes);
		this.requestSchedule();
		return result;
	}

	/** Removes tasks an Add created when their commit failed: they were never acknowledged. */
	discardTasks(tasks: readonly Task[]): void {
		for (const task of tasks) {
			this.state.tasks.delete(task.id);
			this.store.deleteTask(task.id);
			this.#pending.removeTask(task.id);
		}
	}

	/** "disk full: <db>, N tasks waiting to be recorded", while writes fail; undefined otherwise. */
	storeProblem(): string | undefined {
		const failure = this.store.failure;
		if (!failure) return undefined;
		const code = failure.code ?? '';
		const what = code.startsWith('SQLITE_FULL') ? 'disk full' : code.startsWith('SQLITE_READONLY') ? 'database read-only' : 'cannot write the database';
		const waiting = this.store.pendingTaskCount;
		return `${what}: ${this.store.file}, ${waiting} task${waiting === 1 ? '' : 's'} waiting to be recorded`;
	}

	/** Persists what `changes` touched and queues it for subscribers. */
	#record(changes: Changes): void {
		for (const id of changes.tasks) {
			const task = this.state.tasks.get(id);
			if (task) {
				this.store.putTask(task);
				this.#pending.task(id);
			}
		}

		for (const id of changes.removedTasks) {
			this.store.deleteTask(id);
			this.#pending.removeTask(id);
		}

		for (const name of changes.groups) {
			const group = this.state.groups.get(name);
			if (group) {
				this.store.putGroup(group);
				this.#pending.group(name);
			}
		}

		for (const name of changes.removedGroups) {
			this.store.deleteGroup(name);
			this.#pending.removeGroup(name);
		}

		this.store.setNextTaskId(this.state.nextTaskId);
	}

	async #commit(): Promise<void> {
		await this.store.commit();
		// Whoever resumes first after the commit publishes everything it covered.
		this.#publishPending();
	}

	#publishPending(): void {
		const published = this.#pending;
		this.#pending = new Changes();
		this.events.publish(published);
	}

	/**
	 * Launches claimed tasks once their Running state is on disk, never before:
	 * a task started without that record would run a second time after a crash.
	 * On a full disk that means waiting for the store's retry.
	 */
	async #launchWhenDurable(starting: readonly Running[]): Promise<void> {
		if (starting.length === 0) return;
		try {
			await this.#commit();
		} catch {
			this.#publishPending();
			try {
				await this.store.durable();
			} catch {
				return; // closed meanwhile; close() ended them
			}
		}

		for (const running of starting) this.runs.launch(running);
	}

	getEnv(task: Task): Env {
		return this.store.getEnv(task.envId);
	}

	requestSchedule(): void {
		if (!this.#closing) this.#scheduleNextTurn();
	}

	readonly #scheduleNextTurn = oncePerTurn(() => {
		if (this.#closing) return;
		this.#schedule().catch((error: unknown) => {
			this.log(`scheduling failed: ${(error as Error).stack ?? String(error)}`);
		});
	});

	#capacities(): WorkerCapacity[] {
		const used = this.runs.usedSlots();
		return [...this.workers.values()]
			.filter((worker) => worker.accepting)
			.map((worker) => ({
				name: worker.name,
				slots: worker.slots,
				used: used.get(worker.name) ?? 0,
				groups: worker.groups,
				loadBase: worker.slots === 0 ? os.availableParallelism() : undefined,
			}));
	}

	async #schedule(): Promise<void> {
		// Nothing starts while its start cannot be recorded; the store's recovery asks again.
		if (this.store.failure) return;
		const changes = new Changes();
		const now = Date.now();
		enqueueDue(this.state, now, changes);
		const failed = failBlockedDependants(this.state, now, changes).map((task) => ({task, waiting: waitingIn(this.state, task.group)}));
		const assignments = selectStarts(this.state, this.#capacities(), queuedInOrder(this.state));
		const starting = assignments.map(({task, worker}) => this.runs.claim(task, worker, now, changes));
		this.#record(changes);
		this.#armWakeTimer();
		if (changes.empty) return;
		if (starting.length > 0) await this.#launchWhenDurable(starting);
		else
			await this.#commit().catch(() => {
				this.#publishPending();
			});
		for (const {task, waiting} of failed) runCallback(this, task, waiting);
	}

	/**
	 * Starts given queued/stashed tasks now, whatever their group's state and
	 * slots: on the local worker, or, on a daemon that runs no local tasks, on
	 * the least loaded connected worker that serves the task's group (a task
	 * no worker can take stays where it is).
	 */
	async forceStart(tasks: readonly Task[]): Promise<void> {
		if (this.store.failure) throw new TransitionError('store_unavailable', `${this.storeProblem()}; nothing was started, try again once it is resolved`);
		const starting: Running[] = [];
		const changes = new Changes();
		const now = Date.now();
		for (const task of tasks) {
			if (task.status !== 'Queued' && task.status !== 'Stashed') continue;
			const worker = this.#forcedWorker(task);
			if (worker) starting.push(this.runs.claim(task, worker, now, changes));
		}

		this.#record(changes);
		await this.#launchWhenDurable(starting);
	}

	#forcedWorker(task: Task): string | undefined {
		if (this.workers.has(localWorkerName)) return localWorkerName;
		// Forced: a full worker will do, but not one that does not serve the group.
		return leastLoaded(this.#capacities(), task.group, {needRoom: false})?.name;
	}

	#armWakeTimer(): void {
		clearTimeout(this.#wakeTimer);
		const wake = nextWake(this.state);
		if (wake === undefined || this.#closing) return;
		// setTimeout holds at most ~24.8 days; re-arm on the way for later times.
		const delay = Math.min(Math.max(wake - Date.now(), 0), 2 ** 31 - 1);
		this.#wakeTimer = setTimeout(() => {
			this.requestSchedule();
		}, delay);
		this.#wakeTimer.unref();
	}

	removeLogs(ids: Iterable<number>): void {
		for (const id of ids) removeLog(logPath(this.paths.logs, id));
		this.store.pruneEnvs();
	}

	/** A start that failed half way: nothing may run or be scheduled, and the store is closed. */
	abort(): void {
		this.#closing = true;
		clearTimeout(this.#wakeTimer);
		this.remote.shutdown();
		this.store.abandon();
	}

	async close(): Promise<void> {
		// No new starts from here on; running tasks are killed and recorded.
		this.#closing = true;
		clearTimeout(this.#wakeTimer);
		this.remote.shutdown();
		await this.runs.stopAll();
		try {
			this.store.close();
		} catch (error) {
			// Shutdown finishes all the same; what could not be written is lost
			// and the next start finds those tasks as the last commit left them.
			this.log(`stopping without writing ${this.store.pendingChanges} change(s): ${(error as Error).message}`);
			this.store.abandon();
		}
	}
}
