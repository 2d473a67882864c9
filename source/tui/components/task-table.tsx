// The task table: only the visible rows are rendered, so 100,000 tasks cost
// what 40 do. The cursor row is inverted; marked tasks carry a dot; a row
// whose status changed in the last moments is highlighted; while the daemon
// is away the rows are dimmed (stale). Columns: table-columns.ts.
import {Box, Text} from 'ink';
import {fitPath, formatDuration, statusLook} from '../../shared/format.js';
import {oneLine} from '../../terminal/sanitize.js';
import type {Task} from '../../protocol/model.js';
import {type ColumnNeeds, fitCell, layoutColumns, startText, statusText, type TableColumn} from '../table-columns.js';
import type {TaskList} from '../view-model.js';

type Props = {
	tasks: TaskList;
	/** Which optional columns say something, decided over all tasks (the store keeps the counts), and the sort. */
	needs: ColumnNeeds;
	cursor: number;
	top: number;
	height: number;
	width: number;
	marked: ReadonlySet<number>;
	changedAt: ReadonlyMap<number, number>;
	now: number;
	focused: boolean;
	/** Not connected: the rows are the last ones the daemon sent, dimmed. */
	stale: boolean;
};

const highlightMs = 1500;

function cell(task: Task, column: TableColumn, now: number): {text: string; color?: string} {
	switch (column.key) {
		case 'id':
			return {text: String(task.id)};
		case 'status':
			return {text: statusText(task, column.width), color: statusLook(task).style};
		case 'group':
			return {text: task.group};
		case 'label':
			return {text: task.label ?? ''};
		case 'command':
			return {text: oneLine(task.command)};
		case 'cwd':
			return {text: fitPath(oneLine(task.cwd), column.width)};
		case 'worker':
			return {text: task.worker ?? ''};
		case 'start':
			return {text: startText(task, now)};
		case 'duration': {
			if (!task.startedAt) return {text: ''};
			return {text: formatDuration((task.endedAt ?? now) - task.startedAt)};
		}

		default:
			return {text: ''};
	}
}

export function TaskTable({tasks, needs, cursor, top, height, width, marked, changedAt, now, focused, stale}: Props) {
	const columns = layoutColumns(width, needs);
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
					<Text key={task.id} inverse={selected && focused} underline={selected && !focused} dimColor={stale} wrap="truncate-end">
						{columns.map((column, at) => {
							if (column.key === 'mark')
								return (
									<Text key="mark" color="magenta">
										{marked.has(task.id) ? '●' : ' '}
									</Text>
								);
							const {text, color} = cell(task, column, now);
							return (
								<Text key={column.key} color={stale ? undefined : color} bold={fresh && column.key === 'status'} backgroundColor={fresh && !selected ? 'blackBright' : undefined}>
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
