// Every statement the store runs, prepared once at open and reused: preparing
// costs more than running a small statement, and a batch runs thousands.
import type Database from 'better-sqlite3';
import {taskColumns} from './rows.js';

export function prepareStatements(db: Database.Database) {
	return {
		// Raw mode: rows as arrays in column order (see TaskValues).
		allTasks: db.prepare(`SELECT ${taskColumns.join(', ')} FROM tasks ORDER BY id`).raw(),
		putTask: db.prepare(`INSERT OR REPLACE INTO tasks (${taskColumns.join(', ')}) VALUES (${taskColumns.map(() => '?').join(', ')})`),
		deleteTask: db.prepare('DELETE FROM tasks WHERE id = ?'),
		allGroups: db.prepare('SELECT name, status, parallel FROM groups ORDER BY name'),
		putGroup: db.prepare('INSERT OR REPLACE INTO groups (name, status, parallel) VALUES (@name, @status, @parallel)'),
		deleteGroup: db.prepare('DELETE FROM groups WHERE name = ?'),
		allEnvHashes: db.prepare('SELECT id, hash FROM envs'),
		maxEnvId: db.prepare('SELECT max(id) FROM envs').pluck(),
		getEnv: db.prepare('SELECT data FROM envs WHERE id = ?').pluck(),
		insertEnv: db.prepare('INSERT INTO envs (id, hash, data) VALUES (?, ?, ?)'),
		pruneEnvs: db.prepare('DELETE FROM envs WHERE NOT EXISTS (SELECT 1 FROM tasks WHERE tasks.env_id = envs.id) RETURNING id').pluck(),
		getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
		// Counters in meta only grow (task ids are never reused).
		raiseMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)'),
	};
}

export type Statements = ReturnType<typeof prepareStatements>;
