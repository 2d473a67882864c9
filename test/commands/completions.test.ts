// The six completion scripts, from the definitions: what each offers (bash
// run for real; the others read as text), and that each shell installed here
// accepts its script. Against a real daemon (ids, groups): test/e2e/completions.test.ts.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {bashScript} from '../../source/commands/completion-scripts/bash.js';
import {elvishScript} from '../../source/commands/completion-scripts/elvish.js';
import {fishScript} from '../../source/commands/completion-scripts/fish.js';
import {nushellScript} from '../../source/commands/completion-scripts/nushell.js';
import {powershellScript} from '../../source/commands/completion-scripts/powershell.js';
import {zshScript} from '../../source/commands/completion-scripts/zsh.js';
import {type CommandSpec, commandList, commonFlagList, type FlagSpec} from '../../source/commands/completion-specs.js';
import {completionScript, scriptFileName} from '../../source/commands/completions.js';
import {completionShells} from '../../source/definitions/daemon-commands.js';
import {completeInBash, elvishEditStub, hasShell, powershell} from '../helpers/shell-completion.js';

const cliSource = readFileSync(new URL('../../source/cli.ts', import.meta.url), 'utf8');
/** Command names from cli.ts's table, read as text: importing cli.ts would run the CLI. */
const cliCommands = [...cliSource.matchAll(/^\t(\w+): async \(\) => import\('\.\/[\w/-]+\.js'\)/gm)].map((match) => match[1]!);

/** What bash offers with no spool on PATH (so nothing from a daemon). */
function bash(words: string[]): string[] {
	const {offered, stderr} = completeInBash(bashScript(), words, {env: {PATH: '/usr/bin:/bin'}});
	expect(stderr).toBe('');
	return offered;
}

/** -s and --long, as typed. */
const flagNames = (flags: readonly FlagSpec[]) => flags.flatMap((flag) => [...(flag.short ? [`-${flag.short}`] : []), `--${flag.long}`]);
const sorted = (words: Iterable<string>) => [...new Set(words)].sort();
/** Flags whose value is one of fixed words (the others complete files, directories, groups, ids or nothing). */
const wordValued = (flags: readonly FlagSpec[]) => flags.filter((flag): flag is FlagSpec & {value: readonly string[]} => Array.isArray(flag.value));
const escapeRegExp = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
const commands = commandList.map((command) => [command.name, command] as [string, CommandSpec]);
const names = (command: CommandSpec) => [command.name, ...command.aliases];

/** The `name|alias)` branch of the zsh script's per-command case, up to its `;;`. */
function zshBranch(script: string, command: CommandSpec): string {
	const start = script.indexOf(`\t\t\t\t${names(command).join('|')})\n`);
	expect(start, `zsh branch for ${command.name}`).toBeGreaterThan(-1);
	return script.slice(start, script.indexOf('\t\t\t\t\t;;\n', start));
}

