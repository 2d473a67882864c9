// The worker's link to the daemon: one TLS connection at a time, to the
// pinned certificate, opened by the handshake (the daemon must prove the
// secret before the worker says anything) and then Register. It keeps the
// connection honest with pings, cuts a daemon that went silent, and
// reconnects with backoff for as long as the worker lives, because a lost
// link must never stop the tasks. Everything that arrives is validated here:
// the agent only ever sees well-formed messages.
import * as v from 'valibot';
import {Connection} from '../protocol/connection.js';
import {HandshakeError, offerHandshake} from '../protocol/handshake.js';
import {TlsError} from '../protocol/tls-material.js';
import {connectTls} from '../protocol/transport.js';
import {
	type DaemonMessage,
	type Register,
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
import {currentLoad, newInstanceId, systemInfo} from './system-info.js';

export type LinkOptions = {
	host: string;
	port: number;
	fingerprint: string;
	secret: Uint8Array;
	name: string;
	slots: number;
	groups: string[];
	log: (line: string) => void;
	/** Reconnect delays (tests shorten them). */
	backoff?: Backoff;
};

/** Why retrying cannot help: the daemon failed to prove itself, or it refuses this worker. */
export type LinkFailure = 'untrusted' | 'refused';

/** What the daemon says after Registered, less the pings the link answers itself. */
export type LinkMessage = Exclude<DaemonMessage, {type: 'Ping' | 'Pong'}>;

export type LinkEvents = {
	/** The runs Register lists. */
	running(): Register['running'];
	/** How many runs the worker has: with none, a configuration error ends the worker. */
	runCount(): number;
	/** The daemon accepted Register on this connection. */
	registered(registered: Registered): void;
	/** Validated; what it throws is logged, and the worker goes on. */
	message(message: LinkMessage): void;
	/** The connection went; the link reconnects after this, unless the worker stopped. */
	disconnected(): void;
	failed(why: LinkFailure): void;
};

export class DaemonLink {
	readonly #options: LinkOptions;
	readonly #events: LinkEvents;
	readonly #backoff: Backoff;
	readonly #instance = newInstanceId();
	#connection: Connection | undefined;
	#registered = false;
	#everRegistered = false;
	#pingMs = 5000;
	#timeoutMs = 15_000;
	#lastHeard = 0;
	#pingTimer: NodeJS.Timeout | undefined;
	#reconnectTimer: NodeJS.Timeout | undefined;
	#failures = 0;
	#stopped = false;

	constructor(options: LinkOptions, events: LinkEvents) {
		this.#options = options;
		this.#events = events;
		this.#backoff = options.backoff ?? createBackoff();
	}

	/** The daemon accepted Register on the current connection. */
	get registered(): boolean {
		return this.#registered;
	}

	/** Some daemon accepted this worker once: it may have tasks on their way here. */
	get everRegistered(): boolean {
		return this.#everRegistered;
	}

	/** The connection output may go on: only once the daemon accepted Register on it. */
	get ready(): Connection | undefined {
		return this.#registered ? this.#connection : undefined;
	}

	start(): void {
		void this.#connect();
	}

	/** On the current connection; dropped when there is none. */
	send(message: WorkerToDaemon): void {
		if (this.#connection) sendToDaemon(this.#connection, message);
	}

	/** The worker exits: no more pings or attempts, and the connection closes. */
	shutdown(): void {
		this.#stopped = true;
		clearInterval(this.#pingTimer);
		clearTimeout(this.#reconnectTimer);
		this.#connection?.close();
	}

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
		this.send({
			type: 'Register',
			slots: this.#options.slots,
			groups: this.#options.groups,
			hostname: info.hostname,
			platform: info.platform,
			cpus: info.cpus,
			load: currentLoad(),
			version,
			instance: this.#instance,
			running: this.#events.running(),
		});
		this.#armPingTimer();
	}

	#connectFailed(error: Error): void {
		// Anything but a proper proof over the pinned certificate is a failure of trust.
		const trust = error instanceof TlsError || (error instanceof HandshakeError && ['auth_failed', 'daemon_auth_failed', 'bad_request', 'unexpected_message'].includes(error.code));
		const fatal = trust || (error instanceof HandshakeError && ['protocol_mismatch', 'role_refused'].includes(error.code));
		if (fatal && !this.#everRegistered && this.#events.runCount() === 0) {
			// A configuration error (wrong secret, certificate or version): retrying will not fix it.
			this.#options.log(`cannot work for ${this.#options.host}:${this.#options.port}: ${error.message}`);
			this.#events.failed(trust ? 'untrusted' : 'refused');
			return;
		}

		if (trust) {
			this.#options.log(`REFUSED the daemon at ${this.#options.host}:${this.#options.port}: ${error.message}; nothing was sent to it, and its tasks here keep running`);
		}

		this.#retry(error.message);
	}

	/** Schedules the next connection attempt; `reason` is why the last one failed (none: a connection was lost). */
	#retry(reason?: string): void {
		if (this.#stopped || this.#reconnectTimer) return;
		const delay = this.#backoff.next();
		if (reason === undefined) {
			this.#options.log(`reconnecting in ${delay} ms`);
		} else {
			this.#failures += 1;
			// Every failure while it is short-lived, then every tenth: a long outage does not flood the log.
			if (this.#failures <= 3 || this.#failures % 10 === 0) {
				this.#options.log(`cannot reach the daemon at ${this.#options.host}:${this.#options.port} (${reason}); retrying in ${delay} ms`);
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
		clearInterval(this.#pingTimer);
		this.#pingTimer = undefined;
		this.#events.disconnected();
		if (this.#stopped) return;
		const reason = error ? error.message : 'the connection closed';
		if (wasRegistered) {
			this.#failures = 0;
			this.#options.log(`lost the daemon (${reason}); ${this.#events.runCount()} task(s) keep running`);
			this.#retry();
		} else {
			this.#retry(reason);
		}
	}

	#armPingTimer(): void {
		clearInterval(this.#pingTimer);
		this.#pingTimer = setInterval(
			() => {
				const connection = this.#connection;
				if (!connection) return;
				const silent = Date.now() - this.#lastHeard;
				if (silent > this.#timeoutMs) {
					this.#options.log(`the daemon sent nothing for ${silent} ms; reconnecting`);
					connection.destroy();
					return;
				}

				if (this.#registered) {
					this.send({type: 'Ping'});
					this.send({type: 'Load', load: currentLoad()});
				}
			},
			Math.min(this.#pingMs, this.#timeoutMs),
		);
	}

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
				this.#options.log(`ignoring a message from the daemon: ${parsed.reason}`);
				return;
			}

			// A malformed message may be a half-understood order: run nothing, start over.
			this.#options.log(`the daemon sent a malformed message (${parsed.reason}); reconnecting`);
			connection.destroy();
			return;
		}

		const message = parsed.message;
		if (message.type === 'Ping') {
			this.send({type: 'Pong'});
			return;
		}

		if (message.type === 'Pong') return;
		try {
			this.#events.message(message);
		} catch (error) {
			// E.g. a signal this platform does not know: report it, keep the worker and its other tasks.
			this.#options.log(`could not carry out ${message.type}: ${(error as Error).message}`);
		}
	}

	/** The answer to Register: Registered, or an Error that says why not. */
	#registration(connection: Connection, raw: unknown): void {
		const error = v.safeParse(workerErrorSchema, raw);
		if (error.success) {
			const {code, message} = error.output;
			if ((code === 'conflict' || code === 'bad_request') && !this.#everRegistered && this.#events.runCount() === 0) {
				this.#options.log(`the daemon refused this worker: ${message} [${code}]`);
				this.#events.failed('refused');
				return;
			}

			this.#options.log(`the daemon refused the registration: ${message} [${code}]`);
			connection.destroy();
			return;
		}

		const registered = v.safeParse(registeredSchema, raw);
		if (!registered.success) {
			this.#options.log('the daemon answered Register with something else than Registered; reconnecting');
			connection.destroy();
			return;
		}

		this.#registered = true;
		this.#everRegistered = true;
		this.#failures = 0;
		this.#backoff.reset();
		const timing = registered.output.pingMs !== this.#pingMs || registered.output.timeoutMs !== this.#timeoutMs;
		this.#pingMs = registered.output.pingMs;
		this.#timeoutMs = registered.output.timeoutMs;
		if (timing) this.#armPingTimer();
		this.#events.registered(registered.output);
	}
}
