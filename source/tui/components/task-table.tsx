// The task table: only the visible rows are rendered, so 100,000 tasks cost
// what 40 do. The cursor row is inverted; marked tasks carry a dot; a row
// whose status changed in the last moments is highlighted.
import {Box, Text} from 'ink';
import {formatDuration, formatTime, shortenPath, statusLook, truncate} from '../../shared/format.js';
import {oneLine} from '../../terminal/sanitize.js';
import type {Task} from '../../protocol/model.js';
import type {TaskList} from '../view-model.js';

type Props = {
	tasks: TaskList;
	/** Optional columns, decided over all tasks (the store keeps the counts). */
	showLabel: boolean;
	showWorker: boolean;
	cursor: number;
	top: number;
	height: number;
	width: number;
	marked: ReadonlySet<number>;
	changedAt: ReadonlyMap<number, number>;
	now: number;
	focused: boolean;
};

const highlightMs = 1500;

type Column = {key: string; title: string; width: number; align?: 'right'};

/** Column widths for the terminal width: fixed columns first, the rest split between command and path. */
export function layoutColumns(width: number, {maxId, showLabel, showWorker}: {maxId: number; showLabel: boolean; showWorker: boolean}): Column[] {
	const before: Column[] = [
		{key: 'mark', title: ' ', width: 1},
		{key: 'id', title: 'Id', width: Math.max(3, String(maxId).length), align: 'right'},
		{key: 'status', title: 'Status', width: 16},
		{key: 'group', title: 'Group', width: 8},
		...(showLabel ? [{key: 'label', title: 'Label', width: 10}] : []),
	];
	const after: Column[] = [
		...(showWorker ? [{key: 'worker', title: 'Worker', width: 8}] : []),
		{key: 'start', title: 'Start', width: 8},
		{key: 'duration', title: 'Duration', width: 8, align: 'right' as const},
	];
	const used = [...before, ...after].reduce((sum, column) => sum + column.width + 1, 0);
	const rest = Math.max(10, width - used);
	const showCwd = rest >= 40;
	const command = showCwd ? Math.ceil(rest * 0.65) - 1 : rest;
	const middle: Column[] = [{key: 'command', title: 'Command', width: command}];
	if (showCwd) middle.push({key: 'cwd', title: 'Path', width: rest - command - 1});
	return [...before, ...middle, ...after];
}

function cell(task: Task, key: string, now: number): {text: string; color?: string} {
	switch (key) {
		case 'id':
			return {text: String(task.id)};
		case 'status': {
			const look = statusLook(task);
			return {text: `${look.symbol} ${look.text}`, color: look.style};
		}

		case 'group':
			return {text: task.group};
		case 'label':
			return {text: task.label ?? ''};
		case 'command':
			return {text: oneLine(task.command)};
		case 'cwd':
			return {text: shortenPath(task.cwd)};
		case 'worker':
			return {text: task.worker ?? ''};
		case 'start':
			return {text: task.startedAt ? formatTime(task.startedAt, now) : task.enqueueAt ? `@${formatTime(task.enqueueAt, now)}` : ''};
		case 'duration': {
			if (!task.startedAt) return {text: ''};
			return {text: formatDuration((task.endedAt ?? now) - task.startedAt)};
		}

		default:
			return {text: ''};
	}
}

function fitCell(text: string, width: number, align?: 'right'): string {
	const cut = truncate(text, width);
	const pad = ' '.repeat(Math.max(0, width - [...cut].length));
	return align === 'right' ? pad + cut : cut + pad;
}

export function TaskTable({tasks, showLabel, showWorker, cursor, top, height, width, marked, changedAt, now, focused}: Props) {
	const columns = layoutColumns(width, {maxId: tasks.ids.at(-1) ?? 0, showLabel, showWorker});
	const visible = tasks.slice(top, top + Math.max(0, height - 1));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold wrap="truncate-end">
				{columns.map((column) => fitCell(column.title, column.width, column.align)).join(' ')}
			</Text>
			{visible.map((task, index) => {
				const row = top + index;
				const selected = row === cursor;
				const fresh = now - (changedAt.get(task.id) ?? 0) < highlightMs;
				return (
					<Text key={task.id} inverse={selected && focused} underline={selected && !focused} wrap="truncate-end">
						{columns.map((column, at) => {
							if (column.key === 'mark')
								return (
									<Text key="mark" color="magenta">
										{marked.has(task.id) ? '●' : ' '}
									</Text>
								);
							const {text, color} = cell(task, column.key, now);
							return (
								<Text key={column.key} color={color} bold={fresh && column.key === 'status'} backgroundColor={fresh && !selected ? 'blackBright' : undefined}>
									{at > 0 ? ' ' : ''}
									{fitCell(text, column.width, column.align)}
								</Text>
							);
						})}
					</Text>
				);
			})}
			{tasks.length === 0 ? <Text dimColor> No tasks. Press a to add one, or run `spool add -- make` in a shell.</Text> : null}
		</Box>
	);
}
