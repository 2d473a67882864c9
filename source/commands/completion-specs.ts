// The commands and flags as the completion scripts see them, read from the
// definitions (source/definitions/): what a flag's value and each argument
// complete to, and the flags in the form the user types them (--no-autostart,
// not autostart).
import {allCommands} from '../definitions/all-commands.js';
import {signalNames} from '../definitions/control-commands.js';
import {commonFlags} from '../definitions/shared-flags.js';
import type {ArgDef, CommandDef, FlagDef} from '../definitions/types.js';

/** What a flag's value completes to: files, directories, the daemon's groups, task ids, or fixed words. */
export type FlagValue = 'file' | 'dir' | 'group' | 'ids' | 'text' | readonly string[];

/** What an argument completes to: the command's fixed words, task ids, group names, directories, or nothing. */
export type ArgValue = 'words' | 'ids' | 'group' | 'dir' | 'none';

export type FlagSpec = {
	long: string;
	short?: string;
	/** Present when the flag takes a value. */
	value?: FlagValue;
	summary: string;
};

export type CommandSpec = {
	name: string;
	aliases: readonly string[];
	summary: string;
	flags: readonly FlagSpec[];
	/** Fixed words the first argument may be (sub-actions, shells, query words). */
	words?: readonly string[];
	/** What each argument completes to, by position; the last one repeats when `repeats`. */
	args: readonly ArgValue[];
	repeats: boolean;
	takesCommand: boolean;
};

function completesTo(flag: FlagDef): FlagValue | undefined {
	const kind = flag.value?.kind;
	if (kind === undefined) return undefined;
	if (kind === 'file' || kind === 'dir' || kind === 'group' || kind === 'ids') return kind;
	if (kind === 'signal') return signalNames;
	return typeof kind === 'string' ? 'text' : kind;
}

function flagSpec(flag: FlagDef): FlagSpec {
	const value = completesTo(flag);
	const help = typeof flag.help === 'string' ? flag.help : flag.help[0]!;
	return {long: `${flag.negated ? 'no-' : ''}${flag.long}`, ...(flag.short ? {short: flag.short} : {}), ...(value ? {value} : {}), summary: help};
}

function argValue(arg: ArgDef, hasWords: boolean): ArgValue {
	if (arg.kind === 'ids' || arg.kind === 'id') return 'ids';
	if (arg.kind === 'group' || arg.kind === 'dir') return arg.kind;
	if (arg.kind === 'query' || arg.kind === 'shell' || arg.kind === 'text') return hasWords ? 'words' : 'none';
	// A task's command line ('command') is the shell's own business (takesCommand).
	return 'none';
}

function commandSpec(command: CommandDef): CommandSpec {
	const args = command.takesCommand ? [] : (command.args ?? []);
	const last = args.at(-1)?.kind;
	// A command with fixed words and no arguments listed (group add|remove) takes one of them first.
	if (args.length === 0 && command.words) return {...spec(command), args: ['words'], repeats: false};
	// <ids> and a query take any number of words; <id>, <shell> and [DIR] one each.
	return {...spec(command), args: args.map((arg, index) => argValue(arg, index === 0 && command.words !== undefined)), repeats: last === 'ids' || last === 'query'};
}

function spec(command: CommandDef): Omit<CommandSpec, 'args' | 'repeats'> {
	return {
		name: command.name,
		aliases: command.aliases ?? [],
		summary: command.summary,
		flags: command.flags.filter((flag) => !flag.cliOnly).map((flag) => flagSpec(flag)),
		...(command.words ? {words: command.words} : {}),
		takesCommand: command.takesCommand ?? false,
	};
}

export const commandList: readonly CommandSpec[] = allCommands.map((command) => commandSpec(command));

export const commonFlagList: readonly FlagSpec[] = commonFlags.map((flag) => flagSpec(flag));

/** -s and --long, as typed. */
export const flagNames = (flag: FlagSpec): string[] => [...(flag.short ? [`-${flag.short}`] : []), `--${flag.long}`];

/**
 * The common flags that say which daemon to ask (--home, --connect, --cert, …): the scripts pass
 * them on when they ask the daemon for ids and groups, so `spool --home X kill <Tab>` asks X's.
 */
export const daemonFlagList: readonly FlagSpec[] = commonFlagList.filter((flag) => flag.value !== undefined && !Array.isArray(flag.value));

/** The command's name and aliases. */
export const namesOf = (command: CommandSpec): string[] => [command.name, ...command.aliases];
