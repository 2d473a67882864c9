// Files the store must refuse, with a message that says what to do, and
// without changing a byte of them.
import {randomBytes} from 'node:crypto';
import {chmodSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync, closeSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {describe, expect, it} from 'vitest';
import {schemaVersion} from '../../source/daemon/store/schema.js';
import {Store, StoreError} from '../../source/daemon/store/store.js';
import {makeTask, databasePerTest} from './fixtures.js';

const temp = databasePerTest();

function openError(target = temp.file): StoreError {
	try {
		Store.open(target).close();
	} catch (error) {
		expect(error).toBeInstanceOf(StoreError);
		return error as StoreError;
	}

	throw new Error('Store.open did not fail');
}

async function makeStoreWithTasks(count: number): Promise<void> {
	const store = Store.open(temp.file);
	const env = store.internEnv({A: 'b'});
	for (let id = 1; id <= count; id++) store.putTask(makeTask(id, env, {command: `echo ${'x'.repeat(200)} ${id}`}));
	await store.commit();
	store.close();
}

describe('opening', () => {
	it('refuses a file that is not SQLite and leaves it untouched', () => {
		const garbage = randomBytes(16_384);
		writeFileSync(temp.file, garbage);
		const error = openError();
		expect(error.message).toContain(temp.file);
		expect(error.message).toMatch(/is not a valid spool database \(.+\); move it away to start with an empty queue/);
		expect(error.code).toBe('SQLITE_NOTADB');
		expect(readFileSync(temp.file).equals(garbage)).toBe(true);
	});

	it('refuses a spool database with damaged pages and leaves it untouched', async () => {
		await makeStoreWithTasks(2000);
		// Keep the header page, scribble over pages in the middle of the tasks table.
		const fd = openSync(temp.file, 'r+');
		writeSync(fd, randomBytes(4096 * 8), 0, 4096 * 8, 4096 * 10);
		closeSync(fd);
		const damaged = readFileSync(temp.file);
		const error = openError();
		expect(error.message).toMatch(/is not a valid spool database \(.+\); move it away/);
		expect(readFileSync(temp.file).equals(damaged)).toBe(true);
	});

	it("refuses another program's SQLite database", () => {
		const other = new Database(temp.file);
		other.exec('CREATE TABLE notes (text TEXT)');
		other.close();
		const before = readFileSync(temp.file);
		expect(openError().message).toMatch(/not a valid spool database \(it is a SQLite database of another program\)/);
		expect(readFileSync(temp.file).equals(before)).toBe(true);
	});

	it('refuses a database from a newer spool', async () => {
		await makeStoreWithTasks(1);
		const raw = new Database(temp.file);
		raw.pragma('user_version = 999');
		raw.close();
		const before = readFileSync(temp.file);
		const error = openError();
		expect(error.message).toBe(`${temp.file} was written by a newer spool (schema 999, this one knows ${schemaVersion}); upgrade spool`);
		expect(readFileSync(temp.file).equals(before)).toBe(true);
	});

	it('says so when the directory does not exist', () => {
		expect(openError(path.join(temp.dir, 'missing', 'spool.db')).message).toMatch(/directory .*missing does not exist/);
	});

	it('says so when the file cannot be created', () => {
		// /proc refuses new files even to root.
		const error = openError('/proc/spool-test.db');
		expect(error.message).toMatch(/^cannot open \/proc\/spool-test\.db: .*writable/);
	});

	it.skipIf(process.getuid?.() === 0)('says so when the directory is not writable', () => {
		const locked = path.join(temp.dir, 'locked');
		mkdirSync(locked, {mode: 0o500});
		try {
			expect(openError(path.join(locked, 'spool.db')).message).toMatch(/writable/);
		} finally {
			chmodSync(locked, 0o700);
		}
	});
});

describe('refusing what would silently become a new queue', () => {
	it('refuses a 0-byte spool.db instead of starting ids at 1 over old logs', () => {
		writeFileSync(temp.file, '');
		const error = openError();
		expect(error.message).toContain(temp.file);
		expect(error.message).toMatch(/it is empty \(0 bytes\)/);
		expect(readFileSync(temp.file).length).toBe(0);
	});
});

describe('a bad value in a column', () => {
	async function corrupt(sql: string): Promise<StoreError> {
		await makeStoreWithTasks(3);
		const raw = new Database(temp.file);
		raw.exec(sql);
		raw.close();
		const store = Store.open(temp.file);
		try {
			store.load();
		} catch (error) {
			expect(error).toBeInstanceOf(StoreError);
			return error as StoreError;
		} finally {
			store.close();
		}

		throw new Error('load did not fail');
	}

	it('names the table, the row and the column of a task status no spool writes', async () => {
		const error = await corrupt(`UPDATE tasks SET status = 'Bogus' WHERE id = 2`);
		expect(error.message).toContain(temp.file);
		expect(error.message).toContain('table tasks, row id 2, column status: "Bogus" is not a task status');
	});

	it('names the row of a dependency list that is not JSON', async () => {
		const error = await corrupt(`UPDATE tasks SET after = '[1,' WHERE id = 3`);
		expect(error.message).toContain('table tasks, row id 3, column after');
	});

	it('names the group whose status is unknown', async () => {
		const error = await corrupt(`INSERT OR REPLACE INTO groups (name, status, parallel) VALUES ('g', 'Sleeping', 1)`);
		expect(error.message).toContain('table groups, row name "g", column status');
	});
});
