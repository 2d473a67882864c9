// What each action of the UI does, decided without doing it: a key's action,
// an answer to a question, a submitted prompt or form become a list of
// effects — requests for the daemon with the message to show and the CLI
// command that does the same, view changes, log pane moves. Pure functions
// over plain data (no React, no I/O), so every decision is testable;
// controller.ts carries the effects out.
import type {PlainRequest as Request} from '../client/client.js';
import type {RequestInput} from '../protocol/requests.js';
import {parseIds} from '../shared/ids.js';
import {parseWhen} from '../shared/when.js';
import type {ActionId} from './keymap.js';
import {PaletteError, parsePalette, parseUiCommand} from './palette.js';
import type {QueueSnapshot} from './queue-store.js';
import {taskForm} from './task-form.js';
import {nextSort, reverseSort, type SortKey, sortKeys, type TableSort} from './table-sort.js';
import {cursorIndex, type TaskList} from './view-model.js';
import type {Effect, LogCall, Message, ModeOf, PromptMode, ViewEvent, ViewState} from './view-state.js';
import {defaultGroup} from '../protocol/model.js';

/** A call on the log pane's controls (task-log.tsx). */
/** What an action looks at: the view now and the rows the table shows now. */
export type ActionContext = {
	view: ViewState;
	tasks: TaskList;
	snapshot: Pick<QueueSnapshot, 'tasks' | 'groups'>;
	tableRows: number;
	/** Where a task added from the UI runs unless the form says otherwise. */
	cwd: string;
	/** The columns `o` sorts by (those the table shows); all of them when not said. */
	sortable?: readonly SortKey[];
};

/** What a submitted prompt or form needs besides itself: tasks added from the UI get the UI's directory and environment. */
export type AddContext = {cwd: string; env: Record<string, string>};

const view = (event: ViewEvent): Effect => ({kind: 'view', event});
const say = (text: string, kind: Message['kind'] = 'info'): Effect => view({type: 'say', message: {text, kind}});
const send = (request: Request, done: string, cli: string): Effect => ({kind: 'send', request, done, cli});
const log = (call: LogCall): Effect => ({kind: 'log', call});
const confirm = (question: string, then: readonly Effect[]): Effect => view({type: 'open', mode: {kind: 'confirm', question, then}});
const close = view({type: 'close'});

const describe = (ids: readonly number[]) => (ids.length === 1 ? `task ${ids[0]}` : `${ids.length} tasks`);
const sorted = (sort: TableSort): Effect[] => [view({type: 'sort', sort}), say(`Sorted by ${sort.key}${sort.descending ? ', descending' : ''}`)];

