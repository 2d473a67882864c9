// The remote worker process: connects to the daemon over TLS (pinned
// certificate), proves the secret AND checks the daemon's proof before it
// sends anything else, registers, runs what it is given with the same runner
// the daemon uses, and streams the output back.
//
// A dropped connection does not stop the tasks: their output waits in a
// bounded buffer (output-buffer.ts) while the worker reconnects with backoff;
// on registering again it lists the runs it still has, the daemon answers
// with how many bytes of each it holds, and the worker replays the rest. A
// run the daemon no longer wants is killed. The worker never runs a command
// that did not come from a daemon that proved the secret.
import * as v from 'valibot';
import {Connection} from '../protocol/connection.js';
import {HandshakeError, offerHandshake} from '../protocol/handshake.js';
import {TlsError} from '../protocol/tls-material.js';
import {connectTls} from '../protocol/transport.js';
import {
	type DaemonMessage,
	type Registered,
	type WorkerToDaemon,
	daemonMessageSchemas,
	parseMessage,
	registeredSchema,
	sendToDaemon,
	workerErrorSchema,
} from '../protocol/worker-messages.js';
import {version} from '../version.js';
import {type Backoff, createBackoff} from './backoff.js';
import {OutputPump} from './output-pump.js';
import {Runs} from './runs.js';
import {currentLoad, newInstanceId, systemInfo} from './system-info.js';

export type StopMode = 'finish' | 'kill';

export type AgentOptions = {
	host: string;
	port: number;
	fingerprint: string;
	secret: Uint8Array;
	name: string;
	slots: number;
	groups: string[];
	onStop: StopMode;
	bufferBytes: number;
	spillBytes: number;
	spillDir: string | null;
	log: (line: string) => void;
	/** Reconnect delays (tests shorten them). */
	backoff?: Backoff;
};

export const agentExitCodes = {ok: 0, failed: 1, unreachable: 3} as const;

/** Before giving up, a stopping worker keeps trying this long to deliver the ends of its tasks. */
const deliveryMs = 30_000;

export class WorkerAgent {
	readonly #options: AgentOptions;
	readonly #runs: Runs;
	readonly #instance = newInstanceId();
	readonly #pump: OutputPump;
	readonly #backoff: Backoff;
	#connection: Connection | undefined;
	#registered = false;
	#everRegistered = false;
	#stopping: StopMode | undefined;
	#stopRequests = 0;
	/** The daemon answered this connection's Leaving: no Run will come any more. */
	#farewell = false;
	#pingMs = 5000;
	#timeoutMs = 15_000;
	#lastHeard = 0;
	#pingTimer: NodeJS.Timeout | undefined;
	#reconnectTimer: NodeJS.Timeout | undefined;
	#deliveryTimer: NodeJS.Timeout | undefined;
	#failures = 0;
	#stopped = false;
	#resolveExit: (code: number) => void = () => {};

	constructor(options: AgentOptions) {
		this.#options = options;
		this.#backoff = options.backoff ?? createBackoff();
		this.#pump = new OutputPump({
			bufferBytes: options.bufferBytes,
			spillBytes: options.spillBytes,
			spillDir: options.spillDir,
			runs: () => this.#runs.values(),
			connection: () => (this.#registered ? this.#connection : undefined),
			log: options.log,
		});
		this.#runs = new Runs({
			pump: this.#pump,
			send: (message) => {
				this.#send(message);
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
		void this.#connect();
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
		if (!this.#everRegistered) {
			// No daemon ever knew this worker: nothing can be on its way to it.
			this.#log('stopped before it ever registered');
			this.#exit(agentExitCodes.ok);
			return;
		}

		const active = this.#runs.active();
		this.#log(
			mode === 'finish'
				? `stopping: taking no new tasks; waiting for ${active} running task(s) to finish (signal again to kill them)`
				: `stopping: killing ${active} running task(s)`,
		);
		// Again on escalation: the daemon then records the kills as the worker's.
		if (this.#registered) this.#send({type: 'Leaving', finish: mode === 'finish'});
		if (mode === 'kill') this.#runs.killActive();

		this.#checkDone();
	}

