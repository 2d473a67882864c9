// One daemon per home, enforced on the data directory, not on the runtime
// directory. The pid file and the socket live in the runtime directory, which
// logind empties at logout and /tmp cleaners prune; a second daemon that
// trusted them would open the same database and run tasks twice. So the
// daemon holds an exclusive lock beside the database for as long as it
// lives: an SQLite file in `locking_mode=EXCLUSIVE` that took a write lock.
// The kernel drops that lock (a POSIX record lock) when the process dies,
// even by kill -9, so a crashed daemon never blocks the next one, and SQLite
// honours it between connections of one process too (tests run several
// daemons in one process). Node has no flock(2); this is the same guarantee
// without a native addon of our own.
//
// The lock file cannot say who holds it (reading it needs the lock), so the
// holder's pid goes into a plain file beside it, written after the lock is
// taken; a refused daemon names that pid.
import {writeFileSync} from 'node:fs';
import Database from 'better-sqlite3';
import {readPidFile} from '../shared/pid-file.js';

export class AlreadyRunningError extends Error {
	constructor(
		readonly pid: number | undefined,
		lockFile: string,
	) {
		const who = pid === undefined ? 'another spool daemon' : `a spool daemon (pid ${pid})`;
		const stop = pid === undefined ? '`spool shutdown`' : `\`spool shutdown\` or \`kill ${pid}\``;
		super(`${who} already runs on this home (it holds ${lockFile}); stop it with ${stop} first`);
		this.name = 'AlreadyRunningError';
	}
}

export class HomeLockError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'HomeLockError';
	}
}

export type HomeLock = {release: () => void};

/** Takes the home's lock or throws AlreadyRunningError naming the holder. */
export function acquireHomeLock(lockFile: string, ownerFile: string): HomeLock {
	let db: Database.Database;
	try {
		// timeout 0: a held lock is an answer, not something to wait for.
		db = new Database(lockFile, {timeout: 0});
	} catch (error) {
		throw new HomeLockError(`cannot open the lock file ${lockFile}: ${(error as Error).message}; check that its directory is writable`);
	}

	try {
		// A journal in memory, not WAL: WAL's shared memory would let a second
		// connection read, and we want every other connection refused. The file
		// holds nothing worth a journal on disk.
		db.pragma('journal_mode = MEMORY');
		db.pragma('locking_mode = EXCLUSIVE');
		// The first write takes the exclusive lock; EXCLUSIVE mode keeps it until close.
		db.exec('CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY); BEGIN EXCLUSIVE; INSERT OR REPLACE INTO lock (id) VALUES (1); COMMIT;');
	} catch (error) {
		db.close();
		const code = (error as {code?: string}).code ?? '';
		if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
			throw new AlreadyRunningError(readPidFile(ownerFile), lockFile);
		}

		throw new HomeLockError(`cannot lock ${lockFile}: ${(error as Error).message}; check that its directory is writable and has space`);
	}

	try {
		writeFileSync(ownerFile, `${process.pid}\n`, {mode: 0o644});
	} catch {
		// Only the message of a refused second daemon needs it.
	}

	return {
		release() {
			try {
				if (readPidFile(ownerFile) === process.pid) writeFileSync(ownerFile, '');
			} catch {}

			db.close();
		},
	};
}
