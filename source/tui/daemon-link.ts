// The UI's connection to the daemon: connects (the caller's `open` may start
// a daemon), subscribes, feeds the store, and when the daemon goes away shows
// "reconnecting" and tries again by itself with a growing pause.
import type {Client, PlainRequest} from '../client/client.js';
import type {ReplyOf} from '../protocol/replies.js';
import type {Task} from '../protocol/model.js';
import type {DaemonInfo, Group, WorkerEntry} from '../protocol/model.js';
import type {QueueStore} from './queue-store.js';

export type FollowHandlers = {onData: (data: Uint8Array) => void; onEnded: (task: Task | {id: number}) => void};

export class DaemonLink {
	#client: Client | undefined;
	#stopped = false;
	#retryTimer: NodeJS.Timeout | undefined;
	#generation = 0;
	#reconnectListeners = new Set<() => void>();

	constructor(
		readonly open: () => Promise<Client>,
		readonly store: QueueStore,
		readonly endpoint: string,
	) {}

	get connected(): boolean {
		return this.#client !== undefined && !this.#client.closed;
	}

	start(): void {
		void this.#connect(0);
	}

	/** Called after each reconnect, so views can re-open their streams. */
	onReconnect(listener: () => void): () => void {
		this.#reconnectListeners.add(listener);
		return () => {
			this.#reconnectListeners.delete(listener);
		};
	}

	async #connect(attempt: number): Promise<void> {
		if (this.#stopped) return;
		let client: Client;
		try {
			client = await this.open();
		} catch (error) {
			this.store.setConnection('reconnecting', (error as Error).message);
			this.#retry(attempt + 1);
			return;
		}

		if (this.#stopped) {
			client.close();
			return;
		}

		const generation = ++this.#generation;
		this.#client = client;
		client.connection.onClose(() => {
			if (this.#generation !== generation || this.#stopped) return;
			this.#client = undefined;
			this.store.setConnection('reconnecting', 'the connection to the daemon was lost');
			this.#retry(1);
		});
		this.#subscribe(client);
		if (attempt > 0) for (const listener of this.#reconnectListeners) listener();
	}

	#retry(attempt: number): void {
		if (this.#stopped) return;
		const delay = Math.min(2000, 100 * 2 ** Math.min(attempt, 5));
		clearTimeout(this.#retryTimer);
		this.#retryTimer = setTimeout(() => void this.#connect(attempt), delay);
	}

	#subscribe(client: Client): void {
		let pending: {daemon: DaemonInfo; groups: Group[]; workers: WorkerEntry[]; tasks: Task[]} | undefined;
		const stream = client.stream({type: 'Subscribe'}, (message) => {
			switch (message.type) {
				case 'Snapshot': {
					pending = {daemon: message.daemon, groups: message.groups, workers: message.workers, tasks: []};
					break;
				}

				case 'Tasks': {
					if (pending) pending.tasks.push(...message.tasks);
					else this.store.addTasks(message.tasks);
					break;
				}

				case 'Synced': {
					if (pending) {
						this.store.reset({...pending.daemon, endpoint: this.endpoint}, pending.groups, pending.workers, pending.tasks);
						pending = undefined;
					}

					this.store.setConnection('connected');
					break;
				}

				case 'TaskChanged': {
					this.store.taskChanged(message.task);
					break;
				}

				case 'TasksRemoved': {
					this.store.tasksRemoved(message.ids);
					break;
				}

				case 'GroupChanged': {
					this.store.groupChanged(message.group);
					break;
				}

				case 'GroupRemoved': {
					this.store.groupRemoved(message.name);
					break;
				}

				case 'DaemonChanged': {
					this.store.daemonChanged({...message.daemon, endpoint: this.endpoint});
					break;
				}

				case 'WorkersChanged': {
					this.store.workersChanged(message.workers);
					break;
				}

				default:
			}
		});
		stream.done.catch(() => {
			// The close handler above reconnects.
		});
	}

	async request<R extends PlainRequest>(message: R): Promise<ReplyOf<R['type']>> {
		const client = this.#client;
		if (!client || client.closed) throw new Error('not connected to the daemon (reconnecting…)');
		return client.request(message);
	}

	/** The size of a task's log in bytes and lines: a Log request for no bytes, with countLines. */
	async logSize(task: number): Promise<{bytes: number; lines: number | undefined}> {
		const client = this.#client;
		if (!client || client.closed) throw new Error('not connected to the daemon (reconnecting…)');
		let size: {bytes: number; lines: number | undefined} | undefined;
		await client.stream({type: 'Log', task, lines: 0, countLines: true}, (message) => {
			if (message.type === 'LogInfo') size = {bytes: message.size, lines: message.totalLines};
		}).done;
		if (!size) throw new Error('the daemon answered Log without LogInfo');
		return size;
	}

	/** Follows one task's output; returns a function that stops following. */
	follow(task: number, lines: number | null, handlers: FollowHandlers): () => void {
		const client = this.#client;
		if (!client || client.closed) return () => {};
		const stream = client.stream({type: 'Follow', ids: [task], lines}, (message) => {
			if (message.type === 'Output') handlers.onData(message.data);
			else if (message.type === 'TaskEnded') handlers.onEnded(message.task);
		});
		stream.done.catch(() => {});
		return () => {
			stream.cancel();
		};
	}

	stop(): void {
		this.#stopped = true;
		clearTimeout(this.#retryTimer);
		this.#client?.close();
		this.#client = undefined;
	}
}
