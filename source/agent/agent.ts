// The remote worker process: it runs, on this machine, tasks a daemon gives
// it, with the same runner the daemon uses for its own slots, and streams
// their output back. This file holds what ties the parts together and how
// the worker stops; the parts are the link to the daemon (link.ts: connect,
// prove and check the secret, register, ping, reconnect), the runs (runs.ts)
// and the output pump (output-pump.ts: buffering, sending, acks, replay).
//
// A dropped connection does not stop the tasks: their output waits in a
// bounded buffer while the worker reconnects with backoff; on registering
// again it lists the runs it still has, the daemon answers with how many
// bytes of each it holds, and the worker replays the rest. A run the daemon
// no longer wants is killed. The worker never runs a command that did not
// come from a daemon that proved the secret.
import type {Registered} from '../protocol/worker-messages.js';
import {DaemonLink, type LinkFailure, type LinkMessage, type LinkOptions} from './link.js';
import {OutputPump} from './output-pump.js';
import {Runs} from './runs.js';

export type StopMode = 'finish' | 'kill';

/** The link's options (where, who, how many slots) and what the agent itself does with runs. */
export type AgentOptions = LinkOptions & {
	onStop: StopMode;
	bufferBytes: number;
	spillBytes: number;
	spillDir: string | null;
};

export const agentExitCodes = {ok: 0, failed: 1, unreachable: 3} as const;

/** Before giving up, a stopping worker keeps trying this long to deliver the ends of its tasks. */
const deliveryMs = 30_000;

export class WorkerAgent {
	readonly #options: AgentOptions;
	readonly #link: DaemonLink;
	readonly #pump: OutputPump;
	readonly #runs: Runs;
	#stopping: StopMode | undefined;
	#stopRequests = 0;
	/** The daemon answered this connection's Leaving: no Run will come any more. */
	#farewell = false;
	#deliveryTimer: NodeJS.Timeout | undefined;
	#stopped = false;
	#resolveExit: (code: number) => void = () => {};

