// What goes in comes back out: every field, groups, env snapshots, the id counter.
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {applicationId, migrations, schemaVersion} from '../../source/daemon/store/schema.js';
import {Store, StoreError} from '../../source/daemon/store/store.js';
import {makeFullTask, makeTask, makeTempDir} from './fixtures.js';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let store: Store | undefined;

beforeEach(() => {
	temp = makeTempDir();
	file = path.join(temp.dir, 'spool.db');
});

afterEach(() => {
	store?.close();
	store = undefined;
	temp.cleanup();
});

function reopen(): Store {
	store?.close();
	store = Store.open(file);
	return store;
}

describe('store round-trip', () => {
	it('opens a file of schema 1 (before slots): its tasks come back with slot null', async () => {
		const old = new Database(file);
		old.exec(migrations[0] as string);
		old.pragma('user_version = 1');
		old.pragma(`application_id = ${applicationId}`);
		old.prepare("INSERT INTO envs (id, hash, data) VALUES (1, 'h', '{}')").run();
		old.prepare("INSERT INTO tasks VALUES (1, 'true', '/tmp', 1, 'default', NULL, 0, '[]', 'Done', 'Success', 0, NULL, NULL, 1, NULL, 2, 3, 'local', 120, 40, 1)").run();
		old.close();
		const loaded = reopen().load().tasks;
		expect(loaded).toEqual([expect.objectContaining({id: 1, status: 'Done', worker: 'local', slot: null})]);
		const check = new Database(file, {readonly: true});
		expect(check.pragma('user_version', {simple: true})).toBe(schemaVersion);
		check.close();
	});

	it('stores a locked task with the status under its lock: a lock never outlives the daemon', async () => {
		const s = reopen();
		const env = s.internEnv({});
		s.putTask(makeTask(1, env, {status: 'Locked', lock: {owner: {}, from: 'Stashed'}}));
		await s.commit();
		const [task] = reopen().load().tasks;
		expect(task).toMatchObject({id: 1, status: 'Stashed'});
		expect(task!.lock).toBeUndefined();
	});

	it('starts empty with task ids at 1', () => {
		const s = reopen();
		expect(s.load()).toEqual({tasks: [], groups: [], nextTaskId: 1});
	});

	it('keeps every task field, null or not, across a reopen', async () => {
		let s = reopen();
		const env = s.internEnv({PATH: '/bin', HOME: '/home/someone'});
		const full = makeFullTask(3, env);
		const sparse = makeTask(4, env);
		s.putTask(sparse);
		s.putTask(full);
		await s.commit();
		expect(s.load().tasks).toEqual([full, sparse]);

		s = reopen();
		const loaded = s.load();
		expect(loaded.tasks).toEqual([full, sparse]); // ordered by id
		expect(loaded.tasks[0]!.after).toEqual([1, 2]);
		expect(loaded.tasks[1]!.label).toBeNull();
		expect(s.getEnv(env)).toEqual({PATH: '/bin', HOME: '/home/someone'});
	});

	it('a later putTask of the same id replaces it; deleteTask removes it', async () => {
		const s = reopen();
		const env = s.internEnv({});
		s.putTask(makeTask(1, env));
		s.putTask(makeTask(2, env));
		await s.commit();
		s.putTask(makeTask(1, env, {status: 'Running', startedAt: 5, worker: 'local', attempt: 1}));
		s.deleteTask(2);
		await s.commit();
		expect(reopen().load().tasks).toEqual([makeTask(1, env, {status: 'Running', startedAt: 5, worker: 'local', attempt: 1})]);
	});

	it('stores a snapshot of the task at putTask time', async () => {
		const s = reopen();
		const task = makeTask(1, s.internEnv({}));
		s.putTask(task);
		task.status = 'Running';
		await s.commit();
		expect(s.load().tasks[0]!.status).toBe('Queued');
	});

	it('keeps groups, replaces and deletes them', async () => {
		let s = reopen();
		s.putGroup({name: 'default', status: 'Running', parallel: 1});
		s.putGroup({name: 'build', status: 'Paused', parallel: 0});
		s.putGroup({name: 'gone', status: 'Running', parallel: 2});
		await s.commit();
		s.putGroup({name: 'default', status: 'Paused', parallel: 4});
		s.deleteGroup('gone');
		await s.commit();
		s = reopen();
		expect(s.load().groups).toEqual([
			{name: 'build', status: 'Paused', parallel: 0},
			{name: 'default', status: 'Paused', parallel: 4},
		]);
	});
});

