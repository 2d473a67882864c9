import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {type CommandSpec, commandList, commonFlagList, type FlagSpec} from '../../source/commands/completion-specs.js';
import {completionShells} from '../../source/definitions/daemon-commands.js';
import {bashScript, completionScript, fishScript, zshScript} from '../../source/commands/completions.js';

const cliSource = readFileSync(new URL('../../source/cli.ts', import.meta.url), 'utf8');
/** Command names from cli.ts's table, read as text: importing cli.ts would run the CLI. */
const cliCommands = [...cliSource.matchAll(/^\t(\w+): async \(\) => import\('\.\/[\w/-]+\.js'\)/gm)].map((match) => match[1]!);

const hasShell = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

/** Runs the bash script's completion function on a command line and returns the offered words. */
function completeInBash(words: string[]): string[] {
	const script = `${bashScript()}
COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')})
COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
_spool
printf '%s\\n' "\${COMPREPLY[@]}"`;
	const result = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {encoding: 'utf8', env: {...process.env, PATH: '/usr/bin:/bin'}});
	expect(result.stderr).toBe('');
	return result.stdout.split('\n').filter((line) => line !== '');
}

/** -s and --long, as typed. */
const flagNames = (flags: readonly FlagSpec[]) => flags.flatMap((flag) => [...(flag.short ? [`-${flag.short}`] : []), `--${flag.long}`]);
const sorted = (words: Iterable<string>) => [...new Set(words)].sort();
/** Flags whose value is one of fixed words (the others complete files, directories, groups or nothing). */
const wordValued = (flags: readonly FlagSpec[]) => flags.filter((flag): flag is FlagSpec & {value: readonly string[]} => Array.isArray(flag.value));
const escapeRegExp = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
const commands = commandList.map((command) => [command.name, command] as [string, CommandSpec]);

/** The `name)` branch of the zsh script's per-command case, up to its `;;`. */
function zshBranch(script: string, name: string): string {
	const start = script.indexOf(`\t\t\t\t${name})\n`);
	expect(start, `zsh branch for ${name}`).toBeGreaterThan(-1);
	return script.slice(start, script.indexOf('\t\t\t\t\t;;\n', start));
}

/** The flag names in zsh _arguments specs: '(-g --group)--group[...]...'. */
const zshSpecNames = (text: string) => [...text.matchAll(/^\s*'(?:\([^)]*\))?(--?[\w-]+)\[/gm)].map((match) => match[1]!);

/** The flag names of fish `complete` lines: -s X and -l Y. */
const fishNames = (lines: string[]) =>
	lines.flatMap((line) => [...line.matchAll(/ -s (\w)\b/g)].map((match) => `-${match[1]!}`).concat([...line.matchAll(/ -l ([\w-]+)/g)].map((match) => `--${match[1]!}`)));

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
});

