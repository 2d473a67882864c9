// The worker protocol's messages: every one is plain CBOR that a generic
// library reads, each schema refuses what it must with a readable reason,
// and every example in docs/protocol.md's "Workers" section is valid.
import {readFileSync} from 'node:fs';
import {decode as genericDecode} from 'cborg';
import * as v from 'valibot';
import {describe, expect, it} from 'vitest';
import {encodeFrame} from '../../source/protocol/frame.js';
import {checkWorkerName, daemonMessageSchemas, parseMessage, registerSchema, registeredSchema, workerMessageSchemas} from '../../source/protocol/worker-messages.js';

const data = Buffer.from('hello\n');
const run = {task: 7, attempt: 2};

const fromWorker: Array<Record<string, unknown>> = [
	{type: 'Started', ...run, pid: 4242},
	{type: 'Output', ...run, offset: 0, data},
	{type: 'Exited', ...run, exitCode: 0, signal: null, size: 6},
	{type: 'Exited', ...run, exitCode: null, signal: 'SIGTERM', size: 0},
	{type: 'SpawnFailed', ...run, message: 'working directory /nope does not exist'},
	{type: 'Load', load: 0.42},
	{type: 'Leaving', finish: true},
	{type: 'Ping'},
	{type: 'Pong'},
];

const fromDaemon: Array<Record<string, unknown>> = [
	{type: 'Run', ...run, command: 'make', cwd: '/src', env: {PATH: '/bin'}, shell: 'sh', cols: 120, rows: 40, translateNewlines: false},
	{type: 'Signal', ...run, signal: 'SIGSTOP'},
	{type: 'Kill', ...run, signal: 'SIGTERM', graceMs: 5000},
	{type: 'Input', ...run, data},
	{type: 'Resize', ...run, cols: 80, rows: 24},
	{type: 'Ack', ...run, offset: 6},
	{type: 'Release', ...run},
	{type: 'Ping'},
	{type: 'Pong'},
	{type: 'Error', code: 'bad_request', message: 'Output: attempt: Invalid type'},
];

const register = {
	type: 'Register',
	slots: 4,
	groups: ['default', 'gpu'],
	hostname: 'build-7',
	platform: 'linux-x64',
	cpus: 8,
	load: 1.5,
	version: '0.1.0',
	instance: '9f2c4e0a6b1d3f5e7a9c0b2d4f6e8a1c',
	running: [{task: 7, attempt: 2, produced: 6}],
};
const registered = {type: 'Registered', name: 'build-7', pingMs: 5000, timeoutMs: 15_000, killGraceMs: 5000, attached: [{...run, offset: 6}]};

function generic(message: unknown): unknown {
	const frame = encodeFrame(message);
	return genericDecode(frame.subarray(4), {useMaps: false});
}

