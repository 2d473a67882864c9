// The daemon's durable store: one SQLite file (better-sqlite3, WAL).
//
// Writes are batched per event-loop turn: putTask/deleteTask/… only queue the
// change in memory (last write per key wins) and schedule a flush with
// setImmediate; every change queued in one turn, from however many requests,
// commits in ONE transaction. `commit()` is how a handler waits for that
// before it replies ("every mutation is committed before its reply is sent").
// A failed transaction leaves the changes queued, so the next flush retries
// them: nothing a caller was told is committed is ever lost, and nothing
// queued is dropped silently.
//
// One file because the batch, the flush and its failure/retry state are one
// object's invariants (what is pending, what is durable); the schema, rows and
// errors it uses live beside it (schema.ts, rows.ts, errors.ts).
import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {Env, Group, Task} from '../state/types.js';
import {encodeEnv, decodeEnv, type EncodedEnv} from './env-hash.js';
import {describeSqliteError, notValidDatabase, StoreError} from './errors.js';
import {BadRowError, groupToRow, rowToGroup, taskToValues, valuesToTask, type GroupRow, type TaskValues} from './rows.js';
import {applicationId, migrate, schemaVersion} from './schema.js';
import {prepareStatements, type Statements} from './statements.js';

export {StoreError} from './errors.js';

export type LoadedState = {
	/** Ordered by id. */
	tasks: Task[];
	groups: Group[];
	/** The id the next new task gets; never one a task had before, even a removed one. */
	nextTaskId: number;
};

type Waiter = {resolve: () => void; reject: (error: StoreError) => void};

const minRetryMs = 100;
const maxRetryMs = 5000;

export class Store {
	/** Number of write transactions committed since open (tests, diagnostics). */
	transactionCount = 0;

	readonly #statements: Statements;
	readonly #writeBatch: () => number[];
	#closed = false;

	// Environment snapshots in the file plus those queued: interning an env the
	// store already has is a map lookup, no query.
	readonly #envIdByHash = new Map<string, number>();
	readonly #envHashById = new Map<number, string>();
	#nextEnvId: number;

	// The queue. `null` means delete.
	readonly #pendingTasks = new Map<number, TaskValues | null>();
	readonly #pendingGroups = new Map<string, GroupRow | null>();
	readonly #pendingEnvs = new Map<number, EncodedEnv>();
	#pendingNextTaskId = 0;
	#pendingPrune = false;
	#waiters: Waiter[] = [];
	#scheduled: NodeJS.Immediate | undefined;

	// Write failures (disk full, I/O errors). While one lasts, a timer retries
	// with backoff, so what is queued is written once space is back even if no
	// new change comes to trigger a flush.
	#lastFailure: StoreError | undefined;
	#retryTimer: NodeJS.Timeout | undefined;
	#retryMs = minRetryMs;
	#durableWaiters: Array<{resolve: () => void; reject: (error: StoreError) => void}> = [];
	#healthListeners: Array<(failure: StoreError | undefined) => void> = [];

	/**
	 * Opens the store at `file`, creating it if needed. Throws a StoreError if
	 * the file is not a (sound) spool database, was written by a newer spool,
	 * or cannot be opened/written. Never replaces or deletes an existing file.
	 */
	static open(file: string): Store {
		const directory = path.dirname(path.resolve(file));
		if (!existsSync(directory)) {
			throw new StoreError(`cannot open ${file}: the directory ${directory} does not exist; create it first`);
		}

		// An empty file where the database should be is not a new queue: it is
		// one that lost its content (a failed copy, a truncating editor). Taking
		// it for new would restart ids at 1 and overwrite the old tasks' logs.
		try {
			if (statSync(file).size === 0) {
				throw notValidDatabase(file, 'it is empty (0 bytes), but a spool database is never empty');
			}
		} catch (error) {
			if (error instanceof StoreError) throw error;
		}

		let db: Database.Database;
		try {
			db = new Database(file);
		} catch (error) {
			throw describeSqliteError(error, file, 'open');
		}

		try {
			return new Store(db, file);
		} catch (error) {
			db.close();
			throw describeSqliteError(error, file, 'open');
		}
	}

