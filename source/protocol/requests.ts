// Runtime schemas of every client request after the handshake
// (docs/protocol.md, "Requests"). The daemon validates each request against
// its schema before a handler sees it; fields not listed are ignored. `id`
// is always the request's own id, so fields naming a task are called `task`.
import * as v from 'valibot';
import {bytes, int, text, uint} from './schema-helpers.js';

const ids = v.pipe(v.array(uint), v.maxLength(1_000_000));
const groupName = text(64);
const signalName = v.pipe(v.string(), v.regex(/^(SIG)?[A-Z0-9]{2,10}$/, 'must be a signal name such as SIGTERM, TERM or KILL'));
const optionalText = v.optional(v.nullable(text(64 * 1024)));

/** Which tasks a bulk request touches: ids, else a group, else all. */
const selection = {
	ids: v.optional(ids),
	group: v.optional(groupName),
	all: v.optional(v.boolean()),
};

const envName = /^[^=\0]+$/;
/** A variable name POSIX shells accept (XBD 8.1): what `spool env set` may set. */
export const shellVariableName = /^[A-Za-z_][A-Za-z0-9_]*$/;
const env = v.pipe(
	v.record(v.string(), v.string()),
	v.check((value) => Object.keys(value).length <= 10_000, 'at most 10000 variables'),
	v.check((value) => Object.keys(value).every((key) => envName.test(key)), 'variable names must be non-empty and hold no "=" or NUL'),
	v.check((value) => Object.values(value).every((item) => !item.includes('\0')), 'values must hold no NUL byte'),
);

export const newTaskFields = {
	command: v.pipe(
		text(1024 * 1024),
		v.check((value) => value.trim() !== '', 'must not be empty'),
	),
	cwd: v.pipe(
		text(4096),
		v.check((value) => value.startsWith('/'), 'must be an absolute path'),
	),
	env,
	group: v.optional(groupName),
	label: optionalText,
	priority: v.optional(int),
	after: v.optional(ids),
	/** Stay stashed until enqueued. */
	stashed: v.optional(v.boolean()),
	/** Become queued at this time (ms since epoch); implies stashed until then. */
	enqueueAt: v.optional(v.nullable(uint)),
	/** Start now, whatever the group's slots and state. */
	immediate: v.optional(v.boolean()),
	cols: v.optional(v.pipe(uint, v.minValue(1), v.maxValue(1000))),
	rows: v.optional(v.pipe(uint, v.minValue(1), v.maxValue(1000))),
};

