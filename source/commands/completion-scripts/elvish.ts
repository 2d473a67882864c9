// The elvish script: the commands as data (maps of flags, words and
// arguments), and one arg-completer that reads the line the way cli.ts does
// and offers flags with descriptions, flag values, ids (described by their
// commands), groups, words and files. Elvish filters the candidates by what
// is typed, so the completer offers them all.
import {type ArgValue, type CommandSpec, commandList, commonFlagList, daemonFlagList, type FlagSpec, flagNames} from '../completion-specs.js';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const list = (words: readonly string[]) => `[${words.map((word) => quote(word)).join(' ')}]`;

function flagMap(flag: FlagSpec): string {
	const value = flag.value === undefined ? '' : Array.isArray(flag.value) ? 'words' : (flag.value as string);
	const words = Array.isArray(flag.value) ? (flag.value as readonly string[]) : [];
	return `[&names=${list(flagNames(flag))} &help=${quote(flag.summary)} &value=${quote(value)} &words=${list(words)}]`;
}

const flagMaps = (flags: readonly FlagSpec[], indent: string) => flags.map((flag) => `${indent}${flagMap(flag)}\n`).join('');

function commandMap(command: CommandSpec): string {
	// A task's command line (add): files after spool's options.
	const args: readonly (ArgValue | 'file')[] = command.takesCommand ? ['file'] : command.args;
	return `\t&${command.name}=[
		&summary=${quote(command.summary)}
		&words=${list(command.words ?? [])}
		&args=${list(args)}
		&repeats=$${command.repeats || command.takesCommand}
		&takes-command=$${command.takesCommand}
		&flags=[
${flagMaps(command.flags, '\t\t\t')}\t\t]
	]
`;
}

const engine = `# Asks the running daemon (never starts one): the parsed JSON, or nothing.
fn query {|daemon what|
	try {
		e:spool $@daemon $what --json --no-autostart 2>/dev/null | from-json
	} catch {
	}
}

# [id command] for every object with a number "id" and a string "command".
fn tasks-in {|value|
	var kind = (kind-of $value)
	if (eq $kind map) {
		if (and (has-key $value id) (has-key $value command) (eq (kind-of $value[command]) string)) {
			put [(to-string (exact-num $value[id])) $value[command]]
		} else {
			for key [(keys $value)] { tasks-in $value[$key] }
		}
	} elif (eq $kind list) {
		for item $value { tasks-in $item }
	}
}

fn cand {|text help|
	edit:complex-candidate $text &display=$text'  '$help
}

# Offers what a flag's value or an argument is: words, ids, groups, files.
fn offer {|kind words current daemon|
	if (eq $kind words) {
		for word $words { put $word }
	} elif (eq $kind ids) {
		# After a comma (--after 3,5) each id follows what is there.
		var prefix = ''
		if (str:contains $current ',') {
			set prefix = (str:join ',' [(str:split ',' $current)][..-1])','
		}
		for doc [(query $daemon status)] {
			tasks-in $doc | each {|task| cand $prefix$task[0] $task[1] }
		}
	} elif (eq $kind group) {
		for doc [(query $daemon group)] {
			# A list of groups, or an object holding one under "groups".
			var groups = $doc
			if (and (eq (kind-of $doc) map) (has-key $doc groups)) { set groups = $doc[groups] }
			if (eq (kind-of $groups) list) {
				for group $groups {
					if (and (eq (kind-of $group) map) (has-key $group name)) { put $group[name] }
				}
			}
		}
	} elif (has-value [file dir] $kind) {
		edit:complete-filename $current
	}
}

set edit:completion:arg-completer[spool] = {|@words|
	var current = $words[-1]
	var daemon = []
	var command = ''
	var spec = $nil
	var flags = $common-flags
	var pending = $nil
	var position = 0
	var plain = $false
	# The command is the first word that is not a flag or a flag's value (as cli.ts finds it).
	for word $words[1..-1] {
		if (not-eq $pending $nil) {
			if (has-value $daemon-flags $pending[names][-1]) {
				if (str:has-prefix $word '~') { set word = $E:HOME$word[1..] }
				set daemon = [$@daemon $pending[names][-1] $word]
			}
			set pending = $nil
		} elif (and (not $plain) (eq $word '--') (not-eq $command '')) {
			set plain = $true
		} elif (and (not $plain) (str:has-prefix $word '-')) {
			for flag $flags {
				if (and (has-value $flag[names] $word) (not-eq $flag[value] '')) { set pending = $flag }
			}
		} elif (eq $command '') {
			if (not (has-key $commands $word)) { return }
			set command = $word
			set spec = $commands[$word]
			set flags = [(all $spec[flags]) $@common-flags]
		} else {
			set position = (+ $position 1)
			if $spec[takes-command] { set plain = $true }
		}
	}

	if (not-eq $pending $nil) {
		offer $pending[value] $pending[words] $current $daemon
	} elif (and (not $plain) (str:has-prefix $current '-')) {
		for flag $flags {
			for name $flag[names] { cand $name $flag[help] }
		}
	} elif (eq $command '') {
		for name $command-names { cand $name $commands[$name][summary] }
	} else {
		var args = $spec[args]
		if (< $position (count $args)) {
			offer $args[$position] $spec[words] $current $daemon
		} elif (and $spec[repeats] (> (count $args) 0)) {
			offer $args[-1] $spec[words] $current $daemon
		}
	}
}`;

export function elvishScript(): string {
	const aliases = commandList.flatMap((command) => command.aliases.map((alias) => `set commands[${alias}] = $commands[${command.name}]\n`)).join('');
	return `# elvish completion for spool, generated by \`spool completions elvish\`.
# Install: spool completions elvish ~/.config/elvish/lib   (then, in rc.elv: use spool)

use str

# Each flag: its names, help, what its value is ('' when it takes none) and its fixed words.
var common-flags = [
${flagMaps(commonFlagList, '\t')}]

# The common options that say which daemon to ask; passed on when asking it for ids and groups.
var daemon-flags = ${list(daemonFlagList.map((flag) => `--${flag.long}`))}

var command-names = ${list(commandList.map((command) => command.name))}

var commands = [
${commandList.map((command) => commandMap(command)).join('')}]
${aliases}
${engine}
`;
}
