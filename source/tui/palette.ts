// The `:` command palette: CLI-style commands typed in the UI
// (":parallel 4 -g gpu", ":add -g build make test"), read with the CLI's own
// command definitions and turned into the same requests the CLI sends.
import type {PlainRequest} from '../client/client.js';
import {parseId, parseIds} from '../shared/ids.js';
import {parseWhen} from '../shared/when.js';
import {defaultGroup} from '../protocol/model.js';
import {allCommands, closest, findCommand} from '../definitions/all-commands.js';
import {ArgError, type Scanned, scanArgs} from '../definitions/scan-args.js';
import type {CommandDef} from '../definitions/types.js';

export type PaletteCommand = {request: PlainRequest; cli: string};

export class PaletteError extends Error {}

/** Palette entries that open a view of the UI instead of sending a request; not CLI commands. */
const uiCommands = ['details'];

/** `details [id]`: the details view of a task (the one under the cursor without an id); undefined for anything else. */
export function parseUiCommand(line: string): {kind: 'details'; task: number | undefined} | undefined {
	const [verb, ...rest] = splitWords(line.trim().replace(/^:/, ''));
	if (verb !== 'details') return undefined;
	if (rest.length > 1 || (rest[0] !== undefined && !/^\d+$/.test(rest[0]))) throw new PaletteError('details takes one task id: details 12 (or no id: the task under the cursor)');
	return {kind: 'details', task: rest[0] === undefined ? undefined : parseId(rest[0])};
}

/** Splits like a shell would for simple quoting: 'single', "double", backslash. */
export function splitWords(line: string): string[] {
	const words: string[] = [];
	let current = '';
	let quote: string | undefined;
	let inWord = false;
	for (let index = 0; index < line.length; index++) {
		const char = line[index]!;
		if (quote) {
			if (char === quote) quote = undefined;
			else if (char === '\\' && quote === '"' && index + 1 < line.length) current += line[++index];
			else current += char;
		} else if (char === "'" || char === '"') {
			quote = char;
			inWord = true;
		} else if (char === '\\' && index + 1 < line.length) {
			current += line[++index];
			inWord = true;
		} else if (/\s/.test(char)) {
			if (inWord) words.push(current);
			current = '';
			inWord = false;
		} else {
			current += char;
			inWord = true;
		}
	}

	if (quote) throw new PaletteError(`unclosed ${quote} quote`);
	if (inWord) words.push(current);
	return words;
}

