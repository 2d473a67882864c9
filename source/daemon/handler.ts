// A request handler: the schema its request must match, and what it does.
// Validation happens in the session before the handler runs, so handlers
// only ever see well-formed requests.
//
// Handlers see the daemon through HandlerHost: the queue and the few
// services requests need, not the whole Daemon (its listeners, sessions and
// lock are none of their business), so a handler can be tested with a fake
// host and changing the daemon's insides does not ripple through them.
import type * as v from 'valibot';
import type {Config, Paths} from '../config.js';
import type {WorkerEntry} from '../protocol/model.js';
import type {RequestType} from '../protocol/requests.js';
import type {Queue} from './queue.js';
import type {RequestContext} from './request-context.js';

export type HandlerHost = {
	readonly queue: Queue;
	readonly config: Config;
	readonly paths: Paths;
	readonly version: string;
	/** ms since the epoch. */
	readonly startedAt: number;
	/** One line to daemon.log. */
	log(line: string): void;
	/** Every place tasks run (docs/protocol.md, "Worker entry"). */
	workerList(): WorkerEntry[];
	/** At most once per event-loop turn; returns the unsubscribe. */
	onWorkersChanged(listener: () => void): () => void;
	/** When the daemon info's `problem` appears or goes; returns the unsubscribe. */
	onProblemChanged(listener: () => void): () => void;
	/** Shuts the daemon down (running tasks are killed first). */
	stop(): Promise<void>;
};

/** The request type a schema accepts (its `type` literal). */
type TypeOf<S extends v.GenericSchema> = v.InferOutput<S> extends {type: infer T extends RequestType} ? T : RequestType;

export type Handler<S extends v.GenericSchema = v.GenericSchema> = {
	schema: S;
	// Method syntax on purpose: it lets the registry hold handlers of every schema.
	run(host: HandlerHost, request: v.InferOutput<S>, context: RequestContext<TypeOf<S>>): void | Promise<void>;
};

export function defineHandler<S extends v.GenericSchema>(schema: S, run: (host: HandlerHost, request: v.InferOutput<S>, context: RequestContext<TypeOf<S>>) => void | Promise<void>): Handler<S> {
	return {schema, run};
}
