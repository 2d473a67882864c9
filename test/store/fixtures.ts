// Shared by the store tests: temp directories and tasks with every field set.
import {mkdtempSync, rmSync} from 'node:fs';
import {afterEach, beforeEach} from 'vitest';
import os from 'node:os';
import path from 'node:path';
import type {Task} from '../../source/daemon/state/types.js';
import {wireTask} from '../helpers/wire-task.js';

export function makeTempDir(): {dir: string; cleanup: () => void} {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-store-'));
	return {dir, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

/** A fresh temp directory and database path for each test, removed after it. */
export function databasePerTest(): {readonly dir: string; readonly file: string} {
	let temp: ReturnType<typeof makeTempDir> | undefined;
	beforeEach(() => {
		temp = makeTempDir();
	});
	afterEach(() => {
		temp?.cleanup();
	});
	return {
		get dir() {
			return temp!.dir;
		},
		get file() {
			return path.join(temp!.dir, 'spool.db');
		},
	};
}

/** A queued task; fields that may be null are null. */
export function makeTask(id: number, envId: number, overrides: Partial<Task> = {}): Task {
	return {...wireTask(id, {createdAt: 1_700_000_000_000 + id}), envId, ...overrides};
}

/** A finished task where every nullable field has a value. */
export function makeFullTask(id: number, envId: number): Task {
	return makeTask(id, envId, {
		command: 'printf \'%s\\n\' "héllo" && exit 3',
		cwd: '/home/someone/project with spaces',
		group: 'build',
		label: 'nightly ✓',
		priority: -5,
		after: [1, 2],
		status: 'Done',
		result: 'Failed',
		exitCode: 3,
		signal: 'SIGTERM',
		error: 'it went wrong',
		enqueueAt: 1_700_000_000_500,
		startedAt: 1_700_000_001_000,
		endedAt: 1_700_000_002_000,
		worker: 'local',
		slot: 3,
		cols: 80,
		rows: 24,
		attempt: 2,
	});
}
