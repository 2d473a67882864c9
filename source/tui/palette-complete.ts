// Tab in the `:` palette: completes the word before the cursor from the same definitions the palette reads — command names,
// a command's options, the values an option takes (groups, task ids,
// signals, fixed choices), its sub-commands and query words, and task ids
// where ids go. One match is put in whole; several are put in as far as
// they agree, and listed. A pure function of the line, the cursor and what
// there is. As in a shell, the cursor may be at the end of the line or before
// a space (the text after it stays); inside a word Tab does nothing.
import {findCommand} from '../definitions/all-commands.js';
import {signalNames} from '../definitions/control-commands.js';
import type {ArgDef, CommandDef, FlagDef, ValueKind} from '../definitions/types.js';
import {queryStatuses} from '../shared/status-query.js';
import {paletteCommands, uiCommands} from './palette-scan.js';
import {quoteWord, scanWords} from './shell-words.js';

export type CompletionContext = {groups: readonly string[]; ids: readonly number[]};

/** The line after Tab, and the choices to show when there were several (empty when there was one or none). */
export type Completion = {text: string; choices: readonly string[]};

/** What the first argument of a command with fixed words completes to after each of them (`env show` takes an id). */
type Candidates = readonly string[];

const valueCandidates = (kind: ValueKind, context: CompletionContext): Candidates => {
	if (kind === 'group') return context.groups;
	if (kind === 'ids') return context.ids.map(String);
	if (kind === 'signal') return signalNames;
	return Array.isArray(kind) ? kind : [];
};

const argCandidates = (arg: ArgDef | undefined, context: CompletionContext): Candidates => {
	if (arg?.kind === 'ids' || arg?.kind === 'id') return context.ids.map(String);
	if (arg?.kind === 'group') return context.groups;
	return [];
};

/** `status=`, `group=gpu`: a status query word, and the values after its operator. */
function queryCandidates(word: string, context: CompletionContext, words: readonly string[]): Candidates {
	const pair = /^(\w+)(%=|!=|=|<|>)/.exec(word);
	if (!pair) return [...words, ...context.ids.map(String)];
	const [head, key] = pair;
	if (key === 'status') {
		// status=failed,run…: the last name of the list.
		const listed = word.slice(head.length).split(',').slice(0, -1);
		return queryStatuses.map((status) => `${head}${[...listed, status].join(',')}`);
	}

	if (key === 'group') return context.groups.map((group) => `${head}${group}`);
	return [];
}

/** The words after the command that are arguments, not options or their values; and the option whose value is being typed. */
function readLine(definition: CommandDef, words: readonly string[]): {args: string[]; valueFor: FlagDef | undefined; inCommand: boolean} {
	const byLong = new Map(definition.flags.map((flag) => [flag.long, flag]));
	const byShort = new Map(definition.flags.filter((flag) => flag.short).map((flag) => [flag.short!, flag]));
	const args: string[] = [];
	let valueFor: FlagDef | undefined;
	let afterDashes = false;
	for (const word of words) {
		if (valueFor) {
			valueFor = undefined;
			continue;
		}

		if (afterDashes || word === '--') {
			if (afterDashes) args.push(word);
			afterDashes = true;
			continue;
		}

		if (word.startsWith('--')) {
			const option = byLong.get(word.slice(2));
			if (option?.value && !word.includes('=')) valueFor = option;
			continue;
		}

		if (word.startsWith('-') && word.length > 1 && !/^-\d/.test(word)) {
			// A cluster takes a value with its last letter, unless the value is attached (-ggpu).
			const option = byShort.get(word.at(-1)!);
			const attached = [...word.slice(1)].findIndex((letter) => byShort.get(letter)?.value) < word.length - 2;
			if (option?.value && !attached) valueFor = option;
			continue;
		}

		args.push(word);
	}

	return {args, valueFor, inCommand: Boolean(definition.takesCommand) && (args.length > 0 || afterDashes)};
}

