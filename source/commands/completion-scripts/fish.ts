// The fish script: `complete` lines per command (aliases included) and
// helper functions that find the command and the argument's position on the
// line, so ids, groups, fixed words and directories come where they belong.
import {type ArgValue, type CommandSpec, commandList, commonFlagList, daemonFlagList, type FlagSpec, type FlagValue, flagNames, namesOf} from '../completion-specs.js';
import {groupsSed, tasksAwk} from './daemon-queries.js';

const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", String.raw`\'`)}'`;

function valueOption(value: FlagValue | undefined): string {
	if (value === undefined) return '';
	if (value === 'dir') return ` -x -a '(__fish_complete_directories)'`;
	if (value === 'file') return ' -r -F';
	if (value === 'group') return ` -x -a '(__spool_groups)'`;
	// --after 3,5: one id after each comma.
	if (value === 'ids') return ` -x -a '(__fish_complete_list , __spool_tasks)'`;
	if (value === 'text') return ' -x';
	return ` -x -a ${quote(value.join(' '))}`;
}

function flagLine(flag: FlagSpec, condition: string): string {
	const short = flag.short ? ` -s ${flag.short}` : '';
	return `complete -c spool${condition}${short} -l ${flag.long}${valueOption(flag.value)} -d ${quote(flag.summary)}`;
}

function argOption(arg: ArgValue | 'command' | 'file', command: CommandSpec): string | undefined {
	if (arg === 'words') return `-a ${quote((command.words ?? []).join(' '))}`;
	if (arg === 'ids') return `-a '(__spool_tasks)'`;
	if (arg === 'group') return `-a '(__spool_groups)'`;
	if (arg === 'dir') return `-a '(__fish_complete_directories)'`;
	if (arg === 'command') return `-a '(__fish_complete_command)'`;
	if (arg === 'file') return '-F';
	return undefined;
}

/** The lines for a command's arguments: `__spool_arg 2 NAMES` for the second, `2+` for it and any after. */
function argLines(command: CommandSpec): string[] {
	const names = namesOf(command).join(' ');
	const args = command.takesCommand ? (['command', 'file'] as const) : command.args;
	const repeats = command.repeats || command.takesCommand;
	return args.flatMap((arg, index) => {
		const option = argOption(arg, command);
		const position = `${index + 1}${repeats && index === args.length - 1 ? '+' : ''}`;
		return option ? [`complete -c spool -n '__spool_arg ${position} ${names}' ${option}`] : [];
	});
}

const valueFlags = (flags: readonly FlagSpec[]) => flags.filter((flag) => flag.value !== undefined).flatMap((flag) => flagNames(flag));

/** `__spool_value_flags [COMMAND]`: the flags whose next word is their value, one a line. */
function valueFlagsFunction(): string[] {
	const cases = commandList
		.filter((command) => valueFlags(command.flags).length > 0)
		.flatMap((command) => [`\t\tcase ${namesOf(command).join(' ')}`, `\t\t\tprintf '%s\\n' ${valueFlags(command.flags).join(' ')}`]);
	return ['function __spool_value_flags --argument-names command', `\tprintf '%s\\n' ${valueFlags(commonFlagList).join(' ')}`, '\tswitch "$command"', ...cases, '\tend', 'end'];
}

const helpers = (daemonFlags: string) => `# Asks the running daemon (never starts one), with the options that chose it on this line.
function __spool_query
	set -l words (commandline -opc)
	set -l daemon
	set -l i 2
	while test $i -lt (count $words); and test "$words[$i]" != --
		if contains -- $words[$i] ${daemonFlags}
			set -a daemon $words[$i] (string replace -r '^~' $HOME -- $words[(math $i + 1)])
			set i (math $i + 1)
		end
		set i (math $i + 1)
	end
	spool $daemon $argv --json --no-autostart 2>/dev/null
end

function __spool_groups
	__spool_query group | sed -n ${quote(groupsSed)}
end

# Task ids, each with its command as the description.
function __spool_tasks
	__spool_query status | awk ${quote(tasksAwk)}
end

# Prints the command and how many of its arguments come before the cursor
# (words that are neither flags nor their values; after -- or the start of
# add's task command, every word counts).
function __spool_position
	set -l words (commandline -opc)
	set -l command
	set -l values (__spool_value_flags)
	set -l count 0
	set -l skip 0
	set -l plain 0
	for word in $words[2..-1]
		if test $skip = 1
			set skip 0
		else if test $plain = 0; and test -n "$command"; and test "$word" = --
			set plain 1
		else if test $plain = 0; and contains -- $word $values
			set skip 1
		else if test $plain = 0; and string match -q -- '-*' $word
		else if test -z "$command"
			set command $word
			set values (__spool_value_flags $command)
		else
			set count (math $count + 1)
			test "$command" = add; and set plain 1
		end
	end
	test -n "$command"; or return 1
	echo $command $count
end

# True when the command is one of NAMES.
function __spool_using
	set -l found (string split ' ' -- (__spool_position)); or return 1
	contains -- $found[1] $argv
end

# __spool_arg N NAMES: the cursor is on argument N (from 1) of one of the NAMES; N+ means N or later.
function __spool_arg --argument-names position
	set -l found (string split ' ' -- (__spool_position)); or return 1
	contains -- $found[1] $argv[2..-1]; or return 1
	set -l at (math $found[2] + 1)
	set -l want (string trim -r -c + -- $position)
	test $at -eq $want; or begin; string match -q -- '*+' $position; and test $at -gt $want; end
end`;

export function fishScript(): string {
	const names = commandList.map((command) => command.name).join(' ');
	const lines = [
		'# fish completion for spool, generated by `spool completions fish`.',
		'# Install: spool completions fish ~/.config/fish/completions',
		'',
		helpers(daemonFlagList.map((flag) => `--${flag.long}`).join(' ')),
		'',
		...valueFlagsFunction(),
		'',
		'complete -c spool -f',
		...commonFlagList.map((flag) => flagLine(flag, '')),
		'',
		`# Commands, while there is none yet: ${names}`,
		...commandList.map((command) => `complete -c spool -n 'not __spool_position' -a ${command.name} -d ${quote(command.summary)}`),
	];
	for (const command of commandList) {
		const condition = ` -n '__spool_using ${namesOf(command).join(' ')}'`;
		lines.push('', ...command.flags.map((flag) => flagLine(flag, condition)), ...argLines(command));
	}

	return `${lines.join('\n')}\n`;
}
