// The typed sending of worker messages: what the types of each direction
// allow, that direction's schemas accept, and a misspelt type or field does
// not compile (each @ts-expect-error below fails `tsc` once it stops being an
// error, so the types cannot silently loosen).
import * as v from 'valibot';
import {describe, expect, it} from 'vitest';
import {
	type AboutRun,
	type DaemonToWorker,
	type WorkerToDaemon,
	daemonMessageSchemas,
	parseMessage,
	registerSchema,
	registeredSchema,
	workerMessageSchemas,
} from '../../source/protocol/worker-messages.js';

const run = {task: 3, attempt: 1};
// A Buffer, as senders hold them: byte fields take any Uint8Array.
const data = Buffer.from('hi');

const toDaemon: WorkerToDaemon[] = [
	{type: 'Started', ...run, pid: 1},
	{type: 'Output', ...run, offset: 0, data},
	{type: 'Exited', ...run, exitCode: null, signal: 'SIGKILL', size: 2},
	{type: 'SpawnFailed', ...run, message: 'no such directory'},
	{type: 'Refused', ...run, message: 'stopping'},
	{type: 'Load', load: 0.5},
	{type: 'Leaving', finish: false},
	{type: 'Ping'},
	{type: 'Pong'},
];

const toWorker: DaemonToWorker[] = [
	{type: 'Run', ...run, command: 'true', cwd: '/', env: {}, shell: 'sh', cols: 80, rows: 24, translateNewlines: true},
	{type: 'Signal', ...run, signal: 'SIGSTOP'},
	{type: 'Kill', ...run, signal: 'SIGTERM', graceMs: 100},
	{type: 'Input', ...run, data},
	{type: 'Resize', ...run, cols: 100, rows: 30},
	{type: 'Ack', ...run, offset: 2},
	{type: 'Release', ...run},
	{type: 'Goodbye'},
	{type: 'Error', code: 'unknown_type', message: 'what is this'},
	{type: 'Ping'},
	{type: 'Pong'},
];

describe('typed worker messages', () => {
	it('accepts, in each direction, every message its type allows', () => {
		for (const message of toDaemon) expect(parseMessage(workerMessageSchemas, message)).toMatchObject({ok: true});
		for (const message of toWorker) expect(parseMessage(daemonMessageSchemas, message)).toMatchObject({ok: true});
		const register: WorkerToDaemon = {
			type: 'Register',
			slots: 1,
			groups: ['default'],
			hostname: 'h',
			platform: 'linux-x64',
			cpus: 2,
			load: 0,
			version: '0.1.0',
			instance: 'abc',
			running: [{...run, produced: 0}],
		};
		expect(v.safeParse(registerSchema, register).success).toBe(true);
		const registered: DaemonToWorker = {type: 'Registered', name: 'w', pingMs: 1, timeoutMs: 2, killGraceMs: 3, attached: [{...run, offset: 0}]};
		expect(v.safeParse(registeredSchema, registered).success).toBe(true);
	});

	it('refuses, at compile time, a misspelt type or field, or a message of the other direction', () => {
		const refused = [
			// @ts-expect-error: no such message type
			{type: 'Exitted', ...run, exitCode: 0, signal: null, size: 0},
			// @ts-expect-error: a misspelt field
			{type: 'Exited', ...run, exitcode: 0, signal: null, size: 0},
			// @ts-expect-error: a field missing
			{type: 'Output', ...run, data},
			// @ts-expect-error: the daemon's message, not the worker's
			{type: 'Ack', ...run, offset: 0},
		] satisfies WorkerToDaemon[];
		// @ts-expect-error: the worker's message, not the daemon's
		const started: DaemonToWorker = {type: 'Started', ...run, pid: 1};
		// @ts-expect-error: a message about a run is sent without its task and attempt, which the sender adds
		const kill: AboutRun<DaemonToWorker> = {type: 'Kill', task: 3, attempt: 1, signal: 'SIGTERM', graceMs: 0};
		const ack: AboutRun<DaemonToWorker> = {type: 'Ack', offset: 1};
		expect([refused.length, started.type, kill.type, ack.type]).toEqual([4, 'Started', 'Kill', 'Ack']);
	});
});