/** The flag names in zsh _arguments specs: '(-g --group)--group[...]...'. */
const zshSpecNames = (text: string) => [...text.matchAll(/^\s*'(?:\([^)]*\))?(--?[\w-]+)\[/gm)].map((match) => match[1]!);

/** The flag names of fish `complete` lines: -s X and -l Y. */
const fishNames = (lines: string[]) =>
	lines.flatMap((line) => [...line.matchAll(/ -s (\w)\b/g)].map((match) => `-${match[1]!}`).concat([...line.matchAll(/ -l ([\w-]+)/g)].map((match) => `--${match[1]!}`)));

/** A block of a generated script from the line holding `start` to the next line holding `end`. */
function block(script: string, start: string, end: string): string {
	const from = script.indexOf(start);
	expect(from, start).toBeGreaterThan(-1);
	return script.slice(from, script.indexOf(end, from + start.length));
}

describe('command list', () => {
	it('names exactly the commands cli.ts can load (and help, which it answers itself)', () => {
		expect(cliCommands.length).toBeGreaterThanOrEqual(25);
		expect(
			commandList
				.map((command) => command.name)
				.filter((name) => name !== 'help')
				.sort(),
		).toEqual([...cliCommands].sort());
	});

	it('completes task ids where a command takes them, by position', () => {
		const args = Object.fromEntries(commandList.map((command) => [command.name, [command.args.join(' '), command.repeats]]));
		for (const name of ['kill', 'log', 'follow', 'restart', 'remove', 'edit', 'start', 'pause', 'stash', 'enqueue', 'switch', 'wait']) expect(args[name], name).toEqual(['ids', true]);
		for (const name of ['send']) expect(args[name], name).toEqual(['ids', false]);
		expect(args.env).toEqual(['words ids', false]);
		expect(args.completions).toEqual(['words dir', false]);
		expect(args.status).toEqual(['words', true]);
		expect(args.group).toEqual(['words', false]);
		expect(commandList.find((command) => command.name === 'add')!.flags.find((flag) => flag.long === 'after')!.value).toBe('ids');
	});
});

describe('bash', () => {
	it('writes a script that bash -n accepts', () => {
		const result = spawnSync('bash', ['-n'], {input: bashScript(), encoding: 'utf8'});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});

	it('completes command names, flags, fixed words and directories', () => {
		expect(bash(['spool', 'st'])).toEqual(['status', 'start', 'stash']);
		expect(bash(['spool', '--home', '/tmp', 'gr'])).toEqual(['group']);
		expect(bash(['spool', 'completions', ''])).toEqual([...completionShells]);
		expect(bash(['spool', 'completions', 'fish', '/us'])).toEqual(['/usr']);
		expect(bash(['spool', 'completions', 'fish', '/usr', ''])).toEqual([]);
		expect(bash(['spool', 'kill', '-s', 'SIGK'])).toEqual(['SIGKILL']);
		expect(bash(['spool', 'edit', '--pr'])).toEqual(['--priority']);
		expect(bash(['spool', 'status', '--col'])).toEqual(['--color']);
		expect(bash(['spool', 'status', 'order'])).toEqual(['order_by']);
		expect(bash(['spool', 'status', 'order_by', 'first', 'las'])).toEqual(['last']);
		expect(bash(['spool', 'env', ''])).toEqual(['show', 'set', 'unset']);
		expect(bash(['spool', 'group', ''])).toEqual(['add', 'remove']);
		expect(bash(['spool', 'group', 'add', ''])).toEqual([]);
	});

	it('completes aliases like their commands', () => {
		expect(bash(['spool', 'ls', 'label'])).toEqual(['label=', 'label!=', 'label%=']);
		expect(bash(['spool', 'st', '-'])).toEqual(bash(['spool', 'status', '-']));
		expect(bash(['spool', 'rm', '--'])).toEqual(bash(['spool', 'remove', '--']));
	});

	it("completes add's task command: a command name, then files, and no spool flags inside it", () => {
		expect(bash(['spool', 'add', 'bas'])).toContain('bash');
		expect(bash(['spool', 'add', '-g', 'x', '--', 'bas'])).toContain('bash');
		expect(bash(['spool', 'add', 'ls', '/us'])).toEqual(['/usr']);
		expect(bash(['spool', 'add', 'ls', '--gr'])).toEqual([]);
	});

	describe.each(commands)('%s', (name, command) => {
		it('offers its own and the common flags, with fixed values and words', () => {
			const expected = sorted([...flagNames(command.flags), ...flagNames(commonFlagList)]);
			for (const typed of names(command)) {
				expect(sorted(bash(['spool', typed, '-']))).toEqual(expected);
				expect(sorted(bash(['spool', typed, '--']))).toEqual(expected.filter((flag) => flag.startsWith('--')));
			}

			// After a common flag and its value too.
			expect(sorted(bash(['spool', '--home', '/tmp', name, '-']))).toEqual(expected);
			for (const flag of wordValued(command.flags)) {
				for (const typed of flagNames([flag])) expect(bash(['spool', name, typed, '']), typed).toEqual(flag.value);
			}

			if (command.words) expect(bash(['spool', name, ''])).toEqual(command.words);
		});
	});
});

describe('zsh', () => {
	it.each(commands)('offers the flags of %s, with fixed values, words and ids', (_name, command) => {
		const branch = zshBranch(zshScript(), command);
		expect(branch).toContain('_arguments -s $common');
		expect(sorted(zshSpecNames(branch))).toEqual(sorted(flagNames(command.flags)));
		for (const flag of wordValued(command.flags)) {
			for (const typed of flagNames([flag])) expect(branch).toMatch(new RegExp(`'(\\([^)]*\\))?${escapeRegExp(typed)}\\[[^\\]]*\\]:value:\\(${escapeRegExp(flag.value.join(' '))}\\)'`));
		}

		if (command.words) expect(branch).toMatch(new RegExp(`'[1*]:argument:\\(${escapeRegExp(command.words.join(' '))}\\)'`));
		if (command.args.includes('ids')) expect(branch).toMatch(/'[*\d]:task id:_spool_ids'/);
	});

	it('describes ids by their commands and completes --after as a comma list', () => {
		const zsh = zshScript();
		expect(zsh).toContain("_describe -t tasks 'task id' tasks");
		expect(zsh).toContain("'(-a --after)--after[Start only after these tasks succeeded (3,5 or 3-5)]:task ids:_sequence _spool_ids'");
		expect(zshBranch(zsh, commandList.find((command) => command.name === 'kill')!)).toContain("'*:task id:_spool_ids'");
		expect(zshBranch(zsh, commandList.find((command) => command.name === 'edit')!)).toContain("'*:task id:_spool_ids'");
		expect(zshBranch(zsh, commandList.find((command) => command.name === 'send')!)).toContain("'1:task id:_spool_ids'");
	});
});

describe('fish', () => {
	it.each(commands)('offers the flags of %s, with fixed values and words', (_name, command) => {
		const condition = `complete -c spool -n '__spool_using ${names(command).join(' ')}'`;
		const lines = fishScript()
			.split('\n')
			.filter((line) => line.startsWith(condition));
		expect(sorted(fishNames(lines))).toEqual(sorted(flagNames(command.flags)));
		for (const flag of wordValued(command.flags)) {
			expect(lines.find((line) => line.includes(` -l ${flag.long} `))).toContain(` -x -a '${flag.value.join(' ')}'`);
		}

		if (command.words) expect(fishScript()).toMatch(new RegExp(`-n '__spool_arg 1\\+? ${escapeRegExp(names(command).join(' '))}' -a '${escapeRegExp(command.words.join(' '))}'`));
	});

	it('offers ids with their commands as descriptions where a command takes them', () => {
		const fish = fishScript();
		expect(fish).toContain("complete -c spool -n '__spool_arg 1+ kill' -a '(__spool_tasks)'");
		expect(fish).toContain("complete -c spool -n '__spool_arg 1+ remove rm' -a '(__spool_tasks)'");
		expect(fish).toContain("complete -c spool -n '__spool_arg 1+ edit' -a '(__spool_tasks)'");
		expect(fish).toContain("complete -c spool -n '__spool_arg 2 env' -a '(__spool_tasks)'");
		expect(fish).toContain(" -l after -x -a '(__fish_complete_list , __spool_tasks)'");
	});
});

describe('common flags', () => {
	it('are offered in zsh and fish', () => {
		const zsh = zshScript();
		expect(sorted(zshSpecNames(block(zsh, '\tcommon=(\n', '\t)\n')))).toEqual(sorted(flagNames(commonFlagList)));
		const fishCommon = fishScript()
			.split('\n')
			.filter((line) => line.startsWith('complete -c spool ') && !line.includes(' -n '));
		expect(sorted(fishNames(fishCommon))).toEqual(sorted(flagNames(commonFlagList)));
	});
});

describe('elvish, powershell and nushell', () => {
	it.each(commands)('hold %s: its aliases, summary, flags with short forms and help, and fixed words', (name, command) => {
		const elvish = elvishScript();
		const elvishEntry = block(elvish, `\t&${name}=[\n`, '\n\t]\n');
		expect(elvishEntry).toContain(`&summary='${command.summary.replaceAll("'", "''")}'`);
		const psScript = powershellScript();
		const psEntry = block(psScript, `\t\t'${name}' = @{\n`, '\n\t\t}\n');
		expect(psEntry).toContain(`Summary = '${command.summary.replaceAll("'", "''")}'`);
		const nushell = nushellScript();
		for (const flag of command.flags) {
			const help = flag.summary.replaceAll("'", "''");
			const names = flagNames([flag]).map((typed) => `'${typed}'`);
			const words = Array.isArray(flag.value) ? (flag.value as readonly string[]) : [];
			expect(elvishEntry).toContain(`[&names=[${names.join(' ')}] &help='${help}'`);
			expect(elvishEntry.split('\n').find((line) => line.includes(`&names=[${names.join(' ')}]`))).toContain(`&words=[${words.map((word) => `'${word}'`).join(' ')}]`);
			expect(psEntry).toContain(`@{ Names = @(${names.join(', ')}); Help = '${help}'`);
			expect(psEntry.split('\n').find((line) => line.includes(`Names = @(${names.join(', ')})`))).toContain(`Words = @(${words.map((word) => `'${word}'`).join(', ')})`);
		}

		for (const typed of names(command)) {
			const extern = block(nushell, `\texport extern "spool ${typed}" [\n`, '\n\t]\n');
			for (const flag of [...command.flags, ...commonFlagList]) {
				expect(extern).toContain(`\t\t--${flag.long}${flag.short ? `(-${flag.short})` : ''}${flag.value ? ':' : '\t'}`);
				expect(extern).toMatch(new RegExp(`--${escapeRegExp(flag.long)}\\b.*\\t# ${escapeRegExp(flag.summary.replaceAll(/\s+/g, ' '))}$`, 'm'));
			}

			if (command.args.includes('ids')) expect(extern).toMatch(/\t\t(\.\.\.ids|id\??): string@"nu-complete spool tasks"/);
			if (typed !== name) {
				expect(elvish).toContain(`set commands[${typed}] = $commands[${name}]`);
				expect(psScript).toContain(`$commands['${typed}'] = $commands['${name}']`);
			}
		}

		if (command.words) {
			expect(elvishEntry).toContain(`&words=[${command.words.map((word) => `'${word}'`).join(' ')}]`);
			expect(psEntry).toContain(`Words = @(${command.words.map((word) => `'${word}'`).join(', ')})`);
		}
	});

	it('complete ids, groups and fixed words in nushell through completer commands', () => {
		const nushell = nushellScript();
		expect(nushell).toMatch(/def "nu-complete spool tasks" \[context: string\]/);
		expect(nushell).toMatch(/def "nu-complete spool groups" \[context: string\]/);
		const signal = /--signal\(-s\): string@"(nu-complete spool words \d+)"/.exec(nushell)![1]!;
		expect(nushell).toContain(`def "${signal}" [] {\n\t\t['SIGTERM' 'SIGKILL'`);
		expect(nushell).toContain('export use spool-completions *');
	});

	it('leave PowerShell no `using namespace`, which would have to come first in $PROFILE', () => {
		expect(powershellScript()).not.toMatch(/^\s*using /m);
		expect(powershellScript()).toContain('Register-ArgumentCompleter -Native -CommandName spool -ScriptBlock {');
	});
});

describe('each shell accepts its script', () => {
	/** The shell, how it checks a file without running it, and the script to check. */
	const checks: Array<[string, (file: string) => string[], () => string]> = [
		['zsh', (file) => ['-n', file], zshScript],
		['fish', (file) => ['--no-execute', file], fishScript],
		// The edit: module exists only in an interactive elvish: give it one to compile against.
		['elvish', (file) => ['-compileonly', file], () => `${elvishEditStub}${elvishScript()}`],
		[
			powershell,
			(file) => [
				'-NoProfile',
				'-NonInteractive',
				'-Command',
				`$e = $null; [void][System.Management.Automation.Language.Parser]::ParseFile('${file}', [ref]$null, [ref]$e); if ($e) { $e | ForEach-Object { [Console]::Error.WriteLine($_.ToString()) }; exit 1 }`,
			],
			powershellScript,
		],
		// Sourcing defines the module and its externs; nothing runs spool.
		['nu', (file) => ['--no-config-file', '--commands', `source '${file}'`], nushellScript],
	];

	for (const [shell, args, script] of checks) {
		const missing = !hasShell(shell);
		if (missing) console.log(`skipped: ${shell} is not installed here, so its own parser cannot check the script (the structural tests above still run)`);
		it.skipIf(missing)(shell, () => {
			const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-check-'));
			try {
				const file = path.join(dir, 'script');
				writeFileSync(file, script());
				const check = spawnSync(shell, args(file), {encoding: 'utf8'});
				expect(check.stderr).toBe('');
				expect(check.status).toBe(0);
			} finally {
				rmSync(dir, {recursive: true, force: true});
			}
		});
	}
});

describe('completionScript', () => {
	it('has one entry point and a file name for every shell', () => {
		expect(completionScript('bash')).toBe(bashScript());
		expect(completionScript('zsh')).toBe(zshScript());
		expect(completionScript('fish')).toBe(fishScript());
		expect(completionScript('elvish')).toBe(elvishScript());
		expect(completionScript('powershell')).toBe(powershellScript());
		expect(completionScript('nushell')).toBe(nushellScript());
		expect(completionShells.map((shell) => scriptFileName(shell))).toEqual(['spool', '_spool', 'spool.fish', 'spool.elv', '_spool.ps1', 'spool.nu']);
	});

	it('quotes descriptions for every shell (apostrophes, brackets)', () => {
		expect(zshScript()).toContain(String.raw`'--cert[With --connect\: the daemon'\''s certificate to trust]:file:_files'`);
		expect(fishScript()).toContain(String.raw`-d 'With --connect: the daemon\'s certificate to trust'`);
		expect(elvishScript()).toContain("&help='With --connect: the daemon''s certificate to trust'");
		expect(powershellScript()).toContain("Help = 'With --connect: the daemon''s certificate to trust'");
		expect(nushellScript()).toContain("--cert: path\t# With --connect: the daemon's certificate to trust");
		expect(zshScript()).toContain('#compdef spool');
	});
});