	private constructor(
		/** The connection itself, for tests and diagnostics; write through the methods. */
		readonly database: Database.Database,
		readonly file: string,
	) {
		const db = database;
		// Checks first, before anything writes: a file we refuse must stay byte-identical.
		// Reading the header is what raises SQLITE_NOTADB for a file that is not SQLite.
		const version = db.pragma('user_version', {simple: true}) as number;
		const problems = (db.pragma('quick_check') as Array<{quick_check: string}>).map((row) => row.quick_check);
		if (problems.length !== 1 || problems[0] !== 'ok') {
			throw notValidDatabase(file, `integrity check failed: ${problems.slice(0, 3).join('; ')}`);
		}

		if (version === 0) {
			const objects = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
			if (objects > 0) throw notValidDatabase(file, 'it is a SQLite database of another program');
		} else if (db.pragma('application_id', {simple: true}) !== applicationId) {
			throw notValidDatabase(file, 'it is a SQLite database of another program');
		} else if (version > schemaVersion) {
			throw new StoreError(`${file} was written by a newer spool (schema ${version}, this one knows ${schemaVersion}); upgrade spool`);
		}

		// WAL + synchronous=NORMAL: a commit is in the OS once it returns, so it
		// survives a crash or kill -9 of the daemon, which is the requirement.
		// Only a power loss / kernel crash can undo the last commits (never
		// corrupt the file); FULL would fsync on every commit for that.
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		migrate(db, version);

		this.#statements = prepareStatements(db);
		for (const {id, hash} of this.#statements.allEnvHashes.all() as Array<{id: number; hash: string}>) {
			this.#envIdByHash.set(hash, id);
			this.#envHashById.set(id, hash);
		}

		this.#nextEnvId = ((this.#statements.maxEnvId.get() as number | null) ?? 0) + 1;
		this.#writeBatch = db.transaction(() => this.#writePending());
	}

