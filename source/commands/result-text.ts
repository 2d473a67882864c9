// Short texts for where a task stands, for log headers and messages.
import type {Task} from '../protocol/model.js';
import type {Styler} from '../shared/style.js';

export function describeResult(task: Task, style: Styler): string {
	if (task.status !== 'Done') return style('cyan', `(${task.status.toLowerCase()})`);
	if (task.result === 'Success') return style('green', '(success)');
	const detail = task.result === 'Failed' ? (task.exitCode === null ? ` by ${task.signal ?? 'a signal'}` : ` with ${task.exitCode}`) : task.error ? `: ${task.error}` : '';
	return style('red', `(${(task.result ?? 'done').toLowerCase()}${detail})`);
}
