// What each action of the UI does, decided without doing it: a key's action,
// an answer to a question, a submitted prompt or form become a list of
// effects — requests for the daemon with the message to show and the CLI
// command that does the same, view changes, log pane moves. Pure functions
// over plain data (no React, no I/O), so every decision is testable;
// controller.ts carries the effects out. The actions on the selected tasks
// (and what they say of those they leave) are in task-actions.ts.
import path from 'node:path';
import type {PlainRequest as Request} from '../client/client.js';
import {parallelCommand, sendCommand} from '../definitions/control-commands.js';
import {addCommand, cleanCommand, editCommand} from '../definitions/queue-commands.js';
import type {Task} from '../protocol/model.js';
import type {RequestInput} from '../protocol/requests.js';
import {parseIds} from '../shared/ids.js';
import {parseWhen} from '../shared/when.js';
import type {ActionId} from './keymap.js';
import {type PaletteCommand, parsePalette, parseUiCommand} from './palette.js';
import type {QueueSnapshot} from './queue-store.js';
import {nextSort, reverseSort, type SortKey, sortKeys, type TableSort} from './table-sort.js';
import {type Connection, cliLine, describeTasks, enqueueEffect, idWords, killEffect, pauseEffect, removeEffect, restartEffect, type Selected, startEffect, stashEffect} from './task-actions.js';
import {type TaskField, taskForm} from './task-form.js';
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
	/** The options that chose the daemon, for the commands shown (none: the default home). */
	connection?: Connection;
};

/** What a submitted prompt or form needs besides itself: tasks added from the UI get the UI's directory and environment. */
export type AddContext = {
	cwd: string;
	env: Record<string, string>;
	connection?: Connection;
	/** The tasks there are, and whether the table's filter hides one (for :log and :follow). */
	tasks?: ReadonlyMap<number, Task>;
	hidden?: (id: number) => boolean;
};

const view = (event: ViewEvent): Effect => ({kind: 'view', event});
const say = (text: string, kind: Message['kind'] = 'info'): Effect => view({type: 'say', message: {text, kind}});
const send = (request: Request, done: string, cli: string): Effect => ({kind: 'send', request, done, cli});
const log = (call: LogCall): Effect => ({kind: 'log', call});
const confirm = (question: string, then: readonly Effect[]): Effect => view({type: 'open', mode: {kind: 'confirm', question, then}});
const close = view({type: 'close'});

const sorted = (sort: TableSort): Effect[] => [view({type: 'sort', sort}), say(`Sorted by ${sort.key}${sort.descending ? ', descending' : ''}`)];

