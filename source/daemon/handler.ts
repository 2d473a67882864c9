// A request handler: the schema its request must match, and what it does.
// Validation happens in the session before the handler runs, so handlers
// only ever see well-formed requests.
import type * as v from 'valibot';
import type {RequestType} from '../protocol/requests.js';
import type {RequestContext} from './request-context.js';
import type {Daemon} from './daemon.js';

/** The request type a schema accepts (its `type` literal). */
type TypeOf<S extends v.GenericSchema> = v.InferOutput<S> extends {type: infer T extends RequestType} ? T : RequestType;

export type Handler<S extends v.GenericSchema = v.GenericSchema> = {
	schema: S;
	// Method syntax on purpose: it lets the registry hold handlers of every schema.
	run(daemon: Daemon, request: v.InferOutput<S>, context: RequestContext<TypeOf<S>>): void | Promise<void>;
};

export function defineHandler<S extends v.GenericSchema>(
	schema: S,
	run: (daemon: Daemon, request: v.InferOutput<S>, context: RequestContext<TypeOf<S>>) => void | Promise<void>,
): Handler<S> {
	return {schema, run};
}
