// A request handler: the schema its request must match, and what it does.
// Validation happens in the session before the handler runs, so handlers
// only ever see well-formed requests.
import type * as v from 'valibot';
import type {RequestContext} from './request-context.js';
import type {Daemon} from './daemon.js';

export type Handler<S extends v.GenericSchema = v.GenericSchema> = {
	schema: S;
	// Method syntax on purpose: it lets the registry hold handlers of every schema.
	run(daemon: Daemon, request: v.InferOutput<S>, context: RequestContext): void | Promise<void>;
};

export function defineHandler<S extends v.GenericSchema>(
	schema: S,
	run: (daemon: Daemon, request: v.InferOutput<S>, context: RequestContext) => void | Promise<void>,
): Handler<S> {
	return {schema, run};
}
