// The daemon process: owns the home (pid file), the secret, the listeners and
// the sessions. Request handling lives in handlers/, one file per request.
import {appendFileSync, mkdirSync} from 'node:fs';
import type net from 'node:net';
import type tls from 'node:tls';
import type {Config, Paths} from '../config.js';
import {ensureSecretFile, readSecretFile} from '../protocol/secret.js';
import {ensureTlsMaterial} from '../protocol/tls-material.js';
import {listenTls, listenUnix, parseHostPort} from '../protocol/transport.js';
import {version} from '../version.js';
import {nativeCbor} from './native-cbor.js';
import {claimPidFile, releasePidFile} from './pid-file.js';
import {Queue} from './queue.js';
import {Session} from './session.js';
import {Store} from './store/store.js';

export type DaemonOptions = {
	paths: Paths;
	config: Config;
	/** Overrides config.daemon.listen. */
	listen?: string | undefined;
	/** Also write the daemon's log lines to stderr. */
	logToStderr?: boolean;
};

export class Daemon {
	readonly paths: Paths;
	readonly config: Config;
	readonly sessions = new Set<Session>();
	readonly version = version;
	readonly startedAt = Date.now();
	#queue: Queue | undefined;
	#workerListeners = new Set<() => void>();
	#workersChangedQueued = false;
	secret: Buffer = Buffer.alloc(0);
	tlsAddress: {host: string; port: number; fingerprint: string} | undefined;
	#servers: Array<net.Server | tls.Server> = [];
	#stopping: Promise<void> | undefined;
	#logToStderr: boolean;
	#listen: string | null;
	#stoppedListeners: Array<() => void> = [];

	constructor(options: DaemonOptions) {
		this.paths = options.paths;
		this.config = options.config;
		this.#listen = options.listen ?? options.config.daemon.listen;
		this.#logToStderr = options.logToStderr ?? false;
	}

	get queue(): Queue {
		if (!this.#queue) throw new Error('the daemon has not started');
		return this.#queue;
	}

	/** What `workers` and the UI show about each place tasks run (docs/protocol.md, "Worker entry"). */
	workerList(): Array<Record<string, unknown>> {
		// From the queue's running set, not a walk over every task: this runs on each worker's load report.
		const used = this.queue.usedSlots();

		return [...this.queue.workers.values()].map((worker) => {
			const details = worker.details();
			return {
				name: worker.name,
				slots: worker.slots,
				used: used.get(worker.name) ?? 0,
				groups: worker.groups ? [...worker.groups] : null,
				status: details.status,
				host: details.host,
				platform: details.platform,
				cpus: details.cpus,
				load: details.load,
				version: details.version,
				connectedAt: details.connectedAt,
				lastHeard: details.lastHeard,
			};
		});
	}

	onWorkersChanged(listener: () => void): () => void {
		this.#workerListeners.add(listener);
		return () => {
			this.#workerListeners.delete(listener);
		};
	}

	/** Tells WorkersChanged listeners, at most once per event-loop turn (a burst of starts is one event). */
	#workersChanged(): void {
		if (this.#workersChangedQueued) return;
		this.#workersChangedQueued = true;
		setImmediate(() => {
			this.#workersChangedQueued = false;
			for (const listener of [...this.#workerListeners]) {
				try {
					listener();
				} catch {
					// One broken subscriber must not stop the others.
				}
			}
		});
	}

	log(line: string): void {
		const stamped = `${new Date().toISOString()} ${line}\n`;
		try {
			appendFileSync(this.paths.daemonLog, stamped);
		} catch {}

		if (this.#logToStderr) process.stderr.write(stamped);
	}

	async start(): Promise<void> {
		const {paths} = this;
		mkdirSync(paths.runtimeDir, {recursive: true, mode: 0o700});
		mkdirSync(paths.dataDir, {recursive: true, mode: 0o700});
		claimPidFile(paths.pidFile);
		try {
			ensureSecretFile(paths.secret);
			this.secret = readSecretFile(paths.secret);
			const store = Store.open(paths.database);
			this.#queue = new Queue(
				store,
				paths,
				this.config,
				(line) => {
					this.log(line);
				},
				{
					workersChanged: () => {
						this.#workersChanged();
					},
				},
			);
			await this.#queue.recover();

			this.#servers.push(
				await listenUnix(paths.socket, (socket) => {
					this.#accept(socket, ['client']);
				}),
			);

			if (this.#listen) {
				const {host, port} = parseHostPort(this.#listen);
				const material = await ensureTlsMaterial(paths.cert, paths.key);
				const server = await listenTls({host, port, cert: material.cert, key: material.key}, (socket) => {
					this.#accept(socket, ['client', 'worker']);
				});
				this.#servers.push(server);
				const address = server.address() as net.AddressInfo;
				this.tlsAddress = {host: address.address, port: address.port, fingerprint: material.fingerprint};
			}
		} catch (error) {
			await this.#closeServers();
			this.#queue?.store.close();
			releasePidFile(paths.pidFile);
			throw error;
		}

		this.log(
			`spool ${version} daemon started (pid ${process.pid}${nativeCbor ? '' : ', without native CBOR acceleration'}) on ${paths.socket}` +
				(this.tlsAddress ? ` and tls://${this.tlsAddress.host}:${this.tlsAddress.port} (certificate ${this.tlsAddress.fingerprint})` : ''),
		);
	}

	#accept(socket: net.Socket, roles: Array<'client' | 'worker'>): void {
		// An error on one socket (a reset, a TLS alert) concerns only that peer.
		socket.on('error', () => {});
		const session = new Session(this, socket, roles);
		this.sessions.add(session);
		void session.start();
	}

	async #closeServers(): Promise<void> {
		await Promise.all(
			this.#servers.map(
				(server) =>
					new Promise<void>((resolve) => {
						server.close(() => {
							resolve();
						});
					}),
			),
		);
		this.#servers = [];
	}

	/** Called once the daemon has stopped (by signal or by a shutdown request). */
	onStopped(listener: () => void): void {
		this.#stoppedListeners.push(listener);
	}

	get stopping(): boolean {
		return this.#stopping !== undefined;
	}

	stop(): Promise<void> {
		this.#stopping ??= (async () => {
			this.log('daemon stopping');
			const closing = this.#closeServers();
			// Running tasks are killed and recorded as Killed before the sessions go.
			await this.#queue?.close();
			for (const session of this.sessions) session.connection.destroy();
			await closing;
			releasePidFile(this.paths.pidFile);
			this.log('daemon stopped');
			for (const listener of this.#stoppedListeners) listener();
		})();
		return this.#stopping;
	}
}