describe('task ids', () => {
	it('are never reused after the highest tasks are removed', async () => {
		let s = reopen();
		const env = s.internEnv({});
		for (const id of [1, 2, 3]) s.putTask(makeTask(id, env));
		await s.commit();
		s.deleteTask(3);
		s.deleteTask(2);
		await s.commit();
		s = reopen();
		expect(s.load().nextTaskId).toBe(4);
	});

	it('are never reused even when a task is added and removed before the counter is saved', async () => {
		let s = reopen();
		const env = s.internEnv({});
		s.putTask(makeTask(7, env));
		await s.commit();
		s.deleteTask(7);
		await s.commit();
		s = reopen();
		expect(s.load()).toMatchObject({tasks: [], nextTaskId: 8});
	});

	it('follow setNextTaskId, which never lowers the counter', async () => {
		let s = reopen();
		s.setNextTaskId(50);
		await s.commit();
		s.setNextTaskId(10);
		await s.commit();
		s = reopen();
		expect(s.load().nextTaskId).toBe(50);
	});
});

describe('environment snapshots', () => {
	const envRows = () => {
		const reader = new Database(file, {readonly: true});
		const count = reader.prepare('SELECT count(*) FROM envs').pluck().get();
		reader.close();
		return count;
	};

	it('are stored once for equal envs, whatever the key order', async () => {
		const s = reopen();
		const a = s.internEnv({HOME: '/h', PATH: '/bin', '1': 'one'});
		const b = s.internEnv({'1': 'one', PATH: '/bin', HOME: '/h'});
		expect(b).toBe(a);
		s.putTask(makeTask(1, a));
		s.putTask(makeTask(2, b));
		await s.commit();
		expect(envRows()).toBe(1);
		// And after a reopen, through the hash index loaded from the file.
		expect(reopen().internEnv({PATH: '/bin', '1': 'one', HOME: '/h'})).toBe(a);
	});

	it('are stored separately when they differ', async () => {
		const s = reopen();
		const a = s.internEnv({PATH: '/bin'});
		const b = s.internEnv({PATH: '/usr/bin'});
		const c = s.internEnv({PATH: '/bin', X: ''});
		expect(new Set([a, b, c]).size).toBe(3);
		s.putTask(makeTask(1, a));
		s.putTask(makeTask(2, b));
		s.putTask(makeTask(3, c));
		await s.commit();
		expect(envRows()).toBe(3);
		expect(s.getEnv(b)).toEqual({PATH: '/usr/bin'});
		expect(s.getEnv(c)).toEqual({PATH: '/bin', X: ''});
	});

	it('can be read before they are committed, odd names included', async () => {
		const s = reopen();
		const id = s.internEnv(
			Object.fromEntries([
				['__proto__', 'x'],
				['A', '1'],
			]),
		);
		expect(Object.keys(s.getEnv(id))).toEqual(['A', '__proto__']);
		s.putTask(makeTask(1, id));
		await s.commit();
		expect(reopen().getEnv(id)).toEqual(
			Object.fromEntries([
				['__proto__', 'x'],
				['A', '1'],
			]),
		);
	});

	it('commit with the task that uses them, in the same transaction', async () => {
		const s = reopen();
		const before = s.transactionCount;
		s.putTask(makeTask(1, s.internEnv({NEW: 'yes'})));
		await s.commit();
		expect(s.transactionCount).toBe(before + 1);
		expect(envRows()).toBe(1);
	});

	it('no task uses are removed by pruneEnvs, and can be interned again', async () => {
		const s = reopen();
		const keep = s.internEnv({K: '1'});
		const drop = s.internEnv({D: '1'});
		s.putTask(makeTask(1, keep));
		s.putTask(makeTask(2, drop));
		await s.commit();
		s.deleteTask(2);
		s.pruneEnvs();
		await s.commit();
		expect(envRows()).toBe(1);
		expect(s.getEnv(keep)).toEqual({K: '1'});
		expect(() => s.getEnv(drop)).toThrow(StoreError);
		// The cache forgot it too: a new snapshot, committed with its task.
		const again = s.internEnv({D: '1'});
		s.putTask(makeTask(3, again));
		await s.commit();
		expect(reopen().getEnv(again)).toEqual({D: '1'});
	});

	it('must come from internEnv before a task uses them', () => {
		const s = reopen();
		expect(() => s.putTask(makeTask(1, 42))).toThrow(/environment snapshot 42/);
	});
});

describe('bad values', () => {
	it('are refused when queued, so they cannot poison later transactions', async () => {
		const s = reopen();
		const env = s.internEnv({});
		expect(() => s.putTask(makeTask(1, env, {priority: 1.5}))).toThrow(StoreError);
		expect(() => s.putTask(makeTask(0, env))).toThrow(StoreError);
		expect(() => s.putTask(makeTask(1, env, {after: [Number.NaN]}))).toThrow(StoreError);
		expect(() => s.putGroup({name: 'g', status: 'Running', parallel: -0.5})).toThrow(StoreError);
		expect(s.pendingChanges).toBe(1); // only the env
		s.putTask(makeTask(1, env));
		await s.commit();
		expect(s.load().tasks).toHaveLength(1);
	});

	it('use after close is an error', async () => {
		const s = reopen();
		s.close();
		store = undefined;
		expect(() => s.load()).toThrow(/closed/);
		await expect(s.commit()).rejects.toThrow(/closed/);
	});
});