export function actionEffects(action: ActionId, context: ActionContext): Effect[] {
	const {view: state, tasks, snapshot, tableRows} = context;
	const current = tasks.at(cursorIndex(tasks, state.cursorId, state.fallbackIndex));
	// Actions apply to the marked tasks, or else to the one under the cursor.
	const ids = state.marked.size > 0 ? [...state.marked].sort((a, b) => a - b) : current ? [current.id] : [];
	const status = (id: number) => snapshot.tasks.get(id)?.status;
	// The same keys move the cursor in the table and scroll the log.
	const inLog = state.focus === 'log' || state.zoom;
	const moveBy = (delta: number) => view({type: 'moveBy', delta, ids: tasks.ids});
	const moveTo = (index: number) => view({type: 'moveTo', index, ids: tasks.ids});
	switch (action) {
		case 'down':
			return [inLog ? log({call: 'scroll', lines: 1}) : moveBy(1)];
		case 'up':
			return [inLog ? log({call: 'scroll', lines: -1}) : moveBy(-1)];
		case 'pageDown':
			return [inLog ? log({call: 'page', pages: 1}) : moveBy(tableRows)];
		case 'pageUp':
			return [inLog ? log({call: 'page', pages: -1}) : moveBy(-tableRows)];
		case 'top':
			return [inLog ? log({call: 'top'}) : moveTo(0)];
		case 'bottom':
			return [inLog ? log({call: 'bottom'}) : moveTo(tasks.length - 1)];
		case 'follow':
			return [log({call: 'bottom'})];
		case 'wrap':
			return [log({call: 'toggleWrap'})];
		case 'searchNext':
			return [log({call: 'nextMatch', direction: 1})];
		case 'searchPrevious':
			return [log({call: 'nextMatch', direction: -1})];
		case 'search':
			return [view({type: 'open', mode: {kind: 'search', value: ''}})];
		case 'switchPane':
			return [view({type: 'switchPane'})];
		case 'zoom':
			return [view({type: 'zoom'})];
		case 'back':
			return [view({type: 'back'})];
		case 'filter':
			return [view({type: 'open', mode: {kind: 'filter', value: state.filter, before: state.filter}})];
		case 'palette':
			return [view({type: 'open', mode: {kind: 'palette', value: ''}})];
		case 'help':
			return [view({type: 'open', mode: {kind: 'help', scroll: 0}})];
		case 'toggleWorkers':
			return [view({type: 'toggleSide'})];
		case 'details':
			return current ? [view({type: 'open', mode: {kind: 'details', task: current.id, scroll: 0, values: false}})] : [say('no task selected', 'error')];
		case 'sortNext':
			return sorted(nextSort(state.sort, context.sortable ?? sortKeys({groups: true, labels: true})));
		case 'sortReverse':
			return sorted(reverseSort(state.sort));
		case 'quit':
			return [state.zoom ? view({type: 'unzoom'}) : {kind: 'quit'}];
		case 'forceQuit':
			return [{kind: 'quit'}];
		case 'mark':
			return current ? [view({type: 'toggleMark', id: current.id}), moveBy(1)] : [];
		case 'add':
			return [view({type: 'open', mode: {kind: 'add', edit: undefined, form: taskForm(undefined, {group: current?.group, cwd: context.cwd})}})];
		case 'edit':
			if (current && (current.status === 'Queued' || current.status === 'Stashed')) {
				return [view({type: 'open', mode: {kind: 'add', edit: current.id, form: taskForm(current, {group: current.group, cwd: context.cwd})}})];
			}

			return [say('only a queued or stashed task can be edited', 'error')];
		case 'start':
			return ids.length > 0 ? [send({type: 'Start', ids}, `Started ${describe(ids)}`, `spool start ${ids.join(' ')}`)] : [];
		case 'pause': {
			if (ids.length === 0) return [];
			// Running tasks pause themselves; otherwise the task's group stops starting tasks.
			const running = ids.filter((id) => status(id) === 'Running');
			if (running.length > 0) return [send({type: 'Pause', ids: running}, `Paused ${describe(running)}`, `spool pause ${running.join(' ')}`)];
			return current ? [send({type: 'Pause', group: current.group}, `Paused group ${current.group}`, `spool pause -g ${current.group}`)] : [];
		}

		case 'kill': {
			const active = ids.filter((id) => ['Running', 'Paused'].includes(status(id) ?? ''));
			if (active.length === 0) return [say('nothing to kill: the task is not running', 'error')];
			const command = snapshot.tasks.get(active[0]!)?.command.replaceAll(/\s+/g, ' ') ?? '';
			const what = active.length === 1 ? `task ${active[0]} (${command.length > 32 ? `${command.slice(0, 31)}…` : command})` : `${active.length} tasks`;
			return [confirm(`Kill ${what}?`, [send({type: 'Kill', ids: active}, `Killed ${describe(active)}`, `spool kill ${active.join(' ')}`)])];
		}

		case 'restart':
		case 'restartInPlace': {
			const done = ids.filter((id) => status(id) === 'Done');
			if (done.length === 0) return [say('only finished tasks can be restarted', 'error')];
			const inPlace = action === 'restartInPlace';
			return [send({type: 'Restart', ids: done, inPlace}, `Restarted ${describe(done)}${inPlace ? ' in place' : ''}`, `spool restart ${inPlace ? '-i ' : ''}${done.join(' ')}`)];
		}

		case 'remove':
			if (ids.length === 0) return [];
			return [
				confirm(`Remove ${describe(ids)} and ${ids.length === 1 ? 'its log' : 'their logs'}?`, [
					view({type: 'clearMarks'}),
					send({type: 'Remove', ids}, `Removed ${describe(ids)}`, `spool remove ${ids.join(' ')}`),
				]),
			];
		case 'clean':
			return [confirm('Remove every finished task and its log?', [send({type: 'Clean'}, 'Cleaned finished tasks', 'spool clean')])];
		case 'stash':
			return ids.length > 0 ? [send({type: 'Stash', ids}, `Stashed ${describe(ids)}`, `spool stash ${ids.join(' ')}`)] : [];
		case 'enqueue':
			return ids.length > 0 ? [send({type: 'Enqueue', ids}, `Enqueued ${describe(ids)}`, `spool enqueue ${ids.join(' ')}`)] : [];
		case 'input':
			if (current?.status === 'Running') return [view({type: 'open', mode: {kind: 'input', value: '', task: current.id}})];
			return [say('input goes to a running task', 'error')];
		case 'parallelUp':
		case 'parallelDown': {
			const name = current?.group ?? defaultGroup;
			const group = snapshot.groups.find((entry) => entry.name === name);
			if (!group) return [];
			if (group.parallel === 0 && action === 'parallelUp') return [say(`group ${name} already runs any number of tasks`)];
			const parallel = action === 'parallelUp' ? group.parallel + 1 : Math.max(1, group.parallel - 1);
			return [send({type: 'Parallel', group: name, parallel}, `Group ${name} runs ${parallel} at once`, `spool parallel ${parallel} -g ${name}`)];
		}
	}
}

