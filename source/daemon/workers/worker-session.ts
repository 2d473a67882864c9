// One connection of a remote worker, after the handshake: it waits for
// Register, then hands each validated message to the RemoteWorker, and keeps
// the connection honest: a Ping every pingMs, and a worker silent for
// timeoutMs is cut off (its runs then wait for it to come back). Nothing a
// worker sends can throw out of here: a malformed message gets an Error and
// closes this connection only.
import * as v from 'valibot';
import type {Connection} from '../../protocol/connection.js';
import type {PeerIdentity} from '../../protocol/handshake.js';
import {type DaemonToWorker, parseMessage, registerSchema, sendToWorker, workerMessageSchemas} from '../../protocol/worker-messages.js';
import {describeIssues} from '../../protocol/schema-helpers.js';
import type {HandlerHost} from '../handler.js';
import {RegisterError} from './remote-workers.js';
import type {RemoteWorker, WorkerLink} from './remote-worker.js';

export class WorkerSession {
	#worker: RemoteWorker | undefined;
	#lastHeard = Date.now();
	#timer: NodeJS.Timeout | undefined;
	#closeReason = 'its connection closed';
	readonly #link: WorkerLink;

	constructor(
		readonly daemon: Pick<HandlerHost, 'queue' | 'log' | 'config'> & {readonly stopping: boolean},
		readonly connection: Connection,
		readonly peer: PeerIdentity,
	) {
		this.#link = {
			send: (message) => {
				this.#send(message);
			},
			close: (code, message) => {
				this.#fail(code, message);
			},
		};
	}

	start(): void {
		const {config} = this.daemon;
		const {worker_ping_ms: pingMs, worker_timeout_ms: timeoutMs, handshake_timeout_ms: registerMs} = config.daemon;
		this.connection.onClose(() => {
			clearInterval(this.#timer);
			this.#worker?.detach(this.#link, this.#closeReason);
		});
		const registerDeadline = Date.now() + registerMs;
		this.#timer = setInterval(
			() => {
				const now = Date.now();
				if (!this.#worker) {
					if (now > registerDeadline) this.#fail('timeout', `no Register within ${registerMs} ms of the handshake`);
					return;
				}

				if (now - this.#lastHeard > timeoutMs) {
					this.#closeReason = `no message for ${now - this.#lastHeard} ms (worker_timeout_ms is ${timeoutMs})`;
					this.connection.destroy();
					return;
				}

				this.#send({type: 'Ping'});
			},
			Math.min(pingMs, registerMs),
		);
		this.#timer.unref();
		this.connection.onMessage((message) => {
			this.#receive(message);
		});
	}

	#send(message: DaemonToWorker): void {
		try {
			sendToWorker(this.connection, message);
		} catch (error) {
			// Only an oversize frame throws; it would be a daemon bug, not the worker's.
			this.daemon.log(`worker ${this.peer.name}: cannot send ${message.type}: ${(error as Error).message}`);
		}
	}

	#fail(code: string, message: string): void {
		if (this.connection.closed) return;
		this.#closeReason = `${code}: ${message}`;
		this.daemon.log(`worker ${JSON.stringify(this.peer.name)}: closing its connection: ${code}: ${message}`);
		// Typed like every other message to a worker, though it goes out as the connection's last.
		this.connection.fail({type: 'Error', code, message} satisfies DaemonToWorker);
	}

	#receive(message: unknown): void {
		const now = Date.now();
		this.#lastHeard = now;
		try {
			if (this.#worker) this.#dispatch(this.#worker, message, now);
			else this.#register(message, now);
		} catch (error) {
			this.#failWith(error);
		}
	}

	/** A bug on the daemon's side: keep the daemon up, drop this connection (the worker comes back). */
	#failWith(error: unknown): void {
		this.daemon.log(`internal error with worker ${this.peer.name}: ${(error as Error).stack ?? String(error)}`);
		this.#fail('internal', `the daemon failed on a message of this worker: ${(error as Error).message}`);
	}

	#register(message: unknown, now: number): void {
		const type = (message as {type?: unknown} | null)?.type;
		if (type !== 'Register') {
			this.#fail('unexpected_message', `a worker's first message after the handshake must be Register, not ${typeof type === 'string' ? type : 'this'}`);
			return;
		}

		const parsed = v.safeParse(registerSchema, message);
		if (!parsed.success) {
			this.#fail('bad_request', `Register: ${describeIssues(parsed.issues)}`);
			return;
		}

		if (this.daemon.stopping) {
			this.#fail('shutting_down', 'the daemon is stopping; try again once it has restarted');
			return;
		}

		try {
			this.#worker = this.daemon.queue.remote.register(this.peer.name, this.#link, parsed.output, now);
		} catch (error) {
			if (error instanceof RegisterError) {
				this.#fail(error.code, error.message);
				return;
			}

			throw error;
		}

		const register = parsed.output;
		this.daemon.log(
			`worker ${this.peer.name} registered from ${register.hostname} (${register.platform}, ${register.cpus} CPUs, spool ${register.version}): ` +
				`${register.slots} slot(s), groups ${register.groups.join(', ')}` +
				(register.running.length > 0 ? `; it still has ${register.running.length} run(s)` : ''),
		);
	}

	#dispatch(worker: RemoteWorker, raw: unknown, now: number): void {
		worker.heard(now);
		const parsed = parseMessage(workerMessageSchemas, raw);
		if (!parsed.ok) {
			// A newer worker may know messages this daemon does not: say so, and go on.
			if (parsed.code === 'unknown_type') this.#send({type: 'Error', code: 'unknown_type', message: `${parsed.reason}; see docs/protocol.md, "Workers"`});
			else this.#fail('bad_request', parsed.reason);
			return;
		}

		const message = parsed.message;
		switch (message.type) {
			case 'Output': {
				worker.output(message);
				break;
			}

			case 'Started': {
				worker.started(message);
				break;
			}

			case 'Exited': {
				worker.exited(message).catch((error: unknown) => {
					this.#failWith(error);
				});
				break;
			}

			case 'SpawnFailed': {
				worker.spawnFailed(message).catch((error: unknown) => {
					this.#failWith(error);
				});
				break;
			}

			case 'Refused': {
				worker.refused(message).catch((error: unknown) => {
					this.#failWith(error);
				});
				break;
			}

			case 'Load': {
				worker.reportLoad(message.load);
				break;
			}

			case 'Leaving': {
				worker.leaving(message.finish);
				break;
			}

			case 'Ping': {
				this.#send({type: 'Pong'});
				break;
			}

			case 'Pong': {
				break;
			}
		}
	}
}
