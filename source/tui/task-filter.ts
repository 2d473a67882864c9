// The `/` filter: words that must all match. `status:failed` (or any status
// or result), `group:x`, `label:y`, `worker:z`; any other word must appear in
// the command or the label.
import type {Task} from '../protocol/model.js';

type Predicate = (task: Task) => boolean;

function statusMatches(task: Task, wanted: string): boolean {
	const status = task.status.toLowerCase();
	const result = (task.result ?? '').toLowerCase();
	if (wanted === 'failed') return task.status === 'Done' && task.result !== 'Success';
	return status.startsWith(wanted) || result.startsWith(wanted);
}

export function parseFilter(text: string): Predicate {
	const predicates: Predicate[] = text
		.trim()
		.toLowerCase()
		.split(/\s+/)
		.filter((word) => word !== '')
		.map((word): Predicate => {
			const [key, ...rest] = word.split(':');
			const value = rest.join(':');
			if (rest.length > 0 && value !== '') {
				if (key === 'status') return (task) => value.split(',').some((one) => statusMatches(task, one));
				if (key === 'group') return (task) => task.group.toLowerCase() === value;
				if (key === 'label') return (task) => (task.label ?? '').toLowerCase().includes(value);
				if (key === 'worker') return (task) => (task.worker ?? '').toLowerCase().includes(value);
				if (key === 'id') return (task) => String(task.id) === value;
			}

			return (task) => task.command.toLowerCase().includes(word) || (task.label ?? '').toLowerCase().includes(word);
		});
	return (task) => predicates.every((predicate) => predicate(task));
}
