// The worker protocol (docs/protocol.md, "Workers"): what a `worker` peer and
// the daemon say to each other after the handshake. Every message is a map
// with a `type`, like everything else on the wire, but there are no `id`s or
// `re`s: runs are named by `task` and fenced by `attempt`, so a message about
// an older run of the same task is recognised and ignored.
import * as v from 'valibot';
import type {Connection} from './connection.js';
import {bytes, describeIssues, int, text, uint} from './schema-helpers.js';

/** The largest `data` of one Output or Input message; senders use far less (64 KiB). */
export const maxChunkBytes = 1024 * 1024;
/** What a worker sends per Output message: big enough to amortise framing, small enough to interleave tasks. */
export const outputBatchBytes = 64 * 1024;

export const workerNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;
/** The daemon's own slots; no remote worker may take the name. */
export const localWorkerName = 'local';

/** Why a worker name is refused, or undefined when it is fine. */
export function checkWorkerName(name: string): string | undefined {
	if (name === localWorkerName) return `"${localWorkerName}" names the daemon's own slots; give the worker another --name`;
	if (!workerNamePattern.test(name)) {
		return `invalid worker name ${JSON.stringify(name)}: use 1-64 letters, digits, '_', '.', '@' or '-', starting with a letter or digit`;
	}

	return undefined;
}

const taskId = uint;
const attempt = v.pipe(uint, v.minValue(1));
const run = {task: taskId, attempt};
const signalName = v.pipe(v.string(), v.regex(/^SIG[A-Z0-9]{2,10}$/, 'must be a signal name such as SIGTERM'));
const chunk = v.pipe(
	bytes,
	v.check((value) => value.length <= maxChunkBytes, `must be at most ${maxChunkBytes} bytes`),
);
const size = v.pipe(uint, v.minValue(1), v.maxValue(65_535));

// ----- worker -> daemon

export const registerSchema = v.object({
	type: v.literal('Register'),
	/** Tasks it runs at once. */
	slots: v.pipe(uint, v.minValue(1), v.maxValue(100_000)),
	/** Groups whose tasks it runs. */
	groups: v.pipe(v.array(text(64)), v.minLength(1), v.maxLength(1000)),
	hostname: text(255),
	platform: text(64),
	cpus: uint,
	/** One-minute load average. */
	load: v.pipe(v.number(), v.minValue(0)),
	/** The worker's spool version, for display. */
	version: text(64),
	/** Random per worker process: a reconnect of the same process carries the same value. */
	instance: v.pipe(text(64), v.minLength(1)),
	/** Runs it still has (after a reconnect): running, or ended with a result not yet released by the daemon. */
	running: v.pipe(v.array(v.object({...run, produced: uint})), v.maxLength(100_000)),
});

export const startedSchema = v.object({type: v.literal('Started'), ...run, pid: uint});

export const outputSchema = v.object({
	type: v.literal('Output'),
	...run,
	/** Where `data` starts in the run's output stream (0 = its first byte). */
	offset: uint,
	data: chunk,
});

export const exitedSchema = v.object({
	type: v.literal('Exited'),
	...run,
	exitCode: v.nullable(int),
	signal: v.nullable(signalName),
	/** Total bytes of output: everything up to here was sent in Output messages before. */
	size: uint,
});

export const spawnFailedSchema = v.object({type: v.literal('SpawnFailed'), ...run, message: text(64 * 1024)});

/** The worker did not start the run (it is stopping): the task may run elsewhere, it never ran here. */
export const refusedSchema = v.object({type: v.literal('Refused'), ...run, message: text(64 * 1024)});

export const loadSchema = v.object({type: v.literal('Load'), load: v.pipe(v.number(), v.minValue(0))});

export const leavingSchema = v.object({
	type: v.literal('Leaving'),
	/** true: it lets its tasks finish; false: it kills them. Either way it takes no new ones. */
	finish: v.boolean(),
});

export const pingSchema = v.object({type: v.literal('Ping')});
export const pongSchema = v.object({type: v.literal('Pong')});

/** Messages a worker sends after Register, by type. */
export const workerMessageSchemas = {
	Started: startedSchema,
	Output: outputSchema,
	Exited: exitedSchema,
	SpawnFailed: spawnFailedSchema,
	Refused: refusedSchema,
	Load: loadSchema,
	Leaving: leavingSchema,
	Ping: pingSchema,
	Pong: pongSchema,
} as const;

export type Register = v.InferOutput<typeof registerSchema>;

// ----- daemon -> worker

export const registeredSchema = v.object({
	type: v.literal('Registered'),
	/** The name the daemon knows it by (the handshake's name). */
	name: text(64),
	/** Send something at least this often. */
	pingMs: v.pipe(uint, v.minValue(1)),
	/** A peer silent for this long is lost. */
	timeoutMs: v.pipe(uint, v.minValue(1)),
	/** Grace between a kill signal and SIGKILL, for kills the worker decides itself (on stop). */
	killGraceMs: uint,
	/** Runs of `running` the daemon still wants, each with how many of its bytes the daemon has. Every other run is released. */
	attached: v.array(v.object({...run, offset: uint})),
});

