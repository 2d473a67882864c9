// The schema and its migrations. `PRAGMA user_version` holds how many
// migrations the file has had; migration i (0-based) takes it from i to i + 1.
// Append new migrations, never edit a released one: files in the wild were
// built by the old text.
import type {Database} from 'better-sqlite3';

export type Migration = string | ((db: Database) => void);

/** Marks the file as spool's (`PRAGMA application_id`, "spoo"), so another program's SQLite file is refused. */
export const applicationId = 0x73_70_6f_6f;

export const migrations: readonly Migration[] = [
	// 1: everything. STRICT so a wrong type is an error instead of a silent conversion.
	`
	CREATE TABLE tasks (
		id INTEGER PRIMARY KEY,
		command TEXT NOT NULL,
		cwd TEXT NOT NULL,
		env_id INTEGER NOT NULL,
		group_name TEXT NOT NULL,
		label TEXT,
		priority INTEGER NOT NULL,
		after TEXT NOT NULL, -- JSON array of task ids: read whole with the task, never queried on its own
		status TEXT NOT NULL,
		result TEXT,
		exit_code INTEGER,
		signal TEXT,
		error TEXT,
		created_at INTEGER NOT NULL,
		enqueue_at INTEGER,
		started_at INTEGER,
		ended_at INTEGER,
		worker TEXT,
		cols INTEGER NOT NULL,
		rows INTEGER NOT NULL,
		attempt INTEGER NOT NULL
	) STRICT;
	-- pruneEnvs looks for envs no task uses.
	CREATE INDEX tasks_env_id ON tasks (env_id);

	CREATE TABLE groups (
		name TEXT PRIMARY KEY,
		status TEXT NOT NULL,
		parallel INTEGER NOT NULL
	) STRICT;

	CREATE TABLE envs (
		id INTEGER PRIMARY KEY,
		hash TEXT NOT NULL UNIQUE, -- sha256 hex of data (env-hash.ts)
		data TEXT NOT NULL
	) STRICT;

	CREATE TABLE meta (
		key TEXT PRIMARY KEY,
		value ANY
	) STRICT;
	`,
	// 2: the slot a task runs in within its group (SPOOL_SLOT), so tasks adopted after a restart keep theirs.
	'ALTER TABLE tasks ADD COLUMN slot INTEGER;',
];

export const schemaVersion = migrations.length;

/** Runs the migrations the file has not had yet, each in its own transaction with its version bump. */
export function migrate(db: Database, from: number): void {
	for (let version = from; version < migrations.length; version++) {
		const migration = migrations[version]!;
		db.transaction(() => {
			if (typeof migration === 'string') db.exec(migration);
			else migration(db);
			// user_version lives in the header page, so it commits or rolls back with the migration.
			db.pragma(`user_version = ${version + 1}`);
			if (version === 0) db.pragma(`application_id = ${applicationId}`);
		})();
	}
}