export function actionEffects(action: ActionId, context: ActionContext): Effect[] {
	const {view: state, tasks, snapshot, tableRows} = context;
	const current = tasks.at(cursorIndex(tasks, state.cursorId, state.fallbackIndex));
	// Actions apply to the marked tasks, or else to the one under the cursor.
	const ids = state.marked.size > 0 ? [...state.marked].sort((a, b) => a - b) : current ? [current.id] : [];
	const connection = context.connection ?? {};
	const selected: Selected = {ids, marked: state.marked.size > 0, current, tasks: snapshot.tasks, groups: snapshot.groups, connection};
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
			if (!current) return [];
			if (current.status === 'Running' || current.status === 'Paused') return [say(`task ${current.id} is ${current.status.toLowerCase()}: only a task that does not run can be edited`, 'error')];
			if (current.status === 'Locked') return [say(`task ${current.id} is being edited elsewhere (spool edit); try again once that edit is done`, 'error')];
			return [view({type: 'open', mode: {kind: 'add', edit: current.id, form: taskForm(current, {group: current.group, cwd: context.cwd})}})];
		case 'start':
			return ids.length > 0 ? [startEffect(selected)] : [];
		case 'pause':
			return ids.length > 0 ? [pauseEffect(selected)] : [];
		case 'kill': {
			const effect = killEffect(selected);
			if (effect.kind !== 'send' || effect.request.type !== 'Kill') return [effect];
			const active = effect.request.ids ?? [];
			const command = snapshot.tasks.get(active[0]!)?.command.replaceAll(/\s+/g, ' ') ?? '';
			const what = active.length === 1 ? `task ${active[0]} (${command.length > 32 ? `${command.slice(0, 31)}…` : command})` : describeTasks(active);
			return [confirm(`Kill ${what}?${effect.skipped ? ` (${effect.skipped})` : ''}`, [effect])];
		}

		case 'restart':
		case 'restartInPlace':
			return ids.length > 0 ? [restartEffect(selected, action === 'restartInPlace')] : [];
		case 'remove': {
			if (ids.length === 0) return [];
			const effect = removeEffect(selected);
			if (effect.kind !== 'send' || effect.request.type !== 'Remove') return [effect];
			const removing = effect.request.ids;
			return [confirm(`Remove ${describeTasks(removing)} and ${removing.length === 1 ? 'its log' : 'their logs'}?${effect.skipped ? ` (${effect.skipped})` : ''}`, [effect])];
		}

		case 'clean':
			return [confirm('Remove every finished task and its log?', [send({type: 'Clean'}, 'Cleaned finished tasks', cliLine(cleanCommand, {}, connection))])];
		case 'stash':
			return ids.length > 0 ? [stashEffect(selected)] : [];
		case 'enqueue':
			return ids.length > 0 ? [enqueueEffect(selected)] : [];
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
			return [send({type: 'Parallel', group: name, parallel}, `Group ${name} runs ${parallel} at once`, cliLine(parallelCommand, {args: [parallel], flags: {group: name}}, connection))];
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
			return [
				close,
				send({type: 'Send', task: mode.task, data: `${mode.value}\n`}, `Sent input to task ${mode.task}`, cliLine(sendCommand, {args: [mode.task, mode.value]}, context.connection ?? {})),
			];
		case 'palette':
			try {
				// details [id]: the UI's own entry, a view rather than a CLI command.
				const ui = parseUiCommand(mode.value);
				if (ui) {
					const task = ui.task ?? context.selected;
					if (task === undefined) return [close, say('no task selected', 'error')];
					return [view({type: 'select', id: task}), view({type: 'open', mode: {kind: 'details', task, scroll: 0, values: false}})];
				}

				return [close, ...paletteEffects(parsePalette(mode.value, context), context)];
			} catch (error) {
				return [close, say(error instanceof Error ? error.message : String(error), 'error')];
			}
	}
}

/** What a palette line does in the UI: the request, or the view where the CLI would print. */
function paletteEffects(command: PaletteCommand, context: AddContext): Effect[] {
	switch (command.kind) {
		case 'request':
			return [send(command.request, command.done, command.cli)];
		case 'add':
			return [{kind: 'add', request: command.request, cli: command.cli}];
		case 'restart':
			return [{kind: 'restart', request: command.request, from: command.from, cli: command.cli}];
		case 'confirm':
			return [confirm(command.question, [send(command.request, command.done, command.cli)])];
		case 'filter':
			return [view({type: 'setFilter', filter: command.filter}), say(`${command.filter ? `Filter: ${command.filter}` : 'No filter'} — ${command.cli}`)];
		case 'log':
			if (context.tasks && !context.tasks.has(command.id)) return [say(`no task ${command.id}`, 'error')];
			// The task shows however the table is filtered: the filter goes if it hides it.
			return [
				...(context.hidden?.(command.id) ? [view({type: 'setFilter', filter: ''})] : []),
				view({type: 'select', id: command.id}),
				view({type: 'unzoom'}),
				view({type: 'zoom'}),
				...(command.follow ? [say(`Following task ${command.id} (F follows again after a scroll)`)] : []),
			];
		case 'env':
			return [{kind: 'env', task: command.id, cli: command.cli}];
		case 'panel':
			return [view({type: 'toggleSide', show: true})];
		case 'help':
			return [view({type: 'open', mode: {kind: 'text', title: command.title, lines: command.lines, scroll: 0}})];
	}
}

