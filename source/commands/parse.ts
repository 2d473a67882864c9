// Parses a command's words from its one definition: the scanner finds spool's
// options (refusing unknown ones), where a task's command starts, and --help;
// meow then reads the options with flags built from the same definition.
// Also resolves where the home is and what the config says.
import meow, {type AnyFlag, type AnyFlags} from 'meow';
import {type Config, type Paths, ConfigError, loadConfig, resolveHome, resolvePaths} from '../config.js';
import {commandHelp} from '../definitions/help-text.js';
import {ArgError, camelCase, scanArgs} from '../definitions/scan-args.js';
import {commonFlags} from '../definitions/shared-flags.js';
import type {CommandDef, FlagDef} from '../definitions/types.js';
import {CommandError, exitCodes, usageError} from './exit-codes.js';
import {fileInTheWayProblem} from '../shared/home-dirs.js';

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
type ValueOf<F> = F extends {value: {kind: 'integer' | 'number'}} ? number : F extends {value: object} ? string : boolean;
type Given<F> = F extends {multiple: true} ? string[] : ValueOf<F>;
type Absent<F> = F extends {default: unknown} | {multiple: true} ? never : F extends {value: object} ? undefined : never;
/** A definition's flags as the command reads them: `--print-task-id` is `printTaskId: boolean`. */
export type FlagsOf<Flags extends readonly FlagDef[]> = {[F in Flags[number] as Camel<F['long']>]: Given<F> | Absent<F>};

/** The common flags' values, so helpers can take any command's flags. */
export type CommonFlagValues = FlagsOf<typeof commonFlags>;

export type Parsed<C extends CommandDef = CommandDef> = {
	input: string[];
	/** The task's command words (commands that take one), verbatim. */
	command: string[];
	flags: FlagsOf<C['flags']> & CommonFlagValues;
	paths: Paths;
	config: Config;
};

/** Help was asked for: printed, and the command does nothing else. */
export class HelpShown extends CommandError {
	constructor() {
		super('', exitCodes.ok);
	}
}

function meowFlag(flag: FlagDef): AnyFlag {
	const kind = flag.value?.kind;
	const type = kind === 'integer' || kind === 'number' ? 'number' : flag.value ? 'string' : 'boolean';
	return {
		type,
		...(flag.short ? {shortFlag: flag.short} : {}),
		...(flag.multiple ? {isMultiple: true, default: []} : {}),
		...(flag.default === undefined ? (type === 'boolean' ? {default: false} : {}) : {default: flag.default}),
	} as AnyFlag;
}

export function parseCommand<C extends CommandDef>(argv: string[], definition: C): Parsed<C> {
	const flags = [...definition.flags, ...commonFlags];
	let scanned;
	try {
		scanned = scanArgs(argv, definition, flags, {name: definition.name, helpHint: `spool ${definition.name} --help`});
	} catch (error) {
		if (error instanceof ArgError) throw usageError(error.message);
		throw error;
	}

	if (scanned.help) {
		process.stdout.write(commandHelp(definition));
		throw new HelpShown();
	}

	// A word a command does not take is refused, never ignored: `reset build` reset every group.
	if (!definition.takesCommand && !definition.args?.length && !definition.words && scanned.positionals.length > 0) {
		const [word] = scanned.positionals;
		const group = definition.flags.some((flag) => flag.long === 'group') ? ` (for a group: -g ${word})` : '';
		throw usageError(`${definition.name} takes no arguments, not ${JSON.stringify(scanned.positionals.join(' '))}${group}; see 'spool ${definition.name} --help'`);
	}

	const meowFlags: AnyFlags = Object.fromEntries(flags.filter((flag) => flag.long !== 'help').map((flag) => [camelCase(flag.long), meowFlag(flag)]));
	const cli = meow({
		importMeta: import.meta,
		// Only the options, in one form the scanner checked; the arguments and the task's command are the scanner's.
		argv: scanned.canonical,
		flags: meowFlags,
		allowUnknownFlags: false,
		autoHelp: false,
		autoVersion: false,
	});

	if (definition.noJson && cli.flags.json) throw usageError(`--json: ${definition.noJson}`);
	const paths = resolvePaths(resolveHome(cli.flags.home as string | undefined));
	// A home that is a file: said once here, not as a config file that cannot be read.
	const blocked = fileInTheWayProblem(paths.configDir, paths.home);
	if (blocked) throw usageError(blocked);
	let config: Config;
	try {
		config = loadConfig(paths.configFile);
	} catch (error) {
		if (error instanceof ConfigError) throw usageError(error.message);
		throw error;
	}

	return {input: scanned.positionals, command: scanned.command, flags: cli.flags as Parsed<C>['flags'], paths, config};
}
