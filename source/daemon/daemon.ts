// The daemon process: owns the home (pid file), the secret, the listeners and
// the sessions. Request handling lives in handlers/, one file per request.
import {lstatSync} from 'node:fs';
import type net from 'node:net';
import type tls from 'node:tls';
import {type Config, type Paths, parseSocketMode, runtimeDirProblem} from '../config.js';
import {ensureSecretFile, readSecretFile} from '../protocol/secret.js';
import {ensureTlsMaterial} from '../protocol/tls-material.js';
import {listenTls, listenUnix, parseHostPort} from '../protocol/transport.js';
import {version} from '../version.js';
import {nativeCbor} from './native-cbor.js';
import {acquireHomeLock, type HomeLock, HomeLockError} from './home-lock.js';
import {HomeError, ensureHomeDirectory, makeDirectory, socketPathProblem} from '../shared/home-dirs.js';
import {releasePidFile, writePidFile} from '../shared/pid-file.js';
import {Queue} from './queue.js';
import {Session, type SessionHost} from './session.js';
import {ConnectionLimits, defaultUnauthenticatedLimit} from './connection-limits.js';
import {DaemonLogFile, RefusalLog, escapeLogText} from './daemon-log.js';
import {Store} from './store/store.js';
import type {WorkerEntry} from '../protocol/model.js';

/** How often the daemon checks that its socket is still there. */
const socketCheckMs = 1000;

export type DaemonOptions = {
	paths: Paths;
	config: Config;
	/** Overrides config.daemon.listen. */
	listen?: string | undefined;
	/** Also write the daemon's log lines to stderr. */
	logToStderr?: boolean;
};

export class Daemon implements SessionHost {
	readonly paths: Paths;
	readonly config: Config;
	readonly sessions = new Set<Session>();
	readonly version = version;
	readonly startedAt = Date.now();
	#queue: Queue | undefined;
	#problemListeners = new Set<() => void>();
	secret: Buffer = Buffer.alloc(0);
	tlsAddress: {host: string; port: number; fingerprint: string} | undefined;
	#servers: Array<net.Server | tls.Server> = [];
	#stopping: Promise<void> | undefined;
	#logToStderr: boolean;
	#listen: string | null;
	#stoppedListeners: Array<() => void> = [];
	#lock: HomeLock | undefined;
	#unixServer: net.Server | undefined;
	#socketWatch: NodeJS.Timeout | undefined;

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
	workerList(): WorkerEntry[] {
		// From the queue's running set, not a walk over every task: this runs on each worker's load report.
		const used = this.queue.runs.usedSlots();

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

	/** Called when `problem` (a database that cannot be written) appears or goes. */
	onProblemChanged(listener: () => void): () => void {
		this.#problemListeners.add(listener);
		return () => {
			this.#problemListeners.delete(listener);
		};
	}

	/** At most once per event-loop turn (a burst of starts is one event): the pool says so. */
	onWorkersChanged(listener: () => void): () => void {
		return this.queue.workers.onChanged(listener);
	}

	#logFile: DaemonLogFile | undefined;
	#refusals: RefusalLog | undefined;
	#limits: ConnectionLimits | undefined;

	/**
	 * Writes one line to daemon.log (rotated at daemon.log_max_bytes). The line
	 * is the daemon's own text: anything a peer supplied must go through
	 * escapeLogText first (or through `refused`).
	 */
	log(line: string): void {
		const stamped = `${new Date().toISOString()} ${line}\n`;
		this.#logFile ??= new DaemonLogFile(this.paths.daemonLog, {maxBytes: this.config.daemon.log_max_bytes, keep: this.config.daemon.log_keep});
		try {
			this.#logFile.append(stamped);
		} catch {}

		if (this.#logToStderr) process.stderr.write(stamped);
	}

	async start(): Promise<void> {
		const {paths} = this;
		// The home first, before anything is created in it: a home the daemon
		// cannot use (too long, a file, read-only, in /proc) is one HomeError.
		const tooLong = socketPathProblem(paths.socket, paths.home);
		if (tooLong) throw new HomeError(tooLong);
		for (const dir of new Set([paths.dataDir, paths.runtimeDir, paths.configDir])) ensureHomeDirectory(dir, paths.home);
		// The lock first: nothing of the home is touched by a second daemon.
		this.#lock = acquireHomeLock(paths.lock, paths.lockOwner);
		try {
			if (paths.runtimeWarning) this.log(paths.runtimeWarning);
			if (paths.home !== undefined && (parseSocketMode(this.config.daemon.socket_mode) & 0o066) !== 0) {
				this.log(
					`daemon.socket_mode is ${this.config.daemon.socket_mode}, but the socket is in the home ${paths.home}, which stays 0700 as it holds the database: only its owner can reach the socket (see docs/configuration.md)`,
				);
			}
			this.#prepareRuntimeDir();
			writePidFile(paths.pidFile);
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
					storeHealthChanged: () => {
						for (const listener of [...this.#problemListeners]) {
							try {
								listener();
							} catch {}
						}
					},
				},
			);
			await this.#queue.recover();

			this.#unixServer = await listenUnix(
				paths.socket,
				(socket) => {
					this.#accept(socket, ['client']);
				},
				this.#socketModes(),
			);
			this.#servers.push(this.#unixServer);

			if (this.#listen) {
				const {host, port} = parseHostPort(this.#listen);
				const material = await ensureTlsMaterial(paths.cert, paths.key);
				const limits = this.connectionLimits;
				const onTcpConnection = (socket: net.Socket) => limits.admit(socket);
				const server = await listenTls({host, port, cert: material.cert, key: material.key, onTcpConnection}, (socket) => {
					this.#accept(socket, ['client', 'worker']);
				});
				this.#servers.push(server);
				const address = server.address() as net.AddressInfo;
				this.tlsAddress = {host: address.address, port: address.port, fingerprint: material.fingerprint};
			}
		} catch (error) {
			await this.#closeServers();
			// Before anything it queued (a scheduling turn) can touch the closed store.
			this.#queue?.abort();

			releasePidFile(paths.pidFile);
			this.#lock?.release();
			throw error;
		}

		this.#watchSocket();

		this.log(
			`spool ${version} daemon started (pid ${process.pid}${nativeCbor ? '' : ', without native CBOR acceleration'}) on ${paths.socket}` +
				(this.tlsAddress ? ` and tls://${this.tlsAddress.host}:${this.tlsAddress.port} (certificate ${this.tlsAddress.fingerprint})` : ''),
		);
	}

	/**
	 * The socket's mode (daemon.socket_mode) and its directory's. A socket the
	 * group or others may use is no use behind a 0700 directory, so the runtime
	 * directory gets search permission (x, not r or w) for them: in the XDG
	 * layout it holds only the socket and the pid file. A --home directory
	 * holds the database and the logs too, so it stays 0700.
	 */
	#socketModes(): {mode: number; dirMode: number} {
		const mode = parseSocketMode(this.config.daemon.socket_mode);
		if (this.paths.home !== undefined) return {mode, dirMode: 0o700};
		return {mode, dirMode: 0o700 | (mode & 0o060 ? 0o010 : 0) | (mode & 0o006 ? 0o001 : 0)};
	}