/** A field's path as the daemon takes it: absolute, relative ones from the UI's directory. */
const absolute = (cwd: string, base: string) => path.resolve(base, cwd.trim() || base);

/** Enter in the add / edit dialog: the request, or the dialog again with what is wrong. */
export function submitFormEffects(mode: ModeOf<'add'>, context: AddContext): Effect[] {
	const {form, edit} = mode;
	const {values} = form;
	const connection = context.connection ?? {};
	const fail = (error: string): Effect[] => [view({type: 'open', mode: {kind: 'add', edit, form: {...form, error}}})];
	if (values.command.trim() === '') return fail('the command must not be empty');
	if (values.priority.trim() !== '' && !/^[+-]?\d+$/.test(values.priority.trim())) return fail('priority is a whole number');
	let after: number[] = [];
	let enqueueAt: number | undefined;
	try {
		after = parseIds([values.after]);
		if (values.delay.trim() !== '') enqueueAt = parseWhen(values.delay);
	} catch (error) {
		return fail((error as Error).message);
	}

	const priority = values.priority.trim() === '' ? undefined : Number(values.priority);
	const cwd = absolute(values.cwd, context.cwd);
	if (edit !== undefined) return editEffects(mode, {after, priority, cwd}, connection);
	const group = values.group.trim() || defaultGroup;
	const delay = values.delay.trim();
	const request: RequestInput<'Add'> = {
		type: 'Add',
		command: values.command,
		cwd,
		env: context.env,
		group,
		...(values.label ? {label: values.label} : {}),
		...(priority === undefined ? {} : {priority}),
		...(after.length > 0 ? {after} : {}),
		...(enqueueAt === undefined ? {} : {enqueueAt}),
	};
	// Every field given, as `spool add` takes it; the directory only when it is not the one the UI (and so its shell) is in.
	const flags = {
		group: group === defaultGroup ? undefined : group,
		after: after.length > 0 ? idWords(after).join(',') : undefined,
		priority,
		label: values.label || undefined,
		delay: delay || undefined,
		cwd: cwd === context.cwd ? undefined : cwd,
	};
	return [close, {kind: 'add', request, cli: cliLine(addCommand, {flags, command: values.command}, connection)}];
}

/** Saving the edit dialog: only the fields that changed are sent, and `spool edit` with exactly those. */
function editEffects(mode: ModeOf<'add'>, parsed: {after: number[]; priority: number | undefined; cwd: string}, connection: Connection): Effect[] {
	const {form} = mode;
	const task = mode.edit!;
	const changed = (field: TaskField) => form.fields.includes(field) && form.values[field] !== form.initial[field];
	const request: RequestInput<'Edit'> = {type: 'Edit', task};
	const flags: Record<string, string | undefined> = {};
	if (changed('command')) {
		request.command = form.values.command;
		flags.command = form.values.command;
	}

	if (changed('cwd')) {
		request.cwd = parsed.cwd;
		flags.cwd = parsed.cwd;
	}

	if (changed('label')) {
		request.label = form.values.label === '' ? null : form.values.label;
		flags.label = form.values.label;
	}

	if (changed('priority')) {
		request.priority = parsed.priority ?? 0;
		flags.priority = String(request.priority);
	}

	if (changed('after')) {
		request.after = parsed.after;
		flags.after = idWords(parsed.after).join(',');
	}

	if (Object.keys(flags).length === 0) return [close, say('Nothing changed.')];
	return [close, send(request, `Edited task ${task}`, cliLine(editCommand, {args: [task], flags}, connection))];
}

/** Esc in the add / edit dialog. */
export function cancelFormEffects(mode: ModeOf<'add'>): Effect[] {
	return [close, say(mode.edit === undefined ? 'Nothing added.' : 'Nothing changed.')];
}
