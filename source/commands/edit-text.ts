// Opens $VISUAL / $EDITOR on a text and returns what the user saved.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {CommandError, exitCodes, usageError} from './exit-codes.js';

export function editText(text: string, name = 'spool-edit.txt'): string {
	if (!process.env.VISUAL && !process.env.EDITOR && !(process.stdin.isTTY && process.stdout.isTTY)) {
		throw usageError('no terminal for an editor and no $VISUAL or $EDITOR set: give the changes as flags (spool edit <id> --command …), or set EDITOR');
	}

	const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-edit-'));
	const file = path.join(dir, name);
	try {
		writeFileSync(file, text, {mode: 0o600});
		const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
		// Through the shell, so EDITOR="code --wait" works as it does for git.
		const result = spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', file], {stdio: 'inherit'});
		if (result.error || result.status !== 0) {
			throw new CommandError(`the editor (${editor}) failed${result.status === null ? '' : ` with exit code ${result.status}`}; nothing changed`, exitCodes.failed);
		}

		return readFileSync(file, 'utf8');
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}