export const requestSchemas = {
	Ping: v.object({type: v.literal('Ping')}),
	Cancel: v.object({type: v.literal('Cancel'), target: uint}),
	Add: v.object({type: v.literal('Add'), ...newTaskFields}),
	/** Many tasks in one request; each entry's missing fields come from `defaults` (cwd and env are sent once). */
	AddMany: v.object({
		type: v.literal('AddMany'),
		defaults: v.optional(v.partial(v.object(newTaskFields))),
		tasks: v.pipe(v.array(v.object({...v.partial(v.object(newTaskFields)).entries, command: newTaskFields.command})), v.minLength(1), v.maxLength(100_000)),
	}),
	/** `partial`: remove the tasks that can go and name the others in the reply, instead of all or nothing. */
	Remove: v.object({type: v.literal('Remove'), ids: v.pipe(ids, v.minLength(1)), partial: v.optional(v.boolean())}),
	Switch: v.object({type: v.literal('Switch'), a: uint, b: uint}),
	Stash: v.object({type: v.literal('Stash'), ...selection}),
	Enqueue: v.object({type: v.literal('Enqueue'), ...selection, at: v.optional(v.nullable(uint))}),
	Start: v.object({type: v.literal('Start'), ...selection}),
	Pause: v.object({type: v.literal('Pause'), ...selection, wait: v.optional(v.boolean())}),
	Kill: v.object({type: v.literal('Kill'), ...selection, signal: v.optional(signalName)}),
	Send: v.object({type: v.literal('Send'), task: uint, data: v.union([bytes, v.string()])}),
	Restart: v.object({
		type: v.literal('Restart'),
		ids: v.optional(ids),
		allFailed: v.optional(v.boolean()),
		group: v.optional(groupName),
		inPlace: v.optional(v.boolean()),
		stashed: v.optional(v.boolean()),
		immediate: v.optional(v.boolean()),
		command: v.optional(text(1024 * 1024)),
		cwd: v.optional(
			v.pipe(
				text(4096),
				v.check((value) => value.startsWith('/'), 'must be an absolute path'),
			),
		),
		label: optionalText,
		priority: v.optional(int),
	}),
	/** Locks queued or stashed tasks for this connection while they are edited. */
	Lock: v.object({type: v.literal('Lock'), ids: v.pipe(ids, v.minLength(1))}),
	/** Gives back locks this connection holds, unchanged. */
	Unlock: v.object({type: v.literal('Unlock'), ids: v.pipe(ids, v.minLength(1))}),
	Edit: v.object({
		type: v.literal('Edit'),
		task: uint,
		/** Replaces the task's dependencies. */
		after: v.optional(ids),
		command: v.optional(text(1024 * 1024)),
		cwd: v.optional(
			v.pipe(
				text(4096),
				v.check((value) => value.startsWith('/'), 'must be an absolute path'),
			),
		),
		label: optionalText,
		priority: v.optional(int),
	}),
	EnvSet: v.object({
		type: v.literal('EnvSet'),
		task: uint,
		// What a POSIX shell accepts as a name; Add's env may hold any (a shell's environment can carry BASH_FUNC_f%%).
		key: v.pipe(v.string(), v.regex(shellVariableName, 'must be a variable name: a letter or "_", then letters, digits or "_" (e.g. RUST_LOG)')),
		value: v.pipe(
			v.string(),
			v.check((value) => !value.includes('\0'), 'must hold no NUL byte'),
		),
	}),
	/** Any name Add's env may hold, so that a strange one captured from a shell can be removed. */
	EnvUnset: v.object({type: v.literal('EnvUnset'), task: uint, key: v.pipe(v.string(), v.regex(envName, 'must be a non-empty name without "=" or NUL'))}),
	/** Reads one task's environment (any status): tasks carry no environment in their records, it is large. */
	EnvGet: v.object({type: v.literal('EnvGet'), task: uint}),
	GroupList: v.object({type: v.literal('GroupList')}),
	GroupAdd: v.object({type: v.literal('GroupAdd'), name: groupName, parallel: v.optional(int)}),
	GroupRemove: v.object({type: v.literal('GroupRemove'), name: groupName}),
	Parallel: v.object({type: v.literal('Parallel'), group: v.optional(groupName), parallel: int}),
	Status: v.object({
		type: v.literal('Status'),
		group: v.optional(groupName),
		ids: v.optional(ids),
		status: v.optional(v.array(v.picklist(['Queued', 'Stashed', 'Locked', 'Running', 'Paused', 'Done', 'Success', 'Failed']))),
		label: v.optional(v.string()),
		command: v.optional(v.string()),
		orderBy: v.optional(v.picklist(['id', 'priority', 'status', 'label', 'command', 'cwd', 'createdAt', 'enqueueAt', 'startedAt', 'endedAt'])),
		descending: v.optional(v.boolean()),
		first: v.optional(uint),
		last: v.optional(uint),
	}),
	Log: v.object({
		type: v.literal('Log'),
		task: uint,
		/** Last N lines (default: the whole log). */
		lines: v.optional(uint),
		/** Byte range [from, to). */
		from: v.optional(uint),
		to: v.optional(uint),
		/** Also count the log's lines up to `to` (LogInfo.totalLines); costs a read of the whole range. */
		countLines: v.optional(v.boolean()),
	}),
	Follow: v.object({
		type: v.literal('Follow'),
		ids: v.pipe(ids, v.minLength(1), v.maxLength(1000)),
		/** Start this many lines back (absent or null: from the start of the log). */
		lines: v.optional(v.nullable(uint)),
	}),
	Subscribe: v.object({type: v.literal('Subscribe')}),
	Wait: v.object({
		type: v.literal('Wait'),
		...selection,
		status: v.optional(v.picklist(['queued', 'running', 'done', 'success']), 'done'),
	}),
	Clean: v.object({type: v.literal('Clean'), successfulOnly: v.optional(v.boolean()), group: v.optional(groupName)}),
	Reset: v.object({type: v.literal('Reset'), group: v.optional(groupName)}),
	Shutdown: v.object({type: v.literal('Shutdown')}),
	Workers: v.object({type: v.literal('Workers')}),
} as const;

export type RequestType = keyof typeof requestSchemas;
/** A request as the daemon's handler sees it (defaults filled in). */
export type Request<T extends RequestType> = v.InferOutput<(typeof requestSchemas)[T]>;
/** A request as a client writes it (without `id`, which the client adds). */
export type RequestInput<T extends RequestType> = v.InferInput<(typeof requestSchemas)[T]>;
/** Any request a client may write. */
export type AnyRequestInput = {[T in RequestType]: RequestInput<T>}[RequestType];