describe('worker protocol messages', () => {
	it('round-trip through a generic CBOR library and pass their schemas', () => {
		for (const message of fromWorker) {
			const decoded = generic(message);
			const parsed = parseMessage(workerMessageSchemas, decoded);
			expect(parsed, JSON.stringify(message)).toMatchObject({ok: true});
		}

		for (const message of fromDaemon) {
			expect(parseMessage(daemonMessageSchemas, generic(message)), JSON.stringify(message)).toMatchObject({ok: true});
		}

		expect(v.safeParse(registerSchema, generic(register)).success).toBe(true);
		expect(v.safeParse(registeredSchema, generic(registered)).success).toBe(true);
	});

	it('carry bytes as untagged byte strings', () => {
		const frame = encodeFrame({type: 'Output', ...run, offset: 0, data: Buffer.from([1, 2])});
		expect(frame.subarray(4).toString('hex')).toContain('6464617461420102'); // "data": bytes(2) 01 02
	});

	it.each([
		['no attempt', {type: 'Output', task: 7, offset: 0, data}, 'bad_request', /attempt/],
		['attempt 0', {type: 'Output', task: 7, attempt: 0, offset: 0, data}, 'bad_request', /attempt/],
		['a negative offset', {type: 'Output', ...run, offset: -1, data}, 'bad_request', /offset/],
		['text as data', {type: 'Output', ...run, offset: 0, data: 'text'}, 'bad_request', /data/],
		['data over 1 MiB', {type: 'Output', ...run, offset: 0, data: Buffer.alloc(1024 * 1024 + 1)}, 'bad_request', /data/],
		['a signal without SIG', {type: 'Exited', ...run, exitCode: 0, signal: 'TERM', size: 0}, 'bad_request', /signal/],
		['Leaving without finish', {type: 'Leaving'}, 'bad_request', /finish/],
		['an unknown type', {type: 'Teleport'}, 'unknown_type', /Teleport/],
		['a type that is not text', {type: 7}, 'bad_request', /type/],
		['an array', [1, 2], 'bad_request', /map/],
		['a byte string', Buffer.from('x'), 'bad_request', /map/],
	])('refuse %s', (_what, message, code, reason) => {
		const parsed = parseMessage(workerMessageSchemas, message);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.code).toBe(code);
			expect(parsed.reason).toMatch(reason);
		}
	});

	it('refuse a Register without slots or groups, and a Run without a command', () => {
		expect(v.safeParse(registerSchema, {...register, slots: 0}).success).toBe(false);
		expect(v.safeParse(registerSchema, {...register, groups: []}).success).toBe(false);
		expect(v.safeParse(registerSchema, {...register, instance: ''}).success).toBe(false);
		expect(parseMessage(daemonMessageSchemas, {...fromDaemon[0], command: ''}).ok).toBe(false);
		expect(parseMessage(daemonMessageSchemas, {...fromDaemon[0], cols: 0}).ok).toBe(false);
	});

	it('check worker names', () => {
		expect(checkWorkerName('build-7')).toBeUndefined();
		expect(checkWorkerName('ada@gpu.box_2')).toBeUndefined();
		expect(checkWorkerName('local')).toMatch(/daemon's own slots/);
		expect(checkWorkerName('')).toMatch(/invalid worker name/);
		expect(checkWorkerName('-x')).toMatch(/invalid worker name/);
		expect(checkWorkerName('a b')).toMatch(/invalid worker name/);
		expect(checkWorkerName('x'.repeat(65))).toMatch(/invalid worker name/);
	});
});

/** CBOR diagnostic notation as docs/protocol.md writes it (JSON plus h'hex'), to a value. */
function fromDiagnostic(text: string): unknown {
	const json = text.replaceAll(/h'([0-9a-f]*)'/g, (_match, hex: string) => JSON.stringify({$bytes: hex}));
	return JSON.parse(json, (_key, value: unknown) => (typeof value === 'object' && value !== null && '$bytes' in value ? Buffer.from((value as {$bytes: string}).$bytes, 'hex') : value));
}

describe('the examples of docs/protocol.md, "The worker protocol"', () => {
	const document = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
	const start = document.indexOf('\n## The worker protocol\n');
	const end = document.indexOf('\n## ', start + 1);
	const section = document.slice(start, end);
	const examples = [...section.matchAll(/```cbor-diag\n([\s\S]*?)```/g)].flatMap((match) => match[1]!.trim().split('\n'));

	it('exist', () => {
		expect(start).toBeGreaterThan(0);
		expect(examples.length).toBeGreaterThan(15);
	});

	it('are each a valid message of the worker protocol', () => {
		const types = new Set<string>();
		for (const line of examples) {
			const message = fromDiagnostic(line) as {type: string};
			types.add(message.type);
			const ok =
				(message.type === 'Register' && v.safeParse(registerSchema, message).success) ||
				(message.type === 'Registered' && v.safeParse(registeredSchema, message).success) ||
				parseMessage(workerMessageSchemas, message).ok ||
				parseMessage(daemonMessageSchemas, message).ok;
			expect(ok, line).toBe(true);
		}

		// Every message type is shown at least once.
		for (const type of [...Object.keys(workerMessageSchemas), ...Object.keys(daemonMessageSchemas), 'Register', 'Registered']) {
			expect(types, type).toContain(type);
		}
	});
});
