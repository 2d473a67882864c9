// Short texts for where a task stands, for log headers and messages.
import type {Task} from '../protocol/model.js';
import type {Styler} from '../shared/style.js';
import {statusLook} from '../shared/format.js';
import {oneLine} from '../terminal/sanitize.js';

export function describeResult(task: Task, style: Styler): string {
	if (task.status !== 'Done') return style('cyan', `(${task.status.toLowerCase()})`);
	if (task.result === 'Success') return style('green', '(success)');
	const detail = task.result === 'Failed' ? (task.exitCode === null ? ` by ${task.signal ?? 'a signal'}` : ` with ${task.exitCode}`) : task.error ? `: ${task.error}` : '';
	return style('red', `(${(task.result ?? 'done').toLowerCase()}${detail})`);
}

type Outcome = Pick<Task, 'status' | 'result' | 'exitCode' | 'signal'>;

/** Where a task stands, as the end of "Task 3: …": `completed successfully`, `failed with exit code 2`. The why (`error`) is not in it. */
function outcomeWords(task: Outcome): string {
	const signal = task.signal === null ? null : oneLine(task.signal);
	switch (task.status) {
		case 'Queued':
		case 'Stashed':
		case 'Running':
		case 'Paused': {
			return task.status.toLowerCase();
		}

		case 'Done': {
			break;
		}
	}

	switch (task.result) {
		case 'Success': {
			return 'completed successfully';
		}

		case 'Failed': {
			return task.exitCode === null ? `failed by signal ${signal ?? '(unknown)'}` : `failed with exit code ${task.exitCode}`;
		}

		case 'FailedToSpawn': {
			return 'failed to spawn';
		}

		case 'Killed': {
			return signal ? `killed by spool (${signal})` : 'killed by spool';
		}

		case 'DependencyFailed': {
			return 'dependency failed';
		}

		case 'Interrupted': {
			return 'interrupted';
		}

		case 'WorkerLost': {
			return 'worker lost';
		}

		case null: {
			return 'done';
		}
	}
}

/** outcomeWords in the colour `spool status` gives the same state. */
export function describeOutcome(task: Outcome, style: Styler): string {
	return style(statusLook(task).style, outcomeWords(task));
}