	// ----- connection

	async #connect(): Promise<void> {
		this.#reconnectTimer = undefined;
		if (this.#stopped) return;
		const {host, port, fingerprint, secret, name} = this.#options;
		let connection: Connection;
		try {
			const socket = await connectTls({host, port, fingerprint, timeoutMs: 10_000});
			connection = new Connection(socket);
			await offerHandshake(connection, {secret, role: 'worker', name, timeoutMs: 10_000});
		} catch (error) {
			this.#connectFailed(error as Error);
			return;
		}

		if (this.#stopped) {
			connection.destroy();
			return;
		}

		// The daemon proved the secret over the pinned certificate: from here on it may send work.
		this.#connection = connection;
		this.#registered = false;
		this.#lastHeard = Date.now();
		connection.onClose((error) => {
			this.#closed(connection, error);
		});
		connection.onMessage((message) => {
			this.#receive(connection, message);
		});
		const info = systemInfo();
		this.#send({
			type: 'Register',
			slots: this.#options.slots,
			groups: this.#options.groups,
			hostname: info.hostname,
			platform: info.platform,
			cpus: info.cpus,
			load: currentLoad(),
			version,
			instance: this.#instance,
			running: this.#runs.registerList(),
		});
		this.#armPingTimer();
	}

	#connectFailed(error: Error): void {
		// Anything but a proper proof over the pinned certificate is a failure of trust.
		const trust =
			error instanceof TlsError || (error instanceof HandshakeError && ['auth_failed', 'daemon_auth_failed', 'bad_request', 'unexpected_message'].includes(error.code));
		const fatal = trust || (error instanceof HandshakeError && ['protocol_mismatch', 'role_refused'].includes(error.code));
		if (fatal && !this.#everRegistered && this.#runs.size === 0) {
			// A configuration error (wrong secret, certificate or version): retrying will not fix it.
			this.#log(`cannot work for ${this.#options.host}:${this.#options.port}: ${error.message}`);
			this.#exit(trust ? agentExitCodes.unreachable : agentExitCodes.failed);
			return;
		}

		if (trust) this.#log(`REFUSED the daemon at ${this.#options.host}:${this.#options.port}: ${error.message}; nothing was sent to it, and its tasks here keep running`);
		this.#retry(error.message);
	}

	/** Schedules the next connection attempt; `reason` is why the last one failed (none: a connection was lost). */
	#retry(reason?: string): void {
		if (this.#stopped || this.#reconnectTimer) return;
		const delay = this.#backoff.next();
		if (reason === undefined) {
			this.#log(`reconnecting in ${delay} ms`);
		} else {
			this.#failures += 1;
			// Every failure while it is short-lived, then every tenth: a long outage does not flood the log.
			if (this.#failures <= 3 || this.#failures % 10 === 0) {
				this.#log(`cannot reach the daemon at ${this.#options.host}:${this.#options.port} (${reason}); retrying in ${delay} ms`);
			}
		}

		this.#reconnectTimer = setTimeout(() => {
			void this.#connect();
		}, delay);
	}

	#closed(connection: Connection, error: Error | undefined): void {
		if (connection !== this.#connection) return;
		this.#connection = undefined;
		const wasRegistered = this.#registered;
		this.#registered = false;
		this.#farewell = false;
		clearInterval(this.#pingTimer);
		this.#pingTimer = undefined;
		this.#pump.disconnected();
		if (this.#stopped) return;
		this.#checkDone();
		if (this.#stopped) return;
		const reason = error ? error.message : 'the connection closed';
		if (wasRegistered) {
			this.#failures = 0;
			this.#log(`lost the daemon (${reason}); ${this.#runs.size} task(s) keep running`);
			this.#retry();
		} else {
			this.#retry(reason);
		}
	}

	#armPingTimer(): void {
		clearInterval(this.#pingTimer);
		this.#pingTimer = setInterval(() => {
			const connection = this.#connection;
			if (!connection) return;
			const silent = Date.now() - this.#lastHeard;
			if (silent > this.#timeoutMs) {
				this.#log(`the daemon sent nothing for ${silent} ms; reconnecting`);
				connection.destroy();
				return;
			}

			if (this.#registered) {
				this.#send({type: 'Ping'});
				this.#send({type: 'Load', load: currentLoad()});
			}
		}, Math.min(this.#pingMs, this.#timeoutMs));
	}

	#send(message: WorkerToDaemon): void {
		if (this.#connection) sendToDaemon(this.#connection, message);
	}

	// ----- messages from the daemon

	#receive(connection: Connection, raw: unknown): void {
		if (connection !== this.#connection) return;
		this.#lastHeard = Date.now();
		if (!this.#registered) {
			this.#registration(connection, raw);
			return;
		}

		const parsed = parseMessage(daemonMessageSchemas, raw);
		if (!parsed.ok) {
			if (parsed.code === 'unknown_type') {
				this.#log(`ignoring a message from the daemon: ${parsed.reason}`);
				return;
			}

			// A malformed message may be a half-understood order: run nothing, start over.
			this.#log(`the daemon sent a malformed message (${parsed.reason}); reconnecting`);
			connection.destroy();
			return;
		}

		try {
			this.#handle(parsed.message);
		} catch (error) {
			// E.g. a signal this platform does not know: report it, keep the worker and its other tasks.
			this.#log(`could not carry out ${parsed.message.type}: ${(error as Error).message}`);
		}
	}

	#registration(connection: Connection, raw: unknown): void {
		const error = v.safeParse(workerErrorSchema, raw);
		if (error.success) {
			const {code, message} = error.output;
			if ((code === 'conflict' || code === 'bad_request') && !this.#everRegistered && this.#runs.size === 0) {
				this.#log(`the daemon refused this worker: ${message} [${code}]`);
				this.#exit(agentExitCodes.failed);
				return;
			}

			this.#log(`the daemon refused the registration: ${message} [${code}]`);
			connection.destroy();
			return;
		}

		const registered = v.safeParse(registeredSchema, raw);
		if (!registered.success) {
			this.#log('the daemon answered Register with something else than Registered; reconnecting');
			connection.destroy();
			return;
		}

		this.#registered = true;
		this.#everRegistered = true;
		this.#failures = 0;
		this.#backoff.reset();
		this.#adoptSettings(registered.output);
		const {attached, released} = this.#runs.reattach(registered.output);
		this.#log(
			`registered as ${registered.output.name} with the daemon at ${this.#options.host}:${this.#options.port}` +
				(attached > 0 ? `; re-attached ${attached} task(s)` : '') +
				(released > 0 ? `; ${released} task(s) the daemon gave up on are killed` : ''),
		);
		this.#pump.relieve();
		if (this.#stopping) this.#send({type: 'Leaving', finish: this.#stopping === 'finish'});
		this.#pump.schedule(true);
		this.#checkDone();
	}

	#adoptSettings(registered: Registered): void {
		const timing = registered.pingMs !== this.#pingMs || registered.timeoutMs !== this.#timeoutMs;
		this.#pingMs = registered.pingMs;
		this.#timeoutMs = registered.timeoutMs;
		if (timing) this.#armPingTimer();
	}

	#handle(message: DaemonMessage): void {
		if (message.type === 'Ping') {
			this.#send({type: 'Pong'});
			return;
		}

		if (message.type === 'Pong') return;
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
				this.#send({type: 'Refused', task: message.task, attempt: message.attempt, message: `worker ${this.#options.name} is stopping`});
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
		clearInterval(this.#pingTimer);
		clearTimeout(this.#reconnectTimer);
		clearTimeout(this.#deliveryTimer);
		this.#runs.killAll();

		this.#connection?.close();
		this.#pump.shutdown();
		this.#resolveExit(code);
	}

	#log(line: string): void {
		this.#options.log(line);
	}
}
