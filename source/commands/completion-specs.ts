// The commands and flags as the completion scripts see them, read from the
// definitions (source/definitions/): what a flag's value completes to, and
// the flags in the form the user types them (--no-autostart, not autostart).
import {allCommands} from '../definitions/all-commands.js';
import {signalNames} from '../definitions/control-commands.js';
import {commonFlags} from '../definitions/shared-flags.js';
import type {ArgDef, CommandDef, FlagDef} from '../definitions/types.js';

/** What a flag's value completes to: files, directories, the daemon's groups, task ids, or fixed words. */
export type FlagValue = 'file' | 'dir' | 'group' | 'ids' | 'text' | readonly string[];

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
	/** What the arguments complete to: task ids, group names, or a command line. */
	args?: ArgDef['kind'];
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

function commandSpec(command: CommandDef): CommandSpec {
	const arg = command.args?.[0]?.kind;
	return {
		name: command.name,
		aliases: command.aliases ?? [],
		summary: command.summary,
		flags: command.flags.filter((flag) => !flag.cliOnly).map((flag) => flagSpec(flag)),
		...(command.words ? {words: command.words} : {}),
		...(arg ? {args: arg} : {}),
		takesCommand: command.takesCommand ?? false,
	};
}

export const commandList: readonly CommandSpec[] = allCommands.map((command) => commandSpec(command));

export const commonFlagList: readonly FlagSpec[] = commonFlags.map((flag) => flagSpec(flag));
