// Runs a generated completion script in the real shell and returns what it
// offers for a command line (the words typed, the last one being completed):
// bash calls _spool with COMP_WORDS set; zsh runs an interactive shell in a
// zpty and presses Tab through a widget that records compadd's matches; fish
// asks `complete -C`; elvish calls the arg-completer with the editor's two
// functions stubbed (the edit: module exists only in an interactive shell);
// nushell answers `--ide-complete`; PowerShell `TabExpansion2`. Each returns "word" or "word<TAB>description".
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Whether the shell runs here (what a test that needs it says when it skips). */
export function hasShell(shell: string): boolean {
	return spawnSync(shell, shell === 'nu' ? ['--version'] : ['-c', 'exit 0'], {stdio: 'ignore'}).status === 0;
}

export type CompleteOptions = {env?: NodeJS.ProcessEnv};

/** PowerShell's executable. */
export const powershell = 'pwsh';

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

function run(command: string, args: string[], {env}: CompleteOptions, input?: string) {
	const result = spawnSync(command, args, {encoding: 'utf8', env: {...process.env, ...env}, timeout: 30_000, ...(input === undefined ? {} : {input})});
	if (result.error) throw result.error;
	return result;
}

function inTempDir<T>(use: (dir: string) => T): T {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-complete-'));
	try {
		return use(dir);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

const shellWord = (word: string) => `'${word.replaceAll("'", String.raw`'\''`)}'`;

export function completeInBash(script: string, words: string[], options: CompleteOptions = {}): {offered: string[]; stderr: string} {
	const program = `${script}
COMP_WORDS=(${words.map((word) => shellWord(word)).join(' ')})
COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
_spool
printf '%s\\n' "\${COMPREPLY[@]}"`;
	const result = run('bash', ['--norc', '--noprofile', '-c', program], options);
	return {offered: lines(result.stdout), stderr: result.stderr};
}

/** zsh's matches (without descriptions) for the line, typed into an interactive zsh. */
export function completeInZsh(script: string, line: string, options: CompleteOptions = {}): string[] {
	return inTempDir((dir) => {
		writeFileSync(path.join(dir, '_spool'), script);
		const out = path.join(dir, 'out');
		const driver = `zmodload zsh/zpty
zpty -b z zsh -f -i
zpty -w z ${shellWord(`PS1=''; fpath=(${dir} $fpath); autoload -U compinit; compinit -u -D`)}
zpty -w z ${shellWord(`comptest() { compadd() { local -a found; builtin compadd -O found "$@"; print -rl -- $found >> ${out}; builtin compadd "$@"; }; zle complete-word; unfunction compadd; print '<<done>>' >> ${out}; }; zle -N comptest; bindkey '^T' comptest; print '<<ready>>' > ${out}`)}
wait_for() { local i; for ((i = 0; i < 300; i++)); do grep -q "$1" ${out} 2>/dev/null && return; sleep 0.1; done; }
wait_for '<<ready>>'
: > ${out}
zpty -w -n z ${shellWord(line)}$'\\x14'
wait_for '<<done>>'
zpty -d z
cat ${out}`;
		const result = run('zsh', ['-f', '-c', driver], options);
		// _describe may add the same matches twice (with and without their descriptions).
		return [...new Set(lines(result.stdout).filter((word) => word !== '<<done>>'))];
	});
}

export function completeInFish(script: string, line: string, options: CompleteOptions = {}): string[] {
	return inTempDir((dir) => {
		const file = path.join(dir, 'spool.fish');
		writeFileSync(file, script);
		return lines(run('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', file, line], options).stdout);
	});
}

/** The editor's functions, stubbed: a candidate is its text and display; files are one "<files>". */
export const elvishEditStub = `var edit: = (ns [
	&complex-candidate~={|text &display=''| put [&text=$text &display=$display] }
	&complete-filename~={|@words| put [&text='<files>' &display=''] }
	&completion:=(ns [&arg-completer=[&]])
])
`;

const elvishCall = `
$edit:completion:arg-completer[spool] $@args | each {|c|
	if (eq (kind-of $c) string) { echo $c } else { echo $c[text]"\\t"$c[display] }
}
`;

export function completeInElvish(script: string, words: string[], options: CompleteOptions = {}): {offered: string[]; stderr: string} {
	return inTempDir((dir) => {
		const file = path.join(dir, 'spool.elv');
		writeFileSync(file, `${elvishEditStub}${script}${elvishCall}`);
		const result = run('elvish', ['-norc', file, ...words], options);
		return {offered: lines(result.stdout), stderr: result.stderr};
	});
}

/** Elvish filters candidates by what is typed; this does the same with what the completer offered. */
export const elvishOffers = (offered: string[], current: string) => offered.map((line) => line.split('\t')[0]!).filter((text) => text.startsWith(current));

export function completeInNushell(script: string, line: string, options: CompleteOptions = {}): string[] {
	return inTempDir((dir) => {
		writeFileSync(path.join(dir, 'spool.nu'), script);
		const file = path.join(dir, 'line.nu');
		const text = `source ${path.join(dir, 'spool.nu')}\n${line}`;
		writeFileSync(file, text);
		const result = run('nu', ['--no-config-file', '--ide-complete', String(Buffer.byteLength(text)), file], options);
		return (JSON.parse(result.stdout) as {completions: string[]}).completions;
	});
}

/** PowerShell's completion texts for the line, as TabExpansion2 (what Tab calls) finds them. */
export function completeInPowerShell(script: string, line: string, options: CompleteOptions = {}): {offered: string[]; stderr: string} {
	return inTempDir((dir) => {
		const file = path.join(dir, '_spool.ps1');
		writeFileSync(file, script);
		const command = `. '${file}'; (TabExpansion2 -inputScript '${line}' -cursorColumn ${line.length}).CompletionMatches | ForEach-Object { $_.CompletionText }`;
		const result = run(powershell, ['-NoProfile', '-NonInteractive', '-Command', command], options);
		return {offered: lines(result.stdout), stderr: result.stderr};
	});
}
