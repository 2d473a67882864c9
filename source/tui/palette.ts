// The `:` command palette: CLI commands typed in the UI (":parallel 4 -g
// gpu", ":add -g build make test", ":status status=failed"), read with the
// CLI's own definitions (those marked `palette`) and its scanner, and turned
// into what the UI does: the request the CLI would send, or a view of its
// own where the CLI would print (status filters the table, log and follow
// show the log pane, env show a page, group and workers the side panel).
// Each request comes with the command line that does the same in a shell,
// written from the same definitions (definitions/command-line.ts).
import path from 'node:path';
import type {PlainRequest} from '../client/client.js';
import {findCommand} from '../definitions/all-commands.js';
import {commandHelp} from '../definitions/help-text.js';
import {defaultGroup} from '../protocol/model.js';
import type {RequestInput} from '../protocol/requests.js';
import {parseId, parseIds} from '../shared/ids.js';
import {signalName, unknownSignal} from '../shared/signals.js';
import {parseStatusQuery} from '../shared/status-query.js';
import {parseWhen} from '../shared/when.js';
import {shellQuote} from '../definitions/command-line.js';
import {quoteWord, splitWords} from './shell-words.js';
import {flag, givenFlags, PaletteError, paletteCommands, refuseFlags, scan, text, uiCommands, type Values} from './palette-scan.js';
import {type Connection, cliLine, describeTasks, idWords} from './task-actions.js';
import {isQueryWord} from './task-filter.js';

export type PaletteContext = {cwd: string; env: Record<string, string>; connection?: Connection};

/**
 * `details [id]`: the details view of a task (the one under the cursor without an id); undefined for anything
 * else. A palette entry of the UI's own (palette-scan.ts, uiCommands), not a CLI command.
 */
export function parseUiCommand(line: string): {kind: 'details'; task: number | undefined} | undefined {
	const [verb, ...rest] = splitWords(line.trim().replace(/^:/, ''));
	if (verb !== 'details') return undefined;
	if (rest.length > 1 || (rest[0] !== undefined && !/^\d+$/.test(rest[0]))) throw new PaletteError(detailsUsage);
	return {kind: 'details', task: rest[0] === undefined ? undefined : parseId(rest[0])};
}

const detailsUsage = 'details takes one task id: details 12 (or no id: the task under the cursor)';

/** What a palette line does; `cli` is the same in a shell. */
export type PaletteCommand =
	| {kind: 'request'; request: PlainRequest; done: string; cli: string}
	/** The new task gets the cursor, as from the add dialog. */
	| {kind: 'add'; request: RequestInput<'Add'>; cli: string}
	/** The message names the new tasks, as after r. */
	| {kind: 'restart'; request: RequestInput<'Restart'>; from: number[]; cli: string}
	/** Asked first, as the CLI asks on a terminal. */
	| {kind: 'confirm'; question: string; request: PlainRequest; done: string; cli: string}
	/** The table's filter becomes this (status query words, as `/` takes them). */
	| {kind: 'filter'; filter: string; cli: string}
	| {kind: 'log'; id: number; follow: boolean}
	| {kind: 'env'; id: number; cli: string}
	/** The groups and workers panel. */
	| {kind: 'panel'}
	| {kind: 'help'; title: string; lines: string[]};

function selection(positionals: string[], values: Values, verb: string) {
	const ids = parseIds(positionals);
	if (ids.length > 0) return {ids};
	const group = text(values, 'group');
	if (group) return {group};
	if (flag(values, 'all')) return {all: true};
	throw new PaletteError(`say which tasks: ${verb} <ids> | -g <group> | --all`);
}

/** "task 3", "group gpu", "every group": what a request on a selection acted on. */
function selectionText(target: {ids?: number[]; group?: string; all?: boolean}, groups = 'every group'): string {
	if (target.ids) return describeTasks(target.ids);
	return target.group === undefined ? groups : `group ${target.group}`;
}

function oneTask(positionals: string[], usage: string): number {
	const ids = parseIds(positionals);
	if (ids.length !== 1) throw new PaletteError(`${usage}: one task`);
	return ids[0]!;
}

