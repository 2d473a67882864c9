// `spool status`: one table per group, like pueue; `--json` for scripts
// (docs/cli-json.md: tasks, groups and the daemon; with ids, each task's
// environment too).
import {statusCommand} from '../definitions/queue-commands.js';
import type {Group} from '../protocol/model.js';
import type {Task} from '../protocol/model.js';
import {exitCodes, usageError} from './exit-codes.js';
import {type Column, commandStyler, formatDuration, formatGroupHeader, formatStatus, formatTime, renderTable, shortenPath, terminalWidth} from '../shared/format.js';
import {oneLine} from '../terminal/sanitize.js';
import {jsonDaemon, jsonGroup, jsonTask, printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {applyQuery, type ColumnName, columnNames, groupShown, parseStatusQuery} from '../shared/status-query.js';
import {fetchEnvs, fetchStatus} from './task-query.js';
import type {Styler} from '../shared/style.js';
import {withClient} from './with-client.js';

const dash = (style: Styler) => style('gray', '-');

/**
 * A group's task table. Optional columns (priority, dependencies, enqueue
 * time, label, worker) appear only when some task in this table uses them,
 * so the common case stays narrow; `columns` (a query's `columns=`) shows
 * exactly those, in that order.
 */
export function renderTaskTable(tasks: readonly Task[], {style, now, width, columns}: {style: Styler; now: number; width: number | undefined; columns?: readonly ColumnName[] | undefined}): string {
	type Spec = Column & {cell: (task: Task) => string; used?: boolean};
	const time = (ms: number | null) => (ms === null ? dash(style) : formatTime(ms, now));
	const specs: Record<ColumnName, Spec> = {
		id: {header: 'Id', align: 'right', cell: (task) => String(task.id)},
		status: {header: 'Status', cell: (task) => formatStatus(task, style)},
		priority: {header: 'Prio', align: 'right', used: tasks.some((task) => task.priority !== 0), cell: (task) => String(task.priority)},
		after: {header: 'After', used: tasks.some((task) => task.after.length > 0), cell: (task) => task.after.join(',') || dash(style)},
		enqueue_at: {header: 'Enqueue at', used: tasks.some((task) => task.enqueueAt !== null), cell: (task) => time(task.enqueueAt)},
		label: {header: 'Label', shrink: true, minWidth: 8, used: tasks.some((task) => task.label !== null), cell: (task) => oneLine(task.label ?? '')},
		command: {header: 'Command', shrink: true, minWidth: 16, cell: (task) => oneLine(task.command)},
		path: {header: 'Path', shrink: true, minWidth: 10, cell: (task) => oneLine(shortenPath(task.cwd))},
		start: {header: 'Start', cell: (task) => time(task.startedAt)},
		end: {header: 'End', cell: (task) => time(task.endedAt)},
		duration: {
			header: 'Duration',
			align: 'right',
			// Running (and paused) tasks tick: their duration is up to now.
			cell: (task) => (task.startedAt === null ? dash(style) : formatDuration((task.endedAt ?? now) - task.startedAt)),
		},
		worker: {header: 'Worker', used: tasks.some((task) => task.worker !== null && task.worker !== 'local'), cell: (task) => task.worker ?? dash(style)},
	};
	const shown = columns ? columns.map((name) => specs[name]) : columnNames.map((name) => specs[name]).filter((spec) => spec.used !== false);
	return renderTable(
		shown,
		tasks.map((task) => shown.map((column) => column.cell(task))),
		{style, width},
	);
}

/** Every group's header and table, in the daemon's group order. */
export function renderStatus(
	reply: {groups: readonly Group[]; tasks: readonly Task[]},
	{style, now, width, showEmptyGroups, columns}: {style: Styler; now: number; width: number | undefined; showEmptyGroups: boolean; columns?: readonly ColumnName[] | undefined},
): string {
	const byGroup = new Map<string, Task[]>();
	for (const task of reply.tasks) {
		const list = byGroup.get(task.group);
		if (list) list.push(task);
		else byGroup.set(task.group, [task]);
	}

	// Tasks of a group missing from the list (removed meanwhile) still show.
	const groups = [...reply.groups];
	for (const name of byGroup.keys()) {
		if (!groups.some((group) => group.name === name)) groups.push({name, status: 'Running', parallel: 0});
	}

	const blocks: string[] = [];
	for (const group of groups) {
		const tasks = byGroup.get(group.name) ?? [];
		if (tasks.length === 0 && !showEmptyGroups) continue;
		const header = formatGroupHeader(group, style);
		blocks.push(tasks.length === 0 ? `${header}\n` : `${header}\n${renderTaskTable(tasks, {style, now, width, columns})}`);
	}

	return blocks.join('\n');
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, statusCommand);
	const query = parseStatusQuery(parsed.input);
	const {filter, filtered} = query;
	const {group} = parsed.flags;
	if (group !== undefined) {
		if (filter.group !== undefined && filter.group !== group) {
			throw usageError(`-g ${group} and group=${filter.group} disagree; give one of them`);
		}

		filter.group = group;
	}

	return withClient(parsed, async (client) => {
		const fetched = await fetchStatus(client, filter);
		const reply = {...fetched, tasks: applyQuery(query, fetched.tasks)};
		// A daemon that cannot record what happens says so first, on stderr, where scripts still see it.
		const problem = reply.daemon?.problem;
		if (problem) process.stderr.write(`spool: ${oneLine(problem)}\n`);
		// A group asked for by name shows alone, even when empty (like pueue); one excluded by group!= never does.
		const groups = reply.groups.filter((item) => (filter.group === undefined || item.name === filter.group) && groupShown(query, item.name));

		if (parsed.flags.json) {
			// Environments are large: only for tasks asked for by id.
			const envs = filter.ids
				? await fetchEnvs(
						client,
						reply.tasks.map((task) => task.id),
					)
				: undefined;
			const tasks = envs ? reply.tasks.filter((task) => envs.has(task.id)) : reply.tasks;
			printJson({
				tasks: tasks.map((task) => jsonTask(task, envs?.get(task.id))),
				groups: groups.map((group) => jsonGroup(group)),
				...(reply.daemon ? {daemon: jsonDaemon(reply.daemon)} : {}),
			});
			return exitCodes.ok;
		}

		if (reply.tasks.length === 0 && filtered) {
			process.stdout.write('No task matches the query.\n');
			return exitCodes.ok;
		}

		if (reply.tasks.length === 0 && filter.group === undefined && query.local.conditions.length === 0) {
			process.stdout.write('The queue is empty. Add a task with `spool add -- <command>`.\n');
			return exitCodes.ok;
		}

		const style = commandStyler(parsed);
		process.stdout.write(renderStatus({groups, tasks: reply.tasks}, {style, now: Date.now(), width: terminalWidth(), showEmptyGroups: !filtered, columns: query.columns}));
		return exitCodes.ok;
	});
}
