// The `:` command palette: CLI-style commands typed in the UI
// (":parallel 4 -g gpu", ":add -g build -- make test"), turned into the same
// requests the CLI sends.
import {parseArgs} from 'node:util';
import type {PlainRequest} from '../client/client.js';
import {parseId, parseIds} from '../shared/ids.js';
import {parseWhen} from '../shared/when.js';
import {defaultGroup} from '../protocol/model.js';

export type PaletteCommand = {request: PlainRequest; cli: string};

export class PaletteError extends Error {}

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

const selectionOptions = {group: {type: 'string', short: 'g'}, all: {type: 'boolean', short: 'a'}} as const;

function selection(positionals: string[], values: {group?: string | undefined; all?: boolean | undefined}, verb: string) {
	const ids = parseIds(positionals);
	if (ids.length > 0) return {ids};
	if (values.group) return {group: values.group};
	if (values.all) return {all: true};
	throw new PaletteError(`say which tasks: ${verb} <ids> | -g <group> | --all`);
}

export function parsePalette(line: string, context: {cwd: string; env: Record<string, string>}): PaletteCommand {
	const words = splitWords(line.trim().replace(/^:/, ''));
	const [verb, ...rest] = words;
	if (!verb) throw new PaletteError('type a command, e.g. parallel 4 -g gpu');
	const cli = `spool ${line.trim().replace(/^:/, '')}`;
	type Values = Record<string, string | boolean | undefined>;
	const parse = (options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>): {values: Values; positionals: string[]} => {
		try {
			const parsed = parseArgs({args: rest, options, allowPositionals: true, strict: true});
			return {values: parsed.values as Values, positionals: parsed.positionals};
		} catch (error) {
			throw new PaletteError((error as Error).message);
		}
	};

	switch (verb) {
		case 'add': {
			const separator = rest.indexOf('--');
			const flags = separator === -1 ? rest : rest.slice(0, separator);
			const commandWords = separator === -1 ? [] : rest.slice(separator + 1);
			const {values, positionals} = (() => {
				try {
					return parseArgs({
						args: flags,
						options: {
							group: {type: 'string', short: 'g'},
							label: {type: 'string', short: 'l'},
							priority: {type: 'string', short: 'o'},
							after: {type: 'string', short: 'a'},
							delay: {type: 'string', short: 'd'},
							stashed: {type: 'boolean', short: 's'},
							immediate: {type: 'boolean', short: 'i'},
							cwd: {type: 'string', short: 'w'},
						},
						allowPositionals: true,
						strict: true,
					});
				} catch (error) {
					throw new PaletteError((error as Error).message);
				}
			})();
			const command = [...positionals, ...commandWords].join(' ');
			if (command.trim() === '') throw new PaletteError('add needs a command: add [-g group] -- make test');
			if (values.priority !== undefined && !/^-?\d+$/.test(values.priority)) throw new PaletteError('-o takes a whole number');
			return {
				cli,
				request: {
					type: 'Add',
					command,
					cwd: values.cwd ?? context.cwd,
					env: context.env,
					...(values.group ? {group: values.group} : {}),
					...(values.label ? {label: values.label} : {}),
					...(values.priority ? {priority: Number(values.priority)} : {}),
					...(values.after ? {after: parseIds([values.after])} : {}),
					...(values.delay ? {enqueueAt: parseWhen(values.delay)} : {}),
					stashed: values.stashed ?? false,
					immediate: values.immediate ?? false,
				},
			};
		}

		case 'parallel': {
			const {values, positionals} = parse({group: {type: 'string', short: 'g'}});
			const [count] = positionals;
			if (count === undefined || !/^\d+$/.test(count)) throw new PaletteError('parallel takes a whole number >= 0: parallel 4 -g gpu');
			return {cli, request: {type: 'Parallel', parallel: Number(count), ...(values.group ? {group: values.group as string} : {})}};
		}

		case 'pause':
		case 'start': {
			const {values, positionals} = parse({...selectionOptions, wait: {type: 'boolean', short: 'w'}});
			const ids = parseIds(positionals);
			const target = ids.length > 0 ? {ids} : values.all ? {all: true} : {group: (values.group as string | undefined) ?? defaultGroup};
			return {cli, request: {type: verb === 'pause' ? 'Pause' : 'Start', ...target, ...(verb === 'pause' && values.wait ? {wait: true} : {})}};
		}

		case 'kill': {
			const {values, positionals} = parse({...selectionOptions, signal: {type: 'string', short: 's'}});
			return {cli, request: {type: 'Kill', ...selection(positionals, values as {group?: string; all?: boolean}, 'kill'), ...(values.signal ? {signal: (values.signal as string).toUpperCase()} : {})}};
		}

		case 'stash':
		case 'enqueue': {
			const {values, positionals} = parse({...selectionOptions, delay: {type: 'string', short: 'd'}});
			const base = selection(positionals, values as {group?: string; all?: boolean}, verb);
			return {
				cli,
				request: {type: verb === 'stash' ? 'Stash' : 'Enqueue', ...base, ...(verb === 'enqueue' && values.delay ? {at: parseWhen(values.delay as string)} : {})},
			};
		}

		case 'restart': {
			const {values, positionals} = parse({
				'in-place': {type: 'boolean', short: 'i'},
				stashed: {type: 'boolean', short: 's'},
				immediate: {type: 'boolean', short: 'k'},
				'all-failed': {type: 'boolean'},
				group: {type: 'string', short: 'g'},
			});
			const ids = parseIds(positionals);
			if (ids.length === 0 && !values['all-failed']) throw new PaletteError('restart <ids> or restart --all-failed');
			return {
				cli,
				request: {
					type: 'Restart',
					...(ids.length > 0 ? {ids} : {allFailed: true, ...(values.group ? {group: values.group as string} : {})}),
					inPlace: Boolean(values['in-place']),
					stashed: Boolean(values.stashed),
					immediate: Boolean(values.immediate),
				},
			};
		}

		case 'remove':
		case 'rm': {
			const ids = parseIds(parse({}).positionals);
			if (ids.length === 0) throw new PaletteError('remove <ids>');
			return {cli, request: {type: 'Remove', ids}};
		}

		case 'clean': {
			const {values} = parse({'successful-only': {type: 'boolean', short: 's'}, group: {type: 'string', short: 'g'}});
			return {cli, request: {type: 'Clean', successfulOnly: Boolean(values['successful-only']), ...(values.group ? {group: values.group as string} : {})}};
		}

		case 'switch': {
			const [a, b, ...more] = parseIds(parse({}).positionals);
			if (a === undefined || b === undefined || more.length > 0) throw new PaletteError('switch <id> <id>');
			return {cli, request: {type: 'Switch', a, b}};
		}

		case 'send': {
			const [id, ...text] = parse({}).positionals;
			if (id === undefined || text.length === 0) throw new PaletteError('send <id> <input>');
			return {cli, request: {type: 'Send', task: parseId(id), data: `${text.join(' ')}\n`}};
		}

		case 'group': {
			const {values, positionals} = parse({parallel: {type: 'string', short: 'p'}});
			const [action, name] = positionals;
			if (action === 'add' && name) {
				return {cli, request: {type: 'GroupAdd', name, ...(values.parallel ? {parallel: Number(values.parallel)} : {})}};
			}

			if (action === 'remove' && name) return {cli, request: {type: 'GroupRemove', name}};
			throw new PaletteError('group add <name> [-p n] | group remove <name>');
		}

		case 'env': {
			const [action, id, key, ...value] = parse({}).positionals;
			if (action === 'set' && id && key && value.length > 0) return {cli, request: {type: 'EnvSet', task: parseId(id), key, value: value.join(' ')}};
			if (action === 'unset' && id && key) return {cli, request: {type: 'EnvUnset', task: parseId(id), key}};
			throw new PaletteError('env set <id> <KEY> <value> | env unset <id> <KEY>');
		}

		case 'edit': {
			const {values, positionals} = parse({command: {type: 'string'}, cwd: {type: 'string'}, label: {type: 'string'}, priority: {type: 'string'}});
			const [id] = parseIds(positionals);
			if (id === undefined) throw new PaletteError('edit <id> [--command X] [--cwd DIR] [--label L] [--priority N]');
			return {
				cli,
				request: {
					type: 'Edit',
					task: id,
					...(typeof values.command === 'string' ? {command: values.command} : {}),
					...(typeof values.cwd === 'string' ? {cwd: values.cwd} : {}),
					...(typeof values.label === 'string' ? {label: values.label === '' ? null : values.label} : {}),
					...(values.priority === undefined ? {} : {priority: Number(values.priority)}),
				},
			};
		}

		default:
			throw new PaletteError(`unknown command ${JSON.stringify(verb)}: add, parallel, pause, start, kill, stash, enqueue, restart, remove, clean, switch, send, group, env, edit`);
	}
}