/** `:status WORDS [-g G]`: the query as the table's filter; what only shapes `spool status`'s output is refused. */
function statusFilter(positionals: string[], values: Values): string {
	const group = text(values, 'group');
	// -g is group= to the filter: both at once must agree, as spool status says.
	const query = parseStatusQuery([...positionals, ...(group ? [`group=${group}`] : [])]);
	if (query.filter.orderBy !== undefined || query.columns || query.filter.first !== undefined || query.filter.last !== undefined || query.local.first !== undefined || query.local.last !== undefined) {
		throw new PaletteError('order_by, first, last and columns= shape the table spool status prints; the filter here only picks the rows');
	}

	const ids = positionals.filter((word) => !isQueryWord(word));
	return [
		...(ids.length > 0 ? [`id:${idWords(parseIds(ids)).join(',')}`] : []),
		...positionals.filter((word) => isQueryWord(word)).map((word) => quoteWord(word)),
		...(group ? [quoteWord(`group=${group}`)] : []),
	].join(' ');
}

function helpPage(name: string | undefined): {kind: 'help'; title: string; lines: string[]} {
	if (name === undefined) {
		const listed = [...paletteCommands, ...uiCommands];
		const width = Math.max(...listed.map((command) => command.name.length)) + 2;
		return {
			kind: 'help',
			title: 'Commands of the palette',
			lines: [...listed.map((command) => `${command.name.padEnd(width)}${command.summary}`), '', 'Tab completes commands, options, groups and task ids. :help NAME shows a command.'],
		};
	}

	const own = uiCommands.find((command) => command.name === name);
	if (own) return {kind: 'help', title: own.name, lines: [`${own.summary}.`, '', `Usage: ${own.usage}`, '', "In the view: j/k scroll, v shows or hides the environment's values, Esc back."]};
	const definition = findCommand(name);
	if (!definition) throw new PaletteError(`no command ${JSON.stringify(name)}; :help lists them`);
	return {
		kind: 'help',
		title: `spool ${definition.name}`,
		lines: commandHelp(definition)
			.replace(/^\n+|\n+$/g, '')
			.split('\n'),
	};
}

