// Every command's --json through the real bin/spool.js, checked against its
// schema in docs/json-schema/ (closed: a field the schema does not list
// fails), and what --json does on errors: stdout empty, the message on
// stderr, the usual exit code (docs/cli-json.md).
import {describe, expect, it} from 'vitest';
import {allCommands} from '../../source/definitions/all-commands.js';
import {idsJson} from '../../source/commands/json-output.js';
import {sharedHomePerFile} from '../helpers/e2e-homes.js';
import {commandSchemaNames, loadSchemas} from '../helpers/json-schemas.js';
import {runSpool, type RunResult} from '../helpers/spool-bin.js';
import {makeTempHome} from '../helpers/temp-home.js';

const shared = sharedHomePerFile();
const {spool} = shared;
const {validator, strictValidator} = loadSchemas();
const checked = new Set<string>();

type Task = {id: number; status: string; result: string | null; group: string; label: string | null; env?: Record<string, string>; createdAt: string};

/** Runs `spool --json ARGS` (before the words: after `add … --` it would be the task's), expects exit 0 and nothing on stderr, and validates stdout against `schema`. */
async function json<T = Record<string, unknown>>(schema: string, ...args: string[]): Promise<T> {
	return valid<T>(schema, await spool('--json', ...args), args);
}

function valid<T>(schema: string, result: RunResult, args: readonly string[]): T {
	const what = `spool --json ${args.join(' ')}`;
	expect(result.stderr.replace(/^spool: no daemon was running.*\n/, ''), what).toBe('');
	expect(result.code, `${what}: ${result.stderr}`).toBe(0);
	const value = JSON.parse(result.stdout) as unknown;
	const validate = strictValidator(schema);
	expect(validate(value) ? [] : validate.errors, `${what} against docs/json-schema/${schema}.json: ${result.stdout}`).toEqual([]);
	checked.add(schema);
	return value as T;
}

/** A refused command: exit code, nothing on stdout, one `spool: …` line on stderr. */
async function refused(code: number, args: string[], stderr: RegExp): Promise<void> {
	const result = await spool('--json', ...args);
	expect(result.code, `spool --json ${args.join(' ')}: ${result.stderr}`).toBe(code);
	expect(result.stdout).toBe('');
	expect(result.stderr).toMatch(/^spool: [^\n]+\n$/);
	expect(result.stderr).toMatch(stderr);
}

