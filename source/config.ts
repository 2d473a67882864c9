// Where everything lives, and the settings file. By default spool follows the
// XDG base directories; `--home DIR` or SPOOL_HOME puts everything under one
// directory (tests always use one). The layout is part of the contract:
// docs/configuration.md describes it and other tools rely on it.
import {lstatSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import envPaths from 'env-paths';
import * as v from 'valibot';
import {describeIssues} from './protocol/schema-helpers.js';

export type Paths = {
	/** The one directory of --home / SPOOL_HOME, if given. */
	home: string | undefined;
	runtimeDir: string;
	socket: string;
	pidFile: string;
	dataDir: string;
	database: string;
	/** Held by the running daemon (daemon/home-lock.ts); beside the database, not in the runtime dir. */
	lock: string;
	/** The pid of the daemon holding `lock`, for the message a second daemon gets. */
	lockOwner: string;
	/** Set when the usual runtime dir was unsafe and a fallback is used: one line saying so. */
	runtimeWarning?: string | undefined;
	logs: string;
	daemonLog: string;
	configDir: string;
	configFile: string;
	secret: string;
	tlsDir: string;
	cert: string;
	key: string;
};

export function resolveHome(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
	const home = flag ?? (env.SPOOL_HOME || undefined);
	return home === undefined ? undefined : path.resolve(home);
}

export function resolvePaths(home: string | undefined, env: NodeJS.ProcessEnv = process.env): Paths {
	if (home !== undefined) {
		return {
			home,
			runtimeDir: home,
			socket: path.join(home, 'spool.sock'),
			pidFile: path.join(home, 'spool.pid'),
			dataDir: home,
			database: path.join(home, 'spool.db'),
			lock: path.join(home, 'spool.lock'),
			lockOwner: path.join(home, 'spool.lock.pid'),
			logs: path.join(home, 'logs'),
			daemonLog: path.join(home, 'daemon.log'),
			configDir: home,
			configFile: path.join(home, 'config.json'),
			secret: path.join(home, 'secret'),
			tlsDir: path.join(home, 'tls'),
			cert: path.join(home, 'tls', 'cert.pem'),
			key: path.join(home, 'tls', 'key.pem'),
		};
	}

	const xdg = envPaths('spool', {suffix: ''});
	const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
	const usual = env.XDG_RUNTIME_DIR ? path.join(env.XDG_RUNTIME_DIR, 'spool') : path.join(os.tmpdir(), `spool-${uid}`);
	// Another local user can pre-create /tmp/spool-<uid>; a socket there would
	// be theirs to replace. Such a directory is never used: the data dir's
	// run/ (under the user's own home) takes its place, and we say so.
	const problem = runtimeDirProblem(usual, uid);
	const runtimeDir = problem ? path.join(xdg.data, 'run') : usual;
	return {
		home: undefined,
		runtimeWarning: problem ? `${usual} ${problem}, so spool uses ${runtimeDir} instead; remove ${usual} to go back` : undefined,
		runtimeDir,
		socket: path.join(runtimeDir, 'spool.sock'),
		pidFile: path.join(runtimeDir, 'spool.pid'),
		dataDir: xdg.data,
		database: path.join(xdg.data, 'spool.db'),
		lock: path.join(xdg.data, 'spool.lock'),
		lockOwner: path.join(xdg.data, 'spool.lock.pid'),
		logs: path.join(xdg.data, 'logs'),
		daemonLog: path.join(xdg.data, 'daemon.log'),
		configDir: xdg.config,
		configFile: path.join(xdg.config, 'config.json'),
		secret: path.join(xdg.config, 'secret'),
		tlsDir: path.join(xdg.config, 'tls'),
		cert: path.join(xdg.config, 'tls', 'cert.pem'),
		key: path.join(xdg.config, 'tls', 'key.pem'),
	};
}

/**
 * Why `dir` must not hold the daemon's socket, or undefined when it may (or
 * does not exist yet: the daemon creates it 0700 and checks again).
 */
export function runtimeDirProblem(dir: string, uid: number): string | undefined {
	let stat;
	try {
		stat = lstatSync(dir);
	} catch {
		return undefined;
	}

	if (stat.isSymbolicLink()) return 'is a symbolic link';
	if (!stat.isDirectory()) return 'is not a directory';
	if (stat.uid !== uid) return `belongs to another user (uid ${stat.uid})`;
	if ((stat.mode & 0o022) !== 0) return `can be written by others (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')})`;
	return undefined;
}

const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));
const nonNegativeInt = v.pipe(v.number(), v.integer(), v.minValue(0));
const hostPort = v.pipe(v.string(), v.regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:]+):\d{1,5}$/, 'must be HOST:PORT, e.g. 127.0.0.1:6925'));