export function parsePalette(line: string, context: PaletteContext): PaletteCommand {
	const words = splitWords(line.trim().replace(/^:/, ''));
	const [verb, ...rest] = words;
	if (!verb) throw new PaletteError('type a command, e.g. parallel 4 -g gpu (:help lists them, Tab completes)');
	const {definition, scanned} = scan(verb, rest);
	if (scanned.help) return helpPage(definition.name);
	const {values, positionals} = scanned;
	const connection = context.connection ?? {};
	/** The line as a shell takes it, from what was given (or `parts` where the UI changes it). */
	const cli = (parts: Parameters<typeof cliLine>[1] = {}) =>
		cliLine(definition, {args: positionals, flags: givenFlags(definition, values, context.cwd), ...(scanned.command.length > 0 ? {command: scanned.command.join(' ')} : {}), ...parts}, connection);
	const request = (request: PlainRequest, done: string): PaletteCommand => ({kind: 'request', request, done, cli: cli()});

	switch (definition.name) {
		case 'add': {
			refuseFlags(definition, values, ['stdin', 'from'], 'reads the commands from a file or standard input: run it in a shell');
			// As spool add (and pueue): a task that starts at once cannot also wait.
			for (const other of ['stashed', 'delay']) {
				if (flag(values, 'immediate') && values[other] !== undefined && values[other] !== false) throw new PaletteError(`--immediate and --${other} contradict each other: leave out one of them`);
			}

			const words = scanned.command;
			const command = flag(values, 'escape') ? words.map((word) => shellQuote(word)).join(' ') : words.join(' ');
			if (command.trim() === '') throw new PaletteError('add needs a command: add [-g group] make test');
			const after = parseIds(values.after as string[]);
			const priority = values.priority as number | undefined;
			const delay = text(values, 'delay');
			const cwd = text(values, 'cwd');
			// --escape quoted the words already: the command shown gives the result, not the flag again.
			const {escape: _escape, ...flags} = givenFlags(definition, values, context.cwd);
			return {
				kind: 'add',
				cli: cli({command, flags}),
				request: {
					type: 'Add',
					command,
					cwd: cwd === undefined ? context.cwd : path.resolve(context.cwd, cwd),
					env: context.env,
					...(text(values, 'group') ? {group: text(values, 'group')!} : {}),
					...(text(values, 'label') === undefined ? {} : {label: text(values, 'label')!}),
					...(priority === undefined ? {} : {priority}),
					...(after.length > 0 ? {after} : {}),
					...(delay ? {enqueueAt: parseWhen(delay)} : {}),
					stashed: flag(values, 'stashed'),
					immediate: flag(values, 'immediate'),
				},
			};
		}

		case 'status':
			return {kind: 'filter', filter: statusFilter(positionals, values), cli: cli()};
		case 'log':
			refuseFlags(definition, values, ['lines', 'full', 'plain', 'raw', 'header', 'group', 'all'], 'the log pane shows the whole log of one task; those are for spool log in a shell');
			return {kind: 'log', id: oneTask(positionals, 'log <id>'), follow: false};
		case 'follow':
			refuseFlags(definition, values, ['lines', 'raw'], 'the log pane shows the whole log; those are for spool follow in a shell');
			return {kind: 'log', id: oneTask(positionals, 'follow <id>'), follow: true};
		case 'workers':
			return {kind: 'panel'};
		case 'help':
			return helpPage(positionals[0]);
		case 'parallel': {
			const [count, ...more] = positionals;
			if (count === undefined || more.length > 0 || !/^\d+$/.test(count)) throw new PaletteError('parallel takes a whole number >= 0: parallel 4 -g gpu');
			const group = text(values, 'group');
			const parallel = Number(count);
			return request({type: 'Parallel', parallel, ...(group ? {group} : {})}, `Group ${group ?? defaultGroup} runs ${parallel === 0 ? 'any number of tasks' : parallel} at once`);
		}

		case 'pause':
		case 'start': {
			const ids = parseIds(positionals);
			const target = ids.length > 0 ? {ids} : flag(values, 'all') ? {all: true} : {group: text(values, 'group') ?? defaultGroup};
			const pause = definition.name === 'pause';
			return request(
				{type: pause ? 'Pause' : 'Start', ...target, ...(pause && flag(values, 'wait') ? {wait: true} : {})},
				`${pause ? 'Paused' : ids.length > 0 ? 'Started' : 'Resumed'} ${selectionText(target)}`,
			);
		}

		case 'kill': {
			const given = text(values, 'signal');
			const signal = given === undefined ? undefined : signalName(given);
			if (given !== undefined && !signal) throw new PaletteError(unknownSignal(given));
			// As spool kill: without ids or -g, the running tasks of the default group.
			const ids = parseIds(positionals);
			const target = ids.length > 0 ? {ids} : flag(values, 'all') ? {all: true} : {group: text(values, 'group') ?? defaultGroup};
			const kill: PlainRequest = {type: 'Kill', ...target, ...(signal ? {signal} : {})};
			if (target.ids) return request(kill, `Killed ${describeTasks(target.ids)}${signal ? ` (${signal})` : ''}`);
			// A whole group or every one, as x asks before it kills.
			const what = target.group === undefined ? 'every running task' : `the running tasks of group ${target.group}`;
			return {kind: 'confirm', question: `Kill ${what}?`, request: kill, done: `Killed ${what}${signal ? ` (${signal})` : ''}`, cli: cli()};
		}

		case 'stash':
		case 'enqueue': {
			const target = selection(positionals, values, definition.name);
			const delay = text(values, 'delay');
			// The CLI's stash --delay is two requests (Stash, then Enqueue with the time); the palette sends one.
			if (definition.name === 'stash' && delay) throw new PaletteError('stash --delay sends two requests: run it in a shell (spool stash <ids> -d WHEN)');
			const stash = definition.name === 'stash';
			return request({type: stash ? 'Stash' : 'Enqueue', ...target, ...(delay ? {at: parseWhen(delay)} : {})}, `${stash ? 'Stashed' : 'Enqueued'} ${selectionText(target, 'every task')}`);
		}

		case 'restart': {
			const ids = parseIds(positionals);
			if (ids.length === 0 && !flag(values, 'allFailed')) throw new PaletteError('restart <ids> or restart --all-failed');
			if (flag(values, 'edit')) throw new PaletteError('restart --edit opens an editor: run it in a shell (spool restart -e <id>)');
			const options = {inPlace: flag(values, 'inPlace'), stashed: flag(values, 'stashed'), immediate: flag(values, 'immediate')};
			if (ids.length > 0) return {kind: 'restart', request: {type: 'Restart', ids, ...options}, from: ids, cli: cli()};
			const group = text(values, 'group');
			return request({type: 'Restart', allFailed: true, ...(group ? {group} : {}), ...options}, `Restarted the failed tasks${group ? ` of group ${group}` : ''}`);
		}

		case 'remove': {
			const ids = parseIds(positionals);
			if (ids.length === 0) throw new PaletteError('remove <ids>');
			// As spool remove: what can go goes, and the rest is named.
			return request({type: 'Remove', ids, partial: true}, `Removed ${describeTasks(ids)}`);
		}

		case 'clean': {
			// -g may be given several times in the CLI (one Clean per group); the palette sends one request.
			const groups = [...new Set(values.group as string[])];
			if (groups.length > 1) throw new PaletteError('clean takes one group here: run clean -g a -g b in a shell');
			return request(
				{type: 'Clean', successfulOnly: flag(values, 'successfulOnly'), ...(groups[0] === undefined ? {} : {group: groups[0]})},
				`Cleaned finished tasks${groups[0] ? ` of group ${groups[0]}` : ''}`,
			);
		}

		case 'reset': {
			const groups = [...new Set(values.group as string[])];
			if (groups.length > 1) throw new PaletteError('reset takes one group here: run reset -g a -g b in a shell');
			const group = groups[0];
			const reset: PlainRequest = {type: 'Reset', ...(group === undefined ? {} : {group})};
			const done = `Reset ${group === undefined ? 'everything' : `group ${group}`}`;
			if (flag(values, 'force')) return request(reset, done);
			const question = `Kill every task${group === undefined ? '' : ` of group ${group}`} and remove them all, with their logs?`;
			return {kind: 'confirm', question, request: reset, done, cli: cli()};
		}

		case 'switch': {
			const [a, b, ...more] = parseIds(positionals);
			if (a === undefined || b === undefined || more.length > 0) throw new PaletteError('switch <id> <id>');
			return request({type: 'Switch', a, b}, `Switched tasks ${a} and ${b}`);
		}

		case 'send': {
			const [id, ...input] = positionals;
			if (id === undefined || input.length === 0) throw new PaletteError('send <id> <input>');
			return request({type: 'Send', task: parseId(id), data: `${input.join(' ')}${values.newline === false ? '' : '\n'}`}, `Sent input to task ${id}`);
		}

		case 'group': {
			const [action, name, ...more] = positionals;
			const parallel = values.parallel as number | undefined;
			if (action === undefined) return {kind: 'panel'};
			if (more.length === 0 && action === 'add' && name) return request({type: 'GroupAdd', name, ...(parallel === undefined ? {} : {parallel})}, `Added group ${name}`);
			if (more.length === 0 && action === 'remove' && name) return request({type: 'GroupRemove', name}, `Removed group ${name}`);
			throw new PaletteError('group (the panel) | group add <name> [-p n] | group remove <name>');
		}

		case 'env': {
			const [action, id, key, ...value] = positionals;
			if (action === 'show' && id && key === undefined) return {kind: 'env', id: parseId(id), cli: cli()};
			if (action === 'set' && id && key && value.length > 0) return request({type: 'EnvSet', task: parseId(id), key, value: value.join(' ')}, `Set ${key} for task ${id}`);
			if (action === 'unset' && id && key && value.length === 0) return request({type: 'EnvUnset', task: parseId(id), key}, `Unset ${key} for task ${id}`);
			throw new PaletteError('env show <id> | env set <id> <KEY> <value> | env unset <id> <KEY>');
		}

		case 'edit': {
			const [id, ...more] = parseIds(positionals);
			if (id === undefined) throw new PaletteError('edit <id> [--cwd DIR] [--label L] [--priority N] [--after IDS] [--command X]');
			// One request per line here; several tasks are `spool edit` in a shell.
			if (more.length > 0) throw new PaletteError('edit takes one task here: edit <id> --label L (spool edit <ids> in a shell edits several)');
			const priority = text(values, 'priority');
			if (priority !== undefined && !/^[+-]?\d+$/.test(priority.trim())) throw new PaletteError('--priority takes a whole number');
			const label = text(values, 'label');
			const after = text(values, 'after');
			const cwd = text(values, 'cwd');
			const fields = {
				...(text(values, 'command') === undefined ? {} : {command: text(values, 'command')!}),
				...(cwd === undefined ? {} : {cwd: path.resolve(context.cwd, cwd)}),
				...(label === undefined ? {} : {label: label === '' ? null : label}),
				...(priority === undefined ? {} : {priority: Number(priority)}),
				...(after === undefined ? {} : {after: parseIds(after.split(/[\s,]+/))}),
			};
			if (Object.keys(fields).length === 0) throw new PaletteError('say what to change: edit <id> --label L (e on a task opens the form)');
			return request({type: 'Edit', task: id, ...fields}, `Edited task ${id}`);
		}

		default:
			throw new PaletteError(`${definition.name} is not a palette command`);
	}
}
