// The details view's text: every field of one task, as lines of a given
// width. Long values (the command, the path, the environment) are wrapped,
// never cut, under their field name; the view scrolls through the lines.
// Pure: what the daemon was asked (environment, log size) comes in `facts`.
import type {Task} from '../../protocol/model.js';
import {formatBytes, formatDate, formatDuration, statusLook} from '../../shared/format.js';
import {outcomeWords, taskDuration} from '../../terminal/outcome.js';
import {oneLine} from '../../terminal/sanitize.js';
import {type WhyContext, waitingFor} from '../task-why.js';

/** Something asked of the daemon: not there yet, there, or refused (with the daemon's words). */
export type Fetched<T> = {state: 'loading'} | {state: 'ok'; value: T} | {state: 'error'; message: string};

export type TaskFacts = {
	env: Fetched<Record<string, string>>;
	/** The log's size in bytes and lines (Log with countLines). */
	log: Fetched<{bytes: number; lines: number | undefined}>;
};

export type DetailLine = {
	/** The field's name on its first line, '' on the lines that continue it. */
	key: string;
	text: string;
	color?: string;
	dim?: boolean;
};

/** Field names are padded to this; values start after it. */
export const keyWidth = 10;

/**
 * Breaks text into lines of at most `width` characters: at spaces where it
 * can, inside a word when the word is longer than a line. Line breaks in the
 * text are kept; every line is made safe for the terminal (oneLine).
 */
export function wrapText(text: string, width: number): string[] {
	const room = Math.max(1, width);
	const lines: string[] = [];
	for (const raw of text.split(/\r?\n/)) {
		let rest = [...oneLine(raw)];
		if (rest.length === 0) lines.push('');
		while (rest.length > 0) {
			if (rest.length <= room) {
				lines.push(rest.join(''));
				break;
			}

			// The last space that leaves a line of at most `room` characters.
			const space = rest.lastIndexOf(' ', room);
			const cut = space > 0 ? space : room;
			lines.push(rest.slice(0, cut).join(''));
			// The spaces a line was broken at are not carried to the next one.
			let next = cut;
			while (rest[next] === ' ') next++;
			rest = rest.slice(next);
		}
	}

	return lines;
}

type Field = {key: string; value: string; color?: string; dim?: boolean};

const none = (text = '—'): Omit<Field, 'key'> => ({value: text, dim: true});

function fetched<T>(facts: Fetched<T>, show: (value: T) => string): Omit<Field, 'key'> {
	if (facts.state === 'loading') return none('…');
	if (facts.state === 'error') return {value: `unavailable: ${facts.message}`, color: 'red'};
	return {value: show(facts.value)};
}

const plural = (count: number, one: string, many = `${one}s`) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

function dependencyLines(task: Task, tasks: ReadonlyMap<number, Task>): Field[] {
	if (task.after.length === 0) return [{key: 'After', ...none()}];
	return task.after.map((id, index) => {
		const dependency = tasks.get(id);
		const look = dependency ? statusLook(dependency) : undefined;
		return {key: index === 0 ? 'After' : '', value: look ? `${id} ${look.symbol} ${look.text}` : `${id} (removed)`, ...(look ? {color: look.style} : {dim: true})};
	});
}

function environmentLines(facts: TaskFacts['env'], values: boolean): Field[] {
	if (facts.state !== 'ok') return [{key: 'Env', ...fetched(facts, () => '')}];
	const names = Object.keys(facts.value).sort();
	const head: Field = {key: 'Env', value: `${plural(names.length, 'variable')}${values ? '' : ' (names; v shows the values)'}`};
	if (values) return [head, ...names.map((name) => ({key: '', value: `${name}=${facts.value[name]}`}))];
	return [head, {key: '', value: names.join('  '), dim: true}];
}

/** The view's title: `Task 12: failed with exit code 3`, in the status's colour. */
export function detailsTitle(task: Task): {text: string; color: string} {
	return {text: `Task ${task.id}: ${outcomeWords(task)}`, color: statusLook(task).style};
}

export type DetailsContext = WhyContext & {now: number; values: boolean};

/** Every field of the task, wrapped to `width` columns. */
export function detailsLines(task: Task, facts: TaskFacts, context: DetailsContext, width: number): DetailLine[] {
	const look = statusLook(task);
	const duration = taskDuration(task, context.now);
	const waiting = waitingFor(task, context);
	const done = task.status === 'Done';
	const fields: Field[] = [
		{key: done ? 'Result' : 'Status', value: `${look.symbol} ${outcomeWords(task)}`, color: look.style},
		...(task.error === null ? [] : [{key: 'Reason', value: task.error, color: look.style}]),
		...(waiting ? [{key: 'Waiting', value: waiting, color: 'yellow'}] : []),
		...(done && task.exitCode !== null ? [{key: 'Exit', value: `code ${task.exitCode}`}] : []),
		...(task.signal === null ? [] : [{key: 'Signal', value: task.signal}]),
		{key: 'Command', value: task.command},
		{key: 'Path', value: task.cwd},
		{key: 'Group', value: task.group},
		{key: 'Label', ...(task.label === null ? none() : {value: task.label})},
		{key: 'Priority', value: String(task.priority)},
		{key: 'Worker', ...(task.worker === null ? none() : {value: task.worker})},
		{key: 'Slot', ...(task.slot === null ? none() : {value: String(task.slot)})},
		...dependencyLines(task, context.tasks),
		{key: 'Enqueued', value: formatDate(task.createdAt)},
		// A stashed task's delay is already what it is waiting for.
		...(task.enqueueAt === null || task.status === 'Stashed' ? [] : [{key: 'Delayed', value: `until ${formatDate(task.enqueueAt)}`}]),
		{key: 'Started', ...(task.startedAt === null ? none(done ? 'never' : 'not yet') : {value: formatDate(task.startedAt)})},
		{key: 'Ended', ...(task.endedAt === null ? none(done ? '—' : 'not yet') : {value: formatDate(task.endedAt)})},
		{key: 'Duration', ...(duration === null ? none() : {value: `${formatDuration(duration)}${task.endedAt === null ? ' so far' : ''}`})},
		{key: 'Attempts', value: String(task.attempt)},
		{key: 'Log', ...fetched(facts.log, ({bytes, lines}) => `${formatBytes(bytes)}${lines === undefined ? '' : ` · ${plural(lines, 'line')}`}`)},
		...environmentLines(facts.env, context.values),
	];
	const room = Math.max(1, width - keyWidth);
	return fields.flatMap((field) =>
		wrapText(field.value, room).map((text, index) => ({
			key: index === 0 ? field.key : '',
			text,
			...(field.color ? {color: field.color} : {}),
			...(field.dim ? {dim: true} : {}),
		})),
	);
}
