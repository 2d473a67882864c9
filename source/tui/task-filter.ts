// The `/` filter: words that must all match. `status:failed` (or any status
// or result, a prefix will do), `group:x`, `label:y`, `worker:z`, `id:3,5-7`;
// the words of a status query as `spool status` takes them (`status!=success`,
// `label=nightly`, `command%=make`, `'start>10:00'`: shared/status-query.ts),
// which `:status` puts here; any other word must appear in the command or
// the label.
import type {Task} from '../protocol/model.js';
import {parseIds} from '../shared/ids.js';
import {parseStatusQuery, queryMatches} from '../shared/status-query.js';
import {scanWords} from './shell-words.js';

type Predicate = (task: Task) => boolean;

const nothing: Predicate = () => false;

function statusMatches(task: Task, wanted: string): boolean {
	const status = task.status.toLowerCase();
	const result = (task.result ?? '').toLowerCase();
	if (wanted === 'failed') return task.status === 'Done' && task.result !== 'Success';
	return status.startsWith(wanted) || result.startsWith(wanted);
}

/**
 * A word of a status query: one of its keys, an operator, a value. Other
 * words with `=` stay text to look for (`/SHARD=5` finds that command).
 */
export const isQueryWord = (word: string) => /^(status|label|command|group|start|end|enqueued|enqueue_at|created)(%=|!=|=|<|>)/i.test(word);

function idsPredicate(value: string): Predicate {
	try {
		const ids = new Set(parseIds([value]));
		return (task) => ids.has(task.id);
	} catch {
		// Half typed (`id:3-`): nothing matches yet.
		return nothing;
	}
}

function wordPredicate(word: string): Predicate {
	const lower = word.toLowerCase();
	const [key, ...rest] = lower.split(':');
	const value = rest.join(':');
	if (rest.length > 0 && value !== '') {
		if (key === 'status') return (task) => value.split(',').some((one) => statusMatches(task, one));
		if (key === 'group') return (task) => task.group.toLowerCase() === value;
		if (key === 'label') return (task) => (task.label ?? '').toLowerCase().includes(value);
		if (key === 'worker') return (task) => (task.worker ?? '').toLowerCase().includes(value);
		if (key === 'id') return idsPredicate(value);
	}

	return (task) => task.command.toLowerCase().includes(lower) || (task.label ?? '').toLowerCase().includes(lower);
}

/** The words of a status query, read once; one that does not read (yet) matches nothing. */
function queryPredicate(words: string[]): Predicate {
	try {
		const query = parseStatusQuery(words);
		return (task) => queryMatches(query, task);
	} catch {
		return nothing;
	}
}

export function parseFilter(text: string): Predicate {
	const words = scanWords(text.trim()).words.map((word) => word.text);
	const query = words.filter((word) => isQueryWord(word));
	const predicates = words.filter((word) => !isQueryWord(word)).map((word) => wordPredicate(word));
	if (query.length > 0) predicates.push(queryPredicate(query));
	return (task) => predicates.every((predicate) => predicate(task));
}