	/** Everything committed: for the daemon's start-up. Queued, uncommitted changes are not included. */
	load(): LoadedState {
		this.#assertOpen();
		let tasks: Task[];
		let groups: Group[];
		try {
			tasks = (this.#statements.allTasks.all() as TaskValues[]).map(valuesToTask);
			groups = (this.#statements.allGroups.all() as GroupRow[]).map(rowToGroup);
		} catch (error) {
			if (!(error instanceof BadRowError)) throw error;
			throw new StoreError(`${this.file} holds a value spool cannot use (${error.message}); fix or delete that row with sqlite3, or move the file away to start with an empty queue`);
		}

		const stored = (this.#statements.getMeta.get('next_task_id') as number | undefined) ?? 1;
		const maxId = tasks.at(-1)?.id ?? 0;
		return {tasks, groups, nextTaskId: Math.max(stored, maxId + 1)};
	}

	/** The environment snapshot `envId` (queued or committed). */
	getEnv(envId: number): Env {
		this.#assertOpen();
		const data = this.#pendingEnvs.get(envId)?.data ?? (this.#statements.getEnv.get(envId) as string | undefined);
		if (data === undefined) throw new StoreError(`${this.file} has no environment snapshot ${envId}`);
		return decodeEnv(data);
	}

	/**
	 * The id of the snapshot equal to `env` (same keys and values, any order),
	 * allocating one if there is none. A new snapshot is queued like any other
	 * change, so it commits with the task that uses it. Use the id in a
	 * putTask in the same turn: pruneEnvs removes snapshots no task uses.
	 */
	internEnv(env: Env): number {
		this.#assertOpen();
		const encoded = encodeEnv(env);
		const known = this.#envIdByHash.get(encoded.hash);
		if (known !== undefined) return known;
		const id = this.#nextEnvId++;
		this.#envIdByHash.set(encoded.hash, id);
		this.#envHashById.set(id, encoded.hash);
		this.#pendingEnvs.set(id, encoded);
		this.#schedule();
		return id;
	}

	/** Queues `task` as it is now (a snapshot: later changes to the object need another putTask). */
	putTask(task: Task): void {
		this.#assertOpen();
		const values = taskToValues(task);
		if (!this.#envHashById.has(task.envId)) {
			throw new StoreError(`task ${task.id} uses environment snapshot ${task.envId}, which the store does not have; get ids from internEnv`);
		}

		this.#pendingTasks.set(task.id, values);
		// Ids must never be reused, even if this task is removed before the counter is saved.
		this.#pendingNextTaskId = Math.max(this.#pendingNextTaskId, task.id + 1);
		this.#schedule();
	}

	deleteTask(id: number): void {
		this.#assertOpen();
		this.#pendingTasks.set(id, null);
		this.#schedule();
	}

	putGroup(group: Group): void {
		this.#assertOpen();
		const row = groupToRow(group);
		this.#pendingGroups.set(row.name, row);
		this.#schedule();
	}

	deleteGroup(name: string): void {
		this.#assertOpen();
		this.#pendingGroups.set(name, null);
		this.#schedule();
	}

	/** Saves the task id counter. It only ever grows: a smaller `n` than already saved is ignored. */
	setNextTaskId(n: number): void {
		this.#assertOpen();
		if (!Number.isSafeInteger(n) || n < 1) throw new StoreError(`cannot store next task id ${n}`);
		this.#pendingNextTaskId = Math.max(this.#pendingNextTaskId, n);
		this.#schedule();
	}

	/** Queues removal of the environment snapshots no task uses (after clean/remove). Runs last in its batch. */
	pruneEnvs(): void {
		this.#assertOpen();
		this.#pendingPrune = true;
		this.#schedule();
	}

	/** How many changes are queued and not yet committed. */
	get pendingChanges(): number {
		return this.#pendingTasks.size + this.#pendingGroups.size + this.#pendingEnvs.size + (this.#pendingNextTaskId > 0 ? 1 : 0) + (this.#pendingPrune ? 1 : 0);
	}

	/**
	 * Resolves once everything queued so far is committed (one transaction for
	 * the whole turn). Rejects with a StoreError if that transaction failed; the
	 * changes then stay queued and the next flush tries them again.
	 */
	async commit(): Promise<void> {
		if (this.#closed) throw new StoreError(`the store ${this.file} is closed`);
		return new Promise<void>((resolve, reject) => {
			this.#waiters.push({resolve, reject});
			this.#schedule();
		});
	}

	/** The error of the last failed write while it lasts (cleared by the next successful one). */
	get failure(): StoreError | undefined {
		return this.#lastFailure;
	}

	/** Tasks whose latest state is queued but not written yet. */
	get pendingTaskCount(): number {
		return this.#pendingTasks.size;
	}

	/** Called when writes start failing (with the error) and when they work again (undefined). */
	onHealthChange(listener: (failure: StoreError | undefined) => void): void {
		this.#healthListeners.push(listener);
	}

	/**
	 * Resolves once everything queued so far is committed, however long that
	 * takes: unlike commit() it survives failed writes (the retry timer goes on)
	 * and rejects only if the store is closed first. For changes that must be
	 * durable before they act (a task is started only once its Running is on
	 * disk, so a crash can never run it twice).
	 */
	async durable(): Promise<void> {
		if (this.#closed) throw new StoreError(`the store ${this.file} is closed`);
		if (this.pendingChanges === 0 && !this.#scheduled) return;
		return new Promise<void>((resolve, reject) => {
			this.#durableWaiters.push({resolve, reject});
			this.#schedule();
		});
	}

	/** Commits everything queued now, synchronously (shutdown). Throws a StoreError if that fails. */
	flushSync(): void {
		this.#assertOpen();
		if (this.#scheduled) clearImmediate(this.#scheduled);
		const error = this.#flush();
		if (error) throw error;
	}

	/** Commits what is queued, then closes. If the commit fails it throws and the store stays open. */
	close(): void {
		if (this.#closed) return;
		this.flushSync();
		this.abandon();
	}

	/**
	 * Closes without writing what is queued (shutdown on a full disk: the
	 * daemon must stop all the same). What was not written is lost; the next
	 * start finds those tasks as the last commit left them.
	 */
	abandon(): void {
		if (this.#closed) return;
		this.#closed = true;
		clearTimeout(this.#retryTimer);
		if (this.#scheduled) clearImmediate(this.#scheduled);
		const error = new StoreError(`the store ${this.file} was closed before it could write`);
		for (const waiter of this.#durableWaiters.splice(0)) waiter.reject(error);
		for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
		this.database.close();
	}

	#schedule(): void {
		// Flushing on every change, not only on commit(), means state changes
		// nobody awaits (a task finishing) are written within a turn too.
		// If no one waits, a failure has no one to tell: the changes stay queued
		// and the next commit() retries them and reports.
		this.#scheduled ??= setImmediate(() => void this.#flush());
	}

	/** Runs the batch; settles the waiters. Returns the error instead of throwing so both callers can use it. */
	#flush(): StoreError | undefined {
		this.#scheduled = undefined;
		const waiters = this.#waiters;
		this.#waiters = [];
		let error: StoreError | undefined;
		if (this.pendingChanges > 0 && !this.#closed) {
			try {
				const pruned = this.#writeBatch();
				this.transactionCount++;
				this.#clearPending(pruned);
			} catch (cause) {
				const count = this.pendingChanges;
				error = describeSqliteError(cause, this.file, 'write to', `the ${count} unsaved change${count === 1 ? ' is' : 's are'} kept and will be written by the next commit`);
			}
		}

		for (const waiter of waiters) {
			if (error) waiter.reject(error);
			else waiter.resolve();
		}

		this.#noteHealth(error);
		return error;
	}

	#noteHealth(error: StoreError | undefined): void {
		const changed = (error === undefined) !== (this.#lastFailure === undefined);
		this.#lastFailure = error;
		if (error) {
			clearTimeout(this.#retryTimer);
			this.#retryTimer = setTimeout(() => {
				this.#retryTimer = undefined;
				if (!this.#closed) this.#flush();
			}, this.#retryMs);
			this.#retryMs = Math.min(this.#retryMs * 2, maxRetryMs);
		} else {
			this.#retryMs = minRetryMs;
			if (this.pendingChanges === 0) {
				for (const waiter of this.#durableWaiters.splice(0)) waiter.resolve();
			}
		}

		if (!changed) return;
		for (const listener of this.#healthListeners) {
			try {
				listener(error);
			} catch {}
		}
	}

	/** The body of the batch transaction. Returns the ids of the env snapshots it pruned. */
	#writePending(): number[] {
		const s = this.#statements;
		for (const [id, env] of this.#pendingEnvs) s.insertEnv.run(id, env.hash, env.data);
		for (const [id, values] of this.#pendingTasks) {
			if (values) s.putTask.run(values);
			else s.deleteTask.run(id);
		}

		for (const [name, row] of this.#pendingGroups) {
			if (row) s.putGroup.run(row);
			else s.deleteGroup.run(name);
		}

		if (this.#pendingNextTaskId > 0) s.raiseMeta.run('next_task_id', this.#pendingNextTaskId);
		// Last, so it sees this batch's new tasks and deletions.
		return this.#pendingPrune ? (s.pruneEnvs.all() as number[]) : [];
	}

	#clearPending(pruned: number[]): void {
		this.#pendingTasks.clear();
		this.#pendingGroups.clear();
		this.#pendingEnvs.clear();
		this.#pendingNextTaskId = 0;
		this.#pendingPrune = false;
		for (const id of pruned) {
			const hash = this.#envHashById.get(id);
			this.#envHashById.delete(id);
			if (hash !== undefined) this.#envIdByHash.delete(hash);
		}
	}

	#assertOpen(): void {
		if (this.#closed) throw new StoreError(`the store ${this.file} is closed`);
	}
}
