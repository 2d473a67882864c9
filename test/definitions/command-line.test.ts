// The command lines the UI shows as "the same in a shell": written from the
// command definitions, quoted for a POSIX shell, and read back by a real
// shell and the CLI's own scanner as the same command, options and values.
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {findCommand} from '../../source/definitions/all-commands.js';
import {commandLine, shellQuote} from '../../source/definitions/command-line.js';
import {scanArgs} from '../../source/definitions/scan-args.js';
import {commonFlags} from '../../source/definitions/shared-flags.js';

const add = findCommand('add')!;

/** The words a real sh makes of `line` after "spool NAME". */
function shellWords(line: string): string[] {
	const output = execFileSync('sh', ['-c', `set -- ${line}; shift 2; printf '%s\\0' "$@"`], {encoding: 'utf8'});
	return output.split('\0').slice(0, -1);
}

const scan = (name: string, words: string[]) => {
	const definition = findCommand(name)!;
	return scanArgs(words, definition, [...definition.flags, ...commonFlags], {name, helpHint: ''});
};

describe('shellQuote', () => {
	it('leaves plain words alone and single-quotes the rest', () => {
		expect(shellQuote('make')).toBe('make');
		expect(shellQuote('/tmp/a-b_c.txt')).toBe('/tmp/a-b_c.txt');
		expect(shellQuote('')).toBe("''");
		expect(shellQuote('echo a; sleep 2')).toBe("'echo a; sleep 2'");
		expect(shellQuote("it's")).toBe("'it'\\''s'");
		expect(shellQuote('~/x')).toBe("'~/x'");
	});
});

describe('commandLine', () => {
	it('writes the options a command was given, in the order its definition lists them, short forms first', () => {
		expect(commandLine(add, {flags: {label: 'nightly', after: '3'}, command: 'echo a; sleep 2'})).toBe("spool add -a 3 -l nightly -- 'echo a; sleep 2'");
		expect(commandLine(add, {flags: {group: 'gpu', priority: -1, delay: '10m', stashed: true, immediate: false}, command: 'make test'})).toBe('spool add -g gpu -o -1 -d 10m -s -- make test');
		expect(commandLine(findCommand('parallel')!, {args: [4], flags: {group: 'gpu'}})).toBe('spool parallel 4 -g gpu');
		expect(commandLine(findCommand('edit')!, {args: [3], flags: {label: '', command: 'make  test'}})).toBe("spool edit 3 --label '' --command 'make  test'");
		expect(commandLine(findCommand('send')!, {args: [3, 'yes please'], flags: {newline: false}})).toBe("spool send 3 'yes please' --no-newline");
		expect(commandLine(findCommand('clean')!, {flags: {group: ['a', 'b c'], 'successful-only': true}})).toBe("spool clean -s -g a -g 'b c'");
	});

	it('puts the connection options first, from the common definitions', () => {
		expect(commandLine(findCommand('kill')!, {args: ['3']}, {home: '/tmp/my home'})).toBe("spool --home '/tmp/my home' kill 3");
	});

	it('refuses an option the definition does not have', () => {
		expect(() => commandLine(add, {flags: {bogus: true}, command: 'x'})).toThrow(/bogus/);
	});

	const cases: Array<[string, Parameters<typeof commandLine>[1]]> = [
		['add', {flags: {label: 'night build', after: '3,5', priority: 7, group: 'g-1'}, command: 'echo a; sleep 2'}],
		['add', {flags: {label: '-x', cwd: '/tmp/a b'}, command: 'printf \'%s\\n\' "$HOME" `date` *'}],
		['add', {command: '-weird  spacing\tand tab'}],
		['add', {command: 'ls -la'}],
		['edit', {args: [4], flags: {label: "it's", after: '', command: 'make -j4'}}],
		['send', {args: [3, '--', '-n'], flags: {newline: false}}],
		['kill', {args: ['3-5'], flags: {signal: 'INT'}}],
		['restart', {args: [5], flags: {'in-place': true, stashed: true}}],
	];

	it.each(cases)('%s %j: a shell and the CLI read back what was meant', (name, parts) => {
		const line = commandLine(findCommand(name)!, parts);
		const scanned = scan(name, shellWords(line));
		for (const [long, value] of Object.entries(parts.flags ?? {})) {
			const key = long.replaceAll(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
			const flag = findCommand(name)!.flags.find((item) => item.long === long)!;
			expect(scanned.values[key]).toEqual(flag.multiple ? [String(value)] : value);
		}

		// The CLI joins a command's words with spaces: what it stores is exactly the command given.
		if (parts.command !== undefined) expect(scanned.command.join(' ')).toBe(parts.command);
		expect(scanned.positionals).toEqual((parts.args ?? []).map(String));
	});
});
