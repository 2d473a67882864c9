// The PowerShell script: one native argument completer holding the commands
// as data (hashtables of flags, words and arguments) and reading the line the
// way cli.ts does. Everything lives inside the completer's script block, so
// the script works appended to $PROFILE or dot-sourced from a file; it uses no
// `using namespace`, which would have to come first in a profile. Files and
// directories are left to PowerShell's own path completion (offered when the
// completer returns nothing).
import {type ArgValue, type CommandSpec, commandList, commonFlagList, daemonFlagList, type FlagSpec, flagNames} from '../completion-specs.js';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const list = (words: readonly string[]) => `@(${words.map((word) => quote(word)).join(', ')})`;

function flagTable(flag: FlagSpec): string {
	const value = flag.value === undefined ? '' : Array.isArray(flag.value) ? 'words' : (flag.value as string);
	const words = Array.isArray(flag.value) ? (flag.value as readonly string[]) : [];
	return `@{ Names = ${list(flagNames(flag))}; Help = ${quote(flag.summary)}; Value = ${quote(value)}; Words = ${list(words)} }`;
}

const flagTables = (flags: readonly FlagSpec[], indent: string) => flags.map((flag) => `${indent}${flagTable(flag)}\n`).join('');

function commandTable(command: CommandSpec): string {
	const args: readonly (ArgValue | 'file')[] = command.takesCommand ? ['file'] : command.args;
	const bool = (value: boolean) => (value ? '$true' : '$false');
	return `\t\t${quote(command.name)} = @{
			Summary = ${quote(command.summary)}
			Words = ${list(command.words ?? [])}
			Args = ${list(args)}
			Repeats = ${bool(command.repeats || command.takesCommand)}
			TakesCommand = ${bool(command.takesCommand)}
			Flags = @(
${flagTables(command.flags, '\t\t\t\t')}\t\t\t)
		}
`;
}

const engine = String.raw`	# The words before the one being completed, without 'spool', unquoted.
	$typed = @($commandAst.CommandElements |
		Where-Object { $_.Extent.EndOffset -lt $cursorPosition } |
		Select-Object -Skip 1 |
		ForEach-Object { $_.Extent.Text -replace '^([''"])(.*)\1$', '$2' })

	$daemon = @()
	$command = ''
	$spec = $null
	$flags = $common
	$pending = $null
	$position = 0
	$plain = $false
	# The command is the first word that is not a flag or a flag's value (as cli.ts finds it).
	foreach ($word in $typed) {
		if ($null -ne $pending) {
			if ($daemonFlags -contains $pending.Names[-1]) { $daemon += @($pending.Names[-1], ($word -replace '^~', $HOME)) }
			$pending = $null
		} elseif (-not $plain -and $word -eq '--' -and $command -ne '') {
			$plain = $true
		} elseif (-not $plain -and $word.StartsWith('-')) {
			$pending = $flags | Where-Object { $_.Names -contains $word -and $_.Value -ne '' } | Select-Object -First 1
		} elseif ($command -eq '') {
			if (-not $commands.Contains($word)) { return }
			$command = $word
			$spec = $commands[$word]
			$flags = @($spec.Flags) + @($common)
		} else {
			$position++
			if ($spec.TakesCommand) { $plain = $true }
		}
	}

	$result = {
		param([string] $text, [string] $help, [string] $type)
		if ($text.StartsWith($wordToComplete, [System.StringComparison]::Ordinal)) {
			[System.Management.Automation.CompletionResult]::new($text, $text, $type, $(if ($help) { $help } else { $text }))
		}
	}

	# Asks the running daemon (never starts one): the parsed JSON, or nothing.
	$query = {
		param([string] $what)
		try {
			$out = & spool @daemon $what --json --no-autostart 2>$null
			if ($LASTEXITCODE -eq 0 -and $out) { ($out -join "${'`'}n") | ConvertFrom-Json }
		} catch {
		}
	}

	# Id and command of every object with an "id" and a string "command".
	$tasksIn = {
		param($value)
		if ($value -is [System.Management.Automation.PSCustomObject]) {
			$names = @($value.PSObject.Properties.Name)
			if ($names -contains 'id' -and $names -contains 'command' -and $value.command -is [string]) {
				[pscustomobject] @{ Id = "$($value.id)"; Command = $value.command }
			} else {
				foreach ($property in $value.PSObject.Properties) { & $tasksIn $property.Value }
			}
		} elseif ($value -is [System.Collections.IEnumerable] -and $value -isnot [string]) {
			foreach ($item in $value) { & $tasksIn $item }
		}
	}

	# What a flag's value or an argument is: words, ids, groups; files and directories are PowerShell's.
	$offer = {
		param([string] $kind, $words)
		switch ($kind) {
			'words' { foreach ($word in $words) { & $result $word $word 'ParameterValue' } }
			'ids' {
				# After a comma (--after 3,5) each id follows what is there.
				$prefix = if ($wordToComplete.Contains(',')) { $wordToComplete.Substring(0, $wordToComplete.LastIndexOf(',') + 1) } else { '' }
				foreach ($task in (& $tasksIn (& $query 'status'))) { & $result "$prefix$($task.Id)" $task.Command 'ParameterValue' }
			}
			'group' {
				# A list of groups, or an object holding one under "groups".
				$groups = @(& $query 'group')
				if ($groups.Count -eq 1 -and $groups[0] -is [System.Management.Automation.PSCustomObject] -and @($groups[0].PSObject.Properties.Name) -contains 'groups') { $groups = @($groups[0].groups) }
				foreach ($group in $groups) {
					if ($group.name -is [string]) { & $result $group.name $group.name 'ParameterValue' }
				}
			}
		}
	}

	if ($null -ne $pending) {
		& $offer $pending.Value $pending.Words
	} elseif (-not $plain -and $wordToComplete.StartsWith('-')) {
		foreach ($flag in $flags) {
			foreach ($name in $flag.Names) { & $result $name $flag.Help 'ParameterName' }
		}
	} elseif ($command -eq '') {
		foreach ($name in $commandNames) { & $result $name $commands[$name].Summary 'ParameterValue' }
	} else {
		# ($args is PowerShell's own.)
		$kinds = @($spec.Args)
		if ($position -lt $kinds.Count) {
			& $offer $kinds[$position] $spec.Words
		} elseif ($spec.Repeats -and $kinds.Count -gt 0) {
			& $offer $kinds[-1] $spec.Words
		}
	}`;

export function powershellScript(): string {
	const aliases = commandList.flatMap((command) => command.aliases.map((alias) => `\t$commands[${quote(alias)}] = $commands[${quote(command.name)}]\n`)).join('');
	return `# PowerShell completion for spool, generated by \`spool completions powershell\`.
# Install: spool completions powershell >> $PROFILE
#      or: spool completions powershell DIR, then in $PROFILE: . DIR/_spool.ps1

Register-ArgumentCompleter -Native -CommandName spool -ScriptBlock {
	param($wordToComplete, $commandAst, $cursorPosition)

	# Each flag: its names, help, what its value is ('' when it takes none) and its fixed words.
	$common = @(
${flagTables(commonFlagList, '\t\t')}	)

	# The common options that say which daemon to ask; passed on when asking it for ids and groups.
	$daemonFlags = ${list(daemonFlagList.map((flag) => `--${flag.long}`))}

	$commandNames = ${list(commandList.map((command) => command.name))}

	$commands = @{
${commandList.map((command) => commandTable(command)).join('')}	}
${aliases}
${engine}
}
`;
}