/** y to a question runs what it asked about; any other key changes nothing. */
export function answerEffects(mode: ModeOf<'confirm'>, yes: boolean): Effect[] {
	return [close, ...(yes ? mode.then : [say('Nothing changed.')])];
}

/** Enter in a prompt. The filter has applied while it was typed: Enter only keeps it. `selected`: the task under the cursor. */
export function promptEffects(mode: PromptMode, context: AddContext & {selected?: number}): Effect[] {
	switch (mode.kind) {
		case 'filter':
			return [close];
		case 'search':
			return [close, log({call: 'search', query: mode.value})];
		case 'input':
			return [close, send({type: 'Send', task: mode.task, data: `${mode.value}\n`}, `Sent input to task ${mode.task}`, `spool send ${mode.task} …`)];
		case 'palette':
			try {
				const ui = parseUiCommand(mode.value);
				if (ui) {
					const task = ui.task ?? context.selected;
					if (task === undefined) return [close, say('no task selected', 'error')];
					return [view({type: 'select', id: task}), view({type: 'open', mode: {kind: 'details', task, scroll: 0, values: false}})];
				}

				const command = parsePalette(mode.value, context);
				return [close, send(command.request, 'Done', command.cli)];
			} catch (error) {
				return [close, say(error instanceof PaletteError || error instanceof Error ? error.message : String(error), 'error')];
			}
	}
}

/** Enter in the add / edit dialog: the request, or the dialog again with what is wrong. */
export function submitFormEffects(mode: ModeOf<'add'>, context: AddContext): Effect[] {
	const {form, edit} = mode;
	const {values} = form;
	const fail = (error: string): Effect[] => [view({type: 'open', mode: {kind: 'add', edit, form: {...form, error}}})];
	if (values.command.trim() === '') return fail('the command must not be empty');
	if (values.priority !== '' && !/^-?\d+$/.test(values.priority.trim())) return fail('priority is a whole number');
	let after: number[] = [];
	let enqueueAt: number | undefined;
	try {
		after = parseIds([values.after]);
		if (values.delay.trim() !== '') enqueueAt = parseWhen(values.delay);
	} catch (error) {
		return fail((error as Error).message);
	}

	const priority = values.priority.trim() === '' ? undefined : Number(values.priority);
	if (edit !== undefined) {
		return [
			close,
			send(
				{type: 'Edit', task: edit, command: values.command, cwd: values.cwd, label: values.label === '' ? null : values.label, ...(priority === undefined ? {} : {priority})},
				`Edited task ${edit}`,
				`spool edit ${edit} --command …`,
			),
		];
	}

	const request: RequestInput<'Add'> = {
		type: 'Add',
		command: values.command,
		cwd: values.cwd || context.cwd,
		env: context.env,
		group: values.group || defaultGroup,
		...(values.label ? {label: values.label} : {}),
		...(priority === undefined ? {} : {priority}),
		...(after.length > 0 ? {after} : {}),
		...(enqueueAt === undefined ? {} : {enqueueAt}),
	};
	return [close, {kind: 'add', request, cli: `spool add${values.group && values.group !== defaultGroup ? ` -g ${values.group}` : ''} -- ${values.command}`}];
}

/** Esc in the add / edit dialog. */
export function cancelFormEffects(): Effect[] {
	return [close, say('Nothing added.')];
}