describe('spool completions', () => {
	it('writes a bash script that bash -n accepts', () => {
		const result = spawnSync('bash', ['-n'], {input: bashScript(), encoding: 'utf8'});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});

	it('completes command names, flags and fixed words in bash', () => {
		expect(completeInBash(['spool', 'st'])).toEqual(['status', 'start', 'stash']);
		expect(completeInBash(['spool', '--home', '/tmp', 'gr'])).toEqual(['group']);
		expect(completeInBash(['spool', 'completions', ''])).toEqual([...completionShells]);
		expect(completeInBash(['spool', 'kill', '-s', 'SIGK'])).toEqual(['SIGKILL']);
		expect(completeInBash(['spool', 'edit', '--pr'])).toEqual(['--priority']);
		expect(completeInBash(['spool', 'status', '--col'])).toEqual(['--color']);
		expect(completeInBash(['spool', 'status', 'order'])).toEqual(['order_by']);
	});

	describe.each(commands)('%s', (name, command) => {
		it('offers its own and the common flags in bash, with fixed values and words', () => {
			const expected = sorted([...flagNames(command.flags), ...flagNames(commonFlagList)]);
			expect(sorted(completeInBash(['spool', name, '-']))).toEqual(expected);
			expect(sorted(completeInBash(['spool', name, '--']))).toEqual(expected.filter((flag) => flag.startsWith('--')));
			// After a common flag and its value too.
			expect(sorted(completeInBash(['spool', '--home', '/tmp', name, '-']))).toEqual(expected);
			for (const flag of wordValued(command.flags)) {
				for (const typed of flagNames([flag])) expect(completeInBash(['spool', name, typed, '']), typed).toEqual(flag.value);
			}

			if (command.words) expect(completeInBash(['spool', name, ''])).toEqual(command.words);
		});

		it('offers its flags in zsh, with fixed values and words', () => {
			const branch = zshBranch(zshScript(), name);
			expect(branch).toContain('_arguments -s $common');
			expect(sorted(zshSpecNames(branch))).toEqual(sorted(flagNames(command.flags)));
			for (const flag of wordValued(command.flags)) {
				for (const typed of flagNames([flag])) expect(branch).toMatch(new RegExp(`'(\\([^)]*\\))?${escapeRegExp(typed)}\\[[^\\]]*\\]:value:\\(${escapeRegExp(flag.value.join(' '))}\\)'`));
			}

			if (command.words) expect(branch).toContain(`'1:argument:(${command.words.join(' ')})'`);
		});

		it('offers its flags in fish, with fixed values and words', () => {
			const lines = fishScript()
				.split('\n')
				.filter((line) => line.startsWith(`complete -c spool -n '__fish_seen_subcommand_from ${name}'`));
			const flagLines = lines.filter((line) => / -l /.test(line));
			expect(sorted(fishNames(flagLines))).toEqual(sorted(flagNames(command.flags)));
			for (const flag of wordValued(command.flags)) {
				expect(flagLines.find((line) => line.includes(` -l ${flag.long} `))).toContain(` -x -a '${flag.value.join(' ')}'`);
			}

			if (command.words) expect(lines).toContain(`complete -c spool -n '__fish_seen_subcommand_from ${name}' -a '${command.words.join(' ')}'`);
		});
	});

	it('offers the common flags in zsh and fish', () => {
		const zsh = zshScript();
		const common = zsh.slice(zsh.indexOf('\tcommon=(\n'), zsh.indexOf('\t)\n', zsh.indexOf('\tcommon=(\n')));
		expect(sorted(zshSpecNames(common))).toEqual(sorted(flagNames(commonFlagList)));
		const fishCommon = fishScript()
			.split('\n')
			.filter((line) => line.startsWith('complete -c spool ') && !line.includes(' -n '));
		expect(sorted(fishNames(fishCommon))).toEqual(sorted(flagNames(commonFlagList)));
	});

	it.each([
		['zsh', zshScript],
		['fish', fishScript],
	])('writes a %s script that mentions every command', (shell, make) => {
		const script = make();
		for (const {name} of commandList) expect(script).toMatch(new RegExp(`(^|[\\s'"])${name}([\\s:)'"]|$)`, 'm'));
		if (hasShell(shell)) {
			// From a file: fish 3.6 reading a script from a pipe under node says "Unable to read input file".
			const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'spool-completion-')), `spool.${shell}`);
			writeFileSync(file, script);
			const check = spawnSync(shell, shell === 'zsh' ? ['-n', file] : ['--no-execute', file], {encoding: 'utf8'});
			expect(check.status, check.stderr).toBe(0);
		}
	});

	it('quotes descriptions for zsh and fish (apostrophes, brackets)', () => {
		expect(zshScript()).toContain(String.raw`'--cert[With --connect\: the daemon'\''s certificate to trust]:file:_files'`);
		expect(fishScript()).toContain(String.raw`-d 'With --connect: the daemon\'s certificate to trust'`);
		expect(zshScript()).toContain('#compdef spool');
	});

	it('has one entry point for all three shells', () => {
		expect(completionScript('bash')).toBe(bashScript());
		expect(completionScript('zsh')).toBe(zshScript());
		expect(completionScript('fish')).toBe(fishScript());
	});
});