describe('--json (real binary, one daemon)', () => {
	let first: Task;
	const ids: Record<string, number> = {};

	it('add: a task object', async () => {
		first = await json<Task>('add', 'add', '-l', 'first', '--', 'echo hi');
		expect(first).toMatchObject({command: 'echo hi', label: 'first', group: 'default', worker: null});
		expect(Math.abs(Date.parse(first.createdAt) - Date.now())).toBeLessThan(60_000);
	});

	it('add --stdin: the ids, in input order', async () => {
		const result = await runSpool(['--home', shared.home(), 'add', '--stdin', '--json'], {input: 'true\nexit 3\n'});
		const batch = valid<{ids: number[]}>('add', result, ['add', '--stdin']);
		expect(batch.ids).toEqual([first.id + 1, first.id + 2]);
		ids.good = batch.ids[0]!;
		ids.bad = batch.ids[1]!;
		const waited = await json<{tasks: Task[]; success: boolean}>('wait', 'wait', String(first.id), String(ids.good), String(ids.bad));
		expect(waited.success).toBe(false);
		expect(waited.tasks.map((task) => [task.id, task.result])).toEqual([
			[first.id, 'Success'],
			[ids.good, 'Success'],
			[ids.bad, 'Failed'],
		]);
	});

	it('status: {tasks, groups, daemon}; -g X only X; with ids, each task with its env, the same as env show', async () => {
		const all = await json<{tasks: Task[]; groups: Array<{name: string}>}>('status', 'status');
		expect(all.tasks.map((task) => task.id)).toEqual([first.id, ids.good, ids.bad]);
		expect(all.tasks.some((task) => 'env' in task)).toBe(false);

		expect(await json('group', 'group', 'add', 'gpu', '-p', '2')).toEqual({name: 'gpu', status: 'Running', parallel: 2});
		const inGpu = await json<Task>('add', 'add', '-g', 'gpu', '-s', '--', 'echo g');
		const gpu = await json<{tasks: Task[]; groups: Array<{name: string}>}>('status', 'status', '-g', 'gpu');
		expect(gpu.groups).toEqual([{name: 'gpu', status: 'Running', parallel: 2}]);
		expect(gpu.tasks.map((task) => task.id)).toEqual([inGpu.id]);
		expect((await json<{groups: unknown[]}>('status', 'status', 'group=gpu')).groups).toHaveLength(1);

		const one = await json<{tasks: Task[]}>('status', 'status', String(first.id));
		expect(one.tasks.map((task) => task.id)).toEqual([first.id]);
		const env = one.tasks[0]!.env!;
		expect(env.PATH).toBe(process.env.PATH);
		expect(Object.keys(env)).toEqual(Object.keys(env).sort());
		expect(await json('env', 'env', 'show', String(first.id))).toEqual({id: first.id, env});
		const shown = await spool('env', 'show', String(first.id));
		expect(shown.stdout).toBe(
			Object.entries(env)
				.map(([key, value]) => `${key}=${value}\n`)
				.join(''),
		);
		// ids that are no task are left out, not an error.
		expect((await json<{tasks: Task[]}>('status', 'status', '9999')).tasks).toEqual([]);
	});

	it('env set/unset, switch, edit, stash, enqueue: acted-on ids or the task', async () => {
		const a = await json<Task>('add', 'add', '-s', '--', 'echo a');
		const b = await json<Task>('add', 'add', '-s', '--', 'echo b');
		expect(await json('env', 'env', 'set', String(a.id), 'SPOOL_JSON', 'yes')).toEqual({ids: [a.id]});
		expect((await json<{env: Record<string, string>}>('env', 'env', 'show', String(a.id))).env.SPOOL_JSON).toBe('yes');
		expect(await json('env', 'env', 'unset', String(a.id), 'SPOOL_JSON')).toEqual({ids: [a.id]});
		expect(await json('switch', 'switch', String(a.id), String(b.id))).toEqual({ids: [a.id, b.id]});
		expect(await json('edit', 'edit', String(a.id), '--label', 'edited')).toMatchObject({id: a.id, label: 'edited', command: 'echo b'});
		const both = await json<{tasks: Task[]}>('edit', 'edit', String(a.id), String(b.id), '--priority', '2');
		expect(both.tasks.map((task) => [task.id, task.status])).toEqual([
			[a.id, 'Stashed'],
			[b.id, 'Stashed'],
		]);
		const delayed = await json<{ids: number[]}>('enqueue', 'enqueue', String(a.id), '-d', '1h');
		expect(delayed).toEqual({ids: [a.id]});
		const [later] = (await json<{tasks: Array<Task & {enqueueAt: string}>}>('status', 'status', String(a.id))).tasks;
		expect(Date.parse(later!.enqueueAt) - Date.now()).toBeGreaterThan(3_500_000);
		expect(await json('stash', 'stash', String(a.id))).toEqual({ids: [a.id]});
		ids.stashed = b.id;
	});

	it('send, pause, start, kill, restart, parallel on running and finished tasks', async () => {
		const reader = await json<Task>('add', 'add', '--', 'read line; echo "got $line"');
		await json('wait', 'wait', String(reader.id), '--status', 'running');
		expect(await json('send', 'send', String(reader.id), 'hello')).toEqual({ids: [reader.id]});
		expect((await json<{tasks: Task[]}>('wait', 'wait', String(reader.id))).tasks[0]!.result).toBe('Success');

		const sleeper = await json<Task>('add', 'add', '--', 'sleep 30');
		await json('wait', 'wait', String(sleeper.id), '--status', 'running');
		expect(await json('pause', 'pause', String(sleeper.id))).toEqual({ids: [sleeper.id]});
		expect(await json('start', 'start', String(sleeper.id))).toEqual({ids: [sleeper.id]});
		expect(await json('pause', 'pause')).toEqual({ids: [sleeper.id]});
		expect(await json('start', 'start')).toEqual({ids: [sleeper.id]});
		expect(await json('kill', 'kill', String(sleeper.id))).toEqual({ids: [sleeper.id]});
		expect((await json<{tasks: Task[]}>('wait', 'wait', String(sleeper.id))).tasks[0]!.result).toBe('Killed');

		const again = await json<{ids: number[]}>('restart', 'restart', String(ids.bad));
		expect(again.ids).toHaveLength(1);
		expect(await json('parallel', 'parallel', '2')).toEqual({name: 'default', status: 'Running', parallel: 2});
		await json('wait', 'wait', String(again.ids[0]));
	});

	it('remove, clean, reset: the ids removed', async () => {
		expect(await json('remove', 'remove', String(ids.stashed))).toEqual({ids: [ids.stashed]});
		// A mixed set: what can go goes, the rest is skipped with why, exit 1 and the document on stdout.
		const spare = await json<Task>('add', 'add', '-s', '--', 'true');
		const mixed = await spool('--json', 'remove', String(spare.id), '9999');
		expect(mixed.code).toBe(1);
		const mixedValue = JSON.parse(mixed.stdout) as unknown;
		expect(mixedValue).toEqual({ids: [spare.id], skipped: [{id: 9999, code: 'not_found', message: expect.stringMatching(/no task 9999/)}]});
		const validateRemove = strictValidator('remove');
		expect(validateRemove(mixedValue) ? [] : validateRemove.errors).toEqual([]);
		const cleaned = await json<{ids: number[]}>('clean', 'clean', '-s');
		expect(cleaned.ids).toContain(first.id);
		const reset = await json<{ids: number[]}>('reset', 'reset', '--force');
		expect(reset.ids.length).toBeGreaterThan(0);
		expect((await json<{tasks: Task[]}>('status', 'status')).tasks).toEqual([]);
	});

	it('group, workers, ping and spool --json (the status)', async () => {
		expect(await json('group', 'group', 'remove', 'gpu')).toEqual({ok: true});
		expect(await json('group', 'group')).toEqual({groups: [{name: 'default', status: 'Running', parallel: 2}]});
		const {workers} = await json<{workers: Array<{name: string; connectedAt: string}>}>('workers', 'workers');
		expect(workers.map((worker) => worker.name)).toEqual(['local']);
		expect(await json('ping', 'ping')).toMatchObject({version: expect.any(String)});
		// No command: the UI on a terminal, the status otherwise; with --json always the status.
		expect(await json('tui')).toMatchObject({tasks: [], groups: [{name: 'default'}]});
		expect(await json('tui', 'tui')).toMatchObject({tasks: []});
	});

	it('log: {tasks: [{task, durationMs, lines, plain, output}]}, the task object as everywhere', async () => {
		const task = await json<Task>('add', 'add', '--', 'echo logged');
		const [done] = (await json<{tasks: Task[]}>('wait', 'wait', String(task.id))).tasks;
		checked.add('log');
		expect(await json('log', 'log', String(task.id))).toEqual({tasks: [{task: done, durationMs: expect.any(Number), lines: null, plain: false, output: 'logged\n'}]});
		expect(await json('log', 'log', '-n', '0', '--plain', String(task.id))).toMatchObject({tasks: [{task: {id: task.id}, lines: {shown: 0, total: 1}, plain: true, output: ''}]});
	});

	it('keeps stdout empty on errors: the message on stderr, exit 1 refused, 2 usage, 3 no daemon', async () => {
		await refused(1, ['remove', '9999'], /no task 9999.*\[not_found\]$/m);
		await refused(1, ['status', '-g', 'nope'], /no group "nope".*\[not_found\]$/m);
		await refused(1, ['env', 'show', '9999'], /\[not_found\]$/m);
		await refused(2, ['env', 'show'], /env show needs a task id/);
		await refused(2, ['status', 'bogus'], /invalid status query/);
		await refused(2, ['follow', '1'], /^spool: --json: follow prints the output/);
		await refused(2, ['completions', 'bash'], /^spool: --json: completions prints a shell script/);
		await refused(2, ['worker', '--connect', '127.0.0.1:1', '--fingerprint', 'a'.repeat(64)], /^spool: --json: a worker runs until stopped/);
		await refused(2, ['daemon'], /--json goes with --detach/);
		await refused(2, ['add', '-f', '--', 'true'], /--follow prints the output, not JSON/);
		const cold = makeTempHome();
		try {
			const result = await runSpool(['status', '--json', '--no-autostart', '--home', cold.home]);
			expect(result.code).toBe(3);
			expect(result.stdout).toBe('');
			expect(result.stderr).toMatch(/^spool: no daemon answers at /);
		} finally {
			cold.cleanup();
		}
	});

	it('daemon --detach: {pid, log}; shutdown: {ok: true}', async () => {
		const other = makeTempHome();
		try {
			const started = valid<{pid: number; log: string}>('daemon', await runSpool(['daemon', '--detach', '--json', '--home', other.home]), ['daemon', '--detach']);
			expect(started.log.startsWith(other.home)).toBe(true);
			expect(valid('shutdown', await runSpool(['shutdown', '--json', '--home', other.home]), ['shutdown'])).toEqual({ok: true});
		} finally {
			other.cleanup();
		}
	});

	it('acted-on ids name the tasks the daemon skipped, with why, only when it names some', () => {
		const validate = strictValidator('remove');
		const skipped = idsJson({ids: [1], refused: [{id: 2, code: 'invalid_state', message: 'task 2 is running'}]});
		expect(skipped).toEqual({ids: [1], skipped: [{id: 2, code: 'invalid_state', message: 'task 2 is running'}]});
		expect(validate(skipped), JSON.stringify(validate.errors)).toBe(true);
		expect(idsJson({ids: [1], refused: []})).toEqual({ids: [1]});
	});

	it('has a schema for every command with JSON, each used above; the published schemas accept fields they do not know', () => {
		for (const command of allCommands) {
			if (command.name === 'help' || command.noJson) continue;
			expect(commandSchemaNames, `docs/json-schema/${command.name}.json`).toContain(command.name);
		}

		expect([...checked].sort()).toEqual([...commandSchemaNames].sort());
		// Fields are only ever added: an older schema must not refuse a newer spool's output.
		expect(validator('shutdown')({ok: true, later: 1})).toBe(true);
		expect(strictValidator('shutdown')({ok: true, later: 1})).toBe(false);
	});
});