export const runSchema = v.object({
	type: v.literal('Run'),
	...run,
	command: v.pipe(text(1024 * 1024), v.minLength(1)),
	cwd: text(4096),
	env: v.record(v.string(), v.string()),
	shell: v.pipe(text(4096), v.minLength(1)),
	cols: size,
	rows: size,
	translateNewlines: v.boolean(),
});

export const signalSchema = v.object({type: v.literal('Signal'), ...run, signal: signalName});
export const killSchema = v.object({type: v.literal('Kill'), ...run, signal: signalName, graceMs: uint});
export const inputSchema = v.object({type: v.literal('Input'), ...run, data: chunk});
export const resizeSchema = v.object({type: v.literal('Resize'), ...run, cols: size, rows: size});
export const ackSchema = v.object({type: v.literal('Ack'), ...run, offset: uint});
export const releaseSchema = v.object({type: v.literal('Release'), ...run});
/** Answers Leaving: no Run follows on this connection. */
export const goodbyeSchema = v.object({type: v.literal('Goodbye')});
export const workerErrorSchema = v.object({type: v.literal('Error'), code: v.string(), message: v.optional(v.string(), '')});

/** Messages the daemon sends a worker after Registered, by type. */
export const daemonMessageSchemas = {
	Run: runSchema,
	Signal: signalSchema,
	Kill: killSchema,
	Input: inputSchema,
	Resize: resizeSchema,
	Ack: ackSchema,
	Release: releaseSchema,
	Goodbye: goodbyeSchema,
	Ping: pingSchema,
	Pong: pongSchema,
	Error: workerErrorSchema,
} as const;

export type DaemonMessage = v.InferOutput<(typeof daemonMessageSchemas)[keyof typeof daemonMessageSchemas]>;
export type Registered = v.InferOutput<typeof registeredSchema>;
export type RunMessage = v.InferOutput<typeof runSchema>;

export type ParsedMessage<S extends Record<string, v.GenericSchema>> = {
	[K in keyof S]: v.InferOutput<S[K]>;
}[keyof S];

// ----- sending, typed by direction

/**
 * Byte fields as any Uint8Array: valibot types `instance(Uint8Array)` as
 * Uint8Array<ArrayBuffer>, but accepts every Uint8Array at run time, a
 * Buffer (over a shared pool) included, which is what senders hold.
 */
type Sendable<T> = {[K in keyof T]: T[K] extends Uint8Array ? Uint8Array : T[K]};

/** What a schema of `S` accepts, as one union: a sender may send exactly what the receiver's schema lets through. */
type Accepted<S extends Record<string, v.GenericSchema>> = {
	[K in keyof S]: Sendable<v.InferInput<S[K]>>;
}[keyof S];

/** Everything a worker may send the daemon: Register first, then the messages of workerMessageSchemas. */
export type WorkerToDaemon = Sendable<v.InferInput<typeof registerSchema>> | Accepted<typeof workerMessageSchemas>;

/** Everything the daemon may send a worker: Registered (or an Error) first, then the messages of daemonMessageSchemas. */
export type DaemonToWorker = Sendable<v.InferInput<typeof registeredSchema>> | Accepted<typeof daemonMessageSchemas>;

/** A message about one run, less the `task` and `attempt` that name it: for a sender that adds them for the run it means. */
export type AboutRun<M> = M extends {task: number; attempt: number} ? Omit<M, 'task' | 'attempt'> : never;

/**
 * The worker's one way to put a message on the wire, so that a message of
 * the wrong type or shape does not compile. Returns false when the socket
 * buffer is full (see Connection.send).
 */
export function sendToDaemon(connection: Connection, message: WorkerToDaemon): boolean {
	return connection.send(message);
}

/** The daemon's one way to put a message to a worker on the wire; like sendToDaemon, the other way. */
export function sendToWorker(connection: Connection, message: DaemonToWorker): boolean {
	return connection.send(message);
}

/**
 * Sorts a decoded frame: a known message (validated), an unknown type, or a
 * malformed message with a readable reason.
 */
export function parseMessage<S extends Record<string, v.GenericSchema>>(
	schemas: S,
	message: unknown,
): {ok: true; message: ParsedMessage<S>} | {ok: false; code: 'bad_request' | 'unknown_type'; reason: string} {
	if (typeof message !== 'object' || message === null || Array.isArray(message) || message instanceof Uint8Array) {
		return {ok: false, code: 'bad_request', reason: 'a message must be a CBOR map with text keys'};
	}

	const type = (message as {type?: unknown}).type;
	if (typeof type !== 'string') return {ok: false, code: 'bad_request', reason: 'a message needs a text field "type"'};
	const schema = Object.hasOwn(schemas, type) ? schemas[type] : undefined;
	if (!schema) return {ok: false, code: 'unknown_type', reason: `unknown message type ${JSON.stringify(type)}`};
	const parsed = v.safeParse(schema, message);
	if (!parsed.success) {
		return {ok: false, code: 'bad_request', reason: `${type}: ${describeIssues(parsed.issues)}`};
	}

	return {ok: true, message: parsed.output as ParsedMessage<S>};
}
