import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {commandList} from '../../source/commands/command-list.js';
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

describe('command list', () => {
	it('names exactly the commands of cli.ts, in the same order', () => {
		expect(cliCommands.length).toBeGreaterThanOrEqual(25);
		expect(commandList.map((command) => command.name)).toEqual(cliCommands);
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
		expect(completeInBash(['spool', 'completions', ''])).toEqual(['bash', 'zsh', 'fish']);
		expect(completeInBash(['spool', 'kill', '-s', 'SIGK'])).toEqual(['SIGKILL']);
		expect(completeInBash(['spool', 'edit', '--pr'])).toEqual(['--priority']);
		expect(completeInBash(['spool', 'status', '--col'])).toEqual(['--color']);
		expect(completeInBash(['spool', 'status', 'order'])).toEqual(['order_by']);
	});

	it.each([
		['zsh', zshScript],
		['fish', fishScript],
	])('writes a %s script that mentions every command', (shell, make) => {
		const script = make();
		for (const {name} of commandList) expect(script).toMatch(new RegExp(`(^|[\\s'"])${name}([\\s:)'"]|$)`, 'm'));
		if (hasShell(shell)) {
			const check = spawnSync(shell, shell === 'zsh' ? ['-n'] : ['--no-execute'], {input: script, encoding: 'utf8'});
			expect(check.status, check.stderr).toBe(0);
		}
	});

	it('quotes descriptions for zsh and fish (apostrophes, brackets)', () => {
		expect(zshScript()).toContain(String.raw`'--cert[The daemon'\''s certificate to trust]:file:_files'`);
		expect(fishScript()).toContain(String.raw`-d 'The daemon\'s certificate to trust'`);
		expect(zshScript()).toContain('#compdef spool');
	});

	it('has one entry point for all three shells', () => {
		expect(completionScript('bash')).toBe(bashScript());
		expect(completionScript('zsh')).toBe(zshScript());
		expect(completionScript('fish')).toBe(fishScript());
	});
});
