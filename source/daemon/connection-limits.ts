// Limits on TCP connections that have not proved the secret yet. Each one
// costs a file descriptor and some memory and needs no secret to open, so
// they are capped per source address and in total (well below the process's
// open-file limit, leaving descriptors for the Unix socket, the store, task
// ptys and log files), and each must finish TLS and the handshake within the
// handshake deadline counted from the TCP accept.
import {readFileSync} from 'node:fs';
import type net from 'node:net';

/** The soft open-file limit of this process (RLIMIT_NOFILE), or undefined when unknown. */
export function openFileLimit(): number | undefined {
	try {
		const limits = readFileSync('/proc/self/limits', 'utf8');
		const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
		if (match) return match[1] === 'unlimited' ? undefined : Number(match[1]);
	} catch {}

	return undefined;
}

/** Default total cap: min(256, nofile / 4), at least 8. */
export function defaultUnauthenticatedLimit(nofile = openFileLimit() ?? 1024): number {
	return Math.max(8, Math.min(256, Math.floor(nofile / 4)));
}

export type ConnectionLimitOptions = {
	total: number;
	perSource: number;
	/** From TCP accept to the end of the handshake. */
	deadlineMs: number;
	/** Told once per refused connection; the caller rate-limits its log lines. */
	onRefused: (source: string, reason: string) => void;
	onTimeout?: (source: string) => void;
};

type Pending = {socket: net.Socket; source: string; timer: NodeJS.Timeout};

export class ConnectionLimits {
	readonly #pending = new Map<string, Pending>();
	readonly #perSource = new Map<string, number>();

	constructor(readonly options: ConnectionLimitOptions) {}

	/** Unauthenticated connections open now. */
	get count(): number {
		return this.#pending.size;
	}

	static key(socket: net.Socket): string {
		return `${socket.remoteAddress ?? '?'}|${socket.remotePort ?? '?'}`;
	}

	/**
	 * A new TCP connection, before TLS. Returns false (and has destroyed the
	 * socket) when a cap is reached; otherwise it is closed unless
	 * `authenticated` is called for it within the deadline.
	 */
	admit(socket: net.Socket): boolean {
		const source = socket.remoteAddress ?? 'unknown address';
		const fromSource = this.#perSource.get(source) ?? 0;
		let reason: string | undefined;
		if (this.#pending.size >= this.options.total) {
			reason = `${this.options.total} unauthenticated connections are already open (daemon.max_unauthenticated)`;
		} else if (fromSource >= this.options.perSource) {
			reason = `${fromSource} unauthenticated connections from this address are already open (daemon.max_unauthenticated_per_source)`;
		}

		if (reason) {
			socket.destroy();
			this.options.onRefused(source, reason);
			return false;
		}

		const key = ConnectionLimits.key(socket);
		const timer = setTimeout(() => {
			this.options.onTimeout?.(source);
			socket.destroy();
		}, this.options.deadlineMs);
		timer.unref();
		this.#pending.set(key, {socket, source, timer});
		this.#perSource.set(source, fromSource + 1);
		socket.once('close', () => {
			this.#release(key, socket);
		});
		return true;
	}

	/** The connection identified by `socket`'s address and port proved the secret: no longer counted or timed. */
	authenticated(socket: net.Socket): void {
		const key = ConnectionLimits.key(socket);
		const pending = this.#pending.get(key);
		if (pending) this.#release(key, pending.socket);
	}

	#release(key: string, socket: net.Socket): void {
		const pending = this.#pending.get(key);
		if (pending?.socket !== socket) return;
		clearTimeout(pending.timer);
		this.#pending.delete(key);
		const left = (this.#perSource.get(pending.source) ?? 1) - 1;
		if (left <= 0) this.#perSource.delete(pending.source);
		else this.#perSource.set(pending.source, left);
	}

	close(): void {
		for (const pending of this.#pending.values()) clearTimeout(pending.timer);
	}
}