function candidatesFor(definition: CommandDef, before: readonly string[], current: string, context: CompletionContext): Candidates {
	const {args, valueFor, inCommand} = readLine(definition, before);
	if (valueFor) return valueFor.value ? valueCandidates(valueFor.value.kind, context) : [];
	// What follows a task's command is the task's own: nothing of spool's to complete.
	if (inCommand) return [];
	if (current.startsWith('-')) return definition.flags.filter((flag) => !flag.cliOnly).map((flag) => `--${flag.negated ? 'no-' : ''}${flag.long}`);
	const position = args.length;
	if (definition.name === 'status') return queryCandidates(current, context, definition.words ?? []);
	if (definition.name === 'help') return position === 0 ? commandNames() : [];
	if (definition.name === 'group') return position === 0 ? ['add', 'remove'] : position === 1 && args[0] === 'remove' ? context.groups : [];
	const listed = definition.args ?? [];
	if (definition.words) {
		if (position === 0) return definition.words;
		return argCandidates(listed[position], context);
	}

	// <ids> takes any number of ids; other arguments one each.
	const arg = listed[Math.min(position, listed.length - 1)];
	return arg?.kind === 'ids' || position < listed.length ? argCandidates(arg, context) : [];
}

/** The palette's commands: the CLI's it takes and its own (details). */
const commandNames = (): Candidates => [...paletteCommands.map((command) => command.name), ...uiCommands.map((command) => command.name)];

/** Ids by number, the rest by character. */
const byName = (a: string, b: string) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0);

function commonPrefix(words: readonly string[]): string {
	let prefix = words[0] ?? '';
	for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
	return prefix;
}

/** Completes the last word of `line` (the cursor is at its end). */
export function completePalette(line: string, context: CompletionContext): Completion {
	const {words, open} = scanWords(line);
	const ended = line === '' || (/\s$/.test(line) && !open);
	const current = ended ? '' : (words.at(-1)?.text ?? '');
	const start = ended ? line.length : (words.at(-1)?.start ?? line.length);
	const before = (ended ? words : words.slice(0, -1)).map((word) => word.text);
	let candidates: Candidates;
	if (before.length === 0 || (before.length === 1 && before[0] === ':')) {
		candidates = commandNames();
	} else if (uiCommands.some((command) => command.name === before[0]!.replace(/^:/, ''))) {
		// details [id]: one task id.
		candidates = before.length === 1 ? context.ids.map(String) : [];
	} else {
		const definition = findCommand(before[0]!.replace(/^:/, ''));
		candidates = definition?.palette ? candidatesFor(definition, before.slice(1), current, context) : [];
	}

	const matches = [...new Set(candidates.filter((candidate) => candidate.startsWith(current)))].sort(byName);
	if (matches.length === 0) return {text: line, choices: []};
	const head = line.slice(0, start);
	if (matches.length === 1) {
		const [match] = matches as [string];
		// `status=` waits for its value: no space after it.
		return {text: `${head}${quoteWord(match)}${/[=,]$/.test(match) ? '' : ' '}`, choices: []};
	}

	const prefix = commonPrefix(matches);
	return {text: prefix.length > current.length ? `${head}${quoteWord(prefix)}` : line, choices: matches};
}

/** The line after Tab with the cursor at `cursor`, and where the cursor goes (after the completed word). */
export function completePaletteAt(line: string, cursor: number, context: CompletionContext): Completion & {cursor: number} {
	if (cursor >= line.length) {
		const completion = completePalette(line, context);
		return {...completion, cursor: completion.text.length};
	}

	const before = line.slice(0, cursor);
	const after = line.slice(cursor);
	// Inside a word (or a quoted one): what it would become is not clear, so nothing.
	if (!/^\s/.test(after) || scanWords(before).open) return {text: line, cursor, choices: []};
	const {text, choices} = completePalette(before, context);
	// The space after a whole word is there already.
	const head = text.endsWith(' ') && text !== before ? text.slice(0, -1) : text;
	return {text: `${head}${after}`, cursor: head === text ? head.length : head.length + 1, choices};
}