	/** Creates the runtime dir 0700 and refuses one another user could write to (it may appear between resolve and here). */
	#prepareRuntimeDir(): void {
		const {runtimeDir} = this.paths;
		makeDirectory(runtimeDir);
		if (this.paths.home !== undefined) return;
		const problem = runtimeDirProblem(runtimeDir, process.getuid?.() ?? 0);
		if (problem) throw new HomeLockError(`the runtime directory ${runtimeDir} ${problem}; remove it and start again`);
	}

	/**
	 * Brings the socket back when it disappears under the live daemon (logind
	 * empties /run/user/UID at logout, /tmp cleaners prune): without it the next
	 * command would find no daemon and try to start one. A cheap lstat, not a
	 * file watch, because the watched directory itself may go.
	 */
	#watchSocket(): void {
		const socketIdentity = () => {
			try {
				const stat = lstatSync(this.paths.socket);
				return stat.isSocket() ? `${stat.dev}:${stat.ino}` : undefined;
			} catch {
				return undefined;
			}
		};

		let identity = socketIdentity();
		let restoring = false;
		this.#socketWatch = setInterval(() => {
			if (restoring || this.stopping || socketIdentity() === identity) return;
			restoring = true;
			void (async () => {
				try {
					// Close the old listener first: libuv unlinks a Unix server's path when
					// its handle closes, which would take the new socket with it. (close()
					// does that at once; its callback would wait for the open connections,
					// which stay served.)
					const old = this.#unixServer;
					old?.close();
					await new Promise((resolve) => setImmediate(resolve));
					this.#prepareRuntimeDir();
					const server = await listenUnix(
						this.paths.socket,
						(socket) => {
							this.#accept(socket, ['client']);
						},
						this.#socketModes(),
					);
					this.#servers = this.#servers.filter((s) => s !== old);
					this.#servers.push(server);
					this.#unixServer = server;
					writePidFile(this.paths.pidFile);
					identity = socketIdentity();
					this.log(`the socket ${this.paths.socket} had disappeared; it is back`);
				} catch (error) {
					this.log(`the socket ${this.paths.socket} disappeared and cannot be re-created yet: ${(error as Error).message}`);
				} finally {
					restoring = false;
				}
			})();
		}, socketCheckMs);
		this.#socketWatch.unref();
	}

	/** A refused handshake or connection; `reason` is escaped here. Rate-limited per source. */
	refused(source: string, reason: string): void {
		this.#refusals ??= new RefusalLog((line) => {
			this.log(line);
		}, this.config.daemon.log_refusal_interval_ms);
		this.#refusals.refused(escapeLogText(source, 64), escapeLogText(reason));
	}

	/** Counts and times unauthenticated TCP connections from accept (before TLS). */
	get connectionLimits(): ConnectionLimits {
		const {daemon} = this.config;
		this.#limits ??= new ConnectionLimits({
			total: daemon.max_unauthenticated ?? defaultUnauthenticatedLimit(),
			perSource: daemon.max_unauthenticated_per_source,
			deadlineMs: daemon.handshake_timeout_ms,
			onRefused: (source, reason) => {
				this.refused(source, `connection refused: ${reason}`);
			},
			onTimeout: (source) => {
				this.refused(source, `handshake not completed within ${daemon.handshake_timeout_ms} ms of the TCP accept`);
			},
		});
		return this.#limits;
	}

	#accept(socket: net.Socket, roles: Array<'client' | 'worker'>): void {
		// An error on one socket (a reset, a TLS alert) concerns only that peer.
		socket.on('error', () => {});
		if (socket.destroyed) return;
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
			clearInterval(this.#socketWatch);
			releasePidFile(this.paths.pidFile);
			this.#refusals?.close();
			this.#limits?.close();
			this.log('daemon stopped');
			// Last: until here a second daemon must not touch this home.
			this.#lock?.release();
			for (const listener of this.#stoppedListeners) listener();
		})();
		return this.#stopping;
	}
}
