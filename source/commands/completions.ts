// `spool completions SHELL [DIR]`: a completion script generated from the
// command definitions (source/commands/completion-scripts/, one file per
// shell), printed, or written into DIR under the name that shell looks for.
// Task ids and group names complete from the running daemon
// (`--no-autostart`), so pressing Tab never starts one.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {completionShells, completionsCommand} from '../definitions/daemon-commands.js';
import {bashScript} from './completion-scripts/bash.js';
import {elvishScript} from './completion-scripts/elvish.js';
import {fishScript} from './completion-scripts/fish.js';
import {nushellScript} from './completion-scripts/nushell.js';
import {powershellScript} from './completion-scripts/powershell.js';
import {zshScript} from './completion-scripts/zsh.js';
import {CommandError, exitCodes, usageError} from './exit-codes.js';
import {parseCommand} from './parse.js';

export type Shell = (typeof completionShells)[number];

const scripts: Record<Shell, {file: string; script: () => string}> = {
	bash: {file: 'spool', script: bashScript},
	// fpath holds functions by name: _spool defines _spool.
	zsh: {file: '_spool', script: zshScript},
	fish: {file: 'spool.fish', script: fishScript},
	// A module in ~/.config/elvish/lib, loaded by `use spool`.
	elvish: {file: 'spool.elv', script: elvishScript},
	// Dot-sourced from $PROFILE; clap_complete names it the same way.
	powershell: {file: '_spool.ps1', script: powershellScript},
	nushell: {file: 'spool.nu', script: nushellScript},
};

/** The file name the shell looks for the script under. */
export const scriptFileName = (shell: Shell): string => scripts[shell].file;

export const completionScript = (shell: Shell): string => scripts[shell].script();

const isShell = (word: string): word is Shell => (completionShells as readonly string[]).includes(word);

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, completionsCommand);
	const [shell, dir, ...extra] = parsed.input;
	const usage = `spool completions ${completionShells.join('|')} [DIR]`;
	if (shell === undefined) throw usageError(`say which shell: ${usage}`);
	if (!isShell(shell)) throw usageError(`unknown shell ${JSON.stringify(shell)}: ${usage}`);
	if (extra.length > 0) throw usageError(`one directory at most: ${usage}`);
	if (dir === undefined) {
		process.stdout.write(completionScript(shell));
		return exitCodes.ok;
	}

	const file = path.join(dir, scriptFileName(shell));
	try {
		writeFileSync(file, completionScript(shell));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		// Only the file is made: a directory that is not there is the user's to create.
		if (code === 'ENOENT') throw usageError(`no directory ${JSON.stringify(dir)}: create it first, or leave DIR out to print the script`);
		if (code === 'ENOTDIR') throw usageError(`${JSON.stringify(dir)} is not a directory`);
		throw new CommandError(`cannot write ${file}: ${(error as Error).message}`);
	}

	process.stdout.write(`Wrote the ${shell} completions to ${file}\n`);
	return exitCodes.ok;
}