/**
 * A Unix socket's permissions as octal text ("0600", "660"): JSON has no
 * octal numbers, and 600 read as decimal would be another mode entirely.
 */
const socketMode = v.pipe(
	v.string('must be an octal mode in quotes, such as "0600" or "0660"'),
	v.regex(/^0?[0-7]{3}$/, 'must be an octal mode of 3 digits (a leading 0 allowed), such as "0600" or "0660"'),
	v.check((text) => (Number.parseInt(text, 8) & 0o111) === 0, 'a socket needs no execute bits: each digit is 6 (read and write), 4, 2 or 0, as in "0660"'),
	v.check((text) => (Number.parseInt(text, 8) & 0o600) === 0o600, "the owner (the first digit) needs read and write (6), or spool's own commands cannot connect"),
);

/** The mode a socket_mode value stands for. */
export const parseSocketMode = (text: string) => Number.parseInt(text, 8);

const daemonSection = v.strictObject({
	/** Permissions of the Unix socket; see docs/configuration.md for the directory that holds it. */
	socket_mode: v.optional(socketMode, '0600'),
	/** TLS listener, HOST:PORT; none by default (Unix socket only). */
	listen: v.optional(v.nullable(hostPort), null),
	/** Shell that runs each command as `shell -c command`. */
	shell: v.optional(v.pipe(v.string(), v.minLength(1)), 'sh'),
	/** `parallel` of groups created without one, including `default`. */
	default_parallel: v.optional(nonNegativeInt, 1),
	/** Grace between the kill signal and SIGKILL. */
	kill_grace_ms: v.optional(nonNegativeInt, 5000),
	handshake_timeout_ms: v.optional(positiveInt, 10_000),
	/** Frame limit after the handshake. */
	max_frame_bytes: v.optional(v.pipe(positiveInt, v.minValue(65_536)), 16 * 1024 * 1024),
	/** What groups with interrupted work do after a restart. */
	on_restart: v.optional(v.picklist(['resume', 'pause']), 'resume'),
	pause_group_on_failure: v.optional(v.boolean(), false),
	pause_all_on_failure: v.optional(v.boolean(), false),
	/** Command run through the shell when a task ends; see docs/configuration.md. */
	callback: v.optional(v.nullable(v.string()), null),
	callback_log_lines: v.optional(nonNegativeInt, 10),
	/** Local task slots; 0 = unlimited (groups' parallel still applies). */
	local_slots: v.optional(nonNegativeInt, 0),
	/** Run tasks on this machine too; false: a coordinator that only hands tasks to remote workers. */
	local_tasks: v.optional(v.boolean(), true),
	/** How often the daemon pings each remote worker (and tells it to ping back as often). */
	worker_ping_ms: v.optional(positiveInt, 5000),
	/** A remote worker that sends nothing for this long is lost. */
	worker_timeout_ms: v.optional(positiveInt, 15_000),
	/** How long a lost worker's tasks wait for it to come back before they end WorkerLost. */
	worker_grace_ms: v.optional(nonNegativeInt, 120_000),
	/**
	 * Keep the pty's "\n" -> "\r\n" output translation. Off by default: logs
	 * then hold exactly the bytes the task wrote, and output is ~10x faster.
	 */
	pty_onlcr: v.optional(v.boolean(), false),
	pty_cols: v.optional(positiveInt, 120),
	pty_rows: v.optional(positiveInt, 40),
	/** daemon.log is rotated past this size (daemon.log.1 .. .N); 0: never rotated. */
	log_max_bytes: v.optional(nonNegativeInt, 10 * 1024 * 1024),
	/** Rotated generations kept (daemon.log.1 is the newest). */
	log_keep: v.optional(nonNegativeInt, 3),
	/** Repeated handshake failures from one source: the first is logged, then one summary line per interval. */
	log_refusal_interval_ms: v.optional(positiveInt, 60_000),
	/** Unauthenticated TCP connections (TLS or handshake not finished) at once; null: min(256, open-file limit / 4). */
	max_unauthenticated: v.optional(v.nullable(positiveInt), null),
	/** Unauthenticated TCP connections at once from one source address. */
	max_unauthenticated_per_source: v.optional(positiveInt, 16),
	/** Reply bytes a client's socket may hold unsent before the daemon stops reading its requests. */
	max_unsent_bytes: v.optional(v.pipe(positiveInt, v.minValue(65_536)), 8 * 1024 * 1024),
	/** Input (`send`) waiting for a task that does not read it; past it `send` fails with input_full. */
	max_pending_input_bytes: v.optional(positiveInt, 1024 * 1024),
});

