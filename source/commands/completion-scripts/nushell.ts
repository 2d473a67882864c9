// The nushell script: one `extern` per command and alias ("spool kill",
// "spool rm"), with its flags (short forms, descriptions, typed values) and
// its arguments, completed by small completer commands: fixed words, and ids
// (described by their commands) and groups from the running daemon. Nushell
// finds "spool kill" only when the command comes right after `spool`, so
// common options typed before it are not read there.
import {type ArgValue, type CommandSpec, commandList, commonFlagList, daemonFlagList, type FlagSpec, type FlagValue} from '../completion-specs.js';

const quote = (text: string) => `'${text}'`;
/** Nushell strings in double quotes: the completer names. */
const doubleQuote = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', String.raw`\"`)}"`;
const oneLine = (text: string) => text.replaceAll(/\s+/g, ' ');

/** One completer command per distinct list of fixed words. */
class WordLists {
	readonly byWords = new Map<string, string>();

	name(words: readonly string[]): string {
		const key = words.join(' ');
		let name = this.byWords.get(key);
		if (name === undefined) {
			name = `nu-complete spool words ${this.byWords.size + 1}`;
			this.byWords.set(key, name);
		}

		return name;
	}

	definitions(): string {
		return [...this.byWords]
			.map(
				([key, name]) =>
					`\tdef ${doubleQuote(name)} [] {\n\t\t[${key
						.split(' ')
						.map((word) => (/^[\w=%-]+$/.test(word) ? quote(word) : doubleQuote(word)))
						.join(' ')}]\n\t}\n`,
			)
			.join('\n');
	}
}

function valueType(value: FlagValue | ArgValue, words: readonly string[], lists: WordLists): string {
	if (value === 'file') return 'path';
	if (value === 'dir') return 'directory';
	if (value === 'group') return 'string@"nu-complete spool groups"';
	if (value === 'ids') return 'string@"nu-complete spool tasks"';
	if (value === 'words') return `string@${doubleQuote(lists.name(words))}`;
	if (Array.isArray(value)) return `string@${doubleQuote(lists.name(value))}`;
	return 'string';
}

function flagLine(flag: FlagSpec, lists: WordLists): string {
	const short = flag.short ? `(-${flag.short})` : '';
	const type = flag.value === undefined ? '' : `: ${valueType(flag.value, [], lists)}`;
	return `\t\t--${flag.long}${short}${type}\t# ${oneLine(flag.summary)}`;
}

const argName: Record<ArgValue, string> = {words: 'word', ids: 'id', group: 'group_name', dir: 'dir', none: 'arg'};

function argLines(command: CommandSpec, lists: WordLists): string[] {
	if (command.takesCommand) return ['\t\t...command: string\t# The command to queue'];
	const used = new Set<string>();
	return command.args.map((arg, index) => {
		let name = argName[arg];
		if (used.has(name)) name = `${name}${index + 1}`;
		used.add(name);
		const rest = command.repeats && index === command.args.length - 1;
		return `\t\t${rest ? `...${name}s` : `${name}?`}: ${valueType(arg, command.words ?? [], lists)}`;
	});
}

function extern(name: string, summary: string, lines: readonly string[]): string {
	return `\t# ${oneLine(summary)}\n\texport extern ${doubleQuote(name)} [\n${lines.join('\n')}\n\t]\n`;
}

const helpers = (daemonFlags: string) => String.raw`	# Asks the running daemon (never starts one), with the options that chose it
	# on this line (after the command): the parsed JSON, or nothing.
	def "nu-complete spool query" [context: string, what: string] {
		let words = ($context | split row -r '\s+' | take while {|word| $word != '--' })
		let daemon = ($words | window 2 | where {|pair| $pair.0 in [${daemonFlags}] } | each {|pair| [$pair.0 ($pair.1 | str replace -r '^~' $env.HOME)] } | flatten)
		try {
			let out = (do { ^spool ...$daemon $what --json --no-autostart } | complete)
			if $out.exit_code == 0 { $out.stdout | from json } else { null }
		} catch {
			null
		}
	}

	# Every object with an "id" and a string "command", wherever it sits.
	def "nu-complete spool tasks in" [value: any] {
		let kind = ($value | describe)
		if ($kind | str starts-with 'record') {
			let keys = ($value | columns)
			if ('id' in $keys) and ('command' in $keys) and (($value.command | describe) == 'string') {
				[{value: ($value.id | into string), description: $value.command}]
			} else {
				$value | values | each {|item| nu-complete spool tasks in $item } | reduce -f [] {|items, all| $all | append $items }
			}
		} else if ($kind | str starts-with 'list') or ($kind | str starts-with 'table') {
			$value | each {|item| nu-complete spool tasks in $item } | reduce -f [] {|items, all| $all | append $items }
		} else {
			[]
		}
	}

	# Task ids, each described by its command.
	def "nu-complete spool tasks" [context: string] {
		nu-complete spool tasks in (nu-complete spool query $context status)
	}

	def "nu-complete spool groups" [context: string] {
		let doc = (nu-complete spool query $context group)
		# A list of groups, or a record holding one under "groups".
		let groups = if (($doc | describe) | str starts-with 'record') and ('groups' in ($doc | columns)) { $doc.groups } else { $doc }
		if ($groups | describe | str starts-with 'list') or ($groups | describe | str starts-with 'table') {
			$groups | each {|group| if (($group | describe) | str starts-with 'record') and ('name' in ($group | columns)) { $group.name } } | compact
		} else {
			[]
		}
	}
`;

export function nushellScript(): string {
	const lists = new WordLists();
	const common = commonFlagList.map((flag) => flagLine(flag, lists));
	const externs = [extern('spool', 'A task queue for the terminal', common)];
	for (const command of commandList) {
		const lines = [...command.flags.map((flag) => flagLine(flag, lists)), ...argLines(command, lists), ...common];
		for (const name of [command.name, ...command.aliases]) externs.push(extern(`spool ${name}`, command.summary, lines));
	}

	return `# nushell completion for spool, generated by \`spool completions nushell\`.
# Install: spool completions nushell ~/.config/nushell/completions
#          then, in config.nu: source ~/.config/nushell/completions/spool.nu

module spool-completions {
${helpers(daemonFlagList.map((flag) => `'--${flag.long}'`).join(' '))}
${lists.definitions()}
${externs.join('\n')}}

export use spool-completions *
`;
}
