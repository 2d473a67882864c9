// The header `spool log` prints above a task's output on a terminal (or with
// --header), after pueue's: the id and the result in a box, then the task's
// fields, their names right-aligned on the colon, then the line that says
// which part of the log follows.
//
//   ┌──────────────────────────────────┐
//   │ Task 12: failed with exit code 2 │
//   └──────────────────────────────────┘
//    Command: make test
//      Label: nightly
//      Group: default
//       Path: /home/ada/src
//     Worker: local
//      Start: 2026-12-03 09:00
//        End: 2026-12-03 09:12
//   Duration: 12m04s
//
//   output: (last 15 lines of 230)
//
// Label, Worker, Start, End and Duration only when there is one; Reason (the
// task's `error`: why it failed to spawn, which dependency failed, what
// happened to its worker) only when the task has one. Every field is text
// someone else wrote, so each goes through oneLine; a command of several
// lines keeps its lines, indented under the first.
import type {Task} from '../protocol/model.js';
import {formatDate, formatDuration} from '../shared/format.js';
import {describeOutcome, taskDuration} from '../terminal/outcome.js';
import {type Styler, visibleLength} from '../shared/style.js';
import {oneLine} from '../terminal/sanitize.js';

/** Which part of the log is shown: null = all of it; else its last `shown` lines of `total`. */
export type LogCut = {shown: number; total: number} | null;

const keyWidth = 'Duration'.length;

export function renderLogHeader(task: Task, options: {style: Styler; cut: LogCut; empty: boolean; now?: number}): string {
	const {style} = options;
	const title = `${style('bold', `Task ${task.id}:`)} ${describeOutcome(task, style)}`;
	const rule = '─'.repeat(visibleLength(title) + 2);
	const lines = [`┌${rule}┐`, `│ ${title} │`, `└${rule}┘`];
	const row = (key: string, value: string | null) => {
		if (value !== null) lines.push(`${style('bold', `${key}:`.padStart(keyWidth + 1))} ${value}`);
	};

	row(
		'Command',
		task.command
			.split(/\r?\n/)
			.map(oneLine)
			.join(`\n${' '.repeat(keyWidth + 2)}`),
	);
	row('Label', task.label === null ? null : oneLine(task.label));
	row('Group', oneLine(task.group));
	row('Path', oneLine(task.cwd));
	row('Worker', task.worker === null ? null : oneLine(task.worker));
	row('Start', task.startedAt === null ? null : formatDate(task.startedAt));
	row('End', task.endedAt === null ? null : formatDate(task.endedAt));
	const duration = taskDuration(task, options.now);
	row('Duration', duration === null ? null : `${formatDuration(duration)}${task.endedAt === null ? ' so far' : ''}`);
	row('Reason', task.error === null ? null : oneLine(task.error));
	const note = options.cut ? ` (last ${options.cut.shown} ${options.cut.shown === 1 ? 'line' : 'lines'} of ${options.cut.total})` : options.empty ? ' (empty)' : '';
	lines.push('', `${style('bold', 'output:')}${note}`);
	return `${lines.join('\n')}\n`;
}