const clientSection = v.strictObject({
	/** Start a daemon in the background when none answers. */
	autostart: v.optional(v.boolean(), true),
	/** Connect over TLS to HOST:PORT instead of the local socket. */
	connect: v.optional(v.nullable(hostPort), null),
	/** Pinned certificate file (PEM) for TLS connections. */
	cert: v.optional(v.nullable(v.string()), null),
	/** Pinned SHA-256 fingerprint for TLS connections. */
	fingerprint: v.optional(v.nullable(v.string()), null),
	color: v.optional(v.picklist(['auto', 'always', 'never']), 'auto'),
});

const workerSection = v.strictObject({
	connect: v.optional(v.nullable(hostPort), null),
	cert: v.optional(v.nullable(v.string()), null),
	fingerprint: v.optional(v.nullable(v.string()), null),
	name: v.optional(v.nullable(v.string()), null),
	slots: v.optional(positiveInt, Math.max(1, os.availableParallelism?.() ?? 1)),
	groups: v.optional(v.pipe(v.array(v.string()), v.minLength(1)), ['default']),
	/** The shared secret; null: the home's secret file. */
	secret_file: v.optional(v.nullable(v.string()), null),
	/** On SIGTERM: let running tasks finish, or kill them. */
	on_stop: v.optional(v.picklist(['finish', 'kill']), 'finish'),
	/** Output not yet acknowledged by the daemon, over all tasks, kept in memory before it goes to disk. */
	buffer_bytes: v.optional(v.pipe(positiveInt, v.minValue(65_536)), 16 * 1024 * 1024),
	/** Output kept on disk beyond buffer_bytes; past it the tasks' output is paused. 0: never spill to disk. */
	spill_bytes: v.optional(nonNegativeInt, 1024 * 1024 * 1024),
	/** Where spilled output goes; null: a private directory in the system's temp directory. */
	spill_dir: v.optional(v.nullable(v.string()), null),
});

/**
 * The actions of the full-screen UI, in the order `?` lists them: what
 * ui.keys may rebind. tui/keymap.ts gives each its default keys (its type
 * makes it cover exactly these). Here so that every command, not only the
 * UI, refuses a config file naming another.
 */
export const uiActions = [
	'down',
	'up',
	'top',
	'bottom',
	'pageDown',
	'pageUp',
	'switchPane',
	'zoom',
	'back',
	'filter',
	'search',
	'searchNext',
	'searchPrevious',
	'wrap',
	'follow',
	'palette',
	'add',
	'edit',
	'mark',
	'start',
	'pause',
	'kill',
	'restart',
	'restartInPlace',
	'remove',
	'clean',
	'stash',
	'enqueue',
	'input',
	'parallelUp',
	'parallelDown',
	'toggleWorkers',
	'details',
	'sortNext',
	'sortReverse',
	'help',
	'quit',
	'forceQuit',
] as const;

export type UiAction = (typeof uiActions)[number];

const uiAction = v.picklist(uiActions, (issue) => `unknown action ${issue.received}; actions: ${uiActions.join(', ')}`);

const uiSection = v.strictObject({
	/** Rebinds keys: {"kill": "X", "down": ["j", "ctrl+n"]}; actions are listed by `?` in the UI. */
	keys: v.optional(v.record(uiAction, v.union([v.string(), v.array(v.string())])), {}),
});

/** pueue's aliases file: the first word of a command -> what runs in its place (daemon/aliases.ts). */
const aliasesSection = v.record(
	v.pipe(v.string(), v.regex(/^\S+$/, 'an alias name is one word: not empty, no spaces')),
	v.pipe(
		v.string(),
		v.check((text) => text.trim() !== '', 'the replacement must not be empty'),
	),
);

export const configSchema = v.strictObject({
	daemon: v.optional(daemonSection, {}),
	aliases: v.optional(aliasesSection, {}),
	client: v.optional(clientSection, {}),
	worker: v.optional(workerSection, {}),
	ui: v.optional(uiSection, {}),
});

export type Config = v.InferOutput<typeof configSchema>;

export class ConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ConfigError';
	}
}

export function defaultConfig(): Config {
	return v.parse(configSchema, {});
}

/** Parses config text; `file` names the source in errors. */
export function parseConfig(text: string, file: string): Config {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		throw new ConfigError(`invalid config file ${file}: not valid JSON (${(error as Error).message}); fix or remove it`);
	}

	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		throw new ConfigError(`invalid config file ${file}: it must hold one JSON object ({"daemon": {…}, "client": {…}, "worker": {…}})`);
	}

	const result = v.safeParse(configSchema, raw);
	if (!result.success) {
		throw new ConfigError(`invalid config file ${file}: ${describeIssues(result.issues)}; see docs/configuration.md`);
	}

	return result.output;
}

/** Reads the config file; a missing file means all defaults. */
export function loadConfig(file: string): Config {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultConfig();
		throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
	}

	return parseConfig(text, file);
}
