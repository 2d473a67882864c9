// A spool command line written from a command's definition: the UI shows
// one after each action ("the same in a shell") and it must do the same
// thing when pasted into a POSIX shell. Options use the definition's names
// (short forms where there are), every word is quoted for the shell, and
// the result reads back through scanArgs as the values it was written from.
import {commonFlags} from './shared-flags.js';
import type {CommandDef, FlagDef} from './types.js';

/** POSIX shell quoting: plain words as they are, anything else in single quotes. */
export function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

type FlagValue = string | number | boolean | readonly (string | number)[] | undefined;

export type LineParts = {
	/** Arguments, in order. */
	args?: readonly (string | number)[];
	/**
	 * Options by their long name as the definition writes it ('in-place'):
	 * true for a switch, false for a negated one (--no-newline), a value for
	 * the others, a list for one that may be given several times (-a 3 -a 5).
	 * Absent, undefined, an empty list or a plain switch's false: not given.
	 */
	flags?: Readonly<Record<string, FlagValue>>;
	/** For a command that takes one (add): the task's command, exactly as it is to be stored. */
	command?: string;
};

const isNumberWord = (word: string) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(word);
/** A word the CLI's scanner would take for an option. */
const looksLikeOption = (word: string) => word.startsWith('-') && word !== '-' && !isNumberWord(word);

function flagWords(flag: FlagDef, value: FlagValue): string[] {
	if (value === undefined) return [];
	if (Array.isArray(value)) return value.flatMap((one: string | number) => flagWords(flag, one));
	if (!flag.value) {
		if (flag.negated) return value === false ? [`--no-${flag.long}`] : [];
		return value === true ? [flag.short ? `-${flag.short}` : `--${flag.long}`] : [];
	}

	const text = String(value as string | number);
	// `--label -x` reads as a missing value followed by an option; `--label=-x` cannot.
	if (looksLikeOption(text)) return [`--${flag.long}=${shellQuote(text)}`];
	return [flag.short ? `-${flag.short}` : `--${flag.long}`, shellQuote(text)];
}

function optionWords(flags: readonly FlagDef[], values: Readonly<Record<string, FlagValue>>, what: string): string[] {
	const byLong = new Map(flags.map((flag) => [flag.long, flag]));
	for (const long of Object.keys(values)) {
		if (!byLong.has(long)) throw new Error(`${what} has no option --${long}`);
	}

	return flags.flatMap((flag) => flagWords(flag, values[flag.long]));
}

/**
 * The task's command as shell words that the CLI joins back into exactly
 * it: plain words with single spaces stay as they are (`-- make test`),
 * anything else is one quoted word.
 */
function commandWords(command: string): string[] {
	const words = command.split(' ');
	return words.every((word) => word !== '' && shellQuote(word) === word) ? words : [shellQuote(command)];
}

/**
 * `spool [connection options] NAME ...`. Arguments come before the options
 * (`spool parallel 4 -g gpu`), unless one of them starts with a dash: then
 * they follow the options after `--`. A task's command always follows `--`.
 * `common`: the options that chose the daemon (--home DIR), by long name.
 */
export function commandLine(definition: CommandDef, parts: LineParts, common: Readonly<Record<string, FlagValue>> = {}): string {
	const words = ['spool', ...optionWords(commonFlags, common, 'spool'), definition.name];
	const options = optionWords(definition.flags, parts.flags ?? {}, `spool ${definition.name}`);
	const args = (parts.args ?? []).map(String);
	if (definition.takesCommand && parts.command !== undefined) {
		words.push(...options, '--', ...commandWords(parts.command));
	} else if (args.some((arg) => looksLikeOption(arg) || arg === '--')) {
		words.push(...options, '--', ...args.map((arg) => shellQuote(arg)));
	} else {
		words.push(...args.map((arg) => shellQuote(arg)), ...options);
	}

	return words.join(' ');
}
