// The shared secret: the content of the secret file, trailing newline
// trimmed. The daemon creates it on first start (32 random bytes, hex) and
// refuses to use one that others can read.
import {randomBytes} from 'node:crypto';
import {chmodSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';

export const minSecretBytes = 32;

export class SecretError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SecretError';
	}
}

/** Creates the secret file if it does not exist. Returns true if it did. */
export function ensureSecretFile(file: string): boolean {
	mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
	try {
		// `wx`: never overwrite a secret another process just wrote.
		writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, {mode: 0o600, flag: 'wx'});
		chmodSync(file, 0o600); // the umask must not loosen it
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw new SecretError(`cannot create the secret file ${file}: ${(error as Error).message}`);
	}
}

/**
 * Reads the secret. With `strictMode` (the daemon, and workers), a file that
 * group or others may access is refused.
 */
export function readSecretFile(file: string, {strictMode = true} = {}): Buffer {
	let mode: number;
	let content: Buffer;
	try {
		mode = statSync(file).mode;
		content = readFileSync(file);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') {
			throw new SecretError(`the secret file ${file} does not exist: start the daemon once to create it, or copy the daemon's secret file there`);
		}

		throw new SecretError(`cannot read the secret file ${file}: ${(error as Error).message}`);
	}

	if (strictMode && (mode & 0o077) !== 0) {
		const octal = (mode & 0o777).toString(8).padStart(4, '0');
		throw new SecretError(`the secret file ${file} has mode ${octal}, so other users can read it; restrict it with \`chmod 600 ${file}\` and try again`);
	}

	let end = content.length;
	while (end > 0 && (content[end - 1] === 0x0a || content[end - 1] === 0x0d)) end--;
	const secret = content.subarray(0, end);
	if (secret.length < minSecretBytes) {
		throw new SecretError(`the secret in ${file} is ${secret.length} bytes; it must hold at least ${minSecretBytes} (delete the file and restart the daemon to get a new one)`);
	}

	return secret;
}