type Values = Scanned['values'];
const text = (values: Values, key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
const flag = (values: Values, key: string) => values[key] === true;

function selection(positionals: string[], values: Values, verb: string) {
	const ids = parseIds(positionals);
	if (ids.length > 0) return {ids};
	const group = text(values, 'group');
	if (group) return {group};
	if (flag(values, 'all')) return {all: true};
	throw new PaletteError(`say which tasks: ${verb} <ids> | -g <group> | --all`);
}

/** The words after the verb, read with the command's own definition (the CLI's flags, less the CLI-only ones). */
function scan(verb: string, rest: readonly string[]): {definition: CommandDef; scanned: Scanned} {
	const definition = findCommand(verb);
	if (!definition?.palette) {
		const names = [...allCommands.filter((command) => command.palette).map((command) => command.name), ...uiCommands];
		const near = closest(verb, names);
		throw new PaletteError(`unknown command ${JSON.stringify(verb)}${near ? ` (did you mean ${near}?)` : ''}: ${names.join(', ')}`);
	}

	try {
		return {
			definition,
			scanned: scanArgs(
				rest,
				definition,
				definition.flags.filter((item) => !item.cliOnly),
				{name: definition.name, helpHint: `spool ${definition.name} --help`},
			),
		};
	} catch (error) {
		if (error instanceof ArgError) throw new PaletteError(error.message);
		throw error;
	}
}

export function parsePalette(line: string, context: {cwd: string; env: Record<string, string>}): PaletteCommand {
	const words = splitWords(line.trim().replace(/^:/, ''));
	const [verb, ...rest] = words;
	if (!verb) throw new PaletteError('type a command, e.g. parallel 4 -g gpu');
	const cli = `spool ${line.trim().replace(/^:/, '')}`;
	const {definition, scanned} = scan(verb, rest);
	if (scanned.help) throw new PaletteError(`${definition.summary}: spool ${definition.usage[0]}`);
	const {values, positionals} = scanned;

	switch (definition.name) {
		case 'add': {
			const command = scanned.command.join(' ');
			if (command.trim() === '') throw new PaletteError('add needs a command: add [-g group] make test');
			const after = values.after as string[];
			const priority = values.priority as number | undefined;
			const delay = text(values, 'delay');
			return {
				cli,
				request: {
					type: 'Add',
					command,
					cwd: text(values, 'cwd') ?? context.cwd,
					env: context.env,
					...(text(values, 'group') ? {group: text(values, 'group')!} : {}),
					...(text(values, 'label') ? {label: text(values, 'label')!} : {}),
					...(priority === undefined ? {} : {priority}),
					...(after.length > 0 ? {after: parseIds(after)} : {}),
					...(delay ? {enqueueAt: parseWhen(delay)} : {}),
					stashed: flag(values, 'stashed'),
					immediate: flag(values, 'immediate'),
				},
			};
		}

		case 'parallel': {
			const [count] = positionals;
			if (count === undefined || !/^\d+$/.test(count)) throw new PaletteError('parallel takes a whole number >= 0: parallel 4 -g gpu');
			return {cli, request: {type: 'Parallel', parallel: Number(count), ...(text(values, 'group') ? {group: text(values, 'group')!} : {})}};
		}

		case 'pause':
		case 'start': {
			const ids = parseIds(positionals);
			const target = ids.length > 0 ? {ids} : flag(values, 'all') ? {all: true} : {group: text(values, 'group') ?? defaultGroup};
			return {cli, request: {type: definition.name === 'pause' ? 'Pause' : 'Start', ...target, ...(definition.name === 'pause' && flag(values, 'wait') ? {wait: true} : {})}};
		}

		case 'kill': {
			const signal = text(values, 'signal');
			return {cli, request: {type: 'Kill', ...selection(positionals, values, 'kill'), ...(signal ? {signal: signal.toUpperCase()} : {})}};
		}

		case 'stash':
		case 'enqueue': {
			const base = selection(positionals, values, definition.name);
			const delay = text(values, 'delay');
			// The CLI's stash --delay is two requests (Stash, then Enqueue with the time); the palette sends one.
			if (definition.name === 'stash' && delay) throw new PaletteError('stash --delay sends two requests: run it in a shell (spool stash <ids> -d WHEN)');
			return {cli, request: {type: definition.name === 'stash' ? 'Stash' : 'Enqueue', ...base, ...(delay ? {at: parseWhen(delay)} : {})}};
		}

		case 'restart': {
			const ids = parseIds(positionals);
			if (ids.length === 0 && !flag(values, 'allFailed')) throw new PaletteError('restart <ids> or restart --all-failed');
			if (flag(values, 'edit')) throw new PaletteError('restart --edit opens an editor: run it in a shell (spool restart -e <id>)');
			return {
				cli,
				request: {
					type: 'Restart',
					...(ids.length > 0 ? {ids} : {allFailed: true, ...(text(values, 'group') ? {group: text(values, 'group')!} : {})}),
					inPlace: flag(values, 'inPlace'),
					stashed: flag(values, 'stashed'),
					immediate: flag(values, 'immediate'),
				},
			};
		}

		case 'remove': {
			const ids = parseIds(positionals);
			if (ids.length === 0) throw new PaletteError('remove <ids>');
			return {cli, request: {type: 'Remove', ids}};
		}

		case 'clean': {
			// -g may be given several times in the CLI (one Clean per group); the palette sends one request.
			const groups = [...new Set(values.group as string[])];
			if (groups.length > 1) throw new PaletteError('clean takes one group here: run clean -g a -g b in a shell');
			return {cli, request: {type: 'Clean', successfulOnly: flag(values, 'successfulOnly'), ...(groups[0] === undefined ? {} : {group: groups[0]})}};
		}

		case 'switch': {
			const [a, b, ...more] = parseIds(positionals);
			if (a === undefined || b === undefined || more.length > 0) throw new PaletteError('switch <id> <id>');
			return {cli, request: {type: 'Switch', a, b}};
		}

		case 'send': {
			const [id, ...input] = positionals;
			if (id === undefined || input.length === 0) throw new PaletteError('send <id> <input>');
			return {cli, request: {type: 'Send', task: parseId(id), data: `${input.join(' ')}${values.newline === false ? '' : '\n'}`}};
		}

		case 'group': {
			const [action, name] = positionals;
			const parallel = values.parallel as number | undefined;
			if (action === 'add' && name) return {cli, request: {type: 'GroupAdd', name, ...(parallel === undefined ? {} : {parallel})}};
			if (action === 'remove' && name) return {cli, request: {type: 'GroupRemove', name}};
			throw new PaletteError('group add <name> [-p n] | group remove <name>');
		}

		case 'env': {
			const [action, id, key, ...value] = positionals;
			if (action === 'set' && id && key && value.length > 0) return {cli, request: {type: 'EnvSet', task: parseId(id), key, value: value.join(' ')}};
			if (action === 'unset' && id && key) return {cli, request: {type: 'EnvUnset', task: parseId(id), key}};
			throw new PaletteError('env set <id> <KEY> <value> | env unset <id> <KEY>');
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
			return {
				cli,
				request: {
					type: 'Edit',
					task: id,
					...(text(values, 'command') === undefined ? {} : {command: text(values, 'command')!}),
					...(text(values, 'cwd') === undefined ? {} : {cwd: text(values, 'cwd')!}),
					...(label === undefined ? {} : {label: label === '' ? null : label}),
					...(priority === undefined ? {} : {priority: Number(priority)}),
					...(after === undefined ? {} : {after: parseIds(after.split(/[\s,]+/))}),
				},
			};
		}

		default:
			throw new PaletteError(`${definition.name} is not a palette command`);
	}
}
