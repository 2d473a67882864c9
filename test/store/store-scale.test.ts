// A queue of 100,000 tasks: one commit writes them, load reads them back.
// (bench/ is where the timings belong; this checks it works at that size.)
import path from 'node:path';
import {afterEach, beforeEach, expect, it} from 'vitest';
import {Store} from '../../source/daemon/store/store.js';
import {makeTask, makeTempDir} from './fixtures.js';

let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
	temp = makeTempDir();
});

afterEach(() => {
	temp.cleanup();
});

it('commits 100,000 tasks in one transaction and loads them', async () => {
	const file = path.join(temp.dir, 'spool.db');
	let store = Store.open(file);
	const envs = [store.internEnv({PATH: '/bin'}), store.internEnv({PATH: '/usr/bin'})];
	for (let id = 1; id <= 100_000; id++) {
		store.putTask(
			makeTask(id, envs[id % 2]!, {
				command: `make target-${id}`,
				after: id % 10 === 0 ? [id - 1, id - 2] : [],
				status: id <= 50_000 ? 'Done' : 'Queued',
				result: id <= 50_000 ? 'Success' : null,
				exitCode: id <= 50_000 ? 0 : null,
			}),
		);
	}

	const before = store.transactionCount;
	await store.commit();
	expect(store.transactionCount).toBe(before + 1);
	store.close();

	store = Store.open(file);
	const {tasks, nextTaskId} = store.load();
	store.close();
	expect(tasks).toHaveLength(100_000);
	expect(nextTaskId).toBe(100_001);
	expect(tasks[0]).toEqual(makeTask(1, envs[1]!, {command: 'make target-1', status: 'Done', result: 'Success', exitCode: 0}));
	expect(tasks[9]).toMatchObject({id: 10, after: [9, 8], envId: envs[0]});
	expect(tasks[99_999]).toMatchObject({id: 100_000, command: 'make target-100000', status: 'Queued', result: null});
});
