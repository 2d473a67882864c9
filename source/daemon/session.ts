// One connection to the daemon: the handshake, then requests (or, for a
// worker, the worker protocol in workers/worker-session.ts). Nothing a peer
// sends can throw out of here: malformed messages get an Error reply, framing
// errors close only this connection, and handler failures become `internal`
// errors.
import type {Socket} from 'node:net';
import * as v from 'valibot';
import {Connection} from '../protocol/connection.js';
import {FrameError} from '../protocol/frame.js';
import {readEnvelope} from '../protocol/envelope.js';
import {acceptHandshake, type PeerIdentity} from '../protocol/handshake.js';
import type {Role} from '../protocol/handshake-messages.js';
import {describeIssues} from '../protocol/schema-helpers.js';
import {version} from '../version.js';
import type {ConnectionLimits} from './connection-limits.js';
import type {HandlerHost} from './handler.js';
import {handlers} from './handlers/index.js';
import {RequestContext, RequestError} from './request-context.js';
import {TransitionError} from './state/state.js';
import {WorkerSession} from './workers/worker-session.js';

/** What a connection needs of the daemon besides what its requests' handlers do. */
export type SessionHost = HandlerHost & {
	readonly secret: Buffer;
	readonly stopping: boolean;
	readonly sessions: Set<Session>;
	readonly connectionLimits: ConnectionLimits;
	/** A peer that failed the handshake: logged escaped and rate-limited. */
	refused(source: string, reason: string): void;
};

export class Session {
	readonly connection: Connection;
	peer: PeerIdentity | undefined;
	/** Streams this session runs, by request id, so Cancel and close can stop them. */
	readonly streams = new Map<number, () => void>();

	constructor(
		readonly daemon: SessionHost,
		socket: Socket,
		readonly allowRoles: readonly Role[],
	) {
		this.connection = new Connection(socket);
		this.connection.onClose(() => {
			for (const stop of this.streams.values()) stop();
			this.streams.clear();
			daemon.sessions.delete(this);
		});
	}

	async start(): Promise<void> {
		const {config, secret} = this.daemon;
		try {
			this.peer = await acceptHandshake(this.connection, {
				secret,
				version,
				timeoutMs: config.daemon.handshake_timeout_ms,
				frameLimit: config.daemon.max_frame_bytes,
				allowRoles: this.allowRoles,
			});
		} catch (error) {
			// The message may quote what the peer sent: Daemon.refused escapes and rate-limits it.
			const socket = this.connection.socket;
			this.daemon.refused(socket.remoteAddress ?? 'the local socket', (error as Error).message);
			return;
		}

		if (this.connection.socket.remoteAddress !== undefined) this.daemon.connectionLimits.authenticated(this.connection.socket);

		if (this.peer.role === 'worker') {
			// Workers speak the worker protocol, not requests.
			new WorkerSession(this.daemon, this.connection, this.peer).start();
			return;
		}

		// A client that sends requests and reads no replies is not read further
		// until its replies drain (workers have their own flow control).
		this.connection.maxUnsentBytes = config.daemon.max_unsent_bytes;
		this.connection.onMessage((message) => {
			this.#dispatch(message);
		});
	}

	#dispatch(message: unknown): void {
		const envelope = readEnvelope(message);
		if ('code' in envelope) {
			this.connection.send({type: 'Error', ...(envelope.id === undefined ? {} : {re: envelope.id}), code: envelope.code, message: envelope.message});
			return;
		}

		const context = new RequestContext(this.connection, envelope.id, this.streams);
		if (this.daemon.stopping) {
			context.error('shutting_down', 'the daemon is shutting down; try again once it has restarted');
			return;
		}

		const handler = Object.hasOwn(handlers, envelope.type) ? handlers[envelope.type as keyof typeof handlers] : undefined;
		if (!handler) {
			context.error('unknown_type', `unknown request type ${JSON.stringify(envelope.type)}; see docs/protocol.md for the list`);
			return;
		}

		const parsed = v.safeParse(handler.schema, message);
		if (!parsed.success) {
			context.error('bad_request', `${envelope.type}: ${describeIssues(parsed.issues)}`);
			return;
		}

		const fail = (error: unknown) => {
			if (error instanceof RequestError || error instanceof TransitionError) {
				context.error(error.code, error.message);
			} else if (error instanceof FrameError) {
				context.error('internal', `${envelope.type}: ${error.message}`);
			} else {
				this.daemon.log(`internal error in ${envelope.type}: ${(error as Error).stack ?? String(error)}`);
				context.error('internal', `${envelope.type} failed inside the daemon: ${(error as Error).message}`);
			}
		};

		try {
			const result = handler.run(this.daemon, parsed.output, context);
			if (result instanceof Promise) result.catch(fail);
		} catch (error) {
			fail(error);
		}
	}
}
