// What a request handler gets: the request's id and ways to answer it. A
// handler answers exactly once (or streams and then ends); `Reply` fields are
// merged with `re`.
import type {Connection} from '../protocol/connection.js';
import type {ErrorCode} from '../protocol/envelope.js';

export class RequestError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'RequestError';
	}
}

export type Reply = {type: string} & Record<string, unknown>;

export class RequestContext {
	constructor(
		readonly connection: Connection,
		readonly id: number,
	) {}

	reply(message: Reply): boolean {
		return this.connection.send({...message, re: this.id});
	}

	error(code: ErrorCode, message: string): void {
		this.connection.send({type: 'Error', re: this.id, code, message});
	}
}
