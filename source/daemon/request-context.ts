// What a request handler gets: the request's id and ways to answer it. A
// plain request is answered once; a stream sends any number of messages with
// the same `re` and ends with End, or is stopped early by the client's
// Cancel or by the connection closing.
import type {Connection} from '../protocol/connection.js';
import type {ErrorCode} from '../protocol/envelope.js';
import type {AnswerOf} from '../protocol/replies.js';
import type {RequestType} from '../protocol/requests.js';

export class RequestError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'RequestError';
	}
}

export type StreamRegistry = Map<number, () => void>;

/** T: the request being answered; `reply` takes only what docs/protocol.md lists for it. */
export class RequestContext<T extends RequestType = RequestType> {
	constructor(
		readonly connection: Connection,
		readonly id: number,
		readonly streams: StreamRegistry,
	) {}

	reply(message: AnswerOf<T>): boolean {
		return this.connection.send({...message, re: this.id});
	}

	error(code: ErrorCode, message: string): void {
		this.streams.delete(this.id);
		this.connection.send({type: 'Error', re: this.id, code, message});
	}

	/** Marks this request as a stream; `stop` runs on Cancel or when the connection closes. */
	openStream(stop: () => void): void {
		this.streams.set(this.id, stop);
	}

	get streaming(): boolean {
		return this.streams.has(this.id);
	}

	/** Ends the stream with End {re}, unless Cancel already ended it. */
	end(extra: Record<string, unknown> = {}): void {
		if (!this.streams.has(this.id)) return;
		this.streams.delete(this.id);
		this.connection.send({type: 'End', ...extra, re: this.id});
	}

	/**
	 * Waits for room for `bytes` of reply on this connection (see
	 * Connection.reserve); call the returned function once they are sent.
	 */
	async reserve(bytes: number): Promise<() => void> {
		return this.connection.reserve(bytes);
	}

	/** Resolves once the connection can take more (back-pressure for big replies). */
	async drained(): Promise<void> {
		await this.connection.drained();
	}
}
