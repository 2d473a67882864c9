// What a commit promises: the data is in the file (visible to another
// connection, surviving kill -9 of the writer), and a failed transaction
// reports clearly and loses nothing.
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import {build} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {Store, StoreError} from '../../source/daemon/store/store.js';
import {makeTask, databasePerTest} from './fixtures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const temp = databasePerTest();

// The writer for the kill -9 test: commits one task at a time and prints each
// id once its commit resolved, i.e. once it was acknowledged.
const writerSource = `
import {Store} from './source/daemon/store/store.js';
import {makeTask} from './test/store/fixtures.js';
const store = Store.open(process.argv[2]);
const env = store.internEnv({FROM: 'child'});
for (let id = 1; ; id++) {
	store.putTask(makeTask(id, env));
	await store.commit();
	process.stdout.write(id + '\\n');
}
`;

/** Bundles the writer so plain `node` runs it (there is no TS loader in the child). */
async function bundleWriter(): Promise<string> {
	const outfile = path.join(temp.dir, 'writer.mjs');
	await build({
		stdin: {contents: writerSource, resolveDir: root, loader: 'ts', sourcefile: 'writer.ts'},
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		outfile,
		// The native module stays external; the child finds it through an absolute path.
		alias: {'better-sqlite3': path.join(root, 'node_modules', 'better-sqlite3', 'lib', 'index.js')},
		external: [path.join(root, 'node_modules', 'better-sqlite3', 'lib', 'index.js')],
		logLevel: 'silent',
	});
	return outfile;
}

describe('durability', () => {
	it('a resolved commit is in the file without close (another connection sees it)', async () => {
		const store = Store.open(temp.file);
		const env = store.internEnv({A: '1'});
		store.putTask(makeTask(1, env, {label: 'committed'}));
		store.putGroup({name: 'default', status: 'Running', parallel: 2});
		await store.commit();
		const other = new Database(temp.file, {readonly: true});
		expect(other.prepare('SELECT label FROM tasks WHERE id = 1').pluck().get()).toBe('committed');
		expect(other.prepare('SELECT parallel FROM groups').pluck().get()).toBe(2);
		expect(other.prepare('SELECT count(*) FROM envs').pluck().get()).toBe(1);
		other.close();
		store.close();
	});

	it('acknowledged commits survive kill -9 of the writer', async () => {
		const writer = await bundleWriter();
		const child = spawn(process.execPath, [writer, temp.file], {stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const acknowledged = await new Promise<number>((resolve, reject) => {
			let output = '';
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				const lines = output.split('\n');
				const last = Number(lines.at(-2));
				if (last >= 300) {
					child.kill('SIGKILL');
					resolve(last);
				}
			});
			child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
		});
		await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.on('exit', resolve) : resolve(null)));
		expect(child.signalCode).toBe('SIGKILL');
		// The commits are still in the WAL: nothing checkpointed them into the main file.
		expect(existsSync(`${temp.file}-wal`)).toBe(true);

		const store = Store.open(temp.file);
		const {tasks, nextTaskId} = store.load();
		store.close();
		expect(tasks.length).toBeGreaterThanOrEqual(acknowledged);
		expect(tasks.slice(0, acknowledged).map((task) => task.id)).toEqual(Array.from({length: acknowledged}, (_, i) => i + 1));
		expect(nextTaskId).toBe(tasks.length + 1);
	});
});

describe('a failed transaction', () => {
	it('rejects with a clear StoreError, keeps the changes queued and a later commit writes them', async () => {
		const store = Store.open(temp.file);
		const env = store.internEnv({});
		store.putTask(makeTask(1, env));
		await store.commit();

		// Simulate a full disk: the file may not grow past its current size.
		const pages = store.database.pragma('page_count', {simple: true}) as number;
		store.database.pragma(`max_page_count = ${pages}`);
		store.putTask(makeTask(2, env, {command: 'x'.repeat(200_000)}));
		store.putGroup({name: 'big', status: 'Running', parallel: 1});
		const error = (await store.commit().catch((error: unknown) => error)) as StoreError;
		expect(error).toBeInstanceOf(StoreError);
		expect(error.code).toBe('SQLITE_FULL');
		expect(error.message).toMatch(/^the disk is full .*spool\.db; free some space; the 3 unsaved changes are kept/);
		expect(store.pendingChanges).toBe(3);

		// Nothing of the failed batch reached the file.
		const other = new Database(temp.file, {readonly: true});
		expect(other.prepare('SELECT id FROM tasks').pluck().all()).toEqual([1]);

		// Space again: the next commit writes the old changes with the new ones.
		store.database.pragma('max_page_count = 1073741823');
		store.putTask(makeTask(3, env));
		await store.commit();
		expect(store.pendingChanges).toBe(0);
		expect(other.prepare('SELECT id FROM tasks ORDER BY id').pluck().all()).toEqual([1, 2, 3]);
		expect(other.prepare('SELECT length(command) FROM tasks WHERE id = 2').pluck().get()).toBe(200_000);
		expect(other.prepare('SELECT name FROM groups').pluck().all()).toEqual(['big']);
		other.close();
		store.close();
	});
});
