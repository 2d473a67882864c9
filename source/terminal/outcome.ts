// Where a task stands, in words, and how long it ran: the `spool log` header
// and the UI's details view and log pane say the same thing, so the words
// live here, in a room both the CLI (commands/) and the UI (tui/) may read.
import {statusLook} from '../shared/format.js';
import type {Styler} from '../shared/style.js';
import {oneLine} from './sanitize.js';

/** The fields of a task record that say how it ended (terminal/ sees the record through shared/). */
type Outcome = Parameters<typeof statusLook>[0];

/** Where a task stands, as the end of "Task 3: …": `completed successfully`, `failed with exit code 2`. The why (`error`) is not in it. */
export function outcomeWords(task: Outcome): string {
	const signal = task.signal === null ? null : oneLine(task.signal);
	switch (task.status) {
		case 'Queued':
		case 'Stashed':
		case 'Locked':
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

/** How long it ran (ended), or has been running (started, not ended); null if it never started. */
export function taskDuration(task: {startedAt: number | null; endedAt: number | null}, now = Date.now()): number | null {
	if (task.startedAt === null) return null;
	return Math.max(0, (task.endedAt ?? now) - task.startedAt);
}
