// A task record as the daemon sends it, for tests of what shows tasks.
import type {Task} from '../../source/protocol/model.js';

export function wireTask(id: number, extra: Partial<Task> = {}): Task {
	return {
		id,
		command: `echo ${id}`,
		cwd: '/tmp',
		group: 'default',
		label: null,
		priority: 0,
		after: [],
		status: 'Queued',
		result: null,
		exitCode: null,
		signal: null,
		error: null,
		createdAt: 0,
		enqueueAt: null,
		startedAt: null,
		endedAt: null,
		worker: null,
		slot: null,
		cols: 120,
		rows: 40,
		attempt: 0,
		...extra,
	};
}
