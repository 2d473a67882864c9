// `spool completions` through the real bin/spool.js: the scripts, run in
// each shell installed here against a real daemon with two tasks and a second
// group, complete task ids (with their commands as descriptions), group names
// and aliases; with DIR the script lands in the file the shell looks for.
import {chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {sharedHomePerFile} from '../helpers/e2e-homes.js';
import {completeInBash, completeInElvish, completeInFish, completeInNushell, completeInPowerShell, completeInZsh, elvishOffers, hasShell, powershell} from '../helpers/shell-completion.js';
import {runSpool, spoolBin} from '../helpers/spool-bin.js';
import {allCommands} from '../../source/definitions/all-commands.js';
import {commonFlags as declaredCommonFlags} from '../../source/definitions/shared-flags.js';
import type {FlagDef} from '../../source/definitions/types.js';

const commonFlags: readonly FlagDef[] = declaredCommonFlags;
import {makeTempHome} from '../helpers/temp-home.js';

const shared = sharedHomePerFile();
const scripts: Record<string, string> = {};
/** PATH with a `spool` that runs this checkout, and SPOOL_HOME the shared home. */
let env: NodeJS.ProcessEnv = {};

const ok = async (...args: string[]) => {
	const result = await shared.spool(...args);
	expect(result.code, result.stderr).toBe(0);
	return result.stdout;
};

beforeAll(async () => {
	const bin = path.join(shared.home(), 'bin');
	mkdirSync(bin);
	writeFileSync(path.join(bin, 'spool'), `#!/bin/sh\nexec '${process.execPath}' '${spoolBin}' "$@"\n`);
	chmodSync(path.join(bin, 'spool'), 0o755);
	env = {PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, SPOOL_HOME: shared.home()};
	await ok('add', '--', 'sleep', '600');
	await ok('add', '--', 'echo "hi there"');
	await ok('group', 'add', 'gpu');
	for (const shell of ['bash', 'zsh', 'fish', 'elvish', 'powershell', 'nushell']) scripts[shell] = await ok('completions', shell);
});

const ids = ['1', '2'];
const described = ['1\tsleep 600', '2\techo "hi there"'];
const groups = ['default', 'gpu'];
/** Every command (and alias) whose arguments are task ids. */
const idCommands = ['kill', 'log', 'follow', 'restart', 'remove', 'rm', 'edit', 'send', 'start', 'pause', 'stash', 'enqueue', 'switch', 'wait'];

function bash(words: string[], extra: NodeJS.ProcessEnv = {}): string[] {
	const {offered, stderr} = completeInBash(scripts.bash!, words, {env: {...env, ...extra}});
	expect(stderr).toBe('');
	return offered;
}

/** A shell that is not installed skips its test and says so. */
function whenInstalled(shell: string): boolean {
	const missing = !hasShell(shell);
	if (missing) console.log(`skipped: ${shell} is not installed here, so its completion script is not run against the daemon (its structure is tested in test/commands/completions.test.ts)`);
	return missing;
}

describe('one definition per command: --help and the completions name the same options', () => {
	it.each(allCommands.filter((command) => command.name !== 'help').map((command) => [command.name, command] as const))('%s', async (name, command) => {
		const help = await ok(name, '--help');
		const offered = new Set(bash(['spool', name, '--']));
		for (const flag of command.flags) {
			expect(help, `${name} --help names --${flag.long}`).toContain(`--${flag.negated ? 'no-' : ''}${flag.long}`);
			if (flag.short) expect(help, `${name} --help names -${flag.short}`).toMatch(new RegExp(`-${flag.short}\\b`));
			if (!flag.cliOnly) expect(offered.has(`--${flag.negated ? 'no-' : ''}${flag.long}`), `bash offers --${flag.long} after ${name}`).toBe(true);
		}

		for (const flag of commonFlags.filter((item) => !item.cliOnly && item.long !== 'help')) {
			const word = `--${flag.negated ? 'no-' : ''}${flag.long}`;
			expect(offered.has(word), `bash offers ${word} after ${name}`).toBe(true);
		}

		const known = new Set([...command.flags, ...commonFlags].map((flag) => `--${flag.negated ? 'no-' : ''}${flag.long}`));
		for (const word of offered) expect(known.has(word) || word === '--help' || word === '--', `${name}: bash offers ${word}, which the definition does not have`).toBe(true);
	});
});

describe('bash, against a running daemon', () => {
	it.each(idCommands)('completes task ids after %s', (command) => {
		expect(bash(['spool', command, ''])).toEqual(ids);
	});

	it('completes ids after a comma, the second id of switch, env set <id>, every id of edit, and nothing past send <id>', () => {
		expect(bash(['spool', 'add', '--after', '1,'])).toEqual(['1,1', '1,2']);
		expect(bash(['spool', 'add', '-a', ''])).toEqual(ids);
		expect(bash(['spool', 'switch', '1', ''])).toEqual(ids);
		expect(bash(['spool', 'env', 'set', ''])).toEqual(ids);
		expect(bash(['spool', 'edit', '1', ''])).toEqual(ids);
		expect(bash(['spool', 'send', '1', ''])).toEqual([]);
		expect(bash(['spool', 'kill', '-s', 'SIGTERM', '1', ''])).toEqual(ids);
	});

	it('completes group names after -g, for aliases too', () => {
		expect(bash(['spool', 'kill', '-g', ''])).toEqual(groups);
		expect(bash(['spool', 'ls', '-g', 'g'])).toEqual(['gpu']);
		expect(bash(['spool', 'st', '--group', ''])).toEqual(groups);
		expect(bash(['spool', 'add', '-g', ''])).toEqual(groups);
	});

	it('asks the daemon the line names with --home, and starts none where none runs', async () => {
		const empty = makeTempHome();
		try {
			expect(bash(['spool', '--home', shared.home(), 'kill', ''], {SPOOL_HOME: empty.home})).toEqual(ids);
			expect(bash(['spool', 'kill', '--home', shared.home(), ''], {SPOOL_HOME: empty.home})).toEqual(ids);
			expect(bash(['spool', 'kill', ''], {SPOOL_HOME: empty.home})).toEqual([]);
			expect(bash(['spool', 'kill', '-g', ''], {SPOOL_HOME: empty.home})).toEqual([]);
			const ping = await runSpool(['ping', '--no-autostart', '--home', empty.home]);
			expect(ping.code).toBe(3);
		} finally {
			empty.cleanup();
		}
	});
});

describe('the other shells, against a running daemon', () => {
	it.skipIf(whenInstalled('zsh'))('zsh completes ids, groups and aliases', () => {
		expect(completeInZsh(scripts.zsh!, 'spool kill ', {env})).toEqual(ids);
		expect(completeInZsh(scripts.zsh!, 'spool rm ', {env})).toEqual(ids);
		expect(completeInZsh(scripts.zsh!, 'spool edit ', {env})).toEqual(ids);
		expect(completeInZsh(scripts.zsh!, 'spool add --after 1,', {env})).toEqual(ids);
		expect(completeInZsh(scripts.zsh!, 'spool ls -g ', {env})).toEqual(groups);
	});

	it.skipIf(whenInstalled('fish'))('fish completes ids with their commands, groups and aliases', () => {
		expect(completeInFish(scripts.fish!, 'spool kill ', {env})).toEqual(described);
		expect(completeInFish(scripts.fish!, 'spool rm ', {env})).toEqual(described);
		expect(completeInFish(scripts.fish!, 'spool env set ', {env})).toEqual(described);
		expect(completeInFish(scripts.fish!, 'spool add --after 1,', {env})).toEqual(described.map((line) => `1,${line}`));
		expect(completeInFish(scripts.fish!, 'spool ls -g ', {env}).map((line) => line.split('\t')[0])).toEqual(groups);
		expect(completeInFish(scripts.fish!, 'spool edit 1 ', {env})).toEqual([]);
	});

	it.skipIf(whenInstalled('elvish'))('elvish completes ids with their commands, groups, aliases and flags', () => {
		const elvish = (...words: string[]) => {
			const {offered, stderr} = completeInElvish(scripts.elvish!, ['spool', ...words], {env});
			expect(stderr).toBe('');
			return offered;
		};

		expect(elvish('kill', '')).toEqual(['1\t1  sleep 600', '2\t2  echo "hi there"']);
		expect(elvishOffers(elvish('rm', ''), '')).toEqual(ids);
		expect(elvishOffers(elvish('add', '--after', '1,'), '1,')).toEqual(['1,1', '1,2']);
		expect(elvish('ls', '-g', '')).toEqual(groups);
		expect(elvishOffers(elvish('kill', '-s', 'SIGK'), 'SIGK')).toEqual(['SIGKILL']);
		expect(elvishOffers(elvish('kill', '--si'), '--si')).toEqual(['--signal']);
		expect(elvishOffers(elvish('ki'), 'ki')).toEqual(['kill']);
		expect(elvish('completions', 'bash', '/u')).toEqual(['<files>\t']);
	});

	it.skipIf(whenInstalled('nu'))('nushell completes ids, groups and aliases', () => {
		expect(completeInNushell(scripts.nushell!, 'spool kill ', {env})).toEqual(ids);
		expect(completeInNushell(scripts.nushell!, 'spool rm ', {env})).toEqual(ids);
		expect(completeInNushell(scripts.nushell!, 'spool ls -g ', {env})).toEqual(groups);
		expect(completeInNushell(scripts.nushell!, 'spool kill -s SIGK', {env})).toEqual(['SIGKILL']);
		expect(completeInNushell(scripts.nushell!, 'spool completions ', {env})).toEqual(['bash', 'elvish', 'fish', 'nushell', 'powershell', 'zsh']);
	});

	it.skipIf(whenInstalled(powershell))('PowerShell completes ids, groups and aliases (TabExpansion2)', () => {
		const complete = (line: string) => {
			const {offered, stderr} = completeInPowerShell(scripts.powershell!, line, {env});
			expect(stderr).toBe('');
			return offered;
		};

		expect(complete('spool kill ')).toEqual(ids);
		expect(complete('spool rm ')).toEqual(ids);
		expect(complete('spool ls -g ')).toEqual(groups);
		expect(complete('spool kill -s SIGK')).toEqual(['SIGKILL']);
	});
});

describe('spool completions SHELL DIR', () => {
	it('writes the script into DIR under the name the shell looks for, and nothing else', async () => {
		const files: Record<string, string> = {bash: 'spool', zsh: '_spool', fish: 'spool.fish', elvish: 'spool.elv', powershell: '_spool.ps1', nushell: 'spool.nu'};
		for (const [shell, name] of Object.entries(files)) {
			const dir = path.join(shared.home(), `completions-${shell}`);
			mkdirSync(dir);
			const result = await runSpool(['completions', shell, dir]);
			expect(result.stderr).toBe('');
			expect(result.code).toBe(0);
			expect(result.stdout).toBe(`Wrote the ${shell} completions to ${path.join(dir, name)}\n`);
			expect(readdirSync(dir)).toEqual([name]);
			expect(readFileSync(path.join(dir, name), 'utf8')).toBe(scripts[shell]);
		}
	});

	it('refuses a directory that is not there (exit 2), and creates nothing', async () => {
		const missing = path.join(shared.home(), 'no', 'such', 'dir');
		const result = await runSpool(['completions', 'bash', missing]);
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain(`no directory "${missing}": create it first`);
		expect(existsSync(path.join(shared.home(), 'no'))).toBe(false);
		const nonexistent = await runSpool(['completions', 'bash', '/nonexistent']);
		expect(nonexistent.code).toBe(2);
		expect(nonexistent.stderr).toContain('no directory "/nonexistent"');
	});

	it('names the shells when the shell is unknown or missing (exit 2)', async () => {
		for (const args of [['completions', 'tcsh'], ['completions']]) {
			const result = await runSpool(args);
			expect(result.code).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toContain('spool completions bash|zsh|fish|elvish|powershell|nushell [DIR]');
		}

		expect((await runSpool(['completions', 'tcsh'])).stderr).toContain('unknown shell "tcsh"');
	});
});
