// Which columns the task table shows and how wide, and how a cell's text is
// fitted: plain arithmetic, so every width can be checked without rendering.
//
// The command is what people read, so it gets the room: a column whose value
// is the same on every row goes first (Group while the tasks are in one
// group, Label while no task has one, Worker while all ran here), then the
// optional columns are added only while the command keeps about two fifths
// of the width. A status is never cut: it takes a shorter form that fits
// (statusLook's `shorter`); a path loses its left end (`…/src/app`).
import {formatTime, statusLook, truncate} from '../shared/format.js';
import type {Task} from '../protocol/model.js';
import type {QueueSnapshot} from './queue-store.js';
import {isDefaultSort, type SortKey, type TableSort} from './table-sort.js';

export type ColumnKey = 'mark' | 'id' | 'status' | 'group' | 'label' | 'command' | 'cwd' | 'worker' | 'start' | 'duration';

export type TableColumn = {key: ColumnKey; title: string; width: number; align?: 'right'};

export type ColumnNeeds = {
	maxId: number;
	/** Tasks are in more than one group. */
	groups: boolean;
	/** Some task has a label. */
	labels: boolean;
	/** Some task ran on a remote worker. */
	workers: boolean;
	/** The longest group name (the Group column is no wider than it needs). */
	groupWidth: number;
	/** The sorted column is always shown, and its title carries ▲ or ▼. */
	sort?: TableSort;
};

/** Wide enough for every status's long form (`✘ Dependency failed`). */
const statusWide = 19;
/** Wide enough for every short form (`✘ Spawn failed`, `✘ Failed (255)`). */
const statusNarrow = 14;
/** From this table width on, statuses get their long form. */
const wideTable = 110;
/** The path column: at least this wide, or not shown. */
const pathMin = 12;
const pathMax = 32;

/** The column a sort key orders by. */
const sortColumn: Record<SortKey, ColumnKey> = {id: 'id', status: 'status', start: 'start', duration: 'duration', group: 'group', label: 'label'};

export function layoutColumns(width: number, needs: ColumnNeeds): TableColumn[] {
	const sorted = needs.sort && !isDefaultSort(needs.sort) ? sortColumn[needs.sort.key] : undefined;
	const column = (key: ColumnKey, title: string, size: number, align?: 'right'): TableColumn => {
		// The sort mark is part of the title; the column grows to hold it.
		const shown = key === sorted ? `${title}${needs.sort?.descending ? '▼' : '▲'}` : title;
		return {key, title: shown, width: Math.max(size, [...shown].length), ...(align ? {align} : {})};
	};

	const fixed = [column('mark', ' ', 1), column('id', 'Id', Math.max(3, String(needs.maxId).length), 'right'), column('status', 'Status', width >= wideTable ? statusWide : statusNarrow)];
	const tail = [column('start', 'Start', 8), column('duration', 'Duration', 8, 'right')];
	const used = (columns: readonly TableColumn[]) => columns.reduce((sum, entry) => sum + entry.width + 1, 0);
	// What the command has once the fixed columns and their one-column gaps are paid (the first column has no gap).
	let room = width + 1 - used(fixed) - used(tail) - 1;
	const commandMin = Math.floor(width * 0.4);
	const optional: TableColumn[] = [];
	const offer = (entry: TableColumn, wanted: boolean) => {
		if (!wanted && entry.key !== sorted) return;
		// The sorted column stays even when the command has to give up room for it.
		if (room - entry.width - 1 < commandMin && entry.key !== sorted) return;
		optional.push(entry);
		room -= entry.width + 1;
	};

	offer(column('group', 'Group', Math.min(12, Math.max(5, needs.groupWidth))), needs.groups);
	offer(column('label', 'Label', 10), needs.labels);
	offer(column('worker', 'Worker', 8), needs.workers);
	const pathWidth = Math.min(pathMax, Math.floor(room * 0.3));
	const path = pathWidth >= pathMin && room - pathWidth - 1 >= commandMin ? column('cwd', 'Path', pathWidth) : undefined;
	if (path) room -= path.width + 1;
	const command = column('command', 'Command', Math.max(10, room));
	const worker = optional.filter((entry) => entry.key === 'worker');
	const before = optional.filter((entry) => entry.key !== 'worker');
	return [...fixed, ...before, command, ...(path ? [path] : []), ...worker, ...tail];
}

/** The status cell: the long form if it fits, else the longest shorter form that does. */
export function statusText(task: Pick<Task, 'status' | 'result' | 'exitCode' | 'signal'>, width: number): string {
	const look = statusLook(task);
	for (const text of [look.text, ...(look.shorter ?? [])]) {
		const cell = `${look.symbol} ${text}`;
		if ([...cell].length <= width) return cell;
	}

	return look.symbol;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The Start cell, in its 8 columns: today's start as `HH:MM:SS` (formatTime),
 * another day's as `Dec 03` (the details view has the whole time); a delayed
 * task's wake-up after an `@`: `@18:30` today, `@Dec 04` another day.
 */
export function startText(task: Pick<Task, 'startedAt' | 'enqueueAt'>, now: number): string {
	const day = (ms: number) => {
		const date = new Date(ms);
		return `${months[date.getMonth()]} ${String(date.getDate()).padStart(2, '0')}`;
	};

	const today = (ms: number) => new Date(ms).toDateString() === new Date(now).toDateString();
	if (task.startedAt !== null) return today(task.startedAt) ? formatTime(task.startedAt, now) : day(task.startedAt);
	if (task.enqueueAt === null) return '';
	return `@${today(task.enqueueAt) ? formatTime(task.enqueueAt, now).slice(0, 5) : day(task.enqueueAt)}`;
}

/** Pads (or, for free text, cuts with `…`) to exactly `width` columns. */
export function fitCell(text: string, width: number, align?: 'right'): string {
	const cut = truncate(text, width);
	const pad = ' '.repeat(Math.max(0, width - [...cut].length));
	return align === 'right' ? pad + cut : cut + pad;
}

/** What decides the columns, from the store's running counts (no walk over the tasks). */
export function tableNeeds(snapshot: Pick<QueueSnapshot, 'order' | 'groups' | 'stats'>, sort: TableSort): ColumnNeeds {
	const {stats} = snapshot;
	return {
		maxId: snapshot.order.at(-1) ?? 0,
		groups: stats.groupTasks.size > 1,
		labels: stats.labelled > 0,
		workers: stats.remote > 0,
		groupWidth: Math.max(0, ...snapshot.groups.map((group) => [...group.name].length)),
		sort,
	};
}
