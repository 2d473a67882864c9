// Changes are queued in memory and commit together, one transaction per
// event-loop turn. A second connection shows what is really in the file.
import path from 'node:path';
import Database from 'better-sqlite3';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {Store} from '../../source/daemon/store/store.js';
import {makeTask, makeTempDir} from './fixtures.js';

let temp: ReturnType<typeof makeTempDir>;
let store: Store;
let reader: Database.Database;
let env: number;

const taskIdsInFile = () => reader.prepare('SELECT id FROM tasks ORDER BY id').pluck().all();
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(async () => {
	temp = makeTempDir();
	const file = path.join(temp.dir, 'spool.db');
	store = Store.open(file);
	env = store.internEnv({});
	await store.commit();
	reader = new Database(file, {readonly: true});
});

afterEach(() => {
	reader.close();
	store.close();
	temp.cleanup();
});

describe('write batching', () => {
	it('queues changes in memory until the turn ends', async () => {
		store.putTask(makeTask(1, env));
		expect(store.pendingChanges).toBeGreaterThan(0);
		expect(taskIdsInFile()).toEqual([]);
		await store.commit();
		expect(store.pendingChanges).toBe(0);
		expect(taskIdsInFile()).toEqual([1]);
	});

	it('commits everything queued in one turn in one transaction', async () => {
		const before = store.transactionCount;
		// As if several requests arrived together: each queues and waits.
		const commits = [1, 2, 3, 4].map((id) => {
			store.putTask(makeTask(id, env));
			return store.commit();
		});
		store.putGroup({name: 'default', status: 'Running', parallel: 1});
		await Promise.all(commits);
		expect(store.transactionCount).toBe(before + 1);
		expect(taskIdsInFile()).toEqual([1, 2, 3, 4]);
		expect(reader.prepare('SELECT count(*) FROM groups').pluck().get()).toBe(1);
	});

	it('uses one transaction per turn', async () => {
		const before = store.transactionCount;
		store.putTask(makeTask(1, env));
		const first = store.commit();
		await nextTurn();
		store.putTask(makeTask(2, env));
		await Promise.all([first, store.commit()]);
		expect(store.transactionCount).toBe(before + 2);
	});

	it('writes only the last change per key', async () => {
		store.putTask(makeTask(1, env, {label: 'first'}));
		store.putTask(makeTask(1, env, {label: 'second'}));
		store.putTask(makeTask(2, env));
		store.deleteTask(2);
		await store.commit();
		expect(reader.prepare('SELECT id, label FROM tasks').all()).toEqual([{id: 1, label: 'second'}]);
	});

	it('flushes queued changes by itself even if no one calls commit', async () => {
		store.putTask(makeTask(1, env));
		await nextTurn();
		expect(taskIdsInFile()).toEqual([1]);
	});

	it('resolves a commit with nothing queued without a transaction', async () => {
		const before = store.transactionCount;
		await store.commit();
		expect(store.transactionCount).toBe(before);
	});

	it('flushSync writes now and settles waiting commits', async () => {
		store.putTask(makeTask(1, env));
		const waiting = store.commit();
		store.flushSync();
		expect(taskIdsInFile()).toEqual([1]);
		await expect(waiting).resolves.toBeUndefined();
	});

	it('close writes what is queued', () => {
		store.putTask(makeTask(9, env));
		store.close();
		expect(taskIdsInFile()).toEqual([9]);
		store = Store.open(store.file); // for afterEach
	});
});