	constructor(options: AgentOptions) {
		this.#options = options;
		this.#link = new DaemonLink(options, {
			running: () => this.#runs.registerList(),
			runCount: () => this.#runs.size,
			registered: (registered) => {
				this.#registered(registered);
			},
			message: (message) => {
				this.#receive(message);
			},
			disconnected: () => {
				this.#disconnected();
			},
			failed: (why) => {
				this.#failed(why);
			},
		});
		this.#pump = new OutputPump({
			bufferBytes: options.bufferBytes,
			spillBytes: options.spillBytes,
			spillDir: options.spillDir,
			runs: () => this.#runs.values(),
			connection: () => this.#link.ready,
			log: options.log,
		});
		this.#runs = new Runs({
			pump: this.#pump,
			send: (message) => {
				this.#link.send(message);
			},
			settled: () => {
				this.#checkDone();
			},
		});
	}

	/** Runs until the worker stops; resolves with the process's exit code. */
	async run(): Promise<number> {
		const exited = new Promise<number>((resolve) => {
			this.#resolveExit = resolve;
		});
		this.#link.start();
		return exited;
	}

	/**
	 * SIGTERM/SIGINT: the first one stops per --on-stop, a second one kills
	 * the tasks, a third one exits at once.
	 */
	stop(): void {
		this.#stopRequests += 1;
		if (this.#stopRequests >= 3) {
			this.#log('stopping now; the tasks are killed and their ends not reported');
			this.#exit(agentExitCodes.failed);
			return;
		}

		const mode: StopMode = this.#stopRequests === 1 ? this.#options.onStop : 'kill';
		if (this.#stopping === mode) return;
		this.#stopping = mode;
		if (!this.#link.everRegistered) {
			// No daemon ever knew this worker: nothing can be on its way to it.
			this.#log('stopped before it ever registered');
			this.#exit(agentExitCodes.ok);
			return;
		}

		const active = this.#runs.active();
		this.#log(mode === 'finish' ? `stopping: taking no new tasks; waiting for ${active} running task(s) to finish (signal again to kill them)` : `stopping: killing ${active} running task(s)`);
		// Again on escalation: the daemon then records the kills as the worker's.
		if (this.#link.registered) this.#link.send({type: 'Leaving', finish: mode === 'finish'});
		if (mode === 'kill') this.#runs.killActive();
		this.#checkDone();
	}

	// ----- what the link reports

	/** The daemon accepted Register: re-attach what it still wants, and send what it lacks. */
	#registered(registered: Registered): void {
		const {attached, released} = this.#runs.reattach(registered);
		this.#log(
			`registered as ${registered.name} with the daemon at ${this.#options.host}:${this.#options.port}` +
				(attached > 0 ? `; re-attached ${attached} task(s)` : '') +
				(released > 0 ? `; ${released} task(s) the daemon gave up on are killed` : ''),
		);
		this.#pump.relieve();
		if (this.#stopping) this.#link.send({type: 'Leaving', finish: this.#stopping === 'finish'});
		this.#pump.schedule(true);
		this.#checkDone();
	}

	#receive(message: LinkMessage): void {
		if (message.type === 'Goodbye') {
			this.#farewell = true;
			this.#checkDone();
			return;
		}

		if (message.type === 'Error') {
			this.#log(`the daemon reports: ${message.message} [${message.code}]`);
			return;
		}

		if (message.type === 'Run') {
			if (this.#runs.get(message.task, message.attempt)) return;
			if (this.#stopping) {
				// It crossed our Leaving: the daemon gives it to another worker.
				this.#link.send({type: 'Refused', task: message.task, attempt: message.attempt, message: `worker ${this.#options.name} is stopping`});
				return;
			}

			this.#runs.start(message);
			return;
		}

		// Fencing: a message about another attempt of the task is about a run that is gone.
		const run = this.#runs.get(message.task, message.attempt);
		if (!run) return;
		if (message.type === 'Ack') this.#pump.acknowledged(run, message.offset);
		else this.#runs.steer(run, message);
	}

	#disconnected(): void {
		// A Goodbye was this connection's; a new one needs its own.
		this.#farewell = false;
		this.#pump.disconnected();
		if (!this.#stopped) this.#checkDone();
	}

	/** Retrying cannot help; the exit code says whether the daemon failed to prove itself. */
	#failed(why: LinkFailure): void {
		this.#exit(why === 'untrusted' ? agentExitCodes.unreachable : agentExitCodes.failed);
	}

	// ----- stopping

	/**
	 * A stopping worker exits once every run was released and the daemon said
	 * Goodbye (so no Run is on its way). When the daemon cannot be reached, it
	 * gives up `deliveryMs` after its last task ended.
	 */
	#checkDone(): void {
		if (!this.#stopping || this.#stopped) return;
		if (this.#runs.size === 0 && this.#farewell) {
			this.#log('stopped');
			this.#exit(agentExitCodes.ok);
			return;
		}

		if (this.#runs.allEnded() && !this.#deliveryTimer) {
			this.#deliveryTimer = setTimeout(() => {
				const pending = this.#runs.tasks();
				if (pending.length === 0) {
					this.#log(`stopped without the daemon's goodbye (it could not be reached for ${deliveryMs} ms)`);
					this.#exit(agentExitCodes.ok);
					return;
				}

				this.#log(`could not report the end of task(s) ${pending.join(', ')} to the daemon in ${deliveryMs} ms; stopping anyway (the daemon records them WorkerLost)`);
				this.#exit(agentExitCodes.failed);
			}, deliveryMs);
		}
	}

	#exit(code: number): void {
		if (this.#stopped) return;
		this.#stopped = true;
		clearTimeout(this.#deliveryTimer);
		this.#runs.killAll();
		this.#link.shutdown();
		this.#pump.shutdown();
		this.#resolveExit(code);
	}

	#log(line: string): void {
		this.#options.log(line);
	}
}
